/* bench-util.c: what the benchmarks share */
#include "config.h"

#include <stdlib.h>
#include <time.h>

#include "bench-util.h"
#include "fp-plan-io.h"

double
bench_now_ns (void)
{
  struct timespec ts;

  clock_gettime (CLOCK_MONOTONIC, &ts);
  return ts.tv_sec * 1e9 + ts.tv_nsec;
}

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double da = *(const double *) a;
  double db = *(const double *) b;

  return (da > db) - (da < db);
}

double
bench_report (const char *name,
              double     *samples,
              guint       n_samples,
              double      unit_ns,
              double      goal_ns)
{
  const char *unit = unit_ns >= 1e6 ? "ms" : "µs";
  double median;

  g_assert (n_samples > 0);
  qsort (samples, n_samples, sizeof (double), compare_doubles);
  median = samples[n_samples / 2];

  g_print ("%-44s median %9.2f %s  p10-p90 %8.2f-%-8.2f %s  min %8.2f %s",
           name, median / unit_ns, unit, samples[n_samples / 10] / unit_ns,
           samples[n_samples - 1 - n_samples / 10] / unit_ns, unit, samples[0] / unit_ns, unit);
  if (goal_ns > 0)
    g_print ("  goal < %7.1f %s  %s", goal_ns / unit_ns, unit, median < goal_ns ? "ok" : "MISSED");
  g_print ("\n");
  return median;
}

FpPlan *
bench_make_plan (void)
{
  g_autoptr(GString) text = g_string_new (
    "{\"format\": \"funnel-planner/plan\", \"version\": 1, \"title\": \"Benchmark\","
    "\"period\": {\"start\": \"2027-01-01\", \"months\": 36, \"weights\": [");
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;
  FpPlan *plan;

  for (guint m = 0; m < 36; m++)
    g_string_append_printf (text, "%s%g", m ? ", " : "", 1 + (m % 3) * 0.1);
  g_string_append (text, "]}, \"revenue_target\": 36000000, \"average_deal_size\": 30000,"
                         "\"handoff_stage\": \"s3\", \"pipeline_stage\": \"s8\","
                         "\"inflow\": {\"stage\": \"s1\", \"per_month\": 20000}, \"stages\": [");
  for (guint i = 0; i < 12; i++)
    {
      if (i < 11)
        g_string_append_printf (text,
                                "{\"id\": \"s%u\", \"name\": \"Stage number %u\", \"conversion\": %g,"
                                " \"duration_days\": %u, \"cost_per_unit\": %u,"
                                " \"benchmark\": {\"conversion\": [0.3, 0.6], \"duration_days\": [7, 30]}},",
                                i, i, 0.4 + (i % 4) * 0.1, 5 + i * 3, 12 - i);
      else
        g_string_append (text, "{\"id\": \"won\", \"name\": \"Closed deals\"}]}");
    }

  bytes = g_bytes_new (text->str, text->len);
  plan = fp_plan_load_bytes (bytes, "bench.funnel.json", &error);
  g_assert_no_error (error);
  return plan;
}
