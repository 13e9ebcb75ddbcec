/* fp-projection.c: the reverse waterfall, coverage, the forward projection
 * and the sensitivity of DOMAIN.md, computed from scratch on every change */
#include "config.h"

#include <math.h>

#include "fp-projection-private.h"
#include "fp-round.h"

static void
compute_waterfall (FpProjection *self,
                   FpPlan       *plan)
{
  guint n = self->n_stages;
  double target = fp_plan_get_revenue_target (plan);

  self->deals_required = target / fp_plan_get_average_deal_size (plan);

  /* Walk up from the close: the last stage is the deals themselves. */
  self->win_probability[n - 1] = 1;
  self->enter_offset_days[n - 1] = 0;
  for (guint i = n - 1; i-- > 0;)
    {
      const FpStage *stage = fp_plan_get_stage (plan, i);

      self->win_probability[i] = self->win_probability[i + 1] * stage->conversion;
      self->enter_offset_days[i] = self->enter_offset_days[i + 1] + stage->duration_days;
    }

  self->budget = 0;
  for (guint i = 0; i < n; i++)
    {
      self->required[i] = self->deals_required / self->win_probability[i];
      self->cost[i] = self->required[i] * fp_plan_get_stage (plan, i)->cost_per_unit;
      self->budget += self->cost[i];
    }
  self->cost_per_deal = self->budget / self->deals_required;
  self->lead_to_close_days = self->enter_offset_days[0];
}

static void
compute_pipeline (FpProjection *self,
                  FpPlan       *plan)
{
  guint months;

  fp_plan_get_period (plan, NULL, NULL, &months);

  self->pipeline_stage = fp_plan_get_pipeline_index (plan);
  self->sales_cycle_days = self->enter_offset_days[self->pipeline_stage];
  self->win_rate = self->win_probability[self->pipeline_stage];
  self->coverage_required = 1 / self->win_rate;
  self->value_required = fp_plan_get_revenue_target (plan) * self->coverage_required;

  self->handoff_stage = fp_plan_get_handoff_index (plan);
  self->handoff_required = self->required[self->handoff_stage];
  self->handoff_per_month = self->handoff_required / months;
}

static void
compute_forward (FpProjection *self,
                 FpPlan       *plan)
{
  double target = fp_plan_get_revenue_target (plan);
  double deal_size = fp_plan_get_average_deal_size (plan);
  guint months;

  fp_plan_get_period (plan, NULL, NULL, &months);
  self->has_inflow = fp_plan_get_inflow (plan, &self->inflow_stage, &self->inflow_per_month);
  if (!self->has_inflow)
    {
      self->inflow_per_month = NAN;
      self->projected_deals_per_month = NAN;
      self->projected_deals = NAN;
      self->projected_revenue = NAN;
      self->gap = NAN;
      self->opportunities_per_month = NAN;
      self->value_planned = NAN;
      self->coverage_planned = NAN;
      return;
    }

  self->projected_deals_per_month =
    self->inflow_per_month * self->win_probability[self->inflow_stage];
  self->projected_deals = self->projected_deals_per_month * months;
  self->projected_revenue = self->projected_deals * deal_size;
  self->gap = self->projected_revenue - target;

  /* In a steady run the pipeline stage receives inflow x the conversions
   * between the two stages; when the inflow enters below the pipeline stage,
   * the same ratio gives the pipeline that such an inflow implies. */
  self->opportunities_per_month = self->inflow_per_month *
                                  self->win_probability[self->inflow_stage] /
                                  self->win_probability[self->pipeline_stage];
  self->value_planned = self->opportunities_per_month * months * deal_size;
  self->coverage_planned = self->value_planned / target;
}

/* The share of the period's closes on or after @days_after_start days into
 * the period. Closes spread evenly over each month's days, the months
 * weighted by their targets (@by_target) or by their days (a steady
 * inflow closes the same every day). Needs the timeline. */
static double
share_of_closes_after (const FpProjection *self,
                       double              days_after_start,
                       gboolean            by_target)
{
  const double *bounds = self->month_start_day + self->period_offset;
  double threshold = bounds[0] + days_after_start;
  double total = 0, after = 0;

  for (guint m = 0; m < self->period_months; m++)
    {
      double days = bounds[m + 1] - bounds[m];
      double weight = by_target ? self->month_target[self->period_offset + m] : days;

      total += weight;
      after += weight * CLAMP ((bounds[m + 1] - MAX (bounds[m], threshold)) / days, 0, 1);
    }
  return total > 0 ? after / total : 0;
}

static void
compute_sensitivity (FpProjection *self,
                     FpPlan       *plan)
{
  guint n = self->n_stages;

  for (guint i = 0; i + 1 < n; i++)
    {
      const FpStage *stage = fp_plan_get_stage (plan, i);
      FpSensitivity s = { 0 };
      double shrink;

      s.stage = i;
      s.conversion_before = stage->conversion;
      s.conversion_after = MIN (1.0, stage->conversion * 1.1);
      /* Every stage at and above i needs this much less volume. */
      shrink = s.conversion_before / s.conversion_after;

      s.top_required_before = self->required[0];
      s.top_required_after = self->required[0] * shrink;
      s.budget_before = self->budget;
      s.budget_after = self->budget;
      for (guint j = 0; j <= i; j++)
        s.budget_after -= self->cost[j] * (1 - shrink);

      s.revenue_before = self->projected_revenue;
      s.revenue_after = self->projected_revenue;
      if (self->has_inflow && i >= self->inflow_stage)
        s.revenue_after = self->projected_revenue / shrink;

      if (self->has_inflow)
        s.impact = self->projected_revenue > 0
                   ? (s.revenue_after - s.revenue_before) / s.revenue_before
                   : 0;
      else
        s.impact = (s.top_required_before - s.top_required_after) / s.top_required_before;

      /* A unit converts at stage i as it leaves it, offset(i + 1) days
       * before its close. */
      s.in_period_share = share_of_closes_after (self, self->enter_offset_days[i + 1],
                                                 !self->has_inflow);
      s.impact_in_period = s.impact * s.in_period_share;

      g_array_append_val (self->sensitivity, s);
    }
}

static void
warning_free (gpointer data)
{
  FpWarning *warning = data;

  g_free (warning->message);
  g_free (warning);
}

FpProjection *
fp_projection_new (FpPlan *plan)
{
  FpProjection *self;
  guint n;

  g_return_val_if_fail (FP_IS_PLAN (plan), NULL);

  n = fp_plan_get_n_stages (plan);
  self = g_new0 (FpProjection, 1);
  self->n_stages = n;
  /* One block for the per-stage arrays: fewer allocations on every drag. */
  self->required = g_new (double, 4 * n);
  self->enter_offset_days = self->required + n;
  self->cost = self->required + 2 * n;
  self->win_probability = self->required + 3 * n;
  self->sensitivity = g_array_sized_new (FALSE, FALSE, sizeof (FpSensitivity), n);
  self->warnings = g_ptr_array_new_with_free_func (warning_free);

  compute_waterfall (self, plan);
  compute_pipeline (self, plan);
  compute_forward (self, plan);
  _fp_timeline_compute (self, plan);
  compute_sensitivity (self, plan);
  _fp_warnings_compute (self, plan);

  return self;
}

char *
fp_projection_dup_warnings_text (const FpProjection *self,
                                 int                 stage,
                                 const char         *code_prefix)
{
  g_autoptr(GString) text = g_string_new (NULL);

  g_return_val_if_fail (self != NULL && code_prefix != NULL, NULL);

  for (guint i = 0; i < self->warnings->len; i++)
    {
      const FpWarning *warning = g_ptr_array_index (self->warnings, i);

      if (warning->stage != stage || !g_str_has_prefix (warning->code, code_prefix))
        continue;
      if (text->len > 0)
        g_string_append_c (text, '\n');
      g_string_append (text, warning->message);
    }
  return text->len > 0 ? g_string_free (g_steal_pointer (&text), FALSE) : NULL;
}

gboolean
fp_projection_is_coverage_short (const FpProjection *self)
{
  /* The allowance (a millionth of the target, far above the arithmetic's
   * rounding errors) keeps an inflow that builds just enough from counting
   * as short; and since coverage required is at least 1, a shortfall
   * beyond it shows at six decimals at the most. */
  return self->has_inflow && isfinite (self->coverage_planned) &&
         self->coverage_planned < self->coverage_required * (1 - 1e-6);
}

int
fp_projection_coverage_decimals (const FpProjection *self)
{
  int decimals = 1;

  if (!fp_projection_is_coverage_short (self) || !isfinite (self->coverage_required))
    return decimals;
  /* As the numbers are shown (fp-round.h): 3.9949999... reads 4.00 */
  while (decimals < 6 &&
         _fp_round_half_up (self->coverage_planned, decimals) >=
         _fp_round_half_up (self->coverage_required, decimals))
    decimals++;
  return decimals;
}

void
fp_projection_free (FpProjection *self)
{
  if (self == NULL)
    return;

  g_free (self->required);
  g_free (self->month_start_day);
  g_free (self->month_target);
  g_free (self->month_volume);
  g_array_unref (self->sensitivity);
  g_ptr_array_unref (self->warnings);
  g_free (self);
}

double
fp_projection_get_volume (const FpProjection *self,
                          guint               month,
                          guint               stage)
{
  g_return_val_if_fail (self != NULL, 0);
  g_return_val_if_fail (month < self->n_months, 0);
  g_return_val_if_fail (stage < self->n_stages, 0);

  return self->month_volume[month * self->n_stages + stage];
}

void
fp_projection_get_month (const FpProjection *self,
                         guint               month,
                         int                *year,
                         int                *month_of_year)
{
  int index;

  g_return_if_fail (self != NULL);

  index = self->first_month - 1 + (int) month;
  if (year != NULL)
    *year = self->first_year + index / 12;
  if (month_of_year != NULL)
    *month_of_year = index % 12 + 1;
}
