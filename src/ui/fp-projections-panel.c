/* fp-projections-panel.c: the numbers of the plan's projection, read-only
 *
 * Every number comes from FpProjection; the panel only rounds and formats.
 * Rows are rebuilt only when the stages change; otherwise labels are
 * updated in place, since this runs on every motion event of a drag.
 */
#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>
#include <math.h>

#include "fp-format.h"
#include "fp-projection.h"
#include "fp-projections-panel-private.h"
#include "fp-row-header-layout.h"
#include "fp-widget-find.h"

struct _FpProjectionsPanel
{
  GtkWidget parent_instance;

  FpPlan *plan;
  gulong changed_id;

  AdwPreferencesPage *page;
  AdwActionRow *deals_row;
  GtkLabel *deals_label;
  AdwActionRow *handoff_row;
  GtkLabel *handoff_label;

  AdwPreferencesGroup *volume_group;
  GPtrArray *volume_rows;   /* AdwActionRow, one per stage */
  GPtrArray *volume_labels; /* GtkLabel */

  AdwActionRow *coverage_row;
  GtkLabel *coverage_label;
  AdwActionRow *planned_row;
  GtkLabel *planned_label;
  GtkImage *planned_icon;
  gboolean is_short;

  AdwActionRow *revenue_row;
  GtkLabel *revenue_label;
  AdwActionRow *gap_row;
  GtkLabel *gap_label;

  GtkLabel *budget_label;
  GtkLabel *cost_per_deal_label;
  GtkLabel *lead_to_close_label;
  GtkLabel *sales_cycle_label;

  AdwPreferencesGroup *sensitivity_group;
  FpTornadoView *tornado;

  AdwPreferencesGroup *warnings_group;
  GPtrArray *warning_rows;
  char *warnings_key;       /* what the rows show, to rebuild only on change */
};

G_DEFINE_FINAL_TYPE (FpProjectionsPanel, fp_projections_panel, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_PLAN,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum {
  STAGE_ACTIVATED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static GtkLabel *
value_label (void)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_widget_add_css_class (label, "numeric");
  gtk_widget_add_css_class (label, "fp-value");
  gtk_widget_set_valign (label, GTK_ALIGN_CENTER);
  gtk_label_set_xalign (GTK_LABEL (label), 1);
  gtk_label_set_selectable (GTK_LABEL (label), FALSE);
  return GTK_LABEL (label);
}

/* A screen reader reads a row by its name (the title) and description
 * (the subtitle), not by the labels inside it: the figure the row is for
 * went unheard ("Budget", not "Budget, USD 104,000"). The row is described
 * by its figure, then its subtitle ("3.8x Short by 0.2x: …"); the relation
 * follows the labels' text as it changes. */
static void
describe_by_figure (AdwActionRow *row,
                    GtkLabel     *figure)
{
  GtkWidget *subtitle = fp_widget_find_descendant (GTK_WIDGET (row), GTK_TYPE_LABEL, "subtitle");

  if (subtitle != NULL)
    gtk_accessible_update_relation (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_RELATION_DESCRIBED_BY,
                                    figure, subtitle, NULL, -1);
  else
    gtk_accessible_update_relation (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_RELATION_DESCRIBED_BY,
                                    figure, NULL, -1);
}

static AdwActionRow *
add_value_row (AdwPreferencesGroup  *group,
               const char           *title,
               GtkLabel            **label_out)
{
  AdwActionRow *row = ADW_ACTION_ROW (adw_action_row_new ());
  GtkLabel *label = value_label ();

  fp_row_header_layout_install (GTK_WIDGET (row));
  /* Titles and subtitles name stages, as typed ("R&D"), not markup */
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_set_subtitle_lines (row, 0);
  adw_action_row_add_suffix (row, GTK_WIDGET (label));
  describe_by_figure (row, label);
  adw_preferences_group_add (group, GTK_WIDGET (row));
  *label_out = label;
  return row;
}

static AdwPreferencesGroup *
add_group (FpProjectionsPanel *self,
           const char         *title,
           const char         *description)
{
  AdwPreferencesGroup *group = ADW_PREFERENCES_GROUP (adw_preferences_group_new ());

  adw_preferences_group_set_title (group, title);
  if (description != NULL)
    adw_preferences_group_set_description (group, description);
  fp_row_header_layout_install_on_group (group);
  adw_preferences_page_add (self->page, group);
  return group;
}

static void
set_label (GtkLabel   *label,
           const char *text)
{
  if (g_strcmp0 (gtk_label_get_label (label), text) != 0)
    gtk_label_set_label (label, text);
}

static void
set_subtitle (AdwActionRow *row,
              const char   *text)
{
  if (g_strcmp0 (adw_action_row_get_subtitle (row), text) != 0)
    adw_action_row_set_subtitle (row, text);
}

static void
set_title (AdwPreferencesRow *row,
           const char        *text)
{
  if (g_strcmp0 (adw_preferences_row_get_title (row), text) != 0)
    adw_preferences_row_set_title (row, text);
}

/* At most HANDOFF_NAME_MAX_CHARS characters of a stage's name, with "…"
 * past them: in "NAME per month", the end must stay. */
#define HANDOFF_NAME_MAX_CHARS 48

static char *
shortened_name (const char *name)
{
  g_autofree char *start = NULL;

  if (g_utf8_strlen (name, -1) <= HANDOFF_NAME_MAX_CHARS)
    return g_strdup (name);
  start = g_utf8_substring (name, 0, HANDOFF_NAME_MAX_CHARS - 1);
  g_strchomp (start);
  return g_strconcat (start, "…", NULL);
}

static void
set_class (GtkWidget  *widget,
           const char *css_class,
           gboolean    on)
{
  if (on)
    gtk_widget_add_css_class (widget, css_class);
  else
    gtk_widget_remove_css_class (widget, css_class);
}

static void
rebuild_volume_rows (FpProjectionsPanel *self,
                     guint               n_stages)
{
  for (guint i = 0; i < self->volume_rows->len; i++)
    adw_preferences_group_remove (self->volume_group, g_ptr_array_index (self->volume_rows, i));
  g_ptr_array_set_size (self->volume_rows, 0);
  g_ptr_array_set_size (self->volume_labels, 0);

  for (guint i = 0; i < n_stages; i++)
    {
      GtkLabel *label;
      AdwActionRow *row = add_value_row (self->volume_group, "", &label);

      /* A name as long as a sentence stops after two lines, with "…":
       * five lines of it pushed the other stages away. The accessible
       * name stays whole. */
      adw_action_row_set_title_lines (row, 2);
      g_ptr_array_add (self->volume_rows, row);
      g_ptr_array_add (self->volume_labels, label);
    }
}

static const char *
severity_icon (FpSeverity severity)
{
  switch (severity)
    {
    case FP_SEVERITY_CRITICAL:
      return "dialog-error-symbolic";
    case FP_SEVERITY_WARNING:
      return "dialog-warning-symbolic";
    case FP_SEVERITY_INFO:
    default:
      return "dialog-information-symbolic";
    }
}

static const char *
severity_class (FpSeverity severity)
{
  switch (severity)
    {
    case FP_SEVERITY_CRITICAL:
      return "error";
    case FP_SEVERITY_WARNING:
      return "warning";
    case FP_SEVERITY_INFO:
    default:
      return "dim-label";
    }
}

static const char *
severity_name (FpSeverity severity)
{
  switch (severity)
    {
    case FP_SEVERITY_CRITICAL:
      return _("Critical");
    case FP_SEVERITY_WARNING:
      return _("Warning");
    case FP_SEVERITY_INFO:
    default:
      return _("Note");
    }
}

static void
on_warning_row_activated (AdwActionRow       *row,
                          FpProjectionsPanel *self)
{
  int stage = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (row), "fp-stage")) - 1;

  if (stage >= 0)
    g_signal_emit (self, signals[STAGE_ACTIVATED], 0, (guint) stage);
}

static void
update_warnings (FpProjectionsPanel *self,
                 const FpProjection *projection)
{
  g_autoptr(GString) key = g_string_new (NULL);

  for (guint i = 0; projection != NULL && i < projection->warnings->len; i++)
    {
      const FpWarning *warning = g_ptr_array_index (projection->warnings, i);
      /* The stage too: a stage moved keeps its warning's words */
      g_string_append_printf (key, "%d\x1f%d\x1f%s\n", warning->stage, warning->severity,
                              warning->message);
    }
  if (self->warnings_key != NULL && g_str_equal (key->str, self->warnings_key))
    return;
  g_free (self->warnings_key);
  self->warnings_key = g_strdup (key->str);

  for (guint i = 0; i < self->warning_rows->len; i++)
    adw_preferences_group_remove (self->warnings_group, g_ptr_array_index (self->warning_rows, i));
  g_ptr_array_set_size (self->warning_rows, 0);

  if (projection == NULL || projection->warnings->len == 0)
    {
      AdwActionRow *row = ADW_ACTION_ROW (adw_action_row_new ());
      GtkWidget *icon = gtk_image_new_from_icon_name ("emblem-ok-symbolic");

      fp_row_header_layout_install (GTK_WIDGET (row));
      gtk_widget_add_css_class (icon, "success");
      adw_action_row_add_prefix (row, icon);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row),
                                     _("Every ratio is within its benchmark"));
      adw_preferences_group_add (self->warnings_group, GTK_WIDGET (row));
      g_ptr_array_add (self->warning_rows, row);
      adw_preferences_group_set_description (self->warnings_group, NULL);
      return;
    }

  for (guint i = 0; i < projection->warnings->len; i++)
    {
      const FpWarning *warning = g_ptr_array_index (projection->warnings, i);
      AdwActionRow *row = ADW_ACTION_ROW (adw_action_row_new ());
      GtkWidget *icon = gtk_image_new_from_icon_name (severity_icon (warning->severity));

      /* A stage's warning opens the stage, where its figure is set: the
       * row took the focus, and Enter on it did nothing */
      if (warning->stage >= 0)
        {
          gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
          g_object_set_data (G_OBJECT (row), "fp-stage", GINT_TO_POINTER (warning->stage + 1));
          g_signal_connect (row, "activated", G_CALLBACK (on_warning_row_activated), self);
          /* Where activating leads, for the eye; nothing to hear */
          adw_action_row_add_suffix (row, g_object_new (GTK_TYPE_IMAGE, "icon-name", "go-next-symbolic",
                                                        "accessible-role", GTK_ACCESSIBLE_ROLE_PRESENTATION,
                                                        NULL));
        }
      fp_row_header_layout_install (GTK_WIDGET (row));
      gtk_widget_add_css_class (icon, severity_class (warning->severity));
      gtk_widget_set_valign (icon, GTK_ALIGN_CENTER);
      /* The icon's meaning for those who do not see its colour. */
      gtk_accessible_update_property (GTK_ACCESSIBLE (icon), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      severity_name (warning->severity), -1);
      adw_action_row_add_prefix (row, icon);
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), warning->message);
      adw_action_row_set_title_lines (row, 0);
      gtk_widget_add_css_class (GTK_WIDGET (row), "fp-warning-row");
      adw_preferences_group_add (self->warnings_group, GTK_WIDGET (row));
      g_ptr_array_add (self->warning_rows, row);
    }
}

static void
update (FpProjectionsPanel *self,
        FpPlanChange        change)
{
  g_autoptr(FpProjection) projection = NULL;
  g_autofree char *deals = NULL;
  g_autofree char *handoff = NULL;
  g_autofree char *handoff_name = NULL;
  g_autofree char *handoff_title = NULL;
  g_autofree char *coverage = NULL;
  int coverage_decimals;
  g_autofree char *coverage_subtitle = NULL;
  g_autofree char *value_required = NULL;
  g_autofree char *win_rate = NULL;
  g_autofree char *budget = NULL;
  g_autofree char *cost_per_deal = NULL;
  g_autofree char *days = NULL;
  const char *currency;
  guint n_stages;

  if (self->plan == NULL)
    {
      gtk_widget_set_sensitive (GTK_WIDGET (self), FALSE);
      fp_tornado_view_set_data (self->tornado, NULL, NULL);
      return;
    }
  gtk_widget_set_sensitive (GTK_WIDGET (self), TRUE);

  projection = fp_projection_new (self->plan);
  currency = fp_plan_get_currency (self->plan);
  n_stages = projection->n_stages;

  /* What it takes */
  deals = _fp_format_count (projection->deals_required);
  set_label (self->deals_label, deals);

  handoff = _fp_format_count (projection->handoff_per_month);
  set_label (self->handoff_label, handoff);
  handoff_name = shortened_name (fp_plan_get_stage (self->plan, projection->handoff_stage)->name);
  {
    g_autofree char *leading = _fp_format_leading_name (handoff_name,
                                                        gtk_widget_get_direction (GTK_WIDGET (self))
                                                        == GTK_TEXT_DIR_RTL);

    /* Translators: %s is the handoff stage's name, e.g. "Marketing qualified per month" */
    handoff_title = g_strdup_printf (_("%s per month"), leading);
  }
  set_title (ADW_PREFERENCES_ROW (self->handoff_row), handoff_title);

  /* Required volume, rounded up: these are people */
  /* Titles are set below on every update: only the count matters here. */
  if (self->volume_rows->len != n_stages)
    rebuild_volume_rows (self, n_stages);
  for (guint i = 0; i < n_stages; i++)
    {
      const FpStage *stage = fp_plan_get_stage (self->plan, i);
      AdwActionRow *row = g_ptr_array_index (self->volume_rows, i);
      g_autofree char *count = _fp_format_count (projection->required[i]);
      g_autofree char *subtitle = NULL;
      GString *notes = g_string_new (NULL);

      if (i == projection->handoff_stage)
        g_string_append (notes, _("Handoff (SLA)"));
      if (i == projection->pipeline_stage)
        {
          if (notes->len > 0)
            g_string_append (notes, " · ");
          g_string_append (notes, _("Pipeline"));
        }
      if (projection->cost[i] > 0)
        {
          g_autofree char *cost = _fp_format_money (currency, projection->cost[i], FALSE);

          if (notes->len > 0)
            g_string_append (notes, " · ");
          /* Translators: %s is an amount of money */
          g_string_append_printf (notes, _("costs %s"), cost);
        }
      subtitle = g_string_free (notes, FALSE);

      set_title (ADW_PREFERENCES_ROW (row), stage->name);
      set_subtitle (row, subtitle);
      set_label (g_ptr_array_index (self->volume_labels, i), count);
    }

  /* Coverage: required against planned */
  coverage_decimals = fp_projection_coverage_decimals (projection);
  coverage = _fp_format_ratio_decimals (projection->coverage_required, coverage_decimals);
  set_label (self->coverage_label, coverage);
  value_required = _fp_format_money (currency, projection->value_required, FALSE);
  win_rate = _fp_format_percent (projection->win_rate);
  /* Translators: "$4,800,000 of pipeline at a 25.0% win rate" */
  coverage_subtitle = g_strdup_printf (_("%s of pipeline at a %s win rate"),
                                       value_required, win_rate);
  set_subtitle (self->coverage_row, coverage_subtitle);

  if (projection->has_inflow && isfinite (projection->coverage_planned))
    {
      g_autofree char *planned = _fp_format_ratio_decimals (projection->coverage_planned,
                                                            coverage_decimals);
      g_autofree char *subtitle = NULL;

      /* 3.96x against 4.0x is short, and shown as 3.96x against 4.00x */
      self->is_short = fp_projection_is_coverage_short (projection);
      set_label (self->planned_label, planned);
      if (self->is_short)
        {
          g_autofree char *missing = _fp_format_money (currency, projection->value_required -
                                                      projection->value_planned, FALSE);
          g_autofree char *by = _fp_format_ratio_decimals (projection->coverage_required -
                                                          projection->coverage_planned,
                                                          coverage_decimals);

          /* Translators: "Short by 0.8x: $960,000 of pipeline missing" */
          subtitle = g_strdup_printf (_("Short by %s: %s of pipeline missing"), by, missing);
          gtk_image_set_from_icon_name (self->planned_icon, "dialog-warning-symbolic");
        }
      else
        {
          subtitle = g_strdup (_("Enough pipeline for the target"));
          gtk_image_set_from_icon_name (self->planned_icon, "emblem-ok-symbolic");
        }
      set_subtitle (self->planned_row, subtitle);
      gtk_widget_set_visible (GTK_WIDGET (self->planned_icon), TRUE);
    }
  else
    {
      self->is_short = FALSE;
      set_label (self->planned_label, "—");
      set_subtitle (self->planned_row, _("Set an inflow to compare"));
      gtk_widget_set_visible (GTK_WIDGET (self->planned_icon), FALSE);
    }
  set_class (GTK_WIDGET (self->planned_row), "fp-shortfall", self->is_short);
  set_class (GTK_WIDGET (self->planned_label), "error", self->is_short);
  set_class (GTK_WIDGET (self->planned_icon), "error", self->is_short);
  set_class (GTK_WIDGET (self->planned_icon), "success",
             !self->is_short && projection->has_inflow);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->planned_icon),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  self->is_short ? _("Shortfall") : _("Covered"), -1);

  /* Forecast from the inflow */
  if (projection->has_inflow)
    {
      g_autofree char *revenue = _fp_format_money (currency, projection->projected_revenue, FALSE);
      g_autofree char *gap = _fp_format_money (currency, projection->gap, FALSE);
      g_autofree char *gap_text = NULL;
      g_autofree char *deals_text = _fp_format_decimal (projection->projected_deals, 1);
      g_autofree char *revenue_subtitle = NULL;
      const char *deals_form;

      if (projection->gap >= 0.5)
        gap_text = g_strdup_printf ("+%s", gap);
      else
        gap_text = g_strdup (gap);
      set_label (self->revenue_label, revenue);
      /* Translators: %s is a number of deals to a tenth, "from 1 deal",
       * "from 153 deals", "from 38.3 deals" (a number with a tenth is
       * counted as 2 to choose the form) */
      deals_form = g_dngettext (GETTEXT_PACKAGE, "from %s deal", "from %s deals",
                                _fp_format_plural_n (projection->projected_deals, 1));
      revenue_subtitle = g_strdup_printf (deals_form, deals_text);
      set_subtitle (self->revenue_row, revenue_subtitle);
      set_label (self->gap_label, gap_text);
      set_subtitle (self->gap_row, projection->gap < -0.5 ? _("Below the target")
                                                          : _("Meets the target"));
      set_class (GTK_WIDGET (self->gap_label), "error", projection->gap < -0.5);
      set_class (GTK_WIDGET (self->gap_label), "success", projection->gap >= -0.5);
    }
  else
    {
      set_label (self->revenue_label, "—");
      set_subtitle (self->revenue_row, _("Set an inflow to project revenue"));
      set_label (self->gap_label, "—");
      set_subtitle (self->gap_row, NULL);
      set_class (GTK_WIDGET (self->gap_label), "error", FALSE);
      set_class (GTK_WIDGET (self->gap_label), "success", FALSE);
    }

  /* Cost and time */
  budget = _fp_format_money (currency, projection->budget, FALSE);
  set_label (self->budget_label, budget);
  cost_per_deal = _fp_format_money (currency, projection->cost_per_deal, FALSE);
  set_label (self->cost_per_deal_label, cost_per_deal);
  days = _fp_format_duration (projection->lead_to_close_days, FALSE);
  set_label (self->lead_to_close_label, days);
  g_free (days);
  days = _fp_format_duration (projection->sales_cycle_days, FALSE);
  set_label (self->sales_cycle_label, days);

  /* Sensitivity */
  adw_preferences_group_set_description (self->sensitivity_group,
                                         projection->has_inflow
                                         ? _("Projected revenue within the period after a 10% better "
                                             "conversion at each stage, from its first day")
                                         : _("Fewer top-of-funnel units needed for the period after a "
                                             "10% better conversion at each stage, from its first day"));
  fp_tornado_view_set_data (self->tornado, self->plan, projection);

  update_warnings (self, projection);
}

static void
on_plan_changed (FpPlan             *plan,
                 guint               change,
                 FpProjectionsPanel *self)
{
  update (self, change);
}

static void
fp_projections_panel_dispose (GObject *object)
{
  FpProjectionsPanel *self = FP_PROJECTIONS_PANEL (object);

  fp_projections_panel_set_plan (self, NULL);
  if (self->page != NULL)
    {
      gtk_widget_unparent (GTK_WIDGET (self->page));
      self->page = NULL;
    }

  G_OBJECT_CLASS (fp_projections_panel_parent_class)->dispose (object);
}

static void
fp_projections_panel_finalize (GObject *object)
{
  FpProjectionsPanel *self = FP_PROJECTIONS_PANEL (object);

  g_clear_pointer (&self->volume_rows, g_ptr_array_unref);
  g_clear_pointer (&self->volume_labels, g_ptr_array_unref);
  g_clear_pointer (&self->warning_rows, g_ptr_array_unref);
  g_clear_pointer (&self->warnings_key, g_free);

  G_OBJECT_CLASS (fp_projections_panel_parent_class)->finalize (object);
}

static void
fp_projections_panel_get_property (GObject    *object,
                                   guint       prop_id,
                                   GValue     *value,
                                   GParamSpec *pspec)
{
  FpProjectionsPanel *self = FP_PROJECTIONS_PANEL (object);

  switch (prop_id)
    {
    case PROP_PLAN:
      g_value_set_object (value, self->plan);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
fp_projections_panel_set_property (GObject      *object,
                                   guint         prop_id,
                                   const GValue *value,
                                   GParamSpec   *pspec)
{
  FpProjectionsPanel *self = FP_PROJECTIONS_PANEL (object);

  switch (prop_id)
    {
    case PROP_PLAN:
      fp_projections_panel_set_plan (self, g_value_get_object (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
fp_projections_panel_class_init (FpProjectionsPanelClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = fp_projections_panel_dispose;
  object_class->finalize = fp_projections_panel_finalize;
  object_class->get_property = fp_projections_panel_get_property;
  object_class->set_property = fp_projections_panel_set_property;

  properties[PROP_PLAN] =
    g_param_spec_object ("plan", NULL, NULL, FP_TYPE_PLAN,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /* A stage's warning was activated (a click, Enter): the window shows
   * the stage */
  signals[STAGE_ACTIVATED] =
    g_signal_new ("stage-activated", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_UINT);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "fpprojectionspanel");
}

static void
fp_projections_panel_init (FpProjectionsPanel *self)
{
  AdwPreferencesGroup *group;
  GtkWidget *card;

  self->volume_rows = g_ptr_array_new ();
  self->volume_labels = g_ptr_array_new ();
  self->warning_rows = g_ptr_array_new ();

  self->page = ADW_PREFERENCES_PAGE (adw_preferences_page_new ());
  gtk_widget_set_parent (GTK_WIDGET (self->page), GTK_WIDGET (self));

  group = add_group (self, _("What It Takes"), NULL);
  self->deals_row = add_value_row (group, _("Deals required"), &self->deals_label);
  self->handoff_row = add_value_row (group, "", &self->handoff_label);
  adw_action_row_set_subtitle (self->handoff_row, _("The SLA number: handoff volume per month"));
  gtk_widget_add_css_class (GTK_WIDGET (self->deals_label), "title-4");
  gtk_widget_add_css_class (GTK_WIDGET (self->handoff_label), "title-4");

  self->volume_group = add_group (self, _("Required Volume"),
                                  _("Units each stage must take in over the period, rounded up"));

  group = add_group (self, _("Pipeline Coverage"), NULL);
  self->coverage_row = add_value_row (group, _("Coverage required"), &self->coverage_label);
  self->planned_row = add_value_row (group, _("Coverage planned"), &self->planned_label);
  self->planned_icon = GTK_IMAGE (gtk_image_new ());
  gtk_widget_set_valign (GTK_WIDGET (self->planned_icon), GTK_ALIGN_CENTER);
  adw_action_row_add_prefix (self->planned_row, GTK_WIDGET (self->planned_icon));

  group = add_group (self, _("Forecast"), _("From the inflow, a steady run rate"));
  self->revenue_row = add_value_row (group, _("Projected revenue"), &self->revenue_label);
  self->gap_row = add_value_row (group, _("Gap to target"), &self->gap_label);

  group = add_group (self, _("Cost and Time"), NULL);
  add_value_row (group, _("Budget"), &self->budget_label);
  add_value_row (group, _("Cost per deal"), &self->cost_per_deal_label);
  add_value_row (group, _("Lead to close"), &self->lead_to_close_label);
  add_value_row (group, _("Sales cycle"), &self->sales_cycle_label);

  self->sensitivity_group = add_group (self, _("Sensitivity"), NULL);
  card = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  gtk_widget_add_css_class (card, "card");
  gtk_widget_add_css_class (card, "fp-tornado-card");
  self->tornado = FP_TORNADO_VIEW (fp_tornado_view_new ());
  gtk_widget_set_margin_top (GTK_WIDGET (self->tornado), 8);
  gtk_widget_set_margin_bottom (GTK_WIDGET (self->tornado), 8);
  gtk_widget_set_margin_start (GTK_WIDGET (self->tornado), 8);
  gtk_widget_set_margin_end (GTK_WIDGET (self->tornado), 8);
  gtk_box_append (GTK_BOX (card), GTK_WIDGET (self->tornado));
  adw_preferences_group_add (self->sensitivity_group, card);

  self->warnings_group = add_group (self, _("Warnings"), NULL);

  update (self, FP_PLAN_CHANGE_ALL);
}

GtkWidget *
fp_projections_panel_new (void)
{
  return g_object_new (FP_TYPE_PROJECTIONS_PANEL, NULL);
}

FpPlan *
fp_projections_panel_get_plan (FpProjectionsPanel *self)
{
  g_return_val_if_fail (FP_IS_PROJECTIONS_PANEL (self), NULL);
  return self->plan;
}

void
fp_projections_panel_set_plan (FpProjectionsPanel *self,
                               FpPlan             *plan)
{
  g_return_if_fail (FP_IS_PROJECTIONS_PANEL (self));
  g_return_if_fail (plan == NULL || FP_IS_PLAN (plan));

  if (self->plan == plan)
    return;

  if (self->plan != NULL)
    g_clear_signal_handler (&self->changed_id, self->plan);
  g_set_object (&self->plan, plan);
  if (plan != NULL)
    self->changed_id = g_signal_connect (plan, "changed", G_CALLBACK (on_plan_changed), self);

  if (!gtk_widget_in_destruction (GTK_WIDGET (self)))
    update (self, FP_PLAN_CHANGE_ALL);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PLAN]);
}

const char *
_fp_projections_panel_get_deals_text (FpProjectionsPanel *self)
{
  return gtk_label_get_label (self->deals_label);
}

const char *
_fp_projections_panel_get_required_text (FpProjectionsPanel *self,
                                         guint               stage)
{
  g_return_val_if_fail (stage < self->volume_labels->len, NULL);
  return gtk_label_get_label (g_ptr_array_index (self->volume_labels, stage));
}

const char *
_fp_projections_panel_get_handoff_text (FpProjectionsPanel *self)
{
  return gtk_label_get_label (self->handoff_label);
}

AdwActionRow *
_fp_projections_panel_get_handoff_row (FpProjectionsPanel *self)
{
  return self->handoff_row;
}

AdwActionRow *
_fp_projections_panel_get_revenue_row (FpProjectionsPanel *self)
{
  return self->revenue_row;
}

AdwActionRow *
_fp_projections_panel_get_volume_row (FpProjectionsPanel *self,
                                      guint               stage)
{
  return stage < self->volume_rows->len ? g_ptr_array_index (self->volume_rows, stage) : NULL;
}

const char *
_fp_projections_panel_get_coverage_text (FpProjectionsPanel *self)
{
  return gtk_label_get_label (self->coverage_label);
}

const char *
_fp_projections_panel_get_planned_text (FpProjectionsPanel *self)
{
  return gtk_label_get_label (self->planned_label);
}

gboolean
_fp_projections_panel_is_short (FpProjectionsPanel *self)
{
  return self->is_short;
}

guint
_fp_projections_panel_get_n_warnings (FpProjectionsPanel *self)
{
  return self->warnings_key != NULL && self->warnings_key[0] != '\0'
         ? self->warning_rows->len : 0;
}

AdwActionRow *
_fp_projections_panel_get_stage_warning_row (FpProjectionsPanel *self,
                                             guint               stage)
{
  g_return_val_if_fail (FP_IS_PROJECTIONS_PANEL (self), NULL);

  for (guint i = 0; i < self->warning_rows->len; i++)
    {
      GObject *row = g_ptr_array_index (self->warning_rows, i);

      if (GPOINTER_TO_INT (g_object_get_data (row, "fp-stage")) == (int) stage + 1)
        return ADW_ACTION_ROW (row);
    }
  return NULL;
}

FpTornadoView *
_fp_projections_panel_get_tornado (FpProjectionsPanel *self)
{
  return self->tornado;
}
