/* fp-report.c: the projection as JSON for scripts (README: "The report")
 *
 * Numbers are unrounded; a value that does not apply is null. Keys are
 * stable: scripts depend on them.
 */
#include "config.h"

#include <math.h>

#include "fp-json-private.h"
#include "fp-report.h"

static void
set_number (JsonObject *object,
            const char *key,
            double      value)
{
  if (isfinite (value))
    json_object_set_double_member (object, key, value);
  else
    json_object_set_null_member (object, key);
}

static const char *
stage_id (FpPlan *plan,
          guint   index)
{
  return fp_plan_get_stage (plan, index)->id;
}

static JsonArray *
stages_array (FpPlan             *plan,
              const FpProjection *projection)
{
  JsonArray *stages = json_array_new ();

  for (guint i = 0; i < projection->n_stages; i++)
    {
      const FpStage *stage = fp_plan_get_stage (plan, i);
      gboolean last = i + 1 == projection->n_stages;
      JsonObject *object = json_object_new ();

      json_object_set_string_member (object, "id", stage->id);
      json_object_set_string_member (object, "name", stage->name);
      set_number (object, "conversion", last ? NAN : stage->conversion);
      set_number (object, "duration_days", last ? NAN : stage->duration_days);
      set_number (object, "required", projection->required[i]);
      set_number (object, "enter_offset_days", projection->enter_offset_days[i]);
      set_number (object, "cost", projection->cost[i]);
      json_array_add_object_element (stages, object);
    }
  return stages;
}

static JsonArray *
months_array (FpPlan             *plan,
              const FpProjection *projection)
{
  JsonArray *months = json_array_new ();

  for (guint m = 0; m < projection->n_months; m++)
    {
      JsonObject *object = json_object_new ();
      JsonObject *required = json_object_new ();
      g_autofree char *label = NULL;
      int year, month;

      fp_projection_get_month (projection, m, &year, &month);
      label = g_strdup_printf ("%04d-%02d", year, month);
      json_object_set_string_member (object, "month", label);
      json_object_set_boolean_member (object, "in_period", m >= projection->period_offset);
      set_number (object, "target", projection->month_target[m]);
      for (guint i = 0; i < projection->n_stages; i++)
        set_number (required, stage_id (plan, i), fp_projection_get_volume (projection, m, i));
      json_object_set_object_member (object, "required", required);
      json_array_add_object_element (months, object);
    }
  return months;
}

static JsonArray *
sensitivity_array (FpPlan             *plan,
                   const FpProjection *projection)
{
  JsonArray *array = json_array_new ();

  for (guint i = 0; i < projection->sensitivity->len; i++)
    {
      const FpSensitivity *s = &g_array_index (projection->sensitivity, FpSensitivity, i);
      JsonObject *object = json_object_new ();

      json_object_set_string_member (object, "stage", stage_id (plan, s->stage));
      set_number (object, "conversion_before", s->conversion_before);
      set_number (object, "conversion_after", s->conversion_after);
      json_object_set_string_member (object, "measure",
                                     projection->has_inflow ? "projected_revenue"
                                                            : "top_required");
      set_number (object, "impact", s->impact);
      set_number (object, "in_period_share", s->in_period_share);
      set_number (object, "impact_in_period", s->impact_in_period);
      set_number (object, "top_required_before", s->top_required_before);
      set_number (object, "top_required_after", s->top_required_after);
      set_number (object, "revenue_before", s->revenue_before);
      set_number (object, "revenue_after", s->revenue_after);
      set_number (object, "budget_before", s->budget_before);
      set_number (object, "budget_after", s->budget_after);
      json_array_add_object_element (array, object);
    }
  return array;
}

static JsonArray *
warnings_array (FpPlan             *plan,
                const FpProjection *projection)
{
  static const char * const severities[] = { "info", "warning", "critical" };
  JsonArray *array = json_array_new ();

  for (guint i = 0; i < projection->warnings->len; i++)
    {
      const FpWarning *warning = g_ptr_array_index (projection->warnings, i);
      JsonObject *object = json_object_new ();

      if (warning->stage >= 0)
        json_object_set_string_member (object, "stage", stage_id (plan, warning->stage));
      else
        json_object_set_null_member (object, "stage");
      json_object_set_string_member (object, "code", warning->code);
      json_object_set_string_member (object, "severity", severities[warning->severity]);
      json_object_set_string_member (object, "message", warning->message);
      json_array_add_object_element (array, object);
    }
  return array;
}

char *
fp_report_to_json (FpPlan             *plan,
                   const FpProjection *projection)
{
  g_autoptr(JsonNode) root = NULL;
  JsonObject *report = json_object_new ();
  JsonObject *pipeline = json_object_new ();
  JsonObject *handoff = json_object_new ();

  g_return_val_if_fail (FP_IS_PLAN (plan), NULL);
  g_return_val_if_fail (projection != NULL, NULL);

  json_object_set_string_member (report, "title", fp_plan_get_title (plan));
  json_object_set_string_member (report, "currency", fp_plan_get_currency (plan));
  set_number (report, "revenue_target", fp_plan_get_revenue_target (plan));
  set_number (report, "average_deal_size", fp_plan_get_average_deal_size (plan));
  set_number (report, "deals_required", projection->deals_required);
  json_object_set_array_member (report, "stages", stages_array (plan, projection));
  set_number (report, "budget", projection->budget);
  set_number (report, "cost_per_deal", projection->cost_per_deal);
  set_number (report, "lead_to_close_days", projection->lead_to_close_days);
  set_number (report, "sales_cycle_days", projection->sales_cycle_days);

  json_object_set_string_member (pipeline, "stage", stage_id (plan, projection->pipeline_stage));
  set_number (pipeline, "win_rate", projection->win_rate);
  set_number (pipeline, "coverage_required", projection->coverage_required);
  set_number (pipeline, "value_required", projection->value_required);
  set_number (pipeline, "opportunities_per_month", projection->opportunities_per_month);
  set_number (pipeline, "coverage_planned", projection->coverage_planned);
  set_number (pipeline, "value_planned", projection->value_planned);
  json_object_set_object_member (report, "pipeline", pipeline);

  json_object_set_string_member (handoff, "stage", stage_id (plan, projection->handoff_stage));
  set_number (handoff, "required", projection->handoff_required);
  set_number (handoff, "per_month", projection->handoff_per_month);
  json_object_set_object_member (report, "handoff", handoff);

  if (projection->has_inflow)
    {
      JsonObject *projected = json_object_new ();

      json_object_set_string_member (projected, "inflow_stage",
                                     stage_id (plan, projection->inflow_stage));
      set_number (projected, "inflow_per_month", projection->inflow_per_month);
      set_number (projected, "revenue", projection->projected_revenue);
      set_number (projected, "deals", projection->projected_deals);
      set_number (projected, "deals_per_month", projection->projected_deals_per_month);
      set_number (projected, "gap", projection->gap);
      json_object_set_object_member (report, "projected", projected);
    }
  else
    {
      json_object_set_null_member (report, "projected");
    }

  json_object_set_array_member (report, "months", months_array (plan, projection));
  json_object_set_array_member (report, "sensitivity", sensitivity_array (plan, projection));
  json_object_set_array_member (report, "warnings", warnings_array (plan, projection));

  root = _fp_json_node_take_object (report);
  return _fp_json_write (root);
}
