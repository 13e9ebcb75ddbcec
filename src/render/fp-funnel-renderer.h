/* fp-funnel-renderer.h: draws an FpFunnelLayout with cairo */
#pragma once

#include <cairo.h>

#include "fp-funnel-layout.h"
#include "fp-theme.h"

G_BEGIN_DECLS

typedef enum
{
  FP_RENDER_NONE            = 0,
  /* Shapes only: SVG export writes the text as real <text> itself. */
  FP_RENDER_SKIP_TEXT       = 1 << 0,
  /* Leave the background to the caller (a widget whose CSS paints it). */
  FP_RENDER_SKIP_BACKGROUND = 1 << 1,
} FpRenderFlags;

void fp_funnel_render (cairo_t              *cr,
                       const FpFunnelLayout *layout,
                       const FpTheme        *theme,
                       FpRenderFlags         flags,
                       FpHit                 hover);

G_END_DECLS
