/* fp-warnings.c: realism checks against benchmark ranges and coverage
 *
 * A plan must not run on wishful ratios. A conversion better than its band
 * is the loudest warning: it is the optimistic one that makes the plan miss.
 * A duration shorter than its band is optimistic too, but softer.
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>

#include "fp-bidi.h"
#include "fp-format.h"
#include "fp-projection-private.h"
#include "fp-round.h"

/* Pipeline coverage below this is usually short (DOMAIN.md). */
#define COVERAGE_USUALLY_SHORT 2.5

static void
add (FpProjection *self,
     int           stage,
     const char   *code,
     FpSeverity    severity,
     char         *message)
{
  FpWarning *warning = g_new0 (FpWarning, 1);

  warning->stage = stage;
  warning->code = code;
  warning->severity = severity;
  warning->message = _fp_bidi_lead (message);
  g_ptr_array_add (self->warnings, warning);
}

static int
compare_severity (gconstpointer a,
                  gconstpointer b)
{
  const FpWarning *wa = *(const FpWarning **) a;
  const FpWarning *wb = *(const FpWarning **) b;

  return (int) wb->severity - (int) wa->severity;
}

/* The stage's conversion and its benchmark as the funnel's column writes
 * them ("0.25%", "<0.01%"), and its days as the timeline's bars do
 * ("3,650 days", "0.3 days"): printf wrote "0.0%", "1e-09 days" and
 * "3650 days" beside them. */
static void
check_stage (FpProjection  *self,
             guint          index,
             const FpStage *stage)
{
  const FpRange *conversion = &stage->benchmark_conversion;
  const FpRange *duration = &stage->benchmark_duration_days;
  g_autofree char *name = _fp_bidi_isolate (stage->name);

  if (conversion->set && (stage->conversion > conversion->max || stage->conversion < conversion->min))
    {
      g_autofree char *percent = _fp_format_percent (stage->conversion);
      g_autofree char *band_min = _fp_format_percent (conversion->min);
      g_autofree char *band_max = _fp_format_percent (conversion->max);

      if (stage->conversion > conversion->max)
        /* Translators: "Leads converts 45%, above its benchmark of 10%–30%: …" */
        add (self, index, "conversion-above-benchmark", FP_SEVERITY_CRITICAL,
             g_strdup_printf (_("%s converts %s, above its benchmark of %s–%s: an "
                                "optimistic ratio, the plan may fall short"),
                              name, percent, band_min, band_max));
      else
        add (self, index, "conversion-below-benchmark", FP_SEVERITY_WARNING,
             g_strdup_printf (_("%s converts %s, below its benchmark of %s–%s"),
                              name, percent, band_min, band_max));
    }

  if (duration->set && (stage->duration_days < duration->min || stage->duration_days > duration->max))
    {
      g_autofree char *days = _fp_format_duration (stage->duration_days, FALSE);
      g_autofree char *band_min = _fp_format_decimal (duration->min, 1);
      g_autofree char *band_max = _fp_format_duration (duration->max, FALSE);

      if (stage->duration_days < duration->min)
        /* Translators: "Leads takes 3 days, shorter than its benchmark of
         * 7–14 days: …"; the last %s is a number of days with its unit */
        add (self, index, "duration-below-benchmark", FP_SEVERITY_WARNING,
             g_strdup_printf (_("%s takes %s, shorter than its benchmark of %s–%s: "
                                "deals may arrive later than planned"),
                              name, days, band_min, band_max));
      else
        add (self, index, "duration-above-benchmark", FP_SEVERITY_INFO,
             g_strdup_printf (_("%s takes %s, longer than its benchmark of %s–%s"),
                              name, days, band_min, band_max));
    }
}

/* What share of the target a short plan projects, down, so that a short
 * plan never reads 100%: to a whole percent, with an allowance, since 99%
 * exactly can come out of the division as 98.99999... and read "98%".
 * Below 1%, to a hundredth of a percent: "0%" said the inflow brings
 * nothing, where it brings 0.53%. */
static char *
projected_share (const FpProjection *self)
{
  double share = self->projected_revenue / (self->projected_revenue - self->gap);
  double whole = floor (100 * share + 1e-9);
  double hundredths;

  if (whole >= 1)
    return _fp_format_percent (whole / 100);
  hundredths = floor (10000 * share + 1e-9) / 10000;
  /* Less than that: "<0.01%" */
  return _fp_format_percent (hundredths > 0 ? hundredths : share);
}

/* Past what a double holds a count is no number: the charts wrote "—"
 * and the report null, which it uses for "does not apply", and nothing
 * said why. Said once, at the lowest stage it happens to: every stage
 * above needs more still. */
static void
check_countable (FpProjection *self,
                 FpPlan       *plan)
{
  for (guint i = self->n_stages; i-- > 0;)
    if (!isfinite (self->required[i]))
      {
        g_autofree char *name = _fp_bidi_isolate (fp_plan_get_stage (plan, i)->name);

        add (self, (int) i, "required-beyond-count", FP_SEVERITY_CRITICAL,
             /* Translators: %s is a stage's name */
             g_strdup_printf (_("%s would need more than can be counted: the conversions or the "
                                "deal size are too small for the target"),
                              name));
        return;
      }
}

void
_fp_warnings_compute (FpProjection *self,
                      FpPlan       *plan)
{
  check_countable (self, plan);
  for (guint i = 0; i + 1 < self->n_stages; i++)
    check_stage (self, i, fp_plan_get_stage (plan, i));

  /* Marketing hands leads to sales before they become pipeline (or as
   * they do): a handoff further down leaves marketing owning deals. */
  if (self->handoff_stage > self->pipeline_stage)
    {
      const char *handoff_name = fp_plan_get_stage (plan, self->handoff_stage)->name;
      const char *pipeline_name = fp_plan_get_stage (plan, self->pipeline_stage)->name;
      g_autofree char *handoff = _fp_bidi_isolate (handoff_name);
      g_autofree char *pipeline = _fp_bidi_isolate (pipeline_name);

      add (self, (int) self->handoff_stage, "handoff-after-pipeline", FP_SEVERITY_WARNING,
           g_strdup_printf (_("The handoff to sales (%s) comes after the pipeline starts (%s): "
                              "marketing would still own opportunities"),
                            handoff, pipeline));
    }

  /* The numbers as the projections panel writes them, in the locale's
   * form: a coverage of a thousand was "1000.0x" */
  if (self->coverage_required < COVERAGE_USUALLY_SHORT)
    {
      g_autofree char *required = _fp_format_ratio (self->coverage_required);
      g_autofree char *win_rate = _fp_format_percent (self->win_rate);
      g_autofree char *usually_short = _fp_format_ratio (COVERAGE_USUALLY_SHORT);

      add (self, self->pipeline_stage, "coverage-required-low", FP_SEVERITY_WARNING,
           /* Translators: "The plan needs only 2.0x pipeline coverage (a 50%
            * win rate); below 2.5x is usually short" */
           g_strdup_printf (_("The plan needs only %s pipeline coverage (a %s win rate); below "
                              "%s is usually short"),
                            required, win_rate, usually_short));
    }

  if (fp_projection_is_coverage_short (self))
    {
      int decimals = fp_projection_coverage_decimals (self);
      g_autofree char *planned = _fp_format_ratio_decimals (self->coverage_planned, decimals);
      g_autofree char *required = _fp_format_ratio_decimals (self->coverage_required, decimals);
      g_autofree char *share = projected_share (self);

      add (self, -1, "coverage-short", FP_SEVERITY_CRITICAL,
           /* Translators: "The inflow builds 3.8x pipeline coverage where
            * 4.0x is needed: it projects 95% of the target" */
           g_strdup_printf (_("The inflow builds %s pipeline coverage where %s is needed: it "
                              "projects %s of the target"),
                            planned, required, share));
    }

  /* Stable for equal severities: stages stay in funnel order. */
  g_ptr_array_sort (self->warnings, compare_severity);
}
