/* fp-window-panels.c: the side panels, beside the chart or over it
 *
 * The plan panel and the projections panel are the flaps of two AdwFlaps,
 * one inside the other. Each docks beside the chart while the window has
 * room for it and folds into an overlay when it has not; its header button
 * shows and hides it (F9 for the plan panel).
 */
#include "config.h"

#include "fp-window-private.h"

/* Folded, both panels are overlays on the canvas, and the later one would
 * cover the earlier one: opening one closes the other. */
static void
close_other_flap (AdwFlap *opened,
                  AdwFlap *other)
{
  if (adw_flap_get_folded (opened) && adw_flap_get_reveal_flap (opened) &&
      adw_flap_get_folded (other) && adw_flap_get_reveal_flap (other))
    adw_flap_set_reveal_flap (other, FALSE);
}

/* The panel takes the focus once it shows, a frame or so after it was told
 * to: before that it has no mapped child to focus. */
static gboolean
focus_revealed_flap (GtkWidget     *widget,
                     GdkFrameClock *clock,
                     gpointer       user_data)
{
  AdwFlap *flap = ADW_FLAP (widget);
  GtkWidget *panel = adw_flap_get_flap (flap);
  GtkWidget *focus;

  if (!adw_flap_get_reveal_flap (flap) || panel == NULL)
    return G_SOURCE_REMOVE;
  if (!gtk_widget_get_mapped (panel))
    return G_SOURCE_CONTINUE;
  /* Opened for one of its parts (a click on a funnel band): it has it */
  focus = gtk_root_get_focus (gtk_widget_get_root (widget));
  if (focus != NULL && gtk_widget_is_ancestor (focus, panel))
    return G_SOURCE_REMOVE;
  if (!gtk_widget_child_focus (panel, GTK_DIR_TAB_FORWARD))
    return G_SOURCE_REMOVE;
  /* A text field focused this way selects its text, and the next key
   * typed would replace the plan's title: the cursor goes to its end. */
  focus = gtk_root_get_focus (gtk_widget_get_root (widget));
  if (focus != NULL && GTK_IS_EDITABLE (focus) && gtk_widget_is_ancestor (focus, panel))
    gtk_editable_set_position (GTK_EDITABLE (focus), -1);
  return G_SOURCE_REMOVE;
}

/* Folded, a panel is a dialog-like overlay: the keyboard goes into it as
 * it opens (F9 left the focus behind it, Tab after Tab away), and back to
 * its toggle as it closes. Side by side, the focus stays where it is. */
static void
move_focus_with_flap (FpWindow  *self,
                      AdwFlap   *flap,
                      GtkWidget *toggle)
{
  GtkWidget *panel = adw_flap_get_flap (flap);
  GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (self));

  if (!adw_flap_get_folded (flap) || panel == NULL)
    return;
  if (adw_flap_get_reveal_flap (flap))
    {
      if (focus == NULL || !gtk_widget_is_ancestor (focus, panel))
        gtk_widget_add_tick_callback (GTK_WIDGET (flap), focus_revealed_flap, NULL, NULL);
    }
  else if (focus == NULL || gtk_widget_is_ancestor (focus, panel) ||
           !gtk_widget_get_mapped (focus))
    {
      gtk_widget_grab_focus (toggle);
    }
}

/* A click on a stage in a chart (either view's signal): the plan panel
 * shows it, opened */
void
_fp_window_on_view_stage_activated (GtkWidget *view,
                                    guint      stage,
                                    FpWindow  *self)
{
  adw_flap_set_reveal_flap (self->plan_flap, TRUE);
  fp_plan_panel_show_stage (self->plan_panel, stage);
}

static void
on_plan_flap_notify_reveal_flap (AdwFlap    *flap,
                                 GParamSpec *pspec,
                                 FpWindow   *self)
{
  close_other_flap (flap, self->projections_flap);
  move_focus_with_flap (self, flap, self->plan_panel_button);
}

static void
on_projections_flap_notify_reveal_flap (AdwFlap    *flap,
                                        GParamSpec *pspec,
                                        FpWindow   *self)
{
  close_other_flap (flap, self->plan_flap);
  move_focus_with_flap (self, flap, self->projections_panel_button);
}

void
_fp_window_panels_init (FpWindow *self)
{
  g_signal_connect (self->plan_flap, "notify::reveal-flap",
                    G_CALLBACK (on_plan_flap_notify_reveal_flap), self);
  g_signal_connect (self->projections_flap, "notify::reveal-flap",
                    G_CALLBACK (on_projections_flap_notify_reveal_flap), self);
}
