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

#include "bench-util.h"
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
      double start = bench_now_ns ();
      for (guint i = 0; i < batch; i++)
        func (bench);
      if (bench_now_ns () - start > 2e6 || batch >= (1u << 20))
        break;
      batch *= 2;
    }

  for (guint s = 0; s < N_SAMPLES; s++)
    {
      double start = bench_now_ns ();
      for (guint i = 0; i < batch; i++)
        func (bench);
      samples[s] = (bench_now_ns () - start) / batch;
    }
  median = bench_report (name, samples, N_SAMPLES, 1e3, goal_ns);
  return median < goal_ns;
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

/* The height the funnel view asks for at a width, before the chart is laid
 * out for real: as at start-up, in a context that has measured nothing yet
 * (the font map keeps its fonts), with the projection the view makes. */
static void
bench_full_height (Bench *bench)
{
  g_autoptr(FpProjection) projection = fp_projection_new (bench->plan);
  PangoContext *pango = pango_cairo_create_context (bench->cr);

  fp_funnel_layout_get_full_height (bench->plan, projection, pango, &bench->theme, 608);
  g_object_unref (pango);
}

int
main (int   argc,
      char *argv[])
{
  Bench bench = { 0 };
  gboolean ok = TRUE;

  setlocale (LC_ALL, "");

  bench.plan = bench_make_plan ();
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
  ok &= run_case (&bench, "render: funnel's full height at 608 px wide", bench_full_height, 4e6);

  g_object_unref (bench.pango);
  cairo_destroy (bench.cr);
  cairo_surface_destroy (bench.surface);
  g_bytes_unref (bench.document);
  g_object_unref (bench.plan);

  return ok ? 0 : 1;
}
