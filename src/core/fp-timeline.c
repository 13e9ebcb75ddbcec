/* fp-timeline.c: the volume each stage needs in each calendar month
 *
 * Closes of period month m spread evenly over m's days. A unit closing on day
 * t entered stage i on day t - offset(i), so stage i needs, per day of the
 * shifted window [start(m) - offset(i), end(m) - offset(i)), the deals of m
 * divided by its win probability and m's length. Each calendar month gets
 * the part of every window that overlaps it, in days, fractions allowed.
 */
#include "config.h"

#include <math.h>

#include "fp-projection-private.h"

gint64
_fp_days_from_civil (gint64 year,
                     guint  month,
                     guint  day)
{
  /* Howard Hinnant's algorithm: exact for the proleptic Gregorian calendar,
   * negative years included, without GDate's year 1 floor. */
  gint64 era, yoe, doy, doe;

  year -= month <= 2;
  era = (year >= 0 ? year : year - 399) / 400;
  yoe = year - era * 400;
  doy = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1;
  doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + doe - 719468;
}

/* The year and month (1-12) of day @days since 1970-01-01. */
static void
civil_month_of (gint64  days,
                gint64 *year,
                guint  *month)
{
  gint64 z = days + 719468;
  gint64 era = (z >= 0 ? z : z - 146096) / 146097;
  gint64 doe = z - era * 146097;
  gint64 yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  gint64 doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  gint64 mp = (5 * doy + 2) / 153;

  *month = mp < 10 ? mp + 3 : mp - 9;
  *year = yoe + era * 400 + (*month <= 2);
}

void
_fp_timeline_compute (FpProjection *self,
                      FpPlan       *plan)
{
  guint n = self->n_stages;
  int start_year, start_month;
  guint months;
  guint first_closing = 0;
  gint64 first_year;
  guint first_month;
  double weight_sum = 0;
  double *month_start; /* n_months + 1 boundaries, in days */
  double deal_size = fp_plan_get_average_deal_size (plan);
  double target = fp_plan_get_revenue_target (plan);

  fp_plan_get_period (plan, &start_year, &start_month, &months);
  for (guint m = 0; m < months; m++)
    weight_sum += fp_plan_get_weight (plan, m);
  /* The first month of the period that closes deals: months weighted 0
   * before it need nothing, nor do the months of lead time before them */
  while (first_closing + 1 < months && !(fp_plan_get_weight (plan, first_closing) > 0))
    first_closing++;

  /* Offsets only grow towards the top, so the first stage reaches back
   * furthest: the timeline starts in the month of its earliest entry, or
   * with the period if that is earlier. */
  {
    gint64 index = start_month - 1 + first_closing;
    gint64 first_close_day = _fp_days_from_civil (start_year + index / 12, index % 12 + 1, 1);

    civil_month_of ((gint64) floor (first_close_day - self->enter_offset_days[0]),
                    &first_year, &first_month);
    if (first_year * 12 + first_month > (gint64) start_year * 12 + start_month)
      {
        first_year = start_year;
        first_month = start_month;
      }
  }
  self->first_year = first_year;
  self->first_month = first_month;
  self->period_offset = (start_year - first_year) * 12 + (start_month - (int) first_month);
  self->period_months = months;
  self->n_months = self->period_offset + months;

  month_start = self->month_start_day = g_new (double, self->n_months + 1);
  for (guint k = 0; k <= self->n_months; k++)
    {
      gint64 index = first_month - 1 + k;
      month_start[k] = _fp_days_from_civil (first_year + index / 12, index % 12 + 1, 1);
    }

  self->month_target = g_new0 (double, self->n_months);
  self->month_volume = g_new0 (double, self->n_months * n);

  /* The weight's share first: target times a weight of 1e303 was not a
   * finite number, and every month of the grid read "—" */
  for (guint m = 0; m < months; m++)
    self->month_target[self->period_offset + m] =
      target * (fp_plan_get_weight (plan, m) / weight_sum);

  for (guint i = 0; i < n; i++)
    {
      double offset = self->enter_offset_days[i];
      guint k = 0;

      for (guint m = 0; m < months; m++)
        {
          guint close_month = self->period_offset + m;
          double days = month_start[close_month + 1] - month_start[close_month];
          double deals = self->month_target[close_month] / deal_size;
          double per_day = deals / self->win_probability[i] / days;
          double from = month_start[close_month] - offset;
          double to = month_start[close_month + 1] - offset;

          /* Windows move forward with m, so k never goes back. */
          while (month_start[k + 1] <= from)
            k++;
          for (guint j = k; j < self->n_months && month_start[j] < to; j++)
            {
              double overlap = MIN (to, month_start[j + 1]) - MAX (from, month_start[j]);

              if (overlap > 0)
                self->month_volume[j * n + i] += per_day * overlap;
            }
        }
    }
}
