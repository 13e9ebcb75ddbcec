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
open_recent_action (GSimpleAction *action,
                    GVariant      *param,
                    gpointer       user_data)
{
  _fp_window_open_recent (FP_WINDOW (user_data), g_variant_get_string (param, NULL));
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

/* Ctrl+Z in a text field takes back its typing first, as in any text
 * field. The window's shortcut comes before the field's own, and undid an
 * edit elsewhere in the plan while the typing stayed. TRUE when the focused
 * field had typing to take back (@text_action "text.undo") or to do again
 * ("text.redo"). A number field keeps no steps of its own: the panel gives
 * its typing up (fp_plan_panel_give_up_typed_number()). */
/* The focused text field, when it keeps undo steps of its own (number
 * fields do not), else NULL */
static GtkWidget *
focused_field (FpWindow *self)
{
  GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (self));

  if (!GTK_IS_TEXT (focus) || !gtk_editable_get_enable_undo (GTK_EDITABLE (focus)))
    return NULL;
  return focus;
}

static gboolean
focused_field_does (FpWindow   *self,
                    const char *text_action)
{
  GtkWidget *focus = focused_field (self);
  g_autofree char *before = NULL;

  if (focus == NULL)
    return FALSE;
  before = g_strdup (gtk_editable_get_text (GTK_EDITABLE (focus)));
  gtk_widget_activate_action (focus, text_action, NULL);
  return g_strcmp0 (before, gtk_editable_get_text (GTK_EDITABLE (focus))) != 0;
}

/* Once the keys go on to the plan, the focused field forgets its own steps:
 * a redo kept there came before the plan's step in time, and Ctrl+Shift+Z
 * did it again first. Its text is the plan's then. */
static void
forget_focused_field_steps (FpWindow *self)
{
  GtkWidget *focus = focused_field (self);

  if (focus == NULL)
    return;
  gtk_editable_set_enable_undo (GTK_EDITABLE (focus), FALSE);
  gtk_editable_set_enable_undo (GTK_EDITABLE (focus), TRUE);
}

static void
undo_action (GSimpleAction *action,
             GVariant      *param,
             gpointer       user_data)
{
  FpWindow *self = FP_WINDOW (user_data);

  /* Behind the page of a file that did not open, the plan is not shown:
   * an undo there would change it unseen, and Try Again drop the change */
  if (self->plan == NULL || self->failed_file != NULL || focused_field_does (self, "text.undo")
      || fp_plan_panel_give_up_typed_number (self->plan_panel))
    return;
  forget_focused_field_steps (self);
  fp_plan_undo (self->plan);
}

static void
redo_action (GSimpleAction *action,
             GVariant      *param,
             gpointer       user_data)
{
  FpWindow *self = FP_WINDOW (user_data);

  if (self->plan == NULL || self->failed_file != NULL || focused_field_does (self, "text.redo")
      || fp_plan_panel_holds_typed_number (self->plan_panel))
    return;
  forget_focused_field_steps (self);
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

/* GTK 4.8 names a stack's page for a screen reader by its class,
 * "GtkStackPage", where the page has no title: the shortcuts window's
 * sections and search pages. Each is named by its title, its child's
 * ("Shortcuts"), or the window's. */
static void
name_stack_pages (GtkStack   *stack,
                  const char *fallback)
{
  g_autoptr(GListModel) pages = G_LIST_MODEL (gtk_stack_get_pages (stack));

  for (guint i = 0; i < g_list_model_get_n_items (pages); i++)
    {
      /* GTK 4.8 has no autoptr for GtkStackPage */
      g_autoptr(GObject) item = g_list_model_get_item (pages, i);
      GtkStackPage *page = GTK_STACK_PAGE (item);
      GtkWidget *child = gtk_stack_page_get_child (page);
      g_autofree char *child_title = NULL;
      const char *title = gtk_stack_page_get_title (page);

      if ((title == NULL || title[0] == '\0') &&
          g_object_class_find_property (G_OBJECT_GET_CLASS (child), "title") != NULL)
        {
          g_object_get (child, "title", &child_title, NULL);
          title = child_title;
        }
      if (title == NULL || title[0] == '\0')
        title = fallback;
      gtk_accessible_update_property (GTK_ACCESSIBLE (page), GTK_ACCESSIBLE_PROPERTY_LABEL, title, -1);
    }
}

static void
name_pages_within (GtkWidget  *widget,
                   const char *fallback)
{
  if (GTK_IS_STACK (widget))
    name_stack_pages (GTK_STACK (widget), fallback);
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    name_pages_within (child, fallback);
}

/* GTK 4.8 writes Page Up and Page Down on their keycaps by their key
 * names, "Page_Up" and "Page_Down", in English: its own translation puts
 * the space in. The keycaps are labels of the shortcuts window's own. */
static void
name_keys_as_printed (GtkWidget *widget)
{
  if (GTK_IS_LABEL (widget))
    {
      const char *text = gtk_label_get_text (GTK_LABEL (widget));

      /* Translators: a key as keyboards print it, on a keycap of the
       * shortcuts window; shown only where GTK has no name of its own */
      if (g_str_equal (text, "Page_Up"))
        gtk_label_set_text (GTK_LABEL (widget), C_("keyboard key", "Page Up"));
      else if (g_str_equal (text, "Page_Down"))
        gtk_label_set_text (GTK_LABEL (widget), C_("keyboard key", "Page Down"));
    }
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    name_keys_as_printed (child);
}

/* GTK 4 tells no work area: the height a desktop's top bar may take */
#define DESKTOP_BAR_ROOM 48

/* GtkShortcutsWindow lays its shortcuts out two columns a page and
 * cannot shrink: at 800x600, or with Large Text on a 1080p screen, it ran
 * off the screen, its close button with it. Its content scrolls inside
 * the monitor of @parent instead, at its natural size where that fits. */
static void
fit_to_monitor (GtkWindow *shortcuts,
                GtkWidget *parent)
{
  GdkSurface *surface = gtk_native_get_surface (gtk_widget_get_native (parent));
  GtkWidget *content = gtk_window_get_child (shortcuts);
  GtkWidget *titlebar = gtk_window_get_titlebar (shortcuts);
  GdkMonitor *monitor;
  GtkWidget *scrolled;
  GdkRectangle area;
  int titlebar_height = 0;

  if (surface == NULL || content == NULL)
    return;
  monitor = gdk_display_get_monitor_at_surface (gtk_widget_get_display (parent), surface);
  if (monitor == NULL)
    return;
  gdk_monitor_get_geometry (monitor, &area);
  if (titlebar != NULL)
    gtk_widget_measure (titlebar, GTK_ORIENTATION_VERTICAL, -1, NULL, &titlebar_height, NULL, NULL);

  scrolled = gtk_scrolled_window_new ();
  gtk_scrolled_window_set_propagate_natural_width (GTK_SCROLLED_WINDOW (scrolled), TRUE);
  gtk_scrolled_window_set_propagate_natural_height (GTK_SCROLLED_WINDOW (scrolled), TRUE);
  gtk_scrolled_window_set_max_content_width (GTK_SCROLLED_WINDOW (scrolled), area.width);
  gtk_scrolled_window_set_max_content_height (GTK_SCROLLED_WINDOW (scrolled),
                                              MAX (area.height - titlebar_height - DESKTOP_BAR_ROOM, 1));
  g_object_ref (content);
  gtk_window_set_child (shortcuts, NULL);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), content);
  g_object_unref (content);
  gtk_window_set_child (shortcuts, scrolled);
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
      name_keys_as_printed (GTK_WIDGET (shortcuts));
      name_pages_within (GTK_WIDGET (shortcuts), gtk_window_get_title (GTK_WINDOW (shortcuts)));
      fit_to_monitor (GTK_WINDOW (shortcuts), GTK_WIDGET (self));
    }
  gtk_window_present (GTK_WINDOW (shortcuts));
}

/* The panes in F6's order; @shown: whether each is on screen (a panel
 * being hidden still is, while it slides away, but is no place to go) */
static void
get_panes (FpWindow  *self,
           GtkWidget *panes[FP_WINDOW_N_PANES],
           gboolean   shown[FP_WINDOW_N_PANES])
{
  panes[0] = GTK_WIDGET (self->plan_panel);
  panes[1] = adw_view_stack_get_visible_child (self->view_stack);
  panes[2] = GTK_WIDGET (self->projections_panel);
  shown[0] = adw_flap_get_reveal_flap (self->plan_flap) && gtk_widget_get_mapped (panes[0]);
  shown[1] = panes[1] != NULL && gtk_widget_get_mapped (panes[1]);
  shown[2] = adw_flap_get_reveal_flap (self->projections_flap) && gtk_widget_get_mapped (panes[2]);
}

static int
pane_of (GtkWidget *panes[FP_WINDOW_N_PANES],
         GtkWidget *widget)
{
  for (int i = 0; widget != NULL && i < FP_WINDOW_N_PANES; i++)
    if (panes[i] != NULL && (widget == panes[i] || gtk_widget_is_ancestor (widget, panes[i])))
      return i;
  return -1;
}

/* Notes where the focus is, for F6 to come back to it */
static void
on_window_notify_focus_widget (FpWindow   *self,
                               GParamSpec *pspec,
                               gpointer    user_data)
{
  GtkWidget *panes[FP_WINDOW_N_PANES];
  gboolean shown[FP_WINDOW_N_PANES];
  GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (self));
  int pane;

  get_panes (self, panes, shown);
  pane = pane_of (panes, focus);
  if (pane >= 0)
    g_set_weak_pointer (&self->pane_focus[pane], focus);
}

/* A jump to a pane is no start of typing: a field it lands in keeps its
 * text unselected, the cursor at its end. F6 into the plan settings
 * selected the plan's title, and the next key replaced it. */
static void
leave_text_unselected (FpWindow *self)
{
  GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (self));

  if (GTK_IS_EDITABLE (focus))
    gtk_editable_select_region (GTK_EDITABLE (focus), -1, -1);
}

/* F6 and Shift+F6, as across GNOME: the focus goes to the next pane shown
 * (the plan settings, the chart, the projections), where it last was in
 * that pane or else to its first control, instead of a long walk with Tab
 * through the one before. */
static void
focus_pane (FpWindow *self,
            int       step)
{
  GtkWidget *panes[FP_WINDOW_N_PANES];
  gboolean shown[FP_WINDOW_N_PANES];
  GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (self));
  int current;

  get_panes (self, panes, shown);
  current = pane_of (panes, focus);
  if (current < 0)
    current = step > 0 ? -1 : FP_WINDOW_N_PANES;

  for (int k = 1; k <= FP_WINDOW_N_PANES; k++)
    {
      int i = ((current + step * k) % FP_WINDOW_N_PANES + FP_WINDOW_N_PANES) % FP_WINDOW_N_PANES;
      /* A handle in the chart not shown: the same stage's in the one shown */
      GtkWidget *last = _fp_window_views_handle_shown (self, self->pane_focus[i]);

      if (!shown[i] || i == current)
        continue;
      if ((last != NULL && pane_of (panes, last) == i && gtk_widget_get_mapped (last) &&
           gtk_widget_grab_focus (last)) ||
          gtk_widget_child_focus (panes[i], GTK_DIR_TAB_FORWARD))
        {
          leave_text_unselected (self);
          return;
        }
    }
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
  { "open-recent", open_recent_action, "s" },
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
  g_signal_connect (self, "notify::focus-widget", G_CALLBACK (on_window_notify_focus_widget), NULL);

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
  /* The page of a file that did not open shows no plan to act on */
  static const char *const plan_actions[] = { "save", "save-as", "export", "add-stage" };
  GAction *reload = g_action_map_lookup_action (G_ACTION_MAP (self), "reload");

  if (reload != NULL)
    g_simple_action_set_enabled (G_SIMPLE_ACTION (reload), self->file != NULL);
  for (guint i = 0; i < G_N_ELEMENTS (plan_actions); i++)
    {
      GAction *action = g_action_map_lookup_action (G_ACTION_MAP (self), plan_actions[i]);

      if (action != NULL)
        g_simple_action_set_enabled (G_SIMPLE_ACTION (action), self->failed_file == NULL);
    }
}

void
_fp_window_actions_dispose (FpWindow *self)
{
  /* The panes go with the template, and the focus with them */
  g_signal_handlers_disconnect_by_func (self, on_window_notify_focus_widget, NULL);
  for (int i = 0; i < FP_WINDOW_N_PANES; i++)
    g_clear_weak_pointer (&self->pane_focus[i]);
}
