/* fp-chart-size.c: the unit every chart is sized by */
#include "config.h"

#include <math.h>

#include "fp-chart-size.h"

void
_fp_chart_size (double  width,
                double  height,
                double *scale,
                double *padding)
{
  double s = CLAMP (MIN (width / 1280.0, height / 720.0), 0.5, 3.0);

  if (scale != NULL)
    *scale = s;
  /* A small canvas keeps most of itself for the chart */
  if (padding != NULL)
    *padding = round (MIN (MAX (8, 24 * s), MIN (width, height) / 8));
}
