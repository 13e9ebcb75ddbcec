/* fp-timeline-view-private.h: what the tests drive of FpTimelineView
 *
 * The gesture and key handlers call these, so a test runs the same code as a
 * person. Coordinates are the widget's.
 */
#pragma once

#include "fp-canvas-handle.h"
#include "fp-timeline-layout.h"
#include "fp-timeline-view.h"

G_BEGIN_DECLS

gboolean                _fp_timeline_view_drag_begin  (FpTimelineView *self,
                                                       double          x,
                                                       double          y);
void                    _fp_timeline_view_drag_update (FpTimelineView *self,
                                                       double          x,
                                                       double          y);
void                    _fp_timeline_view_drag_end    (FpTimelineView *self);
/* Escape during a drag: ends it and restores the duration of the press. */
void     _fp_timeline_view_drag_cancel (FpTimelineView *self);
/* One arrow key on @handle: @days to add to the duration. */
gboolean                _fp_timeline_view_step        (FpTimelineView *self,
                                                       FpCanvasHandle *handle,
                                                       double          days);
/* An arrow, Page, Home or End key on @handle: _fp_timeline_view_step() by
 * the days fp_canvas_handle_step_days() means on the axis in view. */
gboolean _fp_timeline_view_step_key (FpTimelineView *self,
                                     FpCanvasHandle *handle,
                                     int             direction,
                                     FpKeyStep       size);
/* A key on the months' handle: a month, a window's worth, or all the way;
 * @direction +1 for later months. FALSE when the months do not scroll. */
gboolean _fp_timeline_view_step_months (FpTimelineView *self,
                                        int             direction,
                                        FpKeyStep       size);
/* What the pointer at @x, @y (widget coordinates) shows: a grid cell's
 * count, why a bar is marked; NULL for nothing */
char *_fp_timeline_view_get_tooltip (FpTimelineView *self,
                                     double          x,
                                     double          y);
const FpTimelineLayout *_fp_timeline_view_get_layout  (FpTimelineView *self);
GtkWidget              *_fp_timeline_view_get_handle  (FpTimelineView *self,
                                                       guint           stage);
/* The handle over a scrolled grid's months */
GtkWidget              *_fp_timeline_view_get_months_handle (FpTimelineView *self);
/* Where the axis's labels, the months' names and a scrolled grid's bar
 * are drawn again, kept in sight at the edges of the viewport; -1 where
 * they show in their place */
void                    _fp_timeline_view_get_kept_guides (FpTimelineView *self,
                                                           double         *axis_y,
                                                           double         *header_y,
                                                           double         *bar_y);

G_END_DECLS
