/* fp-kept-in-sight.h: a tall chart's guides kept at its window's edges
 *
 * A chart taller than its window scrolls in a GtkViewport, and what says
 * where its marks are scrolled away with it: 64 stages scrolled down the
 * timeline's grid showed counts under no month, and its bars without their
 * axis. The chart draws such a guide again at the window's edge while the
 * rows it labels are in sight: the months over the rows, the axis under
 * the bars, as a spreadsheet keeps its header row.
 *
 * GTK moves a viewport's child without drawing it again, so the chart asks
 * to be drawn on every scroll (FpScrollWatch).
 */
#pragma once

#include <gtk/gtk.h>

#include "fp-funnel-layout.h"
#include "fp-theme.h"

G_BEGIN_DECLS

/* Draws a widget again whenever the viewport it is in scrolls */
typedef struct
{
  GtkWidget *widget;
  GtkWidget *viewport;
  GtkAdjustment *adjustment;
  gulong adjustment_id;
  gulong changed_id;
  gulong viewport_id;
} FpScrollWatch;

/* Starts watching the viewport @widget is in (call from root()); nothing
 * when it is in none */
void     fp_scroll_watch_start      (FpScrollWatch *watch,
                                     GtkWidget     *widget);
/* Stops watching (call from unroot() and dispose()) */
void     fp_scroll_watch_stop       (FpScrollWatch *watch);

/* The rows of @widget its viewport shows, in @widget's coordinates; FALSE
 * when it is in no viewport */
gboolean fp_kept_in_sight_window    (GtkWidget     *widget,
                                     double        *top,
                                     double        *bottom);

/* Where @header (a band over the rows it labels, which end at @rows_end)
 * is drawn again for a window that starts at @top: at @top, pushed up by
 * the end of its rows; -1 while it shows in its place or its rows are
 * out of sight */
double   fp_kept_in_sight_header_y  (const FpRect  *header,
                                     double         rows_end,
                                     double         top);
/* The same for @footer, a band under the rows it labels, which start at
 * @rows_start, for a window that ends at @bottom */
double   fp_kept_in_sight_footer_y  (const FpRect  *footer,
                                     double         rows_start,
                                     double         bottom);

/* The chart's y under the widget's @y: within @band drawn again at
 * @kept_y (-1: not drawn again), the band's own, so that the copy takes
 * the pointer as the band does in its place; else @y */
double   fp_kept_in_sight_map_y     (const FpRect  *band,
                                     double         kept_y,
                                     double         y);

/* Draws the part @band of @chart again at @y, on the chart's @background,
 * with a hairline of @line on its side toward the rows it covers
 * (@below: under the band) */
void     fp_kept_in_sight_snapshot  (GtkSnapshot   *snapshot,
                                     GskRenderNode *chart,
                                     const FpRect  *band,
                                     double         y,
                                     const FpColor *background,
                                     const FpColor *line,
                                     gboolean       below);

G_END_DECLS
