/* fp-chart-size.h: the unit every chart is sized by
 *
 * The funnel and the timeline read the same on a laptop and a 4K
 * projector, and alike: their text, gaps and margin grow with one scale,
 * 1 at 1280x720. An export asks it too, to fit what it adds under a chart
 * to the chart's margin and text.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* For a chart @width x @height: its @scale (0.5 to 3) and the @padding
 * round its content, in pixels */
void _fp_chart_size (double  width,
                     double  height,
                     double *scale,
                     double *padding);

G_END_DECLS
