/* fp-window-panels.c: the side panels, beside the chart or over it
 *
 * The plan panel and the projections panel are the flaps of two AdwFlaps,
 * the projections flap inside the plan flap's content. Each docks beside
 * the chart while the window has room for it and folds into an overlay
 * when it has not; its header button shows and hides it (F9 for the plan
 * panel).
 *
 * The flaps are locked (fp-window.ui), save while docked and shown
 * (lock_unless_docked_and_shown()): an unlocked AdwFlap shows its flap
 * whenever it unfolds, so at 800 px, where one panel docks, hiding the plan
 * panel to widen the chart brought the projections panel out in its place,
 * and a panel the person had hidden came back after the window narrowed
 * and widened again. Here the window places the panels:
 * - a panel hides as it folds: it would cover the chart;
 * - docked again, it shows unless the person hid it (FpPanelChoice);
 * - hiding the plan panel gives its room to the projections panel (never
 *   the other way round: the plan flap folds on the projections flap's
 *   minimum width). A projections panel that had folded away for want of
 *   room is held back then, as the person sees it, until it is asked
 *   for, folds again, or the plan panel is shown again.
 */
#include "config.h"

#include "fp-window-private.h"

static AdwFlap *
other_flap (FpWindow *self,
            AdwFlap  *flap)
{
  g_assert (flap == self->plan_flap || flap == self->projections_flap);
  return flap == self->plan_flap ? self->projections_flap : self->plan_flap;
}

static FpPanelChoice *
choice_for (FpWindow *self,
            AdwFlap  *flap)
{
  g_assert (flap == self->plan_flap || flap == self->projections_flap);
  return flap == self->plan_flap ? &self->plan_panel_choice : &self->projections_panel_choice;
}

/* A docked panel that shows is unlocked, so that as it folds AdwFlap slides
 * it away beside the chart first and folds it after. Locked, it folded over
 * the chart, dimmed it, and slid away in the same moment. Every other time
 * it is locked (see above), and through the first layout: a panel that
 * folds for a narrow window then hides at once, where unlocked it slid
 * away over the first frames. */
static void
lock_unless_docked_and_shown (FpWindow *self,
                              AdwFlap  *flap)
{
  adw_flap_set_locked (flap, self->panels_frames_seen < 2 || adw_flap_get_folded (flap) ||
                             !adw_flap_get_reveal_flap (flap));
}

/* Ticks come before each frame's layout: the second one follows the first
 * layout. */
static gboolean
unlock_after_first_layout (GtkWidget     *widget,
                           GdkFrameClock *clock,
                           gpointer       user_data)
{
  FpWindow *self = user_data;

  if (++self->panels_frames_seen < 2)
    return G_SOURCE_CONTINUE;
  lock_unless_docked_and_shown (self, self->plan_flap);
  lock_unless_docked_and_shown (self, self->projections_flap);
  return G_SOURCE_REMOVE;
}

/* Shows or hides a panel as the window's doing, not the person's */
static void
place_panel (FpWindow *self,
             AdwFlap  *flap,
             gboolean  reveal)
{
  gboolean was_placing = self->placing_panels;

  self->placing_panels = TRUE;
  adw_flap_set_reveal_flap (flap, reveal);
  self->placing_panels = was_placing;
}

/* Folded, both panels are overlays on the canvas, and the later one would
 * cover the earlier one: opening one closes the other. */
static void
close_other_flap (FpWindow *self,
                  AdwFlap  *opened)
{
  AdwFlap *other = other_flap (self, opened);

  if (adw_flap_get_folded (opened) && adw_flap_get_reveal_flap (opened) &&
      adw_flap_get_folded (other) && adw_flap_get_reveal_flap (other))
    place_panel (self, other, FALSE);
}

/* A panel that is not folded shows unless the person hid it or it is
 * held back; a folded one hides. */
static void
place_by_choice (FpWindow *self,
                 AdwFlap  *flap)
{
  FpPanelChoice *choice = choice_for (self, flap);

  place_panel (self, flap, !adw_flap_get_folded (flap) && !choice->hidden && !choice->held_back);
}

/* While the plan panel slides in or out, the projections flap folds and
 * unfolds on the widths in between: it is placed once the slide is over
 * (and one frame more, for the layout of its last width). */
static gboolean
place_projections_after_slide (GtkWidget     *widget,
                               GdkFrameClock *clock,
                               gpointer       user_data)
{
  FpWindow *self = user_data;
  double progress = adw_flap_get_reveal_progress (self->plan_flap);

  if (progress > 0 && progress < 1)
    {
      self->projections_wait_frames = 0;
      return G_SOURCE_CONTINUE;
    }
  if (self->projections_wait_frames++ == 0)
    return G_SOURCE_CONTINUE;
  self->projections_wait_id = 0;
  place_by_choice (self, self->projections_flap);
  return G_SOURCE_REMOVE;
}

static void
place_projections_later (FpWindow *self)
{
  if (self->projections_wait_id != 0)
    return;
  self->projections_wait_frames = 0;
  self->projections_wait_id = gtk_widget_add_tick_callback (GTK_WIDGET (self->plan_flap),
                                                            place_projections_after_slide,
                                                            self, NULL);
}

/* Keeps what the person did to a panel. Docked, showing or hiding it is
 * their choice for whenever it docks; folded, opening it is a request for
 * it too, and closing the overlay is not a choice to hide it docked. */
static void
remember_choice (FpWindow *self,
                 AdwFlap  *flap)
{
  FpPanelChoice *choice = choice_for (self, flap);
  FpPanelChoice *projections = &self->projections_panel_choice;
  gboolean revealed = adw_flap_get_reveal_flap (flap);

  if (self->placing_panels)
    return;
  if (adw_flap_get_folded (flap))
    {
      if (revealed)
        choice->hidden = choice->held_back = FALSE;
      return;
    }
  choice->hidden = !revealed;
  choice->held_back = FALSE;
  if (flap != self->plan_flap)
    return;
  /* The plan panel's room goes to the projections panel: one folded away
   * stays hidden rather than come out in its place. The plan panel back,
   * the projections panel shows again if it still has room. */
  if (!revealed && adw_flap_get_folded (self->projections_flap) &&
      !adw_flap_get_reveal_flap (self->projections_flap))
    projections->held_back = TRUE;
  else if (revealed && projections->held_back)
    {
      projections->held_back = FALSE;
      place_projections_later (self);
    }
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
 * its toggle as it closes. Side by side, the focus stays where it is, but
 * for a docked panel hidden with the focus in it (F9): the focus goes to
 * the chart. Left to GTK it was nowhere to be seen, and the next arrow key
 * changed a value on the chart, where the focus had gone unshown. */
static void
move_focus_with_flap (FpWindow  *self,
                      AdwFlap   *flap,
                      GtkWidget *toggle)
{
  GtkWidget *panel = adw_flap_get_flap (flap);
  GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (self));

  if (panel == NULL)
    return;
  if (!adw_flap_get_folded (flap))
    {
      if (!adw_flap_get_reveal_flap (flap))
        _fp_window_focus_chart_from (self, panel);
      return;
    }
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
on_flap_notify_reveal_flap (AdwFlap    *flap,
                            GParamSpec *pspec,
                            FpWindow   *self)
{
  remember_choice (self, flap);
  close_other_flap (self, flap);
  move_focus_with_flap (self, flap, flap == self->plan_flap ? self->plan_panel_button
                                                            : self->projections_panel_button);
  lock_unless_docked_and_shown (self, flap);
}

static void
on_flap_notify_folded (AdwFlap    *flap,
                       GParamSpec *pspec,
                       FpWindow   *self)
{
  double plan_progress = adw_flap_get_reveal_progress (self->plan_flap);

  if (adw_flap_get_folded (flap))
    choice_for (self, flap)->held_back = FALSE;
  /* Unfolded by a width the plan panel only passes through as it slides */
  if (!adw_flap_get_folded (flap) && flap == self->projections_flap &&
      plan_progress > 0 && plan_progress < 1)
    place_projections_later (self);
  else
    place_by_choice (self, flap);
  lock_unless_docked_and_shown (self, flap);
}

/* Seen before the widget under the pointer: a number or text typed into
 * the plan panel applies as soon as the person presses anywhere else,
 * also where nothing takes the focus from the field. */
static void
on_window_press_pressed (GtkGestureClick *gesture,
                         int              n_press,
                         double           x,
                         double           y,
                         FpWindow        *self)
{
  fp_plan_panel_press_elsewhere (self->plan_panel,
                                 gtk_widget_pick (GTK_WIDGET (self), x, y, GTK_PICK_DEFAULT));
}

void
_fp_window_panels_init (FpWindow *self)
{
  AdwFlap *flaps[] = { self->plan_flap, self->projections_flap };
  GtkGesture *press = gtk_gesture_click_new ();

  for (guint i = 0; i < G_N_ELEMENTS (flaps); i++)
    {
      g_signal_connect (flaps[i], "notify::reveal-flap",
                        G_CALLBACK (on_flap_notify_reveal_flap), self);
      g_signal_connect (flaps[i], "notify::folded", G_CALLBACK (on_flap_notify_folded), self);
      /* A swipe closes an overlay. On a docked panel it would fold and
       * unfold the other flap on the widths along the way, and the chart
       * takes the swipe too. */
      g_object_bind_property (flaps[i], "folded", flaps[i], "swipe-to-close", G_BINDING_SYNC_CREATE);
    }
  gtk_widget_add_tick_callback (GTK_WIDGET (self->plan_flap), unlock_after_first_layout, self, NULL);

  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (press), 0);
  gtk_event_controller_set_propagation_phase (GTK_EVENT_CONTROLLER (press), GTK_PHASE_CAPTURE);
  g_signal_connect (press, "pressed", G_CALLBACK (on_window_press_pressed), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (press));
}
