/* fp-plan-panel-stages.c: the plan panel's list of stages
 *
 * One expander row per stage, summarising its conversion and duration;
 * opened, its name, conversion (% or N:1), days in stage, cost per unit,
 * and buttons to move or remove it. The rows are rebuilt only when the
 * stages themselves change (FP_PLAN_CHANGE_STRUCTURE), so that focus and
 * open rows survive edits and undo.
 */
#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>
#include <math.h>

#include "fp-format.h"
#include "fp-plan-panel-private.h"
#include "fp-row-header-layout.h"
#include "fp-scroll-into-view.h"

/* A stage's expander row. What it holds is built when it is first opened:
 * seven stages of closed rows would otherwise cost start-up some thirty
 * spin buttons and entries that nobody sees. */
struct _StageRow
{
  FpPlanPanel *panel;
  guint index;
  gboolean last;
  char *id;                  /* its stage's, to find the stage again after an undo */
  AdwExpanderRow *row;
  AdwEntryRow *name_row;     /* NULL until the row is first opened, as are those below */
  AdwActionRow *conversion_row;
  GtkSpinButton *conversion;
  AdwActionRow *duration_row;
  GtkSpinButton *duration;
  AdwActionRow *cost_row;
  GtkSpinButton *cost;
  GtkButton *up;
  GtkButton *down;
  GtkButton *add_after;
  GtkButton *remove;
  char *buttons_name;        /* the stage name its buttons were named for */
};

#define REMOVED_TOAST_SECONDS 10

static double
conversion_from_spin (FpPlanPanel *self,
                      double       value)
{
  if (self->ratio_mode)
    return value > 0 ? 1.0 / value : 0;
  return value / 100.0;
}

static double
conversion_to_spin (FpPlanPanel *self,
                    double       conversion)
{
  if (self->ratio_mode)
    return conversion > 0 ? 1.0 / conversion : 0;
  return conversion * 100.0;
}

/* The field shows a bare number: its row says in which form. */
static void
configure_conversion_spin (FpPlanPanel  *self,
                           StageRow     *stage_row)
{
  GtkSpinButton *spin = stage_row->conversion;

  adw_action_row_set_subtitle (stage_row->conversion_row,
                               self->ratio_mode
                               ? _("As N:1: units for one in the next stage")
                               : _("In percent"));
  /* Typed with its unit, as it reads elsewhere ("20%", "5:1"), it is
   * the same number */
  _fp_plan_panel_set_typed_unit (spin, self->ratio_mode ? ":1" : "%");
  if (self->ratio_mode)
    {
      /* N:1, N >= 1 since a conversion is at most 100%, and N <= 10,000
       * as the field in percent goes down to 0.01% */
      _fp_plan_panel_set_field_range (spin, 1, 10000);
      gtk_spin_button_set_digits (spin, 1);
    }
  else
    {
      _fp_plan_panel_set_field_range (spin, 0.01, 100);
      gtk_spin_button_set_digits (spin, 2);
    }
}

static GtkButton *
icon_button (const char *icon_name,
             const char *tooltip)
{
  GtkWidget *button = gtk_button_new_from_icon_name (icon_name);

  gtk_widget_set_tooltip_text (button, tooltip);
  /* GTK 4.8 does not name an icon button by its tooltip: it would be
   * read as "GtkImage". */
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, tooltip,
                                  -1);
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (button, "flat");
  return GTK_BUTTON (button);
}

/* A button made by icon_button() turned on, or off with its tooltip
 * saying why (@name alone would leave a greyed "Add Stage" unexplained);
 * a screen reader hears the same reason as its description. */
static void
set_button_enabled (GtkButton  *button,
                    const char *name,
                    const char *why_off)
{
  const char *tooltip = why_off != NULL ? why_off : name;

  /* Called on every edit, a drag's too: nothing to tell if nothing changed */
  if (gtk_widget_get_sensitive (GTK_WIDGET (button)) == (why_off == NULL) &&
      g_strcmp0 (gtk_widget_get_tooltip_text (GTK_WIDGET (button)), tooltip) == 0)
    return;
  gtk_widget_set_sensitive (GTK_WIDGET (button), why_off == NULL);
  gtk_widget_set_tooltip_text (GTK_WIDGET (button), tooltip);
  if (why_off != NULL)
    gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                    why_off, -1);
  else
    gtk_accessible_reset_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION);
}

/* The buttons say which stage they move or remove: a screen reader took
 * the focus from "Move Up" to "Remove Stage" with no word of whose. Their
 * tooltips, beside the row's title, need not. */
static void
name_buttons_for_stage (StageRow   *row,
                        const char *stage)
{
  g_autofree char *up = NULL;
  g_autofree char *down = NULL;
  g_autofree char *add_after = NULL;
  g_autofree char *remove = NULL;

  if (g_strcmp0 (row->buttons_name, stage) == 0)
    return;
  g_free (row->buttons_name);
  row->buttons_name = g_strdup (stage);
  /* Translators: a button's name for a screen reader; %s is a stage's name */
  up = g_strdup_printf (_("Move “%s” Up"), stage);
  /* Translators: a button's name for a screen reader; %s is a stage's name */
  down = g_strdup_printf (_("Move “%s” Down"), stage);
  /* Translators: a button's name for a screen reader; %s is a stage's name */
  add_after = g_strdup_printf (_("Add a Stage After “%s”"), stage);
  /* Translators: a button's name for a screen reader; %s is a stage's name */
  remove = g_strdup_printf (_("Remove “%s”"), stage);
  gtk_accessible_update_property (GTK_ACCESSIBLE (row->up), GTK_ACCESSIBLE_PROPERTY_LABEL, up, -1);
  gtk_accessible_update_property (GTK_ACCESSIBLE (row->down), GTK_ACCESSIBLE_PROPERTY_LABEL, down, -1);
  gtk_accessible_update_property (GTK_ACCESSIBLE (row->add_after), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  add_after, -1);
  gtk_accessible_update_property (GTK_ACCESSIBLE (row->remove), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  remove, -1);
}

/* What an Add button off at the most stages says */
static char *
why_no_more_stages (void)
{
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "A plan has at most %u stage",
                                       "A plan has at most %u stages", FP_PLAN_MAX_STAGES),
                          FP_PLAN_MAX_STAGES);
}

/* Writes stage @row's values into its widgets: the title and summary
 * always, the rest once the row has been opened. */
static void
sync_stage_row (FpPlanPanel *self,
                StageRow    *row)
{
  guint n = fp_plan_get_n_stages (self->plan);
  const FpStage *stage = fp_plan_get_stage (self->plan, row->index);
  g_autofree char *subtitle = NULL;

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row->row), stage->name);
  /* A rename may have made the stage a new id (fp_plan_set_stage_name()) */
  if (g_strcmp0 (row->id, stage->id) != 0)
    {
      g_free (row->id);
      row->id = g_strdup (stage->id);
    }
  if (!row->last)
    {
      g_autofree char *conversion = NULL;

      if (self->ratio_mode)
        conversion = _fp_format_to_one (stage->conversion);
      else
        conversion = _fp_format_percent (stage->conversion);
      g_autofree char *duration = _fp_format_duration (stage->duration_days, FALSE);

      /* Translators: the summary of a stage, e.g. "20% · 14 days" */
      subtitle = g_strdup_printf (_("%s · %s"), conversion, duration);
    }
  else
    subtitle = g_strdup (_("The last stage: no conversion"));
  adw_expander_row_set_subtitle (row->row, subtitle);

  if (row->name_row == NULL)
    return;
  _fp_plan_panel_set_entry (row->name_row, stage->name);
  if (row->conversion != NULL)
    {
      _fp_plan_panel_set_spin (row->conversion, conversion_to_spin (self, stage->conversion));
      _fp_plan_panel_set_spin (row->duration, stage->duration_days);
    }
  _fp_plan_panel_set_spin (row->cost, stage->cost_per_unit);
  name_buttons_for_stage (row, stage->name);
  /* The closed deals stay last (the core refuses otherwise): their row
   * says so, since all three buttons are off there. */
  gtk_widget_set_sensitive (GTK_WIDGET (row->up), row->index > 0 && !row->last);
  set_button_enabled (row->down, _("Move Down"),
                      row->index + 2 < n ? NULL : _("The closed deals stay the last stage"));
  if (row->last)
    set_button_enabled (row->add_after, _("Add Stage After"),
                        _("The closed deals stay the last stage"));
  else if (n >= FP_PLAN_MAX_STAGES)
    {
      g_autofree char *why = why_no_more_stages ();

      set_button_enabled (row->add_after, _("Add Stage After"), why);
    }
  else
    set_button_enabled (row->add_after, _("Add Stage After"), NULL);
  if (row->last)
    set_button_enabled (row->remove, _("Remove Stage"), _("The closed deals stay the last stage"));
  else if (n <= FP_PLAN_MIN_STAGES)
    {
      g_autofree char *why = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                           "A plan needs at least %u stage",
                                                           "A plan needs at least %u stages",
                                                           FP_PLAN_MIN_STAGES),
                                              FP_PLAN_MIN_STAGES);

      set_button_enabled (row->remove, _("Remove Stage"), why);
    }
  else
    set_button_enabled (row->remove, _("Remove Stage"), NULL);
}

static void
on_stage_name_row_apply (AdwEntryRow *entry,
                         StageRow    *stage_row)
{
  FpPlanPanel *self = stage_row->panel;
  g_autoptr(GError) error = NULL;
  gboolean ok;

  if (self->syncing || self->plan == NULL)
    return;
  ok = fp_plan_set_stage_name (self->plan, stage_row->index,
                               gtk_editable_get_text (GTK_EDITABLE (entry)), &error);
  _fp_plan_panel_finish_edit (self, GTK_WIDGET (entry), ok, error);
}

/* One handler for the three number fields: the spin button says which. */
static void
on_stage_spin_value_changed (GtkSpinButton *spin,
                             StageRow      *stage_row)
{
  FpPlanPanel *self = stage_row->panel;
  const FpStage *stage;
  g_autoptr(GError) error = NULL;
  double plan_value;
  double value;
  GtkWidget *row;
  gboolean ok;

  if (self->syncing || self->plan == NULL)
    return;
  stage = fp_plan_get_stage (self->plan, stage_row->index);
  if (spin == stage_row->conversion)
    plan_value = conversion_to_spin (self, stage->conversion);
  else if (spin == stage_row->duration)
    plan_value = stage->duration_days;
  else
    plan_value = stage->cost_per_unit;
  if (!_fp_plan_panel_read_spin (spin, plan_value, &value))
    return;

  if (spin == stage_row->conversion)
    {
      row = GTK_WIDGET (stage_row->conversion_row);
      ok = fp_plan_set_stage_conversion (self->plan, stage_row->index,
                                         conversion_from_spin (self, value), &error);
    }
  else if (spin == stage_row->duration)
    {
      row = GTK_WIDGET (stage_row->duration_row);
      ok = fp_plan_set_stage_duration (self->plan, stage_row->index, value, &error);
    }
  else
    {
      row = GTK_WIDGET (stage_row->cost_row);
      ok = fp_plan_set_stage_cost (self->plan, stage_row->index, value, &error);
    }
  _fp_plan_panel_finish_edit (self, row, ok, error);
}

/* The part of a stage's row that has the focus, for a rebuild of the
 * rows to give it back */
typedef enum
{
  STAGE_PART_ROW,   /* the header, or any part not below */
  STAGE_PART_NAME,
  STAGE_PART_CONVERSION,
  STAGE_PART_DURATION,
  STAGE_PART_COST,
  STAGE_PART_UP,
  STAGE_PART_DOWN,
  STAGE_PART_ADD_AFTER,
  STAGE_PART_REMOVE,
  STAGE_N_PARTS,
} StagePart;

/* NULL until the row was first opened, and for STAGE_PART_ROW */
static GtkWidget *
stage_part_widget (StageRow  *row,
                   StagePart  part)
{
  switch (part)
    {
    case STAGE_PART_NAME: return (GtkWidget *) row->name_row;
    case STAGE_PART_CONVERSION: return (GtkWidget *) row->conversion;
    case STAGE_PART_DURATION: return (GtkWidget *) row->duration;
    case STAGE_PART_COST: return (GtkWidget *) row->cost;
    case STAGE_PART_UP: return (GtkWidget *) row->up;
    case STAGE_PART_DOWN: return (GtkWidget *) row->down;
    case STAGE_PART_ADD_AFTER: return (GtkWidget *) row->add_after;
    case STAGE_PART_REMOVE: return (GtkWidget *) row->remove;
    case STAGE_PART_ROW:
    case STAGE_N_PARTS:
    default: return NULL;
    }
}

static gboolean
is_within (GtkWidget *widget,
           GtkWidget *container)
{
  return widget != NULL && container != NULL &&
         (widget == container || gtk_widget_is_ancestor (widget, container));
}

/* The row that holds @widget (its index in @index), or NULL */
static StageRow *
stage_row_holding (FpPlanPanel *self,
                   GtkWidget   *widget,
                   guint       *index)
{
  for (guint i = 0; widget != NULL && i < self->stage_rows->len; i++)
    {
      StageRow *row = g_ptr_array_index (self->stage_rows, i);

      if (is_within (widget, GTK_WIDGET (row->row)))
        {
          *index = i;
          return row;
        }
    }
  return NULL;
}

/* An expander row takes no focus itself: its header does, as Tab into it
 * would. */
static void
focus_expander_row (GtkWidget *row)
{
  if (!gtk_widget_grab_focus (row))
    gtk_widget_child_focus (row, GTK_DIR_TAB_FORWARD);
}

static void
focus_stage_part (FpPlanPanel *self,
                  guint        index,
                  StagePart    part)
{
  StageRow *row;
  GtkWidget *widget;

  if (index >= self->stage_rows->len)
    return;
  row = g_ptr_array_index (self->stage_rows, index);
  widget = stage_part_widget (row, part);
  /* Moved as far as it goes, its button is off: the other one of the
   * pair takes the focus, to move it back. */
  if (widget != NULL && !gtk_widget_get_sensitive (widget) &&
      (part == STAGE_PART_UP || part == STAGE_PART_DOWN))
    widget = stage_part_widget (row, part == STAGE_PART_UP ? STAGE_PART_DOWN : STAGE_PART_UP);
  /* A closed row shows none of its parts: the row itself takes it. */
  if (widget != NULL && adw_expander_row_get_expanded (row->row) &&
      gtk_widget_get_sensitive (widget) && gtk_widget_grab_focus (widget))
    return;
  /* Left to GTK, the focus would go back to the first stage. */
  focus_expander_row (GTK_WIDGET (row->row));
}

const char *
_fp_plan_panel_stage_name_of (FpPlanPanel *self,
                              GtkWidget   *widget)
{
  guint index;

  if (self->plan == NULL || stage_row_holding (self, widget, &index) == NULL ||
      index >= fp_plan_get_n_stages (self->plan))
    return NULL;
  return fp_plan_get_stage (self->plan, index)->name;
}

/* A new stage at @position, its row opened on its name, selected for the
 * name to be typed over */
static void
add_stage_at (FpPlanPanel *self,
              guint        position)
{
  g_autoptr(GError) error = NULL;

  if (self->plan == NULL)
    return;
  if (!fp_plan_insert_stage (self->plan, position, _("New stage"), &error))
    {
      _fp_plan_panel_show_error (self, NULL, error);
      return;
    }
  if (position < self->stage_rows->len)
    {
      StageRow *row = g_ptr_array_index (self->stage_rows, position);

      adw_expander_row_set_expanded (row->row, TRUE);
      gtk_widget_grab_focus (GTK_WIDGET (row->name_row));
      fp_scroll_into_view (GTK_WIDGET (row->name_row));
    }
}

/* Up and Down: the button says which way. */
static void
on_stage_move_clicked (GtkButton *button,
                       StageRow  *stage_row)
{
  FpPlanPanel *self = stage_row->panel;
  g_autoptr(GError) error = NULL;
  gboolean up = button == stage_row->up;
  guint index = stage_row->index;
  guint to;

  if (self->plan == NULL || (up && index == 0))
    return;
  to = up ? index - 1 : index + 1;
  /* stage_row is freed by the rebuild that the move causes, which keeps
   * the focus on this button of the stage, now at @to */
  if (!fp_plan_move_stage (self->plan, index, to, &error))
    _fp_plan_panel_show_error (self, NULL, error);
}

/* A new stage in its place in the funnel: with only the header's Add, a
 * stage after the second took an Add and a Move Up for every stage below */
static void
on_stage_add_after_clicked (GtkButton *button,
                            StageRow  *stage_row)
{
  add_stage_at (stage_row->panel, stage_row->index + 1);
}

static void
on_stage_remove_clicked (GtkButton *button,
                         StageRow  *stage_row)
{
  FpPlanPanel *self = stage_row->panel;
  g_autoptr(GError) error = NULL;
  guint index = stage_row->index;

  g_autofree char *name = NULL;
  g_autofree char *title = NULL;
  GtkWidget *overlay;

  if (self->plan == NULL)
    return;
  name = _fp_format_leading_name (fp_plan_get_stage (self->plan, index)->name,
                                  gtk_widget_get_direction (GTK_WIDGET (self)) == GTK_TEXT_DIR_RTL);
  /* The rebuild that follows moves the focus to the stage now in its
   * place: to its own remove button when its row is open and the button
   * on (not on the closed deals), else to its row */
  if (!fp_plan_remove_stage (self->plan, index, &error))
    {
      _fp_plan_panel_show_error (self, NULL, error);
      return;
    }

  /* Removed at once, as GNOME does, with a way back in reach */
  overlay = gtk_widget_get_ancestor (GTK_WIDGET (self), ADW_TYPE_TOAST_OVERLAY);
  if (overlay == NULL)
    return;
  /* Translators: a toast after a stage was removed, e.g. "“Trials” removed" */
  title = g_strdup_printf (_("“%s” removed"), name);
  /* A toast still there for a stage removed before says this one */
  g_clear_handle_id (&self->removed_toast_idle, g_source_remove);
  fp_toast_slot_show_button (&self->removed_toast, ADW_TOAST_OVERLAY (overlay), title,
                             REMOVED_TOAST_SECONDS, _("_Undo"), "win.undo");
}

static void
stage_row_build_content (StageRow *stage_row)
{
  FpPlanPanel *self = stage_row->panel;
  GtkWidget *buttons_row;
  GtkWidget *box;

  if (stage_row->name_row != NULL)
    return;

  stage_row->name_row = _fp_plan_panel_entry_row (self, _("Name"));
  g_signal_connect (stage_row->name_row, "apply", G_CALLBACK (on_stage_name_row_apply), stage_row);
  adw_expander_row_add_row (stage_row->row, GTK_WIDGET (stage_row->name_row));

  if (!stage_row->last)
    {
      stage_row->conversion = _fp_plan_panel_make_number_spin (0.01, 100, 0.5, 2, 6);
      stage_row->conversion_row = _fp_plan_panel_spin_row (_("Conversion to the next stage"),
                                            NULL, stage_row->conversion);
      configure_conversion_spin (self, stage_row);
      g_signal_connect (stage_row->conversion, "value-changed",
                        G_CALLBACK (on_stage_spin_value_changed), stage_row);
      adw_expander_row_add_row (stage_row->row, GTK_WIDGET (stage_row->conversion_row));

      stage_row->duration = _fp_plan_panel_make_number_spin (0, 3650, 1, 1, 5);
      stage_row->duration_row = _fp_plan_panel_spin_row (_("Days in stage"), NULL, stage_row->duration);
      g_signal_connect (stage_row->duration, "value-changed",
                        G_CALLBACK (on_stage_spin_value_changed), stage_row);
      adw_expander_row_add_row (stage_row->row, GTK_WIDGET (stage_row->duration_row));
    }

  stage_row->cost = _fp_plan_panel_make_number_spin (0, 1e12, 1, 2, 8);
  stage_row->cost_row = _fp_plan_panel_spin_row (_("Cost per unit"), NULL, stage_row->cost);
  g_signal_connect (stage_row->cost, "value-changed",
                    G_CALLBACK (on_stage_spin_value_changed), stage_row);
  adw_expander_row_add_row (stage_row->row, GTK_WIDGET (stage_row->cost_row));

  buttons_row = adw_action_row_new ();
  fp_row_header_layout_install (buttons_row);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (buttons_row), _("Position"));
  if (stage_row->last)
    adw_action_row_set_subtitle (ADW_ACTION_ROW (buttons_row),
                                 _("The closed deals stay the last stage"));
  box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  stage_row->up = icon_button ("go-up-symbolic", _("Move Up"));
  stage_row->down = icon_button ("go-down-symbolic", _("Move Down"));
  stage_row->add_after = icon_button ("list-add-symbolic", _("Add Stage After"));
  stage_row->remove = icon_button ("user-trash-symbolic", _("Remove Stage"));
  /* "destructive-action" is for filled buttons: on a flat one the icon
   * turns white on nothing. */
  gtk_widget_add_css_class (GTK_WIDGET (stage_row->remove), "error");
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (stage_row->up));
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (stage_row->down));
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (stage_row->add_after));
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (stage_row->remove));
  adw_action_row_add_suffix (ADW_ACTION_ROW (buttons_row), box);
  /* Its buttons are the Tab stops: the row took one of its own, where
   * Enter did nothing. The last stage's row keeps its stop: its buttons
   * are all off, and the row says why. */
  gtk_widget_set_focusable (buttons_row, stage_row->last);
  g_signal_connect (stage_row->up, "clicked", G_CALLBACK (on_stage_move_clicked), stage_row);
  g_signal_connect (stage_row->down, "clicked", G_CALLBACK (on_stage_move_clicked), stage_row);
  g_signal_connect (stage_row->add_after, "clicked", G_CALLBACK (on_stage_add_after_clicked),
                    stage_row);
  g_signal_connect (stage_row->remove, "clicked", G_CALLBACK (on_stage_remove_clicked), stage_row);
  adw_expander_row_add_row (stage_row->row, buttons_row);

  if (self->plan != NULL && stage_row->index < fp_plan_get_n_stages (self->plan))
    {
      gboolean was_syncing = self->syncing;

      self->syncing = TRUE;
      sync_stage_row (self, stage_row);
      self->syncing = was_syncing;
    }
}


/* A row opened on screen (a click, Enter) brings its fields into view: a
 * row near the bottom of the panel opened below the fold, and nothing
 * showed that it had opened. A row taller than the panel shows its top.
 * Rows opened as the list is built again (unmapped) keep the scroll. */
static void
on_stage_row_notify_expanded (AdwExpanderRow *row,
                              GParamSpec     *pspec,
                              StageRow       *stage_row)
{
  if (!adw_expander_row_get_expanded (row))
    return;
  stage_row_build_content (stage_row);
  if (gtk_widget_get_mapped (GTK_WIDGET (row)))
    fp_scroll_into_view (GTK_WIDGET (row));
}

static StageRow *
stage_row_new (FpPlanPanel *self,
               guint        index,
               gboolean     last)
{
  StageRow *stage_row = g_new0 (StageRow, 1);

  stage_row->panel = self;
  stage_row->index = index;
  stage_row->last = last;
  stage_row->row = ADW_EXPANDER_ROW (adw_expander_row_new ());
  fp_row_header_layout_install (GTK_WIDGET (stage_row->row));
  /* The stage's name as typed, "R&D" too, not markup */
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (stage_row->row), FALSE);
  g_signal_connect (stage_row->row, "notify::expanded",
                    G_CALLBACK (on_stage_row_notify_expanded), stage_row);

  return stage_row;
}

static void
stage_row_free (gpointer data)
{
  StageRow *row = data;

  g_free (row->id);
  g_free (row->buttons_name);
  g_free (row);
}

/* Where in the stage list the focus is, for a rebuild to put it back: the
 * stage's id and index, and the part of its row. FALSE when the focus is
 * elsewhere. */
static gboolean
find_focused_stage (FpPlanPanel  *self,
                    char        **id,
                    guint        *index,
                    StagePart    *part)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkWidget *focus = root != NULL ? gtk_root_get_focus (root) : NULL;
  StageRow *row = stage_row_holding (self, focus, index);

  if (row == NULL)
    return FALSE;
  *id = g_strdup (row->id);
  *part = STAGE_PART_ROW;
  for (StagePart p = STAGE_PART_ROW + 1; p < STAGE_N_PARTS; p++)
    if (is_within (focus, stage_part_widget (row, p)))
      *part = p;
  return TRUE;
}

/* Frames a row may take to be mapped before it is focused: two seconds */
#define FOCUS_ROW_FRAMES 120

/* The focus goes to a row once it is mapped: the panel may be sliding in */
static gboolean
focus_row_tick (GtkWidget     *widget,
                GdkFrameClock *clock,
                gpointer       user_data)
{
  guint frames = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (widget), "fp-focus-frames"));

  g_object_set_data (G_OBJECT (widget), "fp-focus-frames", GUINT_TO_POINTER (frames + 1));
  if (!gtk_widget_get_mapped (widget) && frames < FOCUS_ROW_FRAMES)
    return G_SOURCE_CONTINUE;
  g_object_set_data (G_OBJECT (widget), "fp-focus-frames", NULL);
  if (gtk_widget_get_mapped (widget))
    focus_expander_row (widget);
  return G_SOURCE_REMOVE;
}

void
fp_plan_panel_show_stage (FpPlanPanel *self,
                          guint        stage)
{
  StageRow *row;

  g_return_if_fail (FP_IS_PLAN_PANEL (self));

  if (stage >= self->stage_rows->len)
    return;
  row = g_ptr_array_index (self->stage_rows, stage);
  /* Opening it on screen scrolls it into view (on_stage_row_notify_expanded()) */
  if (adw_expander_row_get_expanded (row->row) || !gtk_widget_get_mapped (GTK_WIDGET (row->row)))
    fp_scroll_into_view (GTK_WIDGET (row->row));
  adw_expander_row_set_expanded (row->row, TRUE);
  gtk_widget_add_tick_callback (GTK_WIDGET (row->row), focus_row_tick, NULL, NULL);
}

static void
rebuild_stage_rows (FpPlanPanel *self)
{
  g_autoptr(GHashTable) expanded = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  guint n = self->plan != NULL ? fp_plan_get_n_stages (self->plan) : 0;
  g_autoptr(GHashTable) before = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autofree char *focused_id = NULL;
  guint focused_index = 0;
  StagePart focused_part = STAGE_PART_ROW;
  gboolean had_focus = find_focused_stage (self, &focused_id, &focused_index, &focused_part);
  StageRow *arrived = NULL;
  guint n_arrived = 0;

  /* Keep rows open across a rebuild, by stage id: moving a stage must not
   * fold the row the user is working in. */
  for (guint i = 0; i < self->stage_rows->len; i++)
    {
      StageRow *row = g_ptr_array_index (self->stage_rows, i);

      if (adw_expander_row_get_expanded (row->row))
        g_hash_table_add (expanded, g_strdup (row->id));
      g_hash_table_add (before, g_strdup (row->id));
      adw_preferences_group_remove (self->stages_group, GTK_WIDGET (row->row));
    }
  g_ptr_array_set_size (self->stage_rows, 0);

  for (guint i = 0; i < n; i++)
    {
      const FpStage *stage = fp_plan_get_stage (self->plan, i);
      StageRow *row = stage_row_new (self, i, i + 1 == n);

      row->id = g_strdup (stage->id);
      adw_expander_row_set_expanded (row->row, g_hash_table_contains (expanded, stage->id));
      adw_preferences_group_add (self->stages_group, GTK_WIDGET (row->row));
      g_ptr_array_add (self->stage_rows, row);
      if (had_focus && g_strcmp0 (stage->id, focused_id) == 0)
        focused_index = i;
      if (!g_hash_table_contains (before, stage->id))
        {
          arrived = row;
          n_arrived++;
        }
    }

  /* One stage more among the same others (an undo brought back a stage
   * removed, say): its row comes into view, where it may be below the
   * fold. A plan of new stages (another file) stays at the top. */
  if (n_arrived == 1 && g_hash_table_size (before) > 0 && n == g_hash_table_size (before) + 1)
    fp_scroll_into_view (GTK_WIDGET (arrived->row));

  /* The focus stays with its stage and on the same part of its row,
   * wherever an undo moved it; with the stage gone, it goes to the same
   * part of the stage now in its place. Left to GTK, it would go nowhere,
   * and the next Tab would start over. */
  if (had_focus && n > 0)
    {
      GtkWidget *focus;

      focus_stage_part (self, MIN (focused_index, n - 1), focused_part);
      /* GTK scrolls to the focus once, while the rows above it may be
       * opening again and push it below the fold. (The focus was in the
       * panel, so the panel has a root.) */
      focus = gtk_root_get_focus (gtk_widget_get_root (GTK_WIDGET (self)));
      if (focus != NULL && gtk_widget_is_ancestor (focus, GTK_WIDGET (self->stages_group)))
        fp_scroll_into_view (focus);
    }
}

/* Whether some row is labelled with @id */
static gboolean
rows_have_stage_id (FpPlanPanel *self,
                    const char  *id)
{
  for (guint i = 0; i < self->stage_rows->len; i++)
    {
      StageRow *row = g_ptr_array_index (self->stage_rows, i);

      if (g_strcmp0 (row->id, id) == 0)
        return TRUE;
    }
  return FALSE;
}

/* Undo and replace report a structure change whether or not the stages
 * moved; rebuilding only when they did keeps focus and open rows. A row
 * whose stage took a new id with a new name (fp_plan_set_stage_name(),
 * undone or redone) is still its stage's row: the sync that follows every
 * change gives it the new id (sync_stage_row()). */
static gboolean
rows_match_stages (FpPlanPanel *self)
{
  guint n = fp_plan_get_n_stages (self->plan);
  guint n_renamed = 0;

  if (self->stage_rows->len != n)
    return FALSE;
  for (guint i = 0; i < n; i++)
    {
      StageRow *row = g_ptr_array_index (self->stage_rows, i);
      const char *stage_id = fp_plan_get_stage (self->plan, i)->id;

      if (row->last != (i + 1 == n))
        return FALSE;
      if (g_strcmp0 (row->id, stage_id) == 0)
        continue;
      /* One step renames one stage; more new ids are other stages (a
       * reload, another plan), whose rows start afresh. */
      if (++n_renamed > 1 ||
          fp_plan_find_stage (self->plan, row->id) >= 0 || rows_have_stage_id (self, stage_id))
        return FALSE;
    }
  return TRUE;
}

static void
on_add_button_clicked (GtkButton   *button,
                       FpPlanPanel *self)
{
  /* Before the closed deals: a new last stage would make the old one need
   * a conversion it does not have a sensible value for. */
  if (self->plan != NULL)
    add_stage_at (self, fp_plan_get_n_stages (self->plan) - 1);
}

static void
on_ratio_toggle_toggled (GtkToggleButton *toggle,
                         FpPlanPanel     *self)
{
  fp_plan_panel_set_ratio_mode (self, gtk_toggle_button_get_active (toggle));
}

void
_fp_plan_panel_stages_init (FpPlanPanel *self)
{
  GtkWidget *suffix;

  self->stage_rows = g_ptr_array_new_with_free_func (stage_row_free);

  self->stages_group = ADW_PREFERENCES_GROUP (adw_preferences_group_new ());
  adw_preferences_group_set_title (self->stages_group, _("Stages"));
  adw_preferences_page_add (self->page, self->stages_group);

  suffix = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  self->ratio_toggle = GTK_TOGGLE_BUTTON (gtk_toggle_button_new_with_label (_("N:1")));
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->ratio_toggle),
                               _("Show conversions as N:1 ratios instead of percentages"));
  gtk_widget_add_css_class (GTK_WIDGET (self->ratio_toggle), "flat");
  gtk_widget_set_valign (GTK_WIDGET (self->ratio_toggle), GTK_ALIGN_CENTER);
  g_signal_connect (self->ratio_toggle, "toggled", G_CALLBACK (on_ratio_toggle_toggled), self);
  gtk_box_append (GTK_BOX (suffix), GTK_WIDGET (self->ratio_toggle));
  self->add_button = icon_button ("list-add-symbolic", _("Add Stage"));
  g_signal_connect (self->add_button, "clicked", G_CALLBACK (on_add_button_clicked), self);
  gtk_box_append (GTK_BOX (suffix), GTK_WIDGET (self->add_button));
  adw_preferences_group_set_header_suffix (self->stages_group, suffix);
}

void
_fp_plan_panel_rebuild_stages (FpPlanPanel *self)
{
  if (!rows_match_stages (self))
    rebuild_stage_rows (self);
}

void
_fp_plan_panel_sync_stages (FpPlanPanel *self)
{
  guint n = fp_plan_get_n_stages (self->plan);

  for (guint i = 0; i < self->stage_rows->len && i < n; i++)
    sync_stage_row (self, g_ptr_array_index (self->stage_rows, i));
  if (n < FP_PLAN_MAX_STAGES)
    set_button_enabled (self->add_button, _("Add Stage"), NULL);
  else
    {
      g_autofree char *why = why_no_more_stages ();

      set_button_enabled (self->add_button, _("Add Stage"), why);
    }
}

void
_fp_plan_panel_forget_stage_entries (FpPlanPanel *self)
{
  for (guint i = 0; i < self->stage_rows->len; i++)
    {
      StageRow *row = g_ptr_array_index (self->stage_rows, i);

      if (row->name_row != NULL)
        _fp_plan_panel_forget_entry (row->name_row);
    }
}

void
_fp_plan_panel_configure_conversions (FpPlanPanel *self)
{
  for (guint i = 0; i < self->stage_rows->len; i++)
    {
      StageRow *row = g_ptr_array_index (self->stage_rows, i);

      if (row->conversion != NULL)
        configure_conversion_spin (self, row);
    }
}

/* For the tests. The getters of a stage row's fields build them, as opening
 * the row does; _fp_plan_panel_get_stage_row() and _is_built() only look. */

guint
_fp_plan_panel_get_n_stage_rows (FpPlanPanel *self)
{
  return self->stage_rows->len;
}

GtkSpinButton *
_fp_plan_panel_get_stage_spin (FpPlanPanel           *self,
                               guint                  stage,
                               FpPlanPanelStageField  field)
{
  StageRow *row;

  if (stage >= self->stage_rows->len)
    return NULL;
  row = g_ptr_array_index (self->stage_rows, stage);
  stage_row_build_content (row);
  switch (field)
    {
    case FP_PLAN_PANEL_STAGE_CONVERSION:
      return row->conversion;
    case FP_PLAN_PANEL_STAGE_DURATION:
      return row->duration;
    case FP_PLAN_PANEL_STAGE_COST:
      return row->cost;
    default:
      return NULL;
    }
}

AdwEntryRow *
_fp_plan_panel_get_stage_name_row (FpPlanPanel *self,
                                   guint        stage)
{
  StageRow *row;

  if (stage >= self->stage_rows->len)
    return NULL;
  row = g_ptr_array_index (self->stage_rows, stage);
  stage_row_build_content (row);
  return row->name_row;
}

GtkButton *
_fp_plan_panel_get_stage_button (FpPlanPanel *self,
                                 guint        stage,
                                 const char  *which)
{
  StageRow *row;

  if (stage >= self->stage_rows->len)
    return NULL;
  row = g_ptr_array_index (self->stage_rows, stage);
  stage_row_build_content (row);
  if (g_str_equal (which, "up"))
    return row->up;
  if (g_str_equal (which, "down"))
    return row->down;
  if (g_str_equal (which, "add-after"))
    return row->add_after;
  if (g_str_equal (which, "remove"))
    return row->remove;
  return NULL;
}

GtkButton *
_fp_plan_panel_get_add_button (FpPlanPanel *self)
{
  return self->add_button;
}

AdwExpanderRow *
_fp_plan_panel_get_stage_row (FpPlanPanel *self,
                              guint        stage)
{
  if (stage >= self->stage_rows->len)
    return NULL;
  return ((StageRow *) g_ptr_array_index (self->stage_rows, stage))->row;
}

gboolean
_fp_plan_panel_stage_row_is_built (FpPlanPanel *self,
                                   guint        stage)
{
  if (stage >= self->stage_rows->len)
    return FALSE;
  return ((StageRow *) g_ptr_array_index (self->stage_rows, stage))->name_row != NULL;
}
