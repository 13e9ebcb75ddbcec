/* fp-projection.h: every number of DOMAIN.md, a pure function of the plan
 *
 * Values are expected values, unrounded; the interface rounds counts of
 * people up. A value that does not apply is NAN (the report writes null).
 */
#pragma once

#include "fp-plan.h"

G_BEGIN_DECLS

typedef enum
{
  FP_SEVERITY_INFO,
  FP_SEVERITY_WARNING,
  FP_SEVERITY_CRITICAL, /* an optimistic assumption: the plan may not happen */
} FpSeverity;

typedef struct
{
  int stage;            /* stage index, or -1 for the whole plan */
  const char *code;     /* stable, for scripts: "conversion-above-benchmark", ... */
  FpSeverity severity;
  char *message;        /* translated, for people */
} FpWarning;

/* What a 10% relative improvement of one stage's conversion does. */
typedef struct
{
  guint stage;
  double conversion_before;
  double conversion_after;      /* min (1, 1.1 x before) */
  double top_required_before;   /* required volume of the first stage */
  double top_required_after;
  double revenue_before;        /* projected revenue; NAN without an inflow */
  double revenue_after;
  double budget_before;
  double budget_after;
  /* The headline effect: the relative change of projected revenue with an
   * inflow, of the first stage's required volume without (negative: fewer
   * needed). Positive is always "helps". */
  double impact;
  /* The same within the period, if the improvement starts on its first
   * day: only closes whose unit leaves this stage after that day gain.
   * In a steady funnel every stage's impact is the same, so this is what
   * tells them apart: a stage near the close pays back in the period, one
   * at the top only after its lead time. */
  double in_period_share;   /* of the period's closes that gain, 0 to 1 */
  double impact_in_period;  /* impact x in_period_share */
} FpSensitivity;

typedef struct
{
  guint n_stages;
  double deals_required;

  /* Per stage, n_stages each */
  double *required;          /* units that must enter the stage */
  double *enter_offset_days; /* days before the close a unit enters it */
  double *cost;              /* required x cost_per_unit */
  double *win_probability;   /* product of conversions from the stage to the close */

  double budget;
  double cost_per_deal;
  double lead_to_close_days;
  double sales_cycle_days;

  guint pipeline_stage;
  double win_rate;           /* from the pipeline stage to the close */
  double coverage_required;
  double value_required;
  double coverage_planned;   /* NAN without an inflow */
  double value_planned;
  double opportunities_per_month;

  guint handoff_stage;
  double handoff_required;
  double handoff_per_month;  /* the SLA number: required / period months */

  gboolean has_inflow;
  guint inflow_stage;
  double inflow_per_month;
  double projected_deals_per_month;
  double projected_deals;    /* over the period */
  double projected_revenue;
  double gap;                /* projected revenue - target */

  /* The monthly timeline: calendar months from the first one any stage
   * needs volume in up to the end of the period. */
  guint n_months;
  guint period_offset;       /* index of the period's first month */
  guint period_months;
  int first_year;
  int first_month;           /* 1-12 */
  double *month_start_day;   /* n_months + 1 boundaries, days since 1970-01-01 */
  double *month_target;      /* revenue closing in each month; 0 before the period */
  double *month_volume;      /* [month * n_stages + stage] */

  GArray *sensitivity;       /* FpSensitivity, one per stage but the last */
  GPtrArray *warnings;       /* FpWarning *, the loudest first */
} FpProjection;

FpProjection *fp_projection_new        (FpPlan             *plan);
void          fp_projection_free       (FpProjection       *self);
double        fp_projection_get_volume (const FpProjection *self,
                                        guint               month,
                                        guint               stage);
/* The messages of stage @stage's warnings whose code starts with
 * @code_prefix ("duration-"; "" for all), a line each, the loudest first;
 * NULL when there are none. For a tooltip. */
char         *fp_projection_dup_warnings_text (const FpProjection *self,
                                               int                 stage,
                                               const char         *code_prefix);
/* TRUE when an inflow is set and builds less pipeline than the target
 * needs (its projected revenue falls short): the one test of the panel,
 * the canvas and the warning. */
gboolean      fp_projection_is_coverage_short (const FpProjection *self);
/* Decimals to show coverage required and planned side by side: 1 ("4.0x"),
 * or more (up to 6) when a short plan's two would show equal with one
 * (3.96x against 4.00x): a short plan never reads as two equal numbers. */
int           fp_projection_coverage_decimals (const FpProjection *self);
/* Year and month (1-12) of timeline month @month. */
void          fp_projection_get_month  (const FpProjection *self,
                                        guint               month,
                                        int                *year,
                                        int                *month_of_year);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (FpProjection, fp_projection_free)

G_END_DECLS
