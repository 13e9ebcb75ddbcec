/* bench-core.c: the speed goals of the core and the funnel renderer
 *
 * Each case runs in batches long enough to time (about 2 ms), 101 batches;
 * it prints the median time of one operation with its spread (the 10th to
 * 90th percentile, and the minimum) and fails when a median misses its goal.
 * Run with `meson test -C build --benchmark -v`.
 */
#include "config.h"

#include <locale.h>
#include <pango/pangocairo.h>
#include <time.h>

#include "fp-funnel-layout.h"
#include "fp-funnel-renderer.h"
#include "fp-plan-io.h"
#include "fp-projection.h"

#define N_SAMPLES 101

typedef struct
{
  FpPlan *plan;
  GBytes *document;
  cairo_surface_t *surface;
  cairo_t *cr;
  PangoContext *pango;
  FpTheme theme;
  guint step;
} Bench;

typedef void (*BenchFunc) (Bench *bench);

static double
now_ns (void)
{
  struct timespec ts;

  clock_gettime (CLOCK_MONOTONIC, &ts);
  return ts.tv_sec * 1e9 + ts.tv_nsec;
}

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double da = *(const double *) a, db = *(const double *) b;
  return (da > db) - (da < db);
}

/* Returns TRUE when the median meets @goal_ns. */
static gboolean
run_case (Bench      *bench,
          const char *name,
          BenchFunc   func,
          double      goal_ns)
{
  double samples[N_SAMPLES];
  guint batch = 1;
  double median;

  /* Warm up caches and size the batch to about 2 ms. */
  for (;;)
    {
      double start = now_ns ();
      for (guint i = 0; i < batch; i++)
        func (bench);
      if (now_ns () - start > 2e6 || batch >= (1u << 20))
        break;
      batch *= 2;
    }

  for (guint s = 0; s < N_SAMPLES; s++)
    {
      double start = now_ns ();
      for (guint i = 0; i < batch; i++)
        func (bench);
      samples[s] = (now_ns () - start) / batch;
    }
  qsort (samples, N_SAMPLES, sizeof (double), compare_doubles);
  median = samples[N_SAMPLES / 2];

  g_print ("%-44s median %9.2f µs  p10-p90 %8.2f-%-8.2f µs  min %8.2f µs  goal < %7.1f µs  %s\n",
           name, median / 1e3, samples[N_SAMPLES / 10] / 1e3,
           samples[N_SAMPLES - 1 - N_SAMPLES / 10] / 1e3, samples[0] / 1e3, goal_ns / 1e3,
           median < goal_ns ? "ok" : "MISSED");
  return median < goal_ns;
}

/* 12 stages, a 36-month period with weights, an inflow, costs, benchmarks. */
static FpPlan *
make_plan (void)
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

static void
bench_projection (Bench *bench)
{
  fp_projection_free (fp_projection_new (bench->plan));
}

static void
bench_edit_and_projection (Bench *bench)
{
  /* What one motion event of a drag costs in core: an edit, then numbers. */
  fp_plan_set_stage_conversion (bench->plan, 4, 0.40 + (bench->step++ % 50) * 0.001, NULL);
  fp_projection_free (fp_projection_new (bench->plan));
}

static void
bench_load (Bench *bench)
{
  g_autoptr(GError) error = NULL;
  FpPlan *plan = fp_plan_load_bytes (bench->document, "bench.funnel.json", &error);

  g_assert_nonnull (plan);
  g_object_unref (plan);
}

static void
bench_render (Bench *bench)
{
  g_autoptr(FpProjection) projection = fp_projection_new (bench->plan);
  g_autoptr(FpFunnelLayout) layout =
    fp_funnel_layout_new (bench->plan, projection, bench->pango, &bench->theme, 1920, 1080);

  fp_funnel_render (bench->cr, layout, &bench->theme, FP_RENDER_NONE, FP_HIT_INIT_NONE);
  cairo_surface_flush (bench->surface);
}

int
main (int   argc,
      char *argv[])
{
  Bench bench = { 0 };
  gboolean ok = TRUE;

  setlocale (LC_ALL, "");

  bench.plan = make_plan ();
  bench.document = fp_plan_to_bytes (bench.plan);
  bench.surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 1920, 1080);
  bench.cr = cairo_create (bench.surface);
  bench.pango = pango_cairo_create_context (bench.cr);
  fp_theme_init_light (&bench.theme);

  g_print ("12 stages, 36-month period, %u samples per case\n", N_SAMPLES);
  ok &= run_case (&bench, "engine: projection of the plan", bench_projection, 20e3);
  ok &= run_case (&bench, "engine: one drag step (edit + projection)", bench_edit_and_projection,
                  20e3);
  ok &= run_case (&bench, "document: load and validate", bench_load, 1e6);
  ok &= run_case (&bench, "render: funnel at 1920x1080 (layout + draw)", bench_render, 4e6);

  g_object_unref (bench.pango);
  cairo_destroy (bench.cr);
  cairo_surface_destroy (bench.surface);
  g_bytes_unref (bench.document);
  g_object_unref (bench.plan);

  return ok ? 0 : 1;
}
