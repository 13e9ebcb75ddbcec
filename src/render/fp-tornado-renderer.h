/* fp-tornado-renderer.h: the sensitivity ("tornado") chart with cairo
 *
 * One bar per stage, longest first, from a zero axis: right for an effect
 * that helps, left for one that hurts.
 */
#pragma once

#include <cairo.h>
#include <pango/pango.h>

#include "fp-theme.h"

G_BEGIN_DECLS

typedef struct
{
  const char *label;  /* the stage's name */
  double value;       /* the relative effect: 0.1 is +10% */
} FpTornadoBar;

/* Rows at 96 dpi: they grow with the theme's text_scale */
#define FP_TORNADO_ROW_HEIGHT 24.0
/* A row whose name takes two lines: names longer than their column wrap
 * rather than lose their end ("Sales qualified leads / opportunities") */
#define FP_TORNADO_TWO_LINE_ROW_HEIGHT 36.0
#define FP_TORNADO_PADDING    4.0

/* The order the bars are drawn in, for qsort() and g_array_sort(): the
 * largest |value| first, a value that is not a number last. */
int    fp_tornado_compare_bars (gconstpointer a,
                                gconstpointer b);
/* The height the chart needs for @n_bars bars, in rows of two lines or
 * of one, of text grown by @text_scale (the theme's). */
double fp_tornado_get_height (guint               n_bars,
                              gboolean            two_lines,
                              double              text_scale);
/* TRUE when a name of @bars is longer than its column in a chart @width
 * wide, in @context with @theme's font: the chart then wants rows of two
 * lines. fp_tornado_render() wraps the names when its height gives them
 * such rows. */
gboolean fp_tornado_needs_two_lines (PangoContext       *context,
                                     const FpTheme      *theme,
                                     double              width,
                                     const FpTornadoBar *bars,
                                     guint               n_bars);
/* The width of the stage names' column in a chart @width wide, for names
 * of which the longest is @label_needed wide and values @value_width: all
 * it needs, as long as the bars keep 30% of the width; none when that
 * leaves less than @shortest, the width of "Abc…". */
double fp_tornado_get_label_width (double             width,
                                   double             label_needed,
                                   double             value_width,
                                   double             shortest);
/* Sorts a copy of @bars by |value|, largest first, and draws them in
 * @width x @height from the origin, its text laid out in @context (the
 * one fp_tornado_needs_two_lines() was asked in, so that both measure
 * alike). @helps and @hurts colour the bars. */
void   fp_tornado_render     (cairo_t            *cr,
                              PangoContext       *context,
                              double              width,
                              double              height,
                              const FpTornadoBar *bars,
                              guint               n_bars,
                              const FpTheme      *theme,
                              const FpColor      *helps,
                              const FpColor      *hurts);

G_END_DECLS
