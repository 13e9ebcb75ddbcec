/* fp-kept-in-sight.c: a tall chart's guides kept at its window's edges */

#include "config.h"

#include <math.h>

#include "fp-kept-in-sight.h"

/* The scroll, or the window's height */
static void
on_adjustment_moved (GtkAdjustment *adjustment,
                     FpScrollWatch *watch)
{
  gtk_widget_queue_draw (watch->widget);
}

static void
watch_adjustment (FpScrollWatch *watch)
{
  GtkAdjustment *adjustment = gtk_scrollable_get_vadjustment (GTK_SCROLLABLE (watch->viewport));

  if (adjustment == watch->adjustment)
    return;
  if (watch->adjustment != NULL)
    {
      g_clear_signal_handler (&watch->adjustment_id, watch->adjustment);
      g_clear_signal_handler (&watch->changed_id, watch->adjustment);
    }
  g_set_object (&watch->adjustment, adjustment);
  /* "changed" too: the window's height moves the bottom guides, and a
   * chart taller than its window keeps its size, so GTK draws it again
   * for neither */
  if (adjustment != NULL)
    {
      watch->adjustment_id = g_signal_connect (adjustment, "value-changed",
                                               G_CALLBACK (on_adjustment_moved), watch);
      watch->changed_id = g_signal_connect (adjustment, "changed",
                                            G_CALLBACK (on_adjustment_moved), watch);
    }
  gtk_widget_queue_draw (watch->widget);
}

/* The scrolled window gives its viewport the adjustments when it takes
 * it, which may be after the chart is in the window */
static void
on_viewport_notify_vadjustment (GtkWidget     *viewport,
                                GParamSpec    *pspec,
                                FpScrollWatch *watch)
{
  watch_adjustment (watch);
}

void
fp_scroll_watch_start (FpScrollWatch *watch,
                       GtkWidget     *widget)
{
  GtkWidget *viewport = gtk_widget_get_ancestor (widget, GTK_TYPE_VIEWPORT);

  fp_scroll_watch_stop (watch);
  if (viewport == NULL)
    return;
  watch->widget = widget;
  watch->viewport = g_object_ref (viewport);
  watch->viewport_id = g_signal_connect (viewport, "notify::vadjustment",
                                         G_CALLBACK (on_viewport_notify_vadjustment), watch);
  watch_adjustment (watch);
}

void
fp_scroll_watch_stop (FpScrollWatch *watch)
{
  if (watch->adjustment != NULL)
    {
      g_clear_signal_handler (&watch->adjustment_id, watch->adjustment);
      g_clear_signal_handler (&watch->changed_id, watch->adjustment);
    }
  g_clear_object (&watch->adjustment);
  if (watch->viewport != NULL)
    g_clear_signal_handler (&watch->viewport_id, watch->viewport);
  g_clear_object (&watch->viewport);
  watch->widget = NULL;
}

gboolean
fp_kept_in_sight_window (GtkWidget *widget,
                         double    *top,
                         double    *bottom)
{
  GtkWidget *viewport = gtk_widget_get_ancestor (widget, GTK_TYPE_VIEWPORT);
  graphene_rect_t seen;

  if (viewport == NULL || !gtk_widget_compute_bounds (viewport, widget, &seen))
    return FALSE;
  *top = seen.origin.y;
  *bottom = seen.origin.y + seen.size.height;
  return TRUE;
}

double
fp_kept_in_sight_header_y (const FpRect *header,
                           double        rows_end,
                           double        top)
{
  double y;

  if (header->height <= 0 || top <= header->y)
    return -1;
  /* Whole pixels, for the drawing and the pointer alike */
  y = round (MIN (top, rows_end - header->height));
  return y > header->y ? y : -1;
}

double
fp_kept_in_sight_footer_y (const FpRect *footer,
                           double        rows_start,
                           double        bottom)
{
  double y;

  if (footer->height <= 0 || bottom >= footer->y + footer->height)
    return -1;
  /* Only over rows in sight: not over the chart's title */
  y = round (bottom - footer->height);
  return y >= rows_start && y < footer->y ? y : -1;
}

double
fp_kept_in_sight_map_y (const FpRect *band,
                        double        kept_y,
                        double        y)
{
  if (kept_y < 0 || y < kept_y || y >= kept_y + band->height)
    return y;
  return band->y + (y - kept_y);
}

void
fp_kept_in_sight_snapshot (GtkSnapshot   *snapshot,
                           GskRenderNode *chart,
                           const FpRect  *band,
                           double         y,
                           const FpColor *background,
                           const FpColor *line,
                           gboolean       below)
{
  graphene_rect_t area = GRAPHENE_RECT_INIT (band->x, y, band->width, band->height);
  graphene_rect_t hairline = GRAPHENE_RECT_INIT (band->x, below ? y + band->height - 1 : y,
                                                 band->width, 1);
  GdkRGBA fill = { background->r, background->g, background->b, 1 };
  GdkRGBA edge = { line->r, line->g, line->b, line->a };

  gtk_snapshot_push_clip (snapshot, &area);
  gtk_snapshot_append_color (snapshot, &fill, &area);
  gtk_snapshot_save (snapshot);
  /* Whole pixels: a fraction blurred the copy's text */
  gtk_snapshot_translate (snapshot, &GRAPHENE_POINT_INIT (0, round (y - band->y)));
  gtk_snapshot_append_node (snapshot, chart);
  gtk_snapshot_restore (snapshot);
  gtk_snapshot_append_color (snapshot, &edge, &hairline);
  gtk_snapshot_pop (snapshot);
}
