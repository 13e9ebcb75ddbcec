/* fp-plan-panel.c: the side panel, every setting of the plan
 *
 * The plan is the one source of truth. Widgets edit it through its edit API;
 * on ::changed the panel writes the plan's values back into the widgets with
 * self->syncing set, so that those writes are not taken for edits (no
 * feedback loop). The list of stages is in fp-plan-panel-stages.c, how
 * a field takes a value in fp-plan-panel-fields.c.
 * An edit the plan refuses shows the core's message and the widget returns
 * to the plan's value; the app never crashes on input.
 */
#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>

#include "fp-format.h"
#include "fp-plan-panel-private.h"
#include "fp-row-header-layout.h"
#include "fp-scroll-into-view.h"
#include "fp-widget-find.h"

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
static gboolean weight_rows_fit_period (FpPlanPanel *self);
static void sync_all    (FpPlanPanel *self,
                         FpPlanChange change);

/* After an edit: clear or show the error, and on failure put the plan's
 * value back into the widgets. */
void
_fp_plan_panel_finish_edit (FpPlanPanel *self,
                            GtkWidget   *row,
                            gboolean     ok,
                            GError      *error)
{
  if (ok)
    {
      _fp_plan_panel_clear_error (row);
      /* The row's refusal is mended by a value the plan took: its toast
       * goes, before its seconds are up ("“1.5M” is not a number" stayed
       * over 2,000,000 accepted). Not for GTK's reading back of the
       * value a number field shows again after a refusal, which changes
       * nothing: the next refusal would show beside the toast going. */
      if (row != NULL && row == self->refused_row && self->plan_changes != self->refused_at)
        {
          fp_toast_slot_dismiss (&self->error_toast);
          g_clear_weak_pointer (&self->refused_row);
        }
      return;
    }
  _fp_plan_panel_show_error (self, row, error);
  sync_values (self);
}

/* Rows */

/* libadwaita 1.2 leaves the enable switch of an expander row unnamed (a
 * screen reader says "GtkSwitch"): name it after the row. */
static void
name_enable_switch (AdwExpanderRow *row,
                    const char     *title)
{
  GtkWidget *toggle = fp_widget_find_descendant (GTK_WIDGET (row), GTK_TYPE_SWITCH, NULL);

  if (toggle != NULL)
    gtk_accessible_update_property (GTK_ACCESSIBLE (toggle), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                    title, -1);
}

/* Follows the plan without unfolding the row: libadwaita expands a row
 * whose switch turns on, which is right for a click but not for a load. */
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
  _fp_plan_panel_finish_edit (self, GTK_WIDGET (row), ok, error);
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
  /* "usd" for USD changes nothing in the plan, so nothing writes the row
   * anew: it shows the plan's form all the same */
  if (ok && g_strcmp0 (gtk_editable_get_text (GTK_EDITABLE (row)), code) != 0)
    {
      _fp_plan_panel_forget_entry (row);
      _fp_plan_panel_set_entry (row, fp_plan_get_currency (self->plan));
    }
  _fp_plan_panel_finish_edit (self, GTK_WIDGET (row), ok, error);
}

static void
on_target_spin_value_changed (GtkSpinButton *spin,
                              FpPlanPanel   *self)
{
  g_autoptr(GError) error = NULL;
  double value;
  gboolean ok;

  if (self->syncing || self->plan == NULL ||
      !_fp_plan_panel_read_spin (spin, fp_plan_get_revenue_target (self->plan), &value))
    return;
  ok = fp_plan_set_revenue_target (self->plan, value, &error);
  _fp_plan_panel_finish_edit (self, GTK_WIDGET (self->target_row), ok, error);
}

static void
on_deal_size_spin_value_changed (GtkSpinButton *spin,
                                 FpPlanPanel   *self)
{
  g_autoptr(GError) error = NULL;
  double value;
  gboolean ok;

  if (self->syncing || self->plan == NULL ||
      !_fp_plan_panel_read_spin (spin, fp_plan_get_average_deal_size (self->plan), &value))
    return;
  ok = fp_plan_set_average_deal_size (self->plan, value, &error);
  _fp_plan_panel_finish_edit (self, GTK_WIDGET (self->deal_size_row), ok, error);
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
  _fp_plan_panel_finish_edit (self, row, ok, error);
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
  gboolean enabled;
  gboolean edited;
  gboolean ok;

  if (self->syncing || self->plan == NULL)
    return;

  enabled = adw_expander_row_get_enable_expansion (self->weights_row);
  edited = enabled != fp_plan_has_weights (self->plan);
  if (enabled)
    {
      /* Turned on before the month rows were ever opened: they start
       * from the plan's (equal) weights. Rows that are there hold the
       * edit being made: read, not refilled from the plan. */
      if (!weight_rows_fit_period (self))
        {
          self->syncing = TRUE;
          ensure_weight_rows (self);
          self->syncing = FALSE;
        }
      for (guint i = 0; i < self->weight_spins->len; i++)
        {
          double w;

          if (_fp_plan_panel_read_spin (g_ptr_array_index (self->weight_spins, i),
                                        fp_plan_get_weight (self->plan, i), &w))
            edited = TRUE;
          g_array_append_val (weights, w);
        }
    }
  if (!edited)
    return;
  ok = fp_plan_set_weights (self->plan, (const double *) (gpointer) weights->data, weights->len,
                            &error);
  _fp_plan_panel_finish_edit (self, row, ok, error);
}

static void
on_weight_spin_value_changed (GtkSpinButton *spin,
                              FpPlanPanel   *self)
{
  /* The weights' rule is about all the months together ("must add up to
   * more than 0"): told under Monthly weights, not one month's name. */
  edit_weights (self, GTK_WIDGET (self->weights_row));
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
  double plan_per_month = 0;
  double per_month;
  guint stage;
  gboolean ok;

  if (self->syncing || self->plan == NULL)
    return;
  stage = adw_combo_row_get_selected (self->inflow_stage_row);
  if (stage == GTK_INVALID_LIST_POSITION)
    stage = 0;
  fp_plan_get_inflow (self->plan, NULL, &plan_per_month);
  _fp_plan_panel_read_spin (self->inflow_spin, plan_per_month, &per_month);
  ok = fp_plan_set_inflow (self->plan,
                           adw_expander_row_get_enable_expansion (self->inflow_row),
                           stage,
                           per_month,
                           &error);
  _fp_plan_panel_finish_edit (self, row, ok, error);
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
  _fp_plan_panel_finish_edit (self, GTK_WIDGET (row), ok, error);
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
  _fp_plan_panel_finish_edit (self, GTK_WIDGET (row), ok, error);
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
      GtkSpinButton *spin = _fp_plan_panel_make_number_spin (0, 1e12, 0.1, 2, 5);
      AdwActionRow *row = _fp_plan_panel_spin_row (name, NULL, spin);

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
static gboolean
weight_rows_fit_period (FpPlanPanel *self)
{
  int year, month;
  guint months;

  fp_plan_get_period (self->plan, &year, &month, &months);
  return self->weight_spins->len == months && self->weights_year == year &&
         self->weights_month == month;
}

/* Builds the month rows for the plan's period if they are not there, and
 * writes the plan's weights into them. */
static void
ensure_weight_rows (FpPlanPanel *self)
{
  int year, month;
  guint months;

  fp_plan_get_period (self->plan, &year, &month, &months);
  if (!weight_rows_fit_period (self))
    rebuild_weight_rows (self, year, month, months);
  for (guint i = 0; i < months; i++)
    _fp_plan_panel_set_spin (g_ptr_array_index (self->weight_spins, i), fp_plan_get_weight (self->plan, i));
}

static void
sync_weight_rows (FpPlanPanel *self)
{
  if (adw_expander_row_get_expanded (self->weights_row) || self->weight_rows->len > 0)
    ensure_weight_rows (self);
}

/* A row opened on screen (a click, Enter) brings its fields into view, up
 * to the @last, as a stage's does: Inflow opened at the panel's bottom
 * showed a sliver of its first field. The last field, not the row: the
 * row grows as it opens, and is in view at its first frame. */
static void
bring_opened_row_into_view (AdwExpanderRow *row,
                            GtkWidget      *last)
{
  if (adw_expander_row_get_expanded (row) && gtk_widget_get_mapped (GTK_WIDGET (row)) && last != NULL)
    fp_scroll_into_view (last);
}

static void
on_inflow_row_notify_expanded (AdwExpanderRow *row,
                               GParamSpec     *pspec,
                               FpPlanPanel    *self)
{
  if (!self->syncing)
    bring_opened_row_into_view (row, GTK_WIDGET (self->inflow_rate_row));
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
  if (self->weight_rows->len > 0)
    bring_opened_row_into_view (row, g_ptr_array_index (self->weight_rows, self->weight_rows->len - 1));
}

/* Writes the plan's values into the widgets, never back into the plan. */
static void
sync_values (FpPlanPanel *self)
{
  gboolean was_syncing = self->syncing;
  int year, month;
  guint months, inflow_stage = 0;
  double inflow = 0;
  gboolean has_inflow;

  if (self->plan == NULL)
    return;

  self->syncing = TRUE;

  _fp_plan_panel_set_entry (self->title_row, fp_plan_get_title (self->plan));
  _fp_plan_panel_set_entry (self->currency_row, fp_plan_get_currency (self->plan));
  _fp_plan_panel_set_spin (self->target_spin, fp_plan_get_revenue_target (self->plan));
  _fp_plan_panel_set_spin (self->deal_size_spin, fp_plan_get_average_deal_size (self->plan));

  fp_plan_get_period (self->plan, &year, &month, &months);
  adw_combo_row_set_selected (self->start_month_row, month - 1);
  _fp_plan_panel_set_spin (self->start_year_spin, year);
  _fp_plan_panel_set_spin (self->months_spin, months);

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
      _fp_plan_panel_set_spin (self->inflow_spin, inflow);
      adw_expander_row_set_subtitle (self->inflow_row, subtitle);
    }
  else
    {
      adw_expander_row_set_subtitle (self->inflow_row, _("Off: no revenue projection"));
    }
  adw_combo_row_set_selected (self->handoff_row, fp_plan_get_handoff_index (self->plan));
  adw_combo_row_set_selected (self->pipeline_row, fp_plan_get_pipeline_index (self->plan));

  _fp_plan_panel_sync_stages (self);

  self->syncing = was_syncing;
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
  if (change & FP_PLAN_CHANGE_STRUCTURE)
    _fp_plan_panel_rebuild_stages (self);
  sync_values (self);
  self->syncing = was_syncing;
}

static gboolean
dismiss_removed_toast (gpointer data)
{
  FpPlanPanel *self = data;

  self->removed_toast_idle = 0;
  fp_toast_slot_dismiss (&self->removed_toast);
  return G_SOURCE_REMOVE;
}

static void
on_plan_changed (FpPlan      *plan,
                 guint        change,
                 FpPlanPanel *self)
{
  /* After any other change the toast's Undo would undo something else. Not
   * at once: the change may be that Undo, while libadwaita 1.2 dismisses
   * the toast itself, and a second dismissal there uses freed memory. */
  if (fp_toast_slot_is_shown (&self->removed_toast) && self->removed_toast_idle == 0)
    self->removed_toast_idle = g_idle_add (dismiss_removed_toast, self);
  self->plan_changes++;
  sync_all (self, change);
}

/* GObject */

static void
fp_plan_panel_dispose (GObject *object)
{
  FpPlanPanel *self = FP_PLAN_PANEL (object);

  fp_plan_panel_set_plan (self, NULL);
  fp_toast_slot_clear (&self->error_toast);
  g_clear_weak_pointer (&self->refused_row);
  fp_toast_slot_clear (&self->removed_toast);
  g_clear_handle_id (&self->removed_toast_idle, g_source_remove);
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

  self->weight_rows = g_ptr_array_new ();
  self->weight_spins = g_ptr_array_new ();
  self->stage_names = gtk_string_list_new (NULL);

  self->page = ADW_PREFERENCES_PAGE (adw_preferences_page_new ());
  gtk_widget_set_parent (GTK_WIDGET (self->page), GTK_WIDGET (self));

  /* The plan */
  group = ADW_PREFERENCES_GROUP (adw_preferences_group_new ());
  adw_preferences_group_set_title (group, _("Plan"));
  adw_preferences_page_add (self->page, group);

  self->title_row = _fp_plan_panel_entry_row (self, _("Title"));
  g_signal_connect (self->title_row, "apply", G_CALLBACK (on_title_row_apply), self);
  adw_preferences_group_add (group, GTK_WIDGET (self->title_row));

  self->currency_row = _fp_plan_panel_entry_row (self, _("Currency (ISO code)"));
  g_signal_connect (self->currency_row, "apply", G_CALLBACK (on_currency_row_apply), self);
  adw_preferences_group_add (group, GTK_WIDGET (self->currency_row));

  /* Room for "250,000,000" */
  self->target_spin = _fp_plan_panel_make_number_spin (0, 1e15, 10000, 2, 11);
  self->target_row = _fp_plan_panel_spin_row (_("Revenue target"), NULL, self->target_spin);
  _fp_plan_panel_add_field_rule (self->target_spin, FP_FIELD_ABOVE_LOWER);
  g_signal_connect (self->target_spin, "value-changed",
                    G_CALLBACK (on_target_spin_value_changed), self);
  adw_preferences_group_add (group, GTK_WIDGET (self->target_row));

  self->deal_size_spin = _fp_plan_panel_make_number_spin (0, 1e15, 1000, 2, 9);
  self->deal_size_row = _fp_plan_panel_spin_row (_("Average deal size"), NULL, self->deal_size_spin);
  _fp_plan_panel_add_field_rule (self->deal_size_spin, FP_FIELD_ABOVE_LOWER);
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

  self->start_year_spin = _fp_plan_panel_make_number_spin (1, 9999, 1, 0, 4);
  _fp_plan_panel_add_field_rule (self->start_year_spin, FP_FIELD_WHOLE_NUMBER);
  self->start_year_row = _fp_plan_panel_spin_row (_("Start year"), NULL, self->start_year_spin);
  g_signal_connect (self->start_year_spin, "value-changed",
                    G_CALLBACK (on_start_year_spin_value_changed), self);
  adw_preferences_group_add (group, GTK_WIDGET (self->start_year_row));

  self->months_spin = _fp_plan_panel_make_number_spin (1, FP_PLAN_MAX_MONTHS, 1, 0, 2);
  _fp_plan_panel_add_field_rule (self->months_spin, FP_FIELD_WHOLE_NUMBER);
  self->months_row = _fp_plan_panel_spin_row (_("Months"), NULL, self->months_spin);
  g_signal_connect (self->months_spin, "value-changed",
                    G_CALLBACK (on_months_spin_value_changed), self);
  adw_preferences_group_add (group, GTK_WIDGET (self->months_row));

  self->weights_row = ADW_EXPANDER_ROW (adw_expander_row_new ());
  fp_row_header_layout_install (GTK_WIDGET (self->weights_row));
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
  fp_row_header_layout_install (GTK_WIDGET (self->inflow_row));
  /* Its subtitle names a stage, as typed */
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (self->inflow_row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->inflow_row), _("Inflow"));
  adw_expander_row_set_show_enable_switch (self->inflow_row, TRUE);
  name_enable_switch (self->inflow_row, _("Inflow"));
  g_signal_connect (self->inflow_row, "notify::enable-expansion",
                    G_CALLBACK (on_inflow_row_notify_enable_expansion), self);
  g_signal_connect (self->inflow_row, "notify::expanded",
                    G_CALLBACK (on_inflow_row_notify_expanded), self);
  adw_preferences_group_add (group, GTK_WIDGET (self->inflow_row));

  self->inflow_stage_row = stage_combo_row (self, _("Entering stage"), NULL);
  g_signal_connect (self->inflow_stage_row, "notify::selected",
                    G_CALLBACK (on_inflow_stage_row_notify_selected), self);
  adw_expander_row_add_row (self->inflow_row, GTK_WIDGET (self->inflow_stage_row));

  self->inflow_spin = _fp_plan_panel_make_number_spin (0, 1e12, 10, 1, 7);
  gtk_spin_button_set_value (self->inflow_spin, 1000);
  self->inflow_rate_row = _fp_plan_panel_spin_row (_("Units per month"), NULL, self->inflow_spin);
  g_signal_connect (self->inflow_spin, "value-changed",
                    G_CALLBACK (on_inflow_spin_value_changed), self);
  adw_expander_row_add_row (self->inflow_row, GTK_WIDGET (self->inflow_rate_row));

  _fp_plan_panel_stages_init (self);

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
      /* A new document: its text goes into the entry rows, whatever they
       * held for the old one (typed, or refused), even where the two
       * documents' values are the same. */
      _fp_plan_panel_forget_entry (self->title_row);
      _fp_plan_panel_forget_entry (self->currency_row);
      _fp_plan_panel_forget_stage_entries (self);
      sync_all (self, FP_PLAN_CHANGE_ALL);
    }
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PLAN]);
}

/* The entry rows whose text is not the plan's: typed and not applied, or
 * refused before. Those are tried again: the toast says again why a save
 * cannot go on while the panel shows what the plan does not hold. */
static void
collect_typed_entries (GtkWidget *widget,
                       GPtrArray *rows)
{
  if (ADW_IS_ENTRY_ROW (widget))
    {
      if (_fp_plan_panel_holds_typed_text (widget, TRUE))
        g_ptr_array_add (rows, g_object_ref (widget));
      return;
    }
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    collect_typed_entries (child, rows);
}

gboolean
fp_plan_panel_holds_typed (FpPlanPanel *self)
{
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func (g_object_unref);

  g_return_val_if_fail (FP_IS_PLAN_PANEL (self), FALSE);

  collect_typed_entries (GTK_WIDGET (self), rows);
  return rows->len > 0;
}

/* The panel's number field with the focus, or NULL. A number field reads
 * its text when the focus leaves it, so only this one can hold a number
 * not read yet. */
static GtkSpinButton *
focused_spin (FpPlanPanel *self)
{
  GtkWidget *field = _fp_plan_panel_focused_field (self, GTK_WIDGET (self));

  return GTK_IS_SPIN_BUTTON (field) ? GTK_SPIN_BUTTON (field) : NULL;
}

gboolean
fp_plan_panel_holds_typed_number (FpPlanPanel *self)
{
  GtkSpinButton *spin;

  g_return_val_if_fail (FP_IS_PLAN_PANEL (self), FALSE);

  spin = focused_spin (self);
  return spin != NULL && _fp_plan_panel_holds_typed_number (spin);
}

gboolean
fp_plan_panel_give_up_typed_number (FpPlanPanel *self)
{
  GtkSpinButton *spin;

  g_return_val_if_fail (FP_IS_PLAN_PANEL (self), FALSE);

  spin = focused_spin (self);
  return spin != NULL && _fp_plan_panel_give_up_typed_number (spin);
}

void
fp_plan_panel_press_elsewhere (FpPlanPanel *self,
                               GtkWidget   *target)
{
  GtkWidget *field;

  g_return_if_fail (FP_IS_PLAN_PANEL (self));
  g_return_if_fail (target == NULL || GTK_IS_WIDGET (target));

  field = _fp_plan_panel_focused_field (self, GTK_WIDGET (self));
  if (self->plan == NULL || field == NULL ||
      (target != NULL && (target == field || gtk_widget_is_ancestor (target, field))))
    return;

  if (GTK_IS_SPIN_BUTTON (field))
    gtk_spin_button_update (GTK_SPIN_BUTTON (field));
  else if (_fp_plan_panel_holds_typed_text (field, FALSE))
    _fp_plan_panel_apply_typed_entry (field);
}

gboolean
fp_plan_panel_apply_typed (FpPlanPanel *self)
{
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func (g_object_unref);
  GtkSpinButton *spin;

  g_return_val_if_fail (FP_IS_PLAN_PANEL (self), FALSE);

  if (self->plan == NULL)
    return TRUE;
  self->refused = FALSE;

  if ((spin = focused_spin (self)) != NULL)
    gtk_spin_button_update (spin);

  /* Collected first: an applied edit syncs the panel, which may rebuild
   * rows under a walk. */
  collect_typed_entries (GTK_WIDGET (self), rows);
  for (guint i = 0; i < rows->len; i++)
    {
      GtkWidget *row = g_ptr_array_index (rows, i);

      if (gtk_widget_get_parent (row) != NULL)
        _fp_plan_panel_apply_typed_entry (row);
    }

  return !self->refused;
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
  _fp_plan_panel_configure_conversions (self);
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

AdwToast *
_fp_plan_panel_get_removed_toast (FpPlanPanel *self)
{
  return fp_toast_slot_is_shown (&self->removed_toast) ? self->removed_toast.toast : NULL;
}

AdwToast *
_fp_plan_panel_get_error_toast (FpPlanPanel *self)
{
  return fp_toast_slot_is_shown (&self->error_toast) ? self->error_toast.toast : NULL;
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

GtkSpinButton *
_fp_plan_panel_get_start_year_spin (FpPlanPanel *self)
{
  return self->start_year_spin;
}

AdwExpanderRow *
_fp_plan_panel_get_weights_row (FpPlanPanel *self)
{
  return self->weights_row;
}

AdwExpanderRow *
_fp_plan_panel_get_inflow_row (FpPlanPanel *self)
{
  return self->inflow_row;
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
