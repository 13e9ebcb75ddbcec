/* fp-funnel-layout-private.h: what the renderer reads beyond the public API */
#pragma once

#include "fp-funnel-layout.h"

G_BEGIN_DECLS

struct _FpFunnelLayout
{
  double width;
  double height;
  double scale;
  double handle_radius;
  double track_thickness;
  double corner_radius;
  double rule_y;        /* a hairline under the header, NAN when none */
  GArray *stages;       /* FpFunnelStageLayout */
  GArray *texts;        /* FpTextItem */
};

G_END_DECLS
