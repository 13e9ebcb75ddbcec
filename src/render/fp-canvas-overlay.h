/* fp-canvas-overlay.h: what a view draws over a chart while it is used
 *
 * The keyboard focus ring of a handle and the value shown beside a handle
 * while it is dragged or changed from the keyboard. Shared by the funnel and
 * the timeline views, and free of GTK like the rest of render/.
 */
#pragma once

#include <cairo.h>

#include "fp-funnel-layout.h"
#include "fp-theme.h"

G_BEGIN_DECLS

/* A ring around @rect, @radius its corner radius (half the size makes a
 * circle). */
void fp_canvas_draw_focus_ring (cairo_t       *cr,
                                const FpTheme *theme,
                                const FpRect  *rect,
                                double         radius,
                                double         scale);

typedef enum
{
  FP_BUBBLE_ABOVE,  /* centred above, else below */
  FP_BUBBLE_START,  /* to the left, centred on it, else to the right, else above */
} FpBubblePlacement;

/* A tooltip-like bubble saying @text beside @anchor (the knob or grip), on
 * a @width x @height canvas, never left of @min_x with FP_BUBBLE_START.
 * Returns where it went. */
FpRect fp_canvas_draw_value_bubble (cairo_t           *cr,
                                    const FpTheme     *theme,
                                    const char        *text,
                                    const FpRect      *anchor,
                                    FpBubblePlacement  placement,
                                    double             min_x,
                                    double             width,
                                    double             height,
                                    double             scale);

G_END_DECLS
