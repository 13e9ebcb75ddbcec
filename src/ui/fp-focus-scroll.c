/* fp-focus-scroll.c: the focused widget scrolled into view with what is
 * around it */
#include "config.h"

#include "fp-focus-scroll.h"

/* About one row of a preferences list: the next row shows in part */
#define CONTEXT_PX 48

double
fp_focus_scroll_value_for (double value,
                           double page,
                           double top,
                           double bottom,
                           double margin)
{
  /* Never so much margin that the span itself would not fit */
  margin = CLAMP ((page - (bottom - top)) / 2, 0, margin);
  if (bottom + margin > value + page)
    value = bottom + margin - page;
  if (top - margin < value)
    value = top - margin;
  return value;
}

static void
on_focus_widget_changed (GtkWindow  *window,
                         GParamSpec *pspec,
                         gpointer    user_data)
{
  GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (window));
  GtkWidget *viewport;
  GtkWidget *content;
  GtkWidget *span;
  GtkAdjustment *adjustment;
  graphene_rect_t bounds;
  double value;

  /* Keyboard focus only: under a click the content moves no more than
   * GTK's own scroll moves it. */
  if (focus == NULL || !gtk_window_get_focus_visible (window))
    return;
  viewport = gtk_widget_get_ancestor (focus, GTK_TYPE_VIEWPORT);
  if (viewport == NULL || !gtk_viewport_get_scroll_to_focus (GTK_VIEWPORT (viewport)))
    return;
  content = gtk_viewport_get_child (GTK_VIEWPORT (viewport));
  span = gtk_widget_get_ancestor (focus, GTK_TYPE_LIST_BOX_ROW);
  if (span == NULL || !gtk_widget_is_ancestor (span, viewport))
    span = focus;
  /* In the content's own coordinates: what GTK's own scroll to the focus
   * does to the adjustment, before or after this, does not move them. */
  if (content == NULL || !gtk_widget_compute_bounds (span, content, &bounds))
    return;

  adjustment = gtk_scrollable_get_vadjustment (GTK_SCROLLABLE (viewport));
  value = fp_focus_scroll_value_for (gtk_adjustment_get_value (adjustment),
                                     gtk_adjustment_get_page_size (adjustment),
                                     bounds.origin.y,
                                     bounds.origin.y + bounds.size.height,
                                     CONTEXT_PX);
  gtk_adjustment_set_value (adjustment, value);
}

void
fp_focus_scroll_attach (GtkWindow *window)
{
  g_return_if_fail (GTK_IS_WINDOW (window));

  /* GTK's own scroll to the focus may start before or after this. Before,
   * setting the value ends its animation; after, the widget is in view
   * already and GTK leaves the value alone. */
  g_signal_connect_after (window, "notify::focus-widget",
                          G_CALLBACK (on_focus_widget_changed), NULL);
}
