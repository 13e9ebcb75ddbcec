/* fp-window-views.c: switching between the charts keeps the stage in hand
 *
 * With the keyboard on a stage's handle, Alt+1 or Alt+2 (or the view
 * switcher) shows the other chart: the focus goes to that chart's handle
 * for the same stage's days, the value both charts edit, rather than to
 * the other chart's first handle, where the stage the person was on is
 * lost. (AdwViewStack gives the new page's first focusable child the focus
 * as it switches; the window puts it right after.)
 */
#include "config.h"

#include "fp-funnel-view-private.h"
#include "fp-timeline-view-private.h"
#include "fp-window-private.h"

/* A handle of a stage's value; not the timeline's months handle, which
 * says which months a scrolled grid shows and belongs to no stage */
static gboolean
is_stage_handle (GtkWidget *widget)
{
  return widget != NULL && FP_IS_CANVAS_HANDLE (widget) &&
         fp_canvas_handle_get_kind (FP_CANVAS_HANDLE (widget)) != FP_CANVAS_HANDLE_MONTHS;
}

/* @stage's days in the chart @shown: the value both charts edit */
static GtkWidget *
days_handle_in (FpWindow  *self,
                GtkWidget *shown,
                guint      stage)
{
  if (shown == self->funnel_view || gtk_widget_is_ancestor (self->funnel_view, shown))
    return _fp_funnel_view_get_handle (FP_FUNNEL_VIEW (self->funnel_view),
                                       FP_CANVAS_HANDLE_DURATION, stage);
  if (shown == self->timeline_view || gtk_widget_is_ancestor (self->timeline_view, shown))
    return _fp_timeline_view_get_handle (FP_TIMELINE_VIEW (self->timeline_view), stage);
  return NULL;
}

GtkWidget *
_fp_window_views_handle_shown (FpWindow  *self,
                               GtkWidget *handle)
{
  GtkWidget *shown = adw_view_stack_get_visible_child (self->view_stack);

  if (!is_stage_handle (handle) || shown == NULL ||
      gtk_widget_is_ancestor (handle, shown))
    return handle;
  return days_handle_in (self, shown, fp_canvas_handle_get_stage (FP_CANVAS_HANDLE (handle)));
}

/* The last two handles that had the focus: AdwViewStack moves the focus to
 * the new page before it says that the page changed, so the handle left
 * behind may be the one before the last. */
static void
on_window_notify_focus_widget (FpWindow   *self,
                               GParamSpec *pspec,
                               gpointer    user_data)
{
  GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (self));

  if (!is_stage_handle (focus) || focus == self->handle_focus[0])
    return;
  g_set_weak_pointer (&self->handle_focus[1], self->handle_focus[0]);
  g_set_weak_pointer (&self->handle_focus[0], focus);
}

static void
on_view_stack_notify_visible_child (FpWindow     *self,
                                    GParamSpec   *pspec,
                                    AdwViewStack *view_stack)
{
  GtkWidget *shown = adw_view_stack_get_visible_child (self->view_stack);
  GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (self));
  GtkWidget *left = NULL;
  GtkWidget *match;

  /* Only when the keyboard was on a chart: a focus elsewhere stays */
  if (shown == NULL || focus == NULL || !FP_IS_CANVAS_HANDLE (focus))
    return;
  for (guint i = 0; i < G_N_ELEMENTS (self->handle_focus) && left == NULL; i++)
    if (self->handle_focus[i] != NULL && !gtk_widget_is_ancestor (self->handle_focus[i], shown))
      left = self->handle_focus[i];
  if (left == NULL)
    return;

  match = _fp_window_views_handle_shown (self, left);
  if (match != NULL && match != focus && gtk_widget_get_focusable (match))
    gtk_widget_grab_focus (match);
}

void
_fp_window_views_init (FpWindow *self)
{
  g_signal_connect (self, "notify::focus-widget", G_CALLBACK (on_window_notify_focus_widget),
                    NULL);
  g_signal_connect_object (self->view_stack, "notify::visible-child",
                           G_CALLBACK (on_view_stack_notify_visible_child), self,
                           G_CONNECT_SWAPPED);
}

void
_fp_window_views_dispose (FpWindow *self)
{
  for (guint i = 0; i < G_N_ELEMENTS (self->handle_focus); i++)
    g_clear_weak_pointer (&self->handle_focus[i]);
}
