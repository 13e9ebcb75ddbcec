/* fp-window-actions.c: the window's actions (win.*) */
#include "config.h"

#include <glib/gi18n.h>

#include "fp-window-private.h"

static void
open_action (GSimpleAction *action,
             GVariant      *param,
             gpointer       user_data)
{
  _fp_window_open_dialog (FP_WINDOW (user_data));
}

static void
save_action (GSimpleAction *action,
             GVariant      *param,
             gpointer       user_data)
{
  _fp_window_save (FP_WINDOW (user_data));
}

static void
save_as_action (GSimpleAction *action,
                GVariant      *param,
                gpointer       user_data)
{
  _fp_window_save_as_dialog (FP_WINDOW (user_data));
}

static void
export_action (GSimpleAction *action,
               GVariant      *param,
               gpointer       user_data)
{
  _fp_window_export_dialog (FP_WINDOW (user_data), g_variant_get_string (param, NULL));
}

static void
reload_action (GSimpleAction *action,
               GVariant      *param,
               gpointer       user_data)
{
  _fp_window_reload (FP_WINDOW (user_data));
}

static void
undo_action (GSimpleAction *action,
             GVariant      *param,
             gpointer       user_data)
{
  FpWindow *self = FP_WINDOW (user_data);

  if (self->plan != NULL)
    fp_plan_undo (self->plan);
}

static void
redo_action (GSimpleAction *action,
             GVariant      *param,
             gpointer       user_data)
{
  FpWindow *self = FP_WINDOW (user_data);

  if (self->plan != NULL)
    fp_plan_redo (self->plan);
}

/* A new stage before the closed deals, as the side panel's Add button. */
static void
add_stage_action (GSimpleAction *action,
                  GVariant      *param,
                  gpointer       user_data)
{
  FpWindow *self = FP_WINDOW (user_data);
  g_autoptr(GError) error = NULL;

  if (self->plan == NULL)
    return;
  if (!fp_plan_insert_stage (self->plan, fp_plan_get_n_stages (self->plan) - 1,
                             _("New stage"), &error))
    _fp_window_add_toast (self, error->message);
}

/* The keyboard shortcuts window, built when first asked for. With a
 * gtk/help-overlay.ui resource GtkApplicationWindow would build it with
 * every window, about a tenth of what building a window costs, for a
 * window seldom opened. Once set, GTK's own show-help-overlay action
 * replaces this one. */
static void
show_help_overlay_action (GSimpleAction *action,
                          GVariant      *param,
                          gpointer       user_data)
{
  GtkApplicationWindow *self = GTK_APPLICATION_WINDOW (user_data);
  GtkShortcutsWindow *shortcuts = gtk_application_window_get_help_overlay (self);

  if (shortcuts == NULL)
    {
      g_autoptr(GtkBuilder) builder =
        gtk_builder_new_from_resource ("/io/github/funnelplanner/FunnelPlanner/fp-shortcuts-window.ui");

      shortcuts = GTK_SHORTCUTS_WINDOW (gtk_builder_get_object (builder, "help_overlay"));
      /* Shows each action's accelerators from the application */
      gtk_application_window_set_help_overlay (self, shortcuts);
    }
  gtk_window_present (GTK_WINDOW (shortcuts));
}

/* F6 and Shift+F6, as across GNOME: the focus goes to the first control
 * of the next pane shown (the plan settings, the chart, the projections),
 * instead of a long walk with Tab through the one before. */
static void
focus_pane (FpWindow *self,
            int       step)
{
  GtkWidget *panes[] = {
    GTK_WIDGET (self->plan_panel),
    adw_view_stack_get_visible_child (self->view_stack),
    GTK_WIDGET (self->projections_panel),
  };
  const int n_panes = G_N_ELEMENTS (panes);
  GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (self));
  int current = step > 0 ? -1 : n_panes;

  for (int i = 0; i < n_panes; i++)
    if (focus != NULL && (focus == panes[i] || gtk_widget_is_ancestor (focus, panes[i])))
      current = i;

  for (int k = 1; k <= n_panes; k++)
    {
      GtkWidget *pane = panes[((current + step * k) % n_panes + n_panes) % n_panes];

      if (pane == NULL || !gtk_widget_get_mapped (pane))
        continue;
      /* From no focus, so that the pane's own first control takes it */
      gtk_root_set_focus (GTK_ROOT (self), NULL);
      if (gtk_widget_child_focus (pane, GTK_DIR_TAB_FORWARD))
        return;
    }
  /* Nothing to go to: the focus stays where it was */
  if (focus != NULL)
    gtk_widget_grab_focus (focus);
}

static void
focus_next_pane_action (GSimpleAction *action,
                        GVariant      *param,
                        gpointer       user_data)
{
  focus_pane (FP_WINDOW (user_data), 1);
}

static void
focus_previous_pane_action (GSimpleAction *action,
                            GVariant      *param,
                            gpointer       user_data)
{
  focus_pane (FP_WINDOW (user_data), -1);
}

static const GActionEntry entries[] = {
  { "open", open_action },
  { "save", save_action },
  { "save-as", save_as_action },
  { "export", export_action, "s" },
  { "reload", reload_action },
  { "undo", undo_action },
  { "redo", redo_action },
  { "add-stage", add_stage_action },
  { "show-help-overlay", show_help_overlay_action },
  { "focus-next-pane", focus_next_pane_action },
  { "focus-previous-pane", focus_previous_pane_action },
};

void
_fp_window_actions_init (FpWindow *self)
{
  g_autoptr(GPropertyAction) plan_panel = NULL;
  g_autoptr(GPropertyAction) projections_panel = NULL;
  g_autoptr(GPropertyAction) view = NULL;

  g_action_map_add_action_entries (G_ACTION_MAP (self), entries, G_N_ELEMENTS (entries), self);

  plan_panel = g_property_action_new ("show-plan-panel", self->plan_flap, "reveal-flap");
  g_action_map_add_action (G_ACTION_MAP (self), G_ACTION (plan_panel));
  projections_panel = g_property_action_new ("show-projections-panel", self->projections_flap,
                                             "reveal-flap");
  g_action_map_add_action (G_ACTION_MAP (self), G_ACTION (projections_panel));
  view = g_property_action_new ("view", self->view_stack, "visible-child-name");
  g_action_map_add_action (G_ACTION_MAP (self), G_ACTION (view));

  _fp_window_actions_update (self);
}

void
_fp_window_actions_update (FpWindow *self)
{
  GAction *reload = g_action_map_lookup_action (G_ACTION_MAP (self), "reload");

  if (reload != NULL)
    g_simple_action_set_enabled (G_SIMPLE_ACTION (reload), self->file != NULL);
}
