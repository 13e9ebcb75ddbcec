/* fp-funnel-view-private.h: what the tests drive of FpFunnelView
 *
 * The gesture and key handlers call these, so a test that calls them runs
 * the same code as a person dragging or typing. Coordinates are the
 * widget's.
 */
#pragma once

#include "fp-canvas-handle.h"
#include "fp-funnel-layout.h"
#include "fp-funnel-view.h"

G_BEGIN_DECLS

/* Returns TRUE when (@x, @y) grabbed a handle. */
gboolean              _fp_funnel_view_drag_begin  (FpFunnelView       *self,
                                                   double              x,
                                                   double              y);
/* The pointer is now at (@x, @y); Shift in @state for fine steps. */
void                  _fp_funnel_view_drag_update (FpFunnelView       *self,
                                                   double              x,
                                                   double              y,
                                                   GdkModifierType     state);
void                  _fp_funnel_view_drag_end    (FpFunnelView       *self);
/* Escape during a drag: ends it and restores the value of the press. */
void                  _fp_funnel_view_drag_cancel (FpFunnelView       *self);
/* One key on @handle: @direction -1 or +1; a conversion moves by 1%, 0.1%
 * with Shift, 10% a page, a duration as fp_canvas_handle_step_days() says
 * on the days' track in view */
gboolean              _fp_funnel_view_step        (FpFunnelView       *self,
                                                   FpCanvasHandle     *handle,
                                                   int                 direction,
                                                   FpKeyStep           size);
/* The layout as drawn now, NULL before the first allocation. */
const FpFunnelLayout *_fp_funnel_view_get_layout  (FpFunnelView       *self);
GtkWidget            *_fp_funnel_view_get_handle  (FpFunnelView       *self,
                                                   FpCanvasHandleKind  kind,
                                                   guint               stage);
/* What the pointer's tooltip at (@x, @y) says, NULL for none */
char                 *_fp_funnel_view_get_tooltip (FpFunnelView       *self,
                                                   double              x,
                                                   double              y);

G_END_DECLS
