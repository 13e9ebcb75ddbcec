/* fp-plan-panel.c: the side panel, every setting of the plan and its stages
 *
 * The plan is the one source of truth. Widgets edit it through its edit API;
 * on ::changed the panel writes the plan's values back into the widgets with
 * self->syncing set, so that those writes are not taken for edits (no
 * feedback loop). Stage rows are rebuilt only on FP_PLAN_CHANGE_STRUCTURE.
 * An edit the plan refuses shows the core's message and the widget returns
 * to the plan's value; the app never crashes on input.
 */
#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>
#include <math.h>

#include "fp-format.h"
#include "fp-plan-panel-private.h"

typedef struct _StageRow StageRow;

struct _FpPlanPanel
{
  GtkWidget parent_instance;

  FpPlan *plan;
  gulong changed_id;
  gboolean syncing;
  gboolean ratio_mode;

  AdwPreferencesPage *page;

  AdwEntryRow *title_row;
  AdwEntryRow *currency_row;
  AdwActionRow *target_row;
  GtkSpinButton *target_spin;
  AdwActionRow *deal_size_row;
  GtkSpinButton *deal_size_spin;

  AdwComboRow *start_month_row;
  AdwActionRow *start_year_row;
  GtkSpinButton *start_year_spin;
  AdwActionRow *months_row;
  GtkSpinButton *months_spin;
  AdwExpanderRow *weights_row;
  GPtrArray *weight_rows;  /* AdwActionRow */
  GPtrArray *weight_spins; /* GtkSpinButton */
  int weights_year;
  int weights_month;

  AdwExpanderRow *inflow_row;
  AdwComboRow *inflow_stage_row;
  AdwActionRow *inflow_rate_row;
  GtkSpinButton *inflow_spin;
  AdwComboRow *handoff_row;
  AdwComboRow *pipeline_row;
  GtkStringList *stage_names; /* every stage but the last, for the combo rows */

  AdwPreferencesGroup *stages_group;
  GtkToggleButton *ratio_toggle;
  GtkButton *add_button;
  GPtrArray *stage_rows;   /* StageRow */
};

/* A stage's expander row. What it holds is built when it is first opened:
 * seven stages of closed rows would otherwise cost start-up some thirty
 * spin buttons and entries that nobody sees. */
struct _StageRow
{
  FpPlanPanel *panel;
  guint index;
  gboolean last;
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
  GtkButton *remove;
};

G_DEFINE_FINAL_TYPE (FpPlanPanel, fp_plan_panel, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_PLAN,
  PROP_RATIO_MODE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void sync_values (FpPlanPanel *self);
static void ensure_weight_rows (FpPlanPanel *self);
static void sync_all    (FpPlanPanel *self,
                         FpPlanChange change);

/* Errors */

/* The core's message on the row (error style and tooltip) and as a toast,
 * where a toast overlay holds the panel. */
static void
show_error (FpPlanPanel  *self,
            GtkWidget    *row,
            const GError *error)
{
  GtkWidget *overlay;

  if (row != NULL)
    {
      gtk_widget_add_css_class (row, "error");
      gtk_widget_set_tooltip_text (row, error->message);
    }

  overlay = gtk_widget_get_ancestor (GTK_WIDGET (self), ADW_TYPE_TOAST_OVERLAY);
  if (overlay != NULL)
    {
      AdwToast *toast = adw_toast_new (error->message);

      adw_toast_set_priority (toast, ADW_TOAST_PRIORITY_HIGH);
      adw_toast_overlay_add_toast (ADW_TOAST_OVERLAY (overlay), toast);
    }
}

static void
clear_error (GtkWidget *row)
{
  if (row != NULL && gtk_widget_has_css_class (row, "error"))
    {
      gtk_widget_remove_css_class (row, "error");
      gtk_widget_set_tooltip_text (row, NULL);
    }
}

/* After an edit: clear or show the error, and on failure put the plan's
 * value back into the widgets. */
static void
finish_edit (FpPlanPanel *self,
             GtkWidget   *row,
             gboolean     ok,
             GError      *error)
{
  if (ok)
    {
      clear_error (row);
      return;
    }
  show_error (self, row, error);
  sync_values (self);
}

/* Widget helpers */

static GtkSpinButton *
make_spin (double lower,
           double upper,
           double step,
           guint  digits,
           int    width_chars)
{
  GtkAdjustment *adjustment = gtk_adjustment_new (lower, lower, upper, step, step * 10, 0);
  GtkWidget *spin = gtk_spin_button_new (adjustment, step, digits);

  gtk_spin_button_set_numeric (GTK_SPIN_BUTTON (spin), TRUE);
  gtk_spin_button_set_update_policy (GTK_SPIN_BUTTON (spin), GTK_UPDATE_IF_VALID);
  gtk_editable_set_width_chars (GTK_EDITABLE (spin), width_chars);
  gtk_widget_set_valign (spin, GTK_ALIGN_CENTER);
  return GTK_SPIN_BUTTON (spin);
}

/* The value as every other number in the window: the locale's decimal
 * mark and thousands separators ("1.200.000" in German), no trailing
 * zeros. */
static gboolean
on_spin_button_output (GtkSpinButton *spin,
                       gpointer       user_data)
{
  g_autofree char *text = _fp_format_decimal (gtk_spin_button_get_value (spin),
                                              (int) gtk_spin_button_get_digits (spin));

  if (g_strcmp0 (gtk_editable_get_text (GTK_EDITABLE (spin)), text) != 0)
    gtk_editable_set_text (GTK_EDITABLE (spin), text);
  return TRUE;
}

/* Reads back what the output wrote, or what a person typed in the same
 * format; anything else leaves the value as it was. */
static int
on_spin_button_input (GtkSpinButton *spin,
                      double        *new_value,
                      gpointer       user_data)
{
  if (!_fp_parse_number (gtk_editable_get_text (GTK_EDITABLE (spin)), new_value))
    return GTK_INPUT_ERROR;
  return TRUE;
}

/* A spin button for an amount or a rate, shown and read in the locale's
 * format. Not "numeric": that would refuse the thousands separator. */
static GtkSpinButton *
make_number_spin (double lower,
                  double upper,
                  double step,
                  guint  digits,
                  int    width_chars)
{
  GtkSpinButton *spin = make_spin (lower, upper, step, digits, width_chars);

  gtk_spin_button_set_numeric (spin, FALSE);
  g_signal_connect (spin, "output", G_CALLBACK (on_spin_button_output), NULL);
  g_signal_connect (spin, "input", G_CALLBACK (on_spin_button_input), NULL);
  /* The output signal only runs on a value change: format the first one. */
  on_spin_button_output (spin, NULL);
  return spin;
}

static AdwActionRow *
spin_row (const char    *title,
          const char    *subtitle,
          GtkSpinButton *spin)
{
  AdwActionRow *row = ADW_ACTION_ROW (adw_action_row_new ());

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  if (subtitle != NULL)
    adw_action_row_set_subtitle (row, subtitle);
  adw_action_row_add_suffix (row, GTK_WIDGET (spin));
  /* The row labels its activatable widget for screen readers: a label of
   * the spin button's own would be read twice ("Months Months"). */
  adw_action_row_set_activatable_widget (row, GTK_WIDGET (spin));
  return row;
}

static void
set_spin (GtkSpinButton *spin,
          double         value)
{
  if (fabs (gtk_spin_button_get_value (spin) - value) > 1e-9)
    gtk_spin_button_set_value (spin, value);
}

static void
set_entry (AdwEntryRow *row,
           const char  *text)
{
  /* Not while the user types in it: that would move the cursor. */
  if (gtk_widget_has_css_class (GTK_WIDGET (row), "error"))
    return;
  if (g_strcmp0 (gtk_editable_get_text (GTK_EDITABLE (row)), text) != 0)
    gtk_editable_set_text (GTK_EDITABLE (row), text);
}

/* Follows the plan without unfolding the row: libadwaita expands a row
 * whose switch turns on, which is right for a click but not for a load. */
/* libadwaita 1.2 leaves the enable switch of an expander row unnamed (a
 * screen reader says "GtkSwitch"): name it after the row. */
static void
name_enable_switch (AdwExpanderRow *row,
                    const char     *title)
{
  GtkWidget *child = GTK_WIDGET (row);

  /* Depth-first, through first children and their siblings. */
  while (child != NULL)
    {
      if (GTK_IS_SWITCH (child))
        {
          gtk_accessible_update_property (GTK_ACCESSIBLE (child), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                          title, -1);
          return;
        }
      if (gtk_widget_get_first_child (child) != NULL)
        child = gtk_widget_get_first_child (child);
      else
        {
          while (child != GTK_WIDGET (row) && gtk_widget_get_next_sibling (child) == NULL)
            child = gtk_widget_get_parent (child);
          child = child == GTK_WIDGET (row) ? NULL : gtk_widget_get_next_sibling (child);
        }
    }
}

static void
set_enable_expansion (AdwExpanderRow *row,
                      gboolean        enable)
{
  if (adw_expander_row_get_enable_expansion (row) == enable)
    return;
  adw_expander_row_set_enable_expansion (row, enable);
  adw_expander_row_set_expanded (row, FALSE);
}

static char *
month_name (int year,
            int month)
{
  g_autoptr(GDateTime) date = g_date_time_new_local (year, month, 1, 0, 0, 0);

  if (date == NULL)
    return g_strdup_printf ("%d-%02d", year, month);
  /* The translation puts the year where the language wants it: "2027年7月" */
  return _fp_format_month (date, FALSE, TRUE);
}

/* Plan settings */

static void
on_title_row_apply (AdwEntryRow *row,
                    FpPlanPanel *self)
{
  g_autoptr(GError) error = NULL;
  gboolean ok;

  if (self->syncing || self->plan == NULL)
    return;
  ok = fp_plan_set_title (self->plan, gtk_editable_get_text (GTK_EDITABLE (row)), &error);
  finish_edit (self, GTK_WIDGET (row), ok, error);
}

static void
on_currency_row_apply (AdwEntryRow *row,
                       FpPlanPanel *self)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *code = NULL;
  gboolean ok;

  if (self->syncing || self->plan == NULL)
    return;
  code = g_ascii_strup (gtk_editable_get_text (GTK_EDITABLE (row)), -1);
  g_strstrip (code);
  ok = fp_plan_set_currency (self->plan, code, &error);
  finish_edit (self, GTK_WIDGET (row), ok, error);
}

static void
on_target_spin_value_changed (GtkSpinButton *spin,
                              FpPlanPanel   *self)
{
  g_autoptr(GError) error = NULL;
  gboolean ok;

  if (self->syncing || self->plan == NULL)
    return;
  ok = fp_plan_set_revenue_target (self->plan, gtk_spin_button_get_value (spin), &error);
  finish_edit (self, GTK_WIDGET (self->target_row), ok, error);
}

static void
on_deal_size_spin_value_changed (GtkSpinButton *spin,
                                 FpPlanPanel   *self)
{
  g_autoptr(GError) error = NULL;
  gboolean ok;

  if (self->syncing || self->plan == NULL)
    return;
  ok = fp_plan_set_average_deal_size (self->plan, gtk_spin_button_get_value (spin), &error);
  finish_edit (self, GTK_WIDGET (self->deal_size_row), ok, error);
}

static void
edit_period (FpPlanPanel *self,
             GtkWidget   *row)
{
  g_autoptr(GError) error = NULL;
  guint month = adw_combo_row_get_selected (self->start_month_row);
  gboolean ok;

  if (self->syncing || self->plan == NULL || month == GTK_INVALID_LIST_POSITION)
    return;
  ok = fp_plan_set_period (self->plan,
                           gtk_spin_button_get_value_as_int (self->start_year_spin),
                           month + 1,
                           gtk_spin_button_get_value_as_int (self->months_spin),
                           &error);
  finish_edit (self, row, ok, error);
}

static void
on_start_month_row_notify_selected (AdwComboRow *row,
                                    GParamSpec  *pspec,
                                    FpPlanPanel *self)
{
  edit_period (self, GTK_WIDGET (row));
}

static void
on_start_year_spin_value_changed (GtkSpinButton *spin,
                                  FpPlanPanel   *self)
{
  edit_period (self, GTK_WIDGET (self->start_year_row));
}

static void
on_months_spin_value_changed (GtkSpinButton *spin,
                              FpPlanPanel   *self)
{
  edit_period (self, GTK_WIDGET (self->months_row));
}

static void
edit_weights (FpPlanPanel *self,
              GtkWidget   *row)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) weights = g_array_new (FALSE, FALSE, sizeof (double));
  gboolean ok;

  if (self->syncing || self->plan == NULL)
    return;

  if (adw_expander_row_get_enable_expansion (self->weights_row))
    {
      /* Turned on before the month rows were ever opened: they start
       * from the plan's (equal) weights. */
      self->syncing = TRUE;
      ensure_weight_rows (self);
      self->syncing = FALSE;
      for (guint i = 0; i < self->weight_spins->len; i++)
        {
          double w = gtk_spin_button_get_value (g_ptr_array_index (self->weight_spins, i));
          g_array_append_val (weights, w);
        }
    }
  ok = fp_plan_set_weights (self->plan, (const double *) (gpointer) weights->data, weights->len,
                            &error);
  finish_edit (self, row, ok, error);
}

static void
on_weight_spin_value_changed (GtkSpinButton *spin,
                              FpPlanPanel   *self)
{
  edit_weights (self, gtk_widget_get_ancestor (GTK_WIDGET (spin), ADW_TYPE_ACTION_ROW));
}

static void
on_weights_row_notify_enable_expansion (AdwExpanderRow *row,
                                        GParamSpec     *pspec,
                                        FpPlanPanel    *self)
{
  edit_weights (self, GTK_WIDGET (row));
}

static void
edit_inflow (FpPlanPanel *self,
             GtkWidget   *row)
{
  g_autoptr(GError) error = NULL;
  guint stage;
  gboolean ok;

  if (self->syncing || self->plan == NULL)
    return;
  stage = adw_combo_row_get_selected (self->inflow_stage_row);
  if (stage == GTK_INVALID_LIST_POSITION)
    stage = 0;
  ok = fp_plan_set_inflow (self->plan,
                           adw_expander_row_get_enable_expansion (self->inflow_row),
                           stage,
                           gtk_spin_button_get_value (self->inflow_spin),
                           &error);
  finish_edit (self, row, ok, error);
}

static void
on_inflow_row_notify_enable_expansion (AdwExpanderRow *row,
                                       GParamSpec     *pspec,
                                       FpPlanPanel    *self)
{
  edit_inflow (self, GTK_WIDGET (row));
}

static void
on_inflow_stage_row_notify_selected (AdwComboRow *row,
                                     GParamSpec  *pspec,
                                     FpPlanPanel *self)
{
  edit_inflow (self, GTK_WIDGET (row));
}

static void
on_inflow_spin_value_changed (GtkSpinButton *spin,
                              FpPlanPanel   *self)
{
  edit_inflow (self, GTK_WIDGET (self->inflow_rate_row));
}

static void
on_handoff_row_notify_selected (AdwComboRow *row,
                                GParamSpec  *pspec,
                                FpPlanPanel *self)
{
  g_autoptr(GError) error = NULL;
  guint selected = adw_combo_row_get_selected (row);
  gboolean ok;

  if (self->syncing || self->plan == NULL || selected == GTK_INVALID_LIST_POSITION)
    return;
  ok = fp_plan_set_handoff_index (self->plan, selected, &error);
  finish_edit (self, GTK_WIDGET (row), ok, error);
}

static void
on_pipeline_row_notify_selected (AdwComboRow *row,
                                 GParamSpec  *pspec,
                                 FpPlanPanel *self)
{
  g_autoptr(GError) error = NULL;
  guint selected = adw_combo_row_get_selected (row);
  gboolean ok;

  if (self->syncing || self->plan == NULL || selected == GTK_INVALID_LIST_POSITION)
    return;
  ok = fp_plan_set_pipeline_index (self->plan, selected, &error);
  finish_edit (self, GTK_WIDGET (row), ok, error);
}

/* Stages */

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
  finish_edit (self, GTK_WIDGET (entry), ok, error);
}

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

static void
on_stage_conversion_value_changed (GtkSpinButton *spin,
                                   StageRow      *stage_row)
{
  FpPlanPanel *self = stage_row->panel;
  g_autoptr(GError) error = NULL;
  gboolean ok;

  if (self->syncing || self->plan == NULL)
    return;
  ok = fp_plan_set_stage_conversion (self->plan, stage_row->index,
                                     conversion_from_spin (self, gtk_spin_button_get_value (spin)),
                                     &error);
  finish_edit (self, GTK_WIDGET (stage_row->conversion_row), ok, error);
}

static void
on_stage_duration_value_changed (GtkSpinButton *spin,
                                 StageRow      *stage_row)
{
  FpPlanPanel *self = stage_row->panel;
  g_autoptr(GError) error = NULL;
  gboolean ok;

  if (self->syncing || self->plan == NULL)
    return;
  ok = fp_plan_set_stage_duration (self->plan, stage_row->index,
                                   gtk_spin_button_get_value (spin), &error);
  finish_edit (self, GTK_WIDGET (stage_row->duration_row), ok, error);
}

static void
on_stage_cost_value_changed (GtkSpinButton *spin,
                             StageRow      *stage_row)
{
  FpPlanPanel *self = stage_row->panel;
  g_autoptr(GError) error = NULL;
  gboolean ok;

  if (self->syncing || self->plan == NULL)
    return;
  ok = fp_plan_set_stage_cost (self->plan, stage_row->index,
                               gtk_spin_button_get_value (spin), &error);
  finish_edit (self, GTK_WIDGET (stage_row->cost_row), ok, error);
}

static void
focus_stage_button (FpPlanPanel *self,
                    guint        index,
                    const char  *which)
{
  StageRow *row;
  GtkButton *button = NULL;

  if (index >= self->stage_rows->len)
    return;
  row = g_ptr_array_index (self->stage_rows, index);
  /* A closed row has no buttons to focus: the row itself takes it. */
  if (row->name_row != NULL && adw_expander_row_get_expanded (row->row))
    button = _fp_plan_panel_get_stage_button (self, index, which);
  if (button != NULL && gtk_widget_get_sensitive (GTK_WIDGET (button)))
    gtk_widget_grab_focus (GTK_WIDGET (button));
  else
    gtk_widget_grab_focus (GTK_WIDGET (row->row));
}

static void
on_stage_up_clicked (GtkButton *button,
                     StageRow  *stage_row)
{
  FpPlanPanel *self = stage_row->panel;
  g_autoptr(GError) error = NULL;
  guint index = stage_row->index;

  if (self->plan == NULL || index == 0)
    return;
  /* stage_row is freed by the rebuild that the move causes. */
  if (!fp_plan_move_stage (self->plan, index, index - 1, &error))
    show_error (self, NULL, error);
  else
    focus_stage_button (self, index - 1, "up");
}

static void
on_stage_down_clicked (GtkButton *button,
                       StageRow  *stage_row)
{
  FpPlanPanel *self = stage_row->panel;
  g_autoptr(GError) error = NULL;
  guint index = stage_row->index;

  if (self->plan == NULL)
    return;
  if (!fp_plan_move_stage (self->plan, index, index + 1, &error))
    show_error (self, NULL, error);
  else
    focus_stage_button (self, index + 1, "down");
}

static void
on_stage_remove_clicked (GtkButton *button,
                         StageRow  *stage_row)
{
  FpPlanPanel *self = stage_row->panel;
  g_autoptr(GError) error = NULL;
  guint index = stage_row->index;

  if (self->plan == NULL)
    return;
  if (!fp_plan_remove_stage (self->plan, index, &error))
    show_error (self, NULL, error);
  else if (self->stage_rows->len > 0)
    focus_stage_button (self, MIN (index, self->stage_rows->len - 1), "remove");
}

static void
on_add_button_clicked (GtkButton   *button,
                       FpPlanPanel *self)
{
  g_autoptr(GError) error = NULL;
  guint n;

  if (self->plan == NULL)
    return;
  /* Before the closed deals: a new last stage would make the old one need
   * a conversion it does not have a sensible value for. */
  n = fp_plan_get_n_stages (self->plan);
  if (!fp_plan_insert_stage (self->plan, n - 1, _("New stage"), &error))
    {
      show_error (self, NULL, error);
      return;
    }
  if (n - 1 < self->stage_rows->len)
    {
      StageRow *row = g_ptr_array_index (self->stage_rows, n - 1);

      adw_expander_row_set_expanded (row->row, TRUE);
      gtk_widget_grab_focus (GTK_WIDGET (row->name_row));
    }
}

static void
on_ratio_toggle_toggled (GtkToggleButton *toggle,
                         FpPlanPanel     *self)
{
  fp_plan_panel_set_ratio_mode (self, gtk_toggle_button_get_active (toggle));
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

static void
configure_conversion_spin (FpPlanPanel   *self,
                           GtkSpinButton *spin)
{
  GtkAdjustment *adjustment = gtk_spin_button_get_adjustment (spin);

  if (self->ratio_mode)
    {
      /* N:1, N >= 1 since a conversion is at most 100% */
      gtk_adjustment_configure (adjustment, gtk_adjustment_get_value (adjustment),
                                1, 1000000, 0.5, 5, 0);
      gtk_spin_button_set_digits (spin, 1);
    }
  else
    {
      gtk_adjustment_configure (adjustment, gtk_adjustment_get_value (adjustment),
                                0.01, 100, 0.5, 5, 0);
      gtk_spin_button_set_digits (spin, 2);
    }
}

static void
stage_row_free (gpointer data)
{
  g_free (data);
}

static void sync_stage_row (FpPlanPanel *self,
                            StageRow    *row);

static void
stage_row_build_content (StageRow *stage_row)
{
  FpPlanPanel *self = stage_row->panel;
  GtkWidget *buttons_row;
  GtkWidget *box;

  if (stage_row->name_row != NULL)
    return;

  stage_row->name_row = ADW_ENTRY_ROW (adw_entry_row_new ());
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (stage_row->name_row), _("Name"));
  adw_entry_row_set_show_apply_button (stage_row->name_row, TRUE);
  g_signal_connect (stage_row->name_row, "apply", G_CALLBACK (on_stage_name_row_apply), stage_row);
  adw_expander_row_add_row (stage_row->row, GTK_WIDGET (stage_row->name_row));

  if (!stage_row->last)
    {
      stage_row->conversion = make_number_spin (0.01, 100, 0.5, 2, 6);
      configure_conversion_spin (self, stage_row->conversion);
      stage_row->conversion_row = spin_row (_("Conversion to the next stage"),
                                            NULL, stage_row->conversion);
      g_signal_connect (stage_row->conversion, "value-changed",
                        G_CALLBACK (on_stage_conversion_value_changed), stage_row);
      adw_expander_row_add_row (stage_row->row, GTK_WIDGET (stage_row->conversion_row));

      stage_row->duration = make_number_spin (0, 3650, 1, 0, 5);
      stage_row->duration_row = spin_row (_("Days in stage"), NULL, stage_row->duration);
      g_signal_connect (stage_row->duration, "value-changed",
                        G_CALLBACK (on_stage_duration_value_changed), stage_row);
      adw_expander_row_add_row (stage_row->row, GTK_WIDGET (stage_row->duration_row));
    }

  stage_row->cost = make_number_spin (0, 1e9, 1, 2, 8);
  stage_row->cost_row = spin_row (_("Cost per unit"), NULL, stage_row->cost);
  g_signal_connect (stage_row->cost, "value-changed",
                    G_CALLBACK (on_stage_cost_value_changed), stage_row);
  adw_expander_row_add_row (stage_row->row, GTK_WIDGET (stage_row->cost_row));

  buttons_row = adw_action_row_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (buttons_row), _("Position"));
  box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  stage_row->up = icon_button ("go-up-symbolic", _("Move Up"));
  stage_row->down = icon_button ("go-down-symbolic", _("Move Down"));
  stage_row->remove = icon_button ("user-trash-symbolic", _("Remove Stage"));
  /* "destructive-action" is for filled buttons: on a flat one the icon
   * turns white on nothing. */
  gtk_widget_add_css_class (GTK_WIDGET (stage_row->remove), "error");
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (stage_row->up));
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (stage_row->down));
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (stage_row->remove));
  adw_action_row_add_suffix (ADW_ACTION_ROW (buttons_row), box);
  g_signal_connect (stage_row->up, "clicked", G_CALLBACK (on_stage_up_clicked), stage_row);
  g_signal_connect (stage_row->down, "clicked", G_CALLBACK (on_stage_down_clicked), stage_row);
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

static void
on_stage_row_notify_expanded (AdwExpanderRow *row,
                              GParamSpec     *pspec,
                              StageRow       *stage_row)
{
  if (adw_expander_row_get_expanded (row))
    stage_row_build_content (stage_row);
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
  g_signal_connect (stage_row->row, "notify::expanded",
                    G_CALLBACK (on_stage_row_notify_expanded), stage_row);

  return stage_row;
}

static void
rebuild_stage_rows (FpPlanPanel *self)
{
  g_autoptr(GHashTable) expanded = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  guint n = self->plan != NULL ? fp_plan_get_n_stages (self->plan) : 0;

  /* Keep rows open across a rebuild, by stage id: moving a stage must not
   * fold the row the user is working in. */
  for (guint i = 0; i < self->stage_rows->len; i++)
    {
      StageRow *row = g_ptr_array_index (self->stage_rows, i);
      const char *id = g_object_get_data (G_OBJECT (row->row), "fp-stage-id");

      if (id != NULL && adw_expander_row_get_expanded (row->row))
        g_hash_table_add (expanded, g_strdup (id));
      adw_preferences_group_remove (self->stages_group, GTK_WIDGET (row->row));
    }
  g_ptr_array_set_size (self->stage_rows, 0);

  for (guint i = 0; i < n; i++)
    {
      const FpStage *stage = fp_plan_get_stage (self->plan, i);
      StageRow *row = stage_row_new (self, i, i + 1 == n);

      g_object_set_data_full (G_OBJECT (row->row), "fp-stage-id", g_strdup (stage->id), g_free);
      adw_expander_row_set_expanded (row->row, g_hash_table_contains (expanded, stage->id));
      adw_preferences_group_add (self->stages_group, GTK_WIDGET (row->row));
      g_ptr_array_add (self->stage_rows, row);
    }
}

static void
sync_stage_names (FpPlanPanel *self)
{
  guint n = self->plan != NULL ? fp_plan_get_n_stages (self->plan) : 0;
  guint n_names = n > 0 ? n - 1 : 0;
  guint current = g_list_model_get_n_items (G_LIST_MODEL (self->stage_names));
  gboolean same = current == n_names;
  g_autofree const char **names = g_new0 (const char *, n_names + 1);

  for (guint i = 0; i < n_names; i++)
    {
      names[i] = fp_plan_get_stage (self->plan, i)->name;
      if (same && g_strcmp0 (gtk_string_list_get_string (self->stage_names, i), names[i]) != 0)
        same = FALSE;
    }
  if (!same)
    gtk_string_list_splice (self->stage_names, 0, current, names);
}

static void
rebuild_weight_rows (FpPlanPanel *self,
                     int          year,
                     int          month,
                     guint        months)
{
  for (guint i = 0; i < self->weight_rows->len; i++)
    adw_expander_row_remove (self->weights_row, g_ptr_array_index (self->weight_rows, i));
  g_ptr_array_set_size (self->weight_rows, 0);
  g_ptr_array_set_size (self->weight_spins, 0);

  for (guint i = 0; i < months; i++)
    {
      int m = (month - 1 + i) % 12 + 1;
      int y = year + (month - 1 + i) / 12;
      g_autofree char *name = month_name (y, m);
      GtkSpinButton *spin = make_number_spin (0, 1000, 0.1, 2, 5);
      AdwActionRow *row = spin_row (name, NULL, spin);

      g_signal_connect (spin, "value-changed", G_CALLBACK (on_weight_spin_value_changed), self);
      adw_expander_row_add_row (self->weights_row, GTK_WIDGET (row));
      g_ptr_array_add (self->weight_rows, row);
      g_ptr_array_add (self->weight_spins, spin);
    }
  self->weights_year = year;
  self->weights_month = month;
}

/* The month rows under "Monthly weights" are built when it is first opened,
 * and kept in step with the period from then on. */
static void
ensure_weight_rows (FpPlanPanel *self)
{
  int year, month;
  guint months;

  fp_plan_get_period (self->plan, &year, &month, &months);
  if (self->weight_spins->len != months || self->weights_year != year ||
      self->weights_month != month)
    rebuild_weight_rows (self, year, month, months);
  for (guint i = 0; i < months; i++)
    set_spin (g_ptr_array_index (self->weight_spins, i), fp_plan_get_weight (self->plan, i));
}

static void
sync_weight_rows (FpPlanPanel *self)
{
  if (adw_expander_row_get_expanded (self->weights_row) || self->weight_rows->len > 0)
    ensure_weight_rows (self);
}

static void
on_weights_row_notify_expanded (AdwExpanderRow *row,
                                GParamSpec     *pspec,
                                FpPlanPanel    *self)
{
  /* Turning the switch on opens the row for a moment while the panel
   * syncs (set_enable_expansion() closes it again): no rows for that. */
  if (self->syncing || self->plan == NULL || !adw_expander_row_get_expanded (row))
    return;
  self->syncing = TRUE;
  sync_weight_rows (self);
  self->syncing = FALSE;
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
  set_entry (row->name_row, stage->name);
  if (row->conversion != NULL)
    {
      set_spin (row->conversion, conversion_to_spin (self, stage->conversion));
      set_spin (row->duration, stage->duration_days);
    }
  set_spin (row->cost, stage->cost_per_unit);
  gtk_widget_set_sensitive (GTK_WIDGET (row->up), row->index > 0);
  gtk_widget_set_sensitive (GTK_WIDGET (row->down), row->index + 1 < n);
  gtk_widget_set_sensitive (GTK_WIDGET (row->remove), n > FP_PLAN_MIN_STAGES);
}

/* Writes the plan's values into the widgets, never back into the plan. */
static void
sync_values (FpPlanPanel *self)
{
  gboolean was_syncing = self->syncing;
  int year, month;
  guint months, inflow_stage = 0, n;
  double inflow = 0;
  gboolean has_inflow;

  if (self->plan == NULL)
    return;

  self->syncing = TRUE;

  set_entry (self->title_row, fp_plan_get_title (self->plan));
  set_entry (self->currency_row, fp_plan_get_currency (self->plan));
  set_spin (self->target_spin, fp_plan_get_revenue_target (self->plan));
  set_spin (self->deal_size_spin, fp_plan_get_average_deal_size (self->plan));

  fp_plan_get_period (self->plan, &year, &month, &months);
  adw_combo_row_set_selected (self->start_month_row, month - 1);
  set_spin (self->start_year_spin, year);
  set_spin (self->months_spin, months);

  sync_weight_rows (self);
  set_enable_expansion (self->weights_row, fp_plan_has_weights (self->plan));
  adw_expander_row_set_subtitle (self->weights_row,
                                 fp_plan_has_weights (self->plan)
                                 ? _("Custom: the target is split by weight")
                                 : _("Equal: the same target each month"));

  sync_stage_names (self);
  has_inflow = fp_plan_get_inflow (self->plan, &inflow_stage, &inflow);
  set_enable_expansion (self->inflow_row, has_inflow);
  if (has_inflow)
    {
      g_autofree char *rate = _fp_format_decimal (inflow, 0);
      g_autofree char *subtitle = g_strdup_printf (_("%s a month into %s"), rate,
                                                   fp_plan_get_stage (self->plan, inflow_stage)->name);

      adw_combo_row_set_selected (self->inflow_stage_row, inflow_stage);
      set_spin (self->inflow_spin, inflow);
      adw_expander_row_set_subtitle (self->inflow_row, subtitle);
    }
  else
    {
      adw_expander_row_set_subtitle (self->inflow_row, _("Off: no revenue projection"));
    }
  adw_combo_row_set_selected (self->handoff_row, fp_plan_get_handoff_index (self->plan));
  adw_combo_row_set_selected (self->pipeline_row, fp_plan_get_pipeline_index (self->plan));

  n = fp_plan_get_n_stages (self->plan);
  for (guint i = 0; i < self->stage_rows->len && i < n; i++)
    sync_stage_row (self, g_ptr_array_index (self->stage_rows, i));
  gtk_widget_set_sensitive (GTK_WIDGET (self->add_button), n < FP_PLAN_MAX_STAGES);

  self->syncing = was_syncing;
}

/* Undo and replace report a structure change whether or not the stages
 * moved; rebuilding only when they did keeps focus and open rows. */
static gboolean
rows_match_stages (FpPlanPanel *self)
{
  guint n = fp_plan_get_n_stages (self->plan);

  if (self->stage_rows->len != n)
    return FALSE;
  for (guint i = 0; i < n; i++)
    {
      StageRow *row = g_ptr_array_index (self->stage_rows, i);
      const char *id = g_object_get_data (G_OBJECT (row->row), "fp-stage-id");
      gboolean last = i + 1 == n;

      if (g_strcmp0 (id, fp_plan_get_stage (self->plan, i)->id) != 0 ||
          row->last != last)
        return FALSE;
    }
  return TRUE;
}

static void
sync_all (FpPlanPanel  *self,
          FpPlanChange  change)
{
  gboolean was_syncing = self->syncing;

  gtk_widget_set_sensitive (GTK_WIDGET (self->page), self->plan != NULL);
  if (self->plan == NULL)
    return;

  self->syncing = TRUE;
  if ((change & FP_PLAN_CHANGE_STRUCTURE) && !rows_match_stages (self))
    rebuild_stage_rows (self);
  sync_values (self);
  self->syncing = was_syncing;
}

static void
on_plan_changed (FpPlan      *plan,
                 guint        change,
                 FpPlanPanel *self)
{
  sync_all (self, change);
}

/* GObject */

static void
fp_plan_panel_dispose (GObject *object)
{
  FpPlanPanel *self = FP_PLAN_PANEL (object);

  fp_plan_panel_set_plan (self, NULL);
  if (self->page != NULL)
    {
      gtk_widget_unparent (GTK_WIDGET (self->page));
      self->page = NULL;
    }

  G_OBJECT_CLASS (fp_plan_panel_parent_class)->dispose (object);
}

static void
fp_plan_panel_finalize (GObject *object)
{
  FpPlanPanel *self = FP_PLAN_PANEL (object);

  g_clear_pointer (&self->stage_rows, g_ptr_array_unref);
  g_clear_pointer (&self->weight_rows, g_ptr_array_unref);
  g_clear_pointer (&self->weight_spins, g_ptr_array_unref);
  g_clear_object (&self->stage_names);

  G_OBJECT_CLASS (fp_plan_panel_parent_class)->finalize (object);
}

static void
fp_plan_panel_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  FpPlanPanel *self = FP_PLAN_PANEL (object);

  switch (prop_id)
    {
    case PROP_PLAN:
      g_value_set_object (value, self->plan);
      break;

    case PROP_RATIO_MODE:
      g_value_set_boolean (value, self->ratio_mode);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
fp_plan_panel_set_property (GObject      *object,
                            guint         prop_id,
                            const GValue *value,
                            GParamSpec   *pspec)
{
  FpPlanPanel *self = FP_PLAN_PANEL (object);

  switch (prop_id)
    {
    case PROP_PLAN:
      fp_plan_panel_set_plan (self, g_value_get_object (value));
      break;

    case PROP_RATIO_MODE:
      fp_plan_panel_set_ratio_mode (self, g_value_get_boolean (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
fp_plan_panel_class_init (FpPlanPanelClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = fp_plan_panel_dispose;
  object_class->finalize = fp_plan_panel_finalize;
  object_class->get_property = fp_plan_panel_get_property;
  object_class->set_property = fp_plan_panel_set_property;

  properties[PROP_PLAN] =
    g_param_spec_object ("plan", NULL, NULL, FP_TYPE_PLAN,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_RATIO_MODE] =
    g_param_spec_boolean ("ratio-mode", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "fpplanpanel");
}

static AdwComboRow *
stage_combo_row (FpPlanPanel *self,
                 const char  *title,
                 const char  *subtitle)
{
  AdwComboRow *row = ADW_COMBO_ROW (adw_combo_row_new ());

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  /* A subtitle would squeeze the selected name to nothing in a panel
   * this narrow: the explanation goes in the tooltip. */
  if (subtitle != NULL)
    gtk_widget_set_tooltip_text (GTK_WIDGET (row), subtitle);
  adw_combo_row_set_model (row, G_LIST_MODEL (self->stage_names));
  return row;
}

static void
fp_plan_panel_init (FpPlanPanel *self)
{
  AdwPreferencesGroup *group;
  g_autoptr(GtkStringList) month_names = gtk_string_list_new (NULL);
  GtkWidget *suffix;

  self->stage_rows = g_ptr_array_new_with_free_func (stage_row_free);
  self->weight_rows = g_ptr_array_new ();
  self->weight_spins = g_ptr_array_new ();
  self->stage_names = gtk_string_list_new (NULL);

  self->page = ADW_PREFERENCES_PAGE (adw_preferences_page_new ());
  gtk_widget_set_parent (GTK_WIDGET (self->page), GTK_WIDGET (self));

  /* The plan */
  group = ADW_PREFERENCES_GROUP (adw_preferences_group_new ());
  adw_preferences_group_set_title (group, _("Plan"));
  adw_preferences_page_add (self->page, group);

  self->title_row = ADW_ENTRY_ROW (adw_entry_row_new ());
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->title_row), _("Title"));
  adw_entry_row_set_show_apply_button (self->title_row, TRUE);
  g_signal_connect (self->title_row, "apply", G_CALLBACK (on_title_row_apply), self);
  adw_preferences_group_add (group, GTK_WIDGET (self->title_row));

  self->currency_row = ADW_ENTRY_ROW (adw_entry_row_new ());
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->currency_row),
                                 _("Currency (ISO code)"));
  adw_entry_row_set_show_apply_button (self->currency_row, TRUE);
  g_signal_connect (self->currency_row, "apply", G_CALLBACK (on_currency_row_apply), self);
  adw_preferences_group_add (group, GTK_WIDGET (self->currency_row));

  self->target_spin = make_number_spin (0, 1e12, 10000, 0, 9);
  self->target_row = spin_row (_("Revenue target"), NULL, self->target_spin);
  g_signal_connect (self->target_spin, "value-changed",
                    G_CALLBACK (on_target_spin_value_changed), self);
  adw_preferences_group_add (group, GTK_WIDGET (self->target_row));

  self->deal_size_spin = make_number_spin (0, 1e10, 1000, 0, 8);
  self->deal_size_row = spin_row (_("Average deal size"), NULL, self->deal_size_spin);
  g_signal_connect (self->deal_size_spin, "value-changed",
                    G_CALLBACK (on_deal_size_spin_value_changed), self);
  adw_preferences_group_add (group, GTK_WIDGET (self->deal_size_row));

  /* The period */
  group = ADW_PREFERENCES_GROUP (adw_preferences_group_new ());
  adw_preferences_group_set_title (group, _("Period"));
  adw_preferences_page_add (self->page, group);

  for (int m = 1; m <= 12; m++)
    {
      g_autoptr(GDateTime) date = g_date_time_new_local (2001, m, 1, 0, 0, 0);
      g_autofree char *name = _fp_format_month (date, FALSE, FALSE);

      gtk_string_list_append (month_names, name);
    }
  self->start_month_row = ADW_COMBO_ROW (adw_combo_row_new ());
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->start_month_row), _("Start month"));
  adw_combo_row_set_model (self->start_month_row, G_LIST_MODEL (month_names));
  g_signal_connect (self->start_month_row, "notify::selected",
                    G_CALLBACK (on_start_month_row_notify_selected), self);
  adw_preferences_group_add (group, GTK_WIDGET (self->start_month_row));

  self->start_year_spin = make_spin (1900, 2999, 1, 0, 4);
  self->start_year_row = spin_row (_("Start year"), NULL, self->start_year_spin);
  g_signal_connect (self->start_year_spin, "value-changed",
                    G_CALLBACK (on_start_year_spin_value_changed), self);
  adw_preferences_group_add (group, GTK_WIDGET (self->start_year_row));

  self->months_spin = make_spin (1, FP_PLAN_MAX_MONTHS, 1, 0, 2);
  self->months_row = spin_row (_("Months"), NULL, self->months_spin);
  g_signal_connect (self->months_spin, "value-changed",
                    G_CALLBACK (on_months_spin_value_changed), self);
  adw_preferences_group_add (group, GTK_WIDGET (self->months_row));

  self->weights_row = ADW_EXPANDER_ROW (adw_expander_row_new ());
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->weights_row), _("Monthly weights"));
  adw_expander_row_set_show_enable_switch (self->weights_row, TRUE);
  name_enable_switch (self->weights_row, _("Monthly weights"));
  g_signal_connect (self->weights_row, "notify::enable-expansion",
                    G_CALLBACK (on_weights_row_notify_enable_expansion), self);
  g_signal_connect (self->weights_row, "notify::expanded",
                    G_CALLBACK (on_weights_row_notify_expanded), self);
  adw_preferences_group_add (group, GTK_WIDGET (self->weights_row));

  /* The funnel's roles and inflow */
  group = ADW_PREFERENCES_GROUP (adw_preferences_group_new ());
  adw_preferences_group_set_title (group, _("Flow"));
  adw_preferences_page_add (self->page, group);

  self->handoff_row = stage_combo_row (self, _("Handoff (SLA)"),
                                       _("Where marketing hands over to sales (the SLA)"));
  g_signal_connect (self->handoff_row, "notify::selected",
                    G_CALLBACK (on_handoff_row_notify_selected), self);
  adw_preferences_group_add (group, GTK_WIDGET (self->handoff_row));

  self->pipeline_row = stage_combo_row (self, _("Pipeline starts at"),
                                        _("The first stage with a value in the pipeline"));
  g_signal_connect (self->pipeline_row, "notify::selected",
                    G_CALLBACK (on_pipeline_row_notify_selected), self);
  adw_preferences_group_add (group, GTK_WIDGET (self->pipeline_row));

  self->inflow_row = ADW_EXPANDER_ROW (adw_expander_row_new ());
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->inflow_row), _("Inflow"));
  adw_expander_row_set_show_enable_switch (self->inflow_row, TRUE);
  name_enable_switch (self->inflow_row, _("Inflow"));
  g_signal_connect (self->inflow_row, "notify::enable-expansion",
                    G_CALLBACK (on_inflow_row_notify_enable_expansion), self);
  adw_preferences_group_add (group, GTK_WIDGET (self->inflow_row));

  self->inflow_stage_row = stage_combo_row (self, _("Entering stage"), NULL);
  g_signal_connect (self->inflow_stage_row, "notify::selected",
                    G_CALLBACK (on_inflow_stage_row_notify_selected), self);
  adw_expander_row_add_row (self->inflow_row, GTK_WIDGET (self->inflow_stage_row));

  self->inflow_spin = make_number_spin (0, 1e9, 10, 0, 7);
  gtk_spin_button_set_value (self->inflow_spin, 1000);
  self->inflow_rate_row = spin_row (_("Units per month"), NULL, self->inflow_spin);
  g_signal_connect (self->inflow_spin, "value-changed",
                    G_CALLBACK (on_inflow_spin_value_changed), self);
  adw_expander_row_add_row (self->inflow_row, GTK_WIDGET (self->inflow_rate_row));

  /* The stages */
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

  sync_all (self, FP_PLAN_CHANGE_ALL);
}

GtkWidget *
fp_plan_panel_new (void)
{
  return g_object_new (FP_TYPE_PLAN_PANEL, NULL);
}

FpPlan *
fp_plan_panel_get_plan (FpPlanPanel *self)
{
  g_return_val_if_fail (FP_IS_PLAN_PANEL (self), NULL);
  return self->plan;
}

void
fp_plan_panel_set_plan (FpPlanPanel *self,
                        FpPlan      *plan)
{
  g_return_if_fail (FP_IS_PLAN_PANEL (self));
  g_return_if_fail (plan == NULL || FP_IS_PLAN (plan));

  if (self->plan == plan)
    return;

  if (self->plan != NULL)
    g_clear_signal_handler (&self->changed_id, self->plan);
  g_set_object (&self->plan, plan);
  if (plan != NULL)
    self->changed_id = g_signal_connect (plan, "changed", G_CALLBACK (on_plan_changed), self);

  if (!gtk_widget_in_destruction (GTK_WIDGET (self)))
    {
      /* A new document: forget any error shown for the old one. */
      clear_error (GTK_WIDGET (self->title_row));
      clear_error (GTK_WIDGET (self->currency_row));
      sync_all (self, FP_PLAN_CHANGE_ALL);
    }
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PLAN]);
}

gboolean
fp_plan_panel_get_ratio_mode (FpPlanPanel *self)
{
  g_return_val_if_fail (FP_IS_PLAN_PANEL (self), FALSE);
  return self->ratio_mode;
}

void
fp_plan_panel_set_ratio_mode (FpPlanPanel *self,
                              gboolean     ratio_mode)
{
  gboolean was_syncing;

  g_return_if_fail (FP_IS_PLAN_PANEL (self));

  ratio_mode = !!ratio_mode;
  if (self->ratio_mode == ratio_mode)
    return;

  self->ratio_mode = ratio_mode;
  was_syncing = self->syncing;
  self->syncing = TRUE;
  gtk_toggle_button_set_active (self->ratio_toggle, ratio_mode);
  for (guint i = 0; i < self->stage_rows->len; i++)
    {
      StageRow *row = g_ptr_array_index (self->stage_rows, i);

      if (row->conversion != NULL)
        configure_conversion_spin (self, row->conversion);
    }
  self->syncing = was_syncing;
  sync_values (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_RATIO_MODE]);
}

/* For the tests */

AdwEntryRow *
_fp_plan_panel_get_title_row (FpPlanPanel *self)
{
  return self->title_row;
}

AdwEntryRow *
_fp_plan_panel_get_currency_row (FpPlanPanel *self)
{
  return self->currency_row;
}

GtkSpinButton *
_fp_plan_panel_get_target_spin (FpPlanPanel *self)
{
  return self->target_spin;
}

GtkSpinButton *
_fp_plan_panel_get_deal_size_spin (FpPlanPanel *self)
{
  return self->deal_size_spin;
}

GtkSpinButton *
_fp_plan_panel_get_months_spin (FpPlanPanel *self)
{
  return self->months_spin;
}

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
  if (g_str_equal (which, "remove"))
    return row->remove;
  return NULL;
}

GtkButton *
_fp_plan_panel_get_add_button (FpPlanPanel *self)
{
  return self->add_button;
}

/* The getters above build a stage row's content, as opening it does; these
 * look without building. */
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

AdwExpanderRow *
_fp_plan_panel_get_weights_row (FpPlanPanel *self)
{
  return self->weights_row;
}

guint
_fp_plan_panel_get_n_weight_rows (FpPlanPanel *self)
{
  return self->weight_rows->len;
}

GtkSpinButton *
_fp_plan_panel_get_weight_spin (FpPlanPanel *self,
                                guint        month)
{
  if (month >= self->weight_spins->len)
    return NULL;
  return g_ptr_array_index (self->weight_spins, month);
}
