/* fp-timeline-renderer.h: draws an FpTimelineLayout with cairo */
#pragma once

#include <cairo.h>

#include "fp-funnel-renderer.h"
#include "fp-timeline-layout.h"
#include "fp-theme.h"

G_BEGIN_DECLS

/* @hover: a handle, bar or scroll bar from fp_timeline_layout_hit_test();
 * @active: the stage whose handle is being dragged or has the keyboard
 * focus, drawn raised, or -1. */
void fp_timeline_render (cairo_t                *cr,
                         const FpTimelineLayout *layout,
                         const FpTheme          *theme,
                         FpRenderFlags           flags,
                         FpHit                   hover,
                         int                     active);

G_END_DECLS
