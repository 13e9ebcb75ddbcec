/* test-timeline-layout.c: the timeline's geometry and text, without a display */

#include "config.h"

#include <libintl.h>
#include <locale.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <cairo.h>
#include <pango/pangocairo.h>

#include "fp-format.h"
#include "fp-plan-io.h"
#include "fp-projection.h"
#include "fp-test-util.h"
#include "fp-theme.h"
#include "fp-timeline-layout.h"
#include "fp-timeline-renderer.h"

/* Pango 1.50 has no autoptr for PangoContext; later ones do. */
typedef PangoContext TestPango;
G_DEFINE_AUTOPTR_CLEANUP_FUNC (TestPango, g_object_unref)

static const char *const plans[] = {
  "data/samples/q3-demand-plan.funnel.json",
  "data/templates/technology-company.funnel.json",
  "data/templates/demand-waterfall.funnel.json",
  "data/templates/lead-engine.funnel.json",
  "data/templates/web-funnel.funnel.json",
};

static FpPlan *
load_plan (const char *relative)
{
  g_autofree char *path = fp_test_source_path (relative);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  FpPlan *plan = fp_plan_load_file (file, NULL, &error);

  g_assert_no_error (error);
  g_assert_nonnull (plan);
  return plan;
}

/* As a screen draws it (@hinted: hinted metrics shift widths by a pixel
 * or so), or as an export does */
static PangoContext *
new_pango_metrics (gboolean hinted)
{
  PangoContext *pango = pango_font_map_create_context (pango_cairo_font_map_get_default ());
  cairo_font_options_t *options = cairo_font_options_create ();

  cairo_font_options_set_hint_metrics (options, hinted ? CAIRO_HINT_METRICS_ON : CAIRO_HINT_METRICS_OFF);
  pango_cairo_context_set_font_options (pango, options);
  cairo_font_options_destroy (options);
  return pango;
}

static PangoContext *
new_pango (void)
{
  return new_pango_metrics (TRUE);
}

/* With text @text_scale times its size at 96 dpi (see FpTheme) */
static FpTimelineLayout *
new_layout_scaled (FpPlan             *plan,
                   const FpProjection *projection,
                   double              width,
                   double              height,
                   double              axis_days,
                   double              text_scale)
{
  g_autoptr(TestPango) pango = new_pango ();
  FpTheme theme;

  fp_theme_init_light (&theme);
  fp_theme_set_text_scale (&theme, text_scale);
  return fp_timeline_layout_new (plan, projection, pango, &theme, width, height, axis_days);
}

static FpTimelineLayout *
new_layout (FpPlan             *plan,
            const FpProjection *projection,
            double              width,
            double              height,
            double              axis_days)
{
  return new_layout_scaled (plan, projection, width, height, axis_days, 1.0);
}

/* Renders @plan to a PNG for a person to look at. */
static void
save_png (FpPlan     *plan,
          const char *name,
          int         width,
          int         height,
          gboolean    dark)
{
  const char *dir = g_getenv ("FP_TEST_ARTIFACTS");
  g_autoptr(FpProjection) p = fp_projection_new (plan);
  g_autoptr(TestPango) pango = new_pango ();
  g_autoptr(FpTimelineLayout) layout = NULL;
  g_autofree char *file = NULL;
  g_autofree char *path = NULL;
  cairo_surface_t *surface;
  cairo_t *cr;
  FpTheme theme;

  if (dir == NULL)
    dir = g_get_tmp_dir ();
  g_assert_cmpint (g_mkdir_with_parents (dir, 0755), ==, 0);
  if (dark)
    fp_theme_init_dark (&theme);
  else
    fp_theme_init_light (&theme);
  layout = fp_timeline_layout_new (plan, p, pango, &theme, width, height, 0);
  surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, width, height);
  cr = cairo_create (surface);
  fp_timeline_render (cr, layout, &theme, FP_RENDER_NONE, FP_HIT_INIT_NONE, -1);
  file = g_strdup_printf ("timeline-%s-%dx%d-%s.png", name, width, height, dark ? "dark" : "light");
  path = g_build_filename (dir, file, NULL);
  g_assert_cmpint (cairo_surface_write_to_png (surface, path), ==, CAIRO_STATUS_SUCCESS);
  cairo_destroy (cr);
  cairo_surface_destroy (surface);
}

static void
test_bars (void)
{
  g_autoptr(FpPlan) plan = load_plan (plans[0]);
  g_autoptr(FpProjection) p = fp_projection_new (plan);
  g_autoptr(FpTimelineLayout) layout = new_layout (plan, p, 1280, 720, 0);
  guint n = fp_plan_get_n_stages (plan);
  double x0;
  double x1;

  g_assert_cmpuint (fp_timeline_layout_get_n_stages (layout), ==, n);
  fp_timeline_layout_get_axis (layout, &x0, &x1);
  g_assert_cmpfloat (x0, <, x1);
  /* The axis leaves room for the whole lead time. */
  g_assert_cmpfloat (fp_timeline_layout_get_axis_days (layout), >=, p->lead_to_close_days);

  for (guint i = 0; i < n; i++)
    {
      const FpTimelineStageLayout *st = fp_timeline_layout_get_stage (layout, i);
      double enter = p->enter_offset_days[i];
      double leave = i + 1 < n ? p->enter_offset_days[i + 1] : 0;

      fp_assert_close (st->enter_days, enter);
      fp_assert_close (st->leave_days, leave);
      /* Bar i spans [-offset(i), -offset(i+1)], to the pixel */
      g_assert_cmpfloat (fabs (st->bar.x - fp_timeline_layout_x_at_days (layout, enter)), <=, 0.5);
      if (i + 1 < n)
        {
          g_assert_cmpfloat (fabs (st->bar.x + st->bar.width
                                   - fp_timeline_layout_x_at_days (layout, leave)), <=, 1.0);
          g_assert_true (st->has_handle);
          g_assert_false (st->is_close);
          g_assert_cmpfloat (st->handle_x, ==, fp_timeline_layout_x_at_days (layout, enter));
          /* Later stages sit to the right: closer to the close */
          if (i > 0)
            g_assert_cmpfloat (st->bar.x, >=, fp_timeline_layout_get_stage (layout, i - 1)->bar.x);
        }
      else
        {
          /* The last stage is a marker at the close. */
          g_assert_false (st->has_handle);
          g_assert_true (st->is_close);
          g_assert_cmpfloat (fabs (st->marker.x + st->marker.width / 2 - x1), <=, 0.5);
        }
      /* Its row in the grid below the bars */
      g_assert_cmpfloat (st->grid_row.y, >, st->row.y);
    }

  /* The grid has a cell per month and stage, with the projection's volume. */
  {
    guint n_cells;
    const FpTimelineCell *cells = fp_timeline_layout_get_cells (layout, &n_cells);

    g_assert_cmpuint (fp_timeline_layout_get_n_months (layout), ==, p->n_months);
    g_assert_cmpuint (n_cells, ==, p->n_months * n);
    for (guint k = 0; k < n_cells; k++)
      fp_assert_close (cells[k].volume, fp_projection_get_volume (p, cells[k].month, cells[k].stage));
    for (guint m = 0; m < p->n_months; m++)
      g_assert_cmpint (fp_timeline_layout_get_month (layout, m)->in_period, ==, m >= p->period_offset);
  }
}

/* A duration outside its benchmark is marked as the funnel marks a stage,
 * in a gutter between the names and the bars: over the benchmark the band
 * hid under the bar and nothing said so. The gutter stays with no stage
 * marked, so that the axis holds still as a drag crosses a benchmark; a
 * plan without duration benchmarks has none. */
static void
test_warning_marker (void)
{
  g_autoptr(FpPlan) plan = load_plan (plans[0]);
  g_autoptr(FpProjection) p = fp_projection_new (plan);
  g_autoptr(FpTimelineLayout) calm = new_layout (plan, p, 1280, 720, 0);
  g_autoptr(FpTimelineLayout) marked = NULL;
  g_autoptr(FpProjection) marked_p = NULL;
  g_autoptr(FpPlan) plain = NULL;
  g_autoptr(FpProjection) plain_p = NULL;
  g_autoptr(FpTimelineLayout) plain_layout = NULL;
  const FpTimelineStageLayout *st;
  const FpTimelineText *texts;
  guint n_texts;
  double calm_x0;
  double x0;
  double plain_x0;
  FpHit hit;

  for (guint i = 0; i < fp_plan_get_n_stages (plan); i++)
    g_assert_cmpfloat (fp_timeline_layout_get_stage (calm, i)->warning_marker.width, ==, 0);
  fp_timeline_layout_get_axis (calm, &calm_x0, NULL);

  /* Marketing qualified above its 3-14 days, Leads below its 7-30 */
  g_assert_true (fp_plan_set_stage_duration (plan, 1, 19, NULL));
  g_assert_true (fp_plan_set_stage_duration (plan, 0, 3, NULL));
  marked_p = fp_projection_new (plan);
  marked = new_layout (plan, marked_p, 1280, 720, 0);
  fp_timeline_layout_get_axis (marked, &x0, NULL);
  g_assert_cmpfloat (x0, ==, calm_x0);
  g_assert_cmpint (fp_timeline_layout_get_stage (marked, 0)->severity, ==, FP_SEVERITY_WARNING);
  g_assert_cmpint (fp_timeline_layout_get_stage (marked, 1)->severity, ==, FP_SEVERITY_INFO);
  for (guint i = 0; i < fp_plan_get_n_stages (plan); i++)
    {
      st = fp_timeline_layout_get_stage (marked, i);
      if (i > 1)
        {
          g_assert_cmpfloat (st->warning_marker.width, ==, 0);
          continue;
        }
      g_assert_true (st->has_warning);
      g_assert_cmpfloat (st->warning_marker.width, >=, 14);
      /* On its row, right of its name, left of the bars and their grips */
      g_assert_cmpfloat (fabs (st->warning_marker.y + st->warning_marker.height / 2
                               - (st->bar.y + st->bar.height / 2)), <=, 1);
      g_assert_cmpfloat (st->warning_marker.x + st->warning_marker.width, <=, st->handle.x);
      g_assert_cmpfloat (st->warning_marker.x + st->warning_marker.width, <, x0);
      texts = fp_timeline_layout_get_texts (marked, &n_texts);
      for (guint k = 0; k < n_texts; k++)
        if (texts[k].stage == (int) i
            && (texts[k].kind == FP_TIMELINE_TEXT_STAGE_NAME || texts[k].kind == FP_TIMELINE_TEXT_DURATION))
          g_assert_false (texts[k].logical.x < st->warning_marker.x + st->warning_marker.width
                          && st->warning_marker.x < texts[k].logical.x + texts[k].logical.width);
      /* It stands for its bar, as the funnel's marker for its band */
      hit = fp_timeline_layout_hit_test (marked, st->warning_marker.x + st->warning_marker.width / 2,
                                         st->warning_marker.y + st->warning_marker.height / 2);
      g_assert_cmpint (hit.kind, ==, FP_HIT_BAND);
      g_assert_cmpint (hit.stage, ==, (int) i);
    }

  plain = fp_test_plan_from_text (
    "{\"format\": \"funnel-planner/plan\", \"version\": 1, \"title\": \"Plain\","
    " \"period\": {\"start\": \"2027-07-01\", \"months\": 3},"
    " \"revenue_target\": 1200000, \"average_deal_size\": 30000,"
    " \"stages\": ["
    "  {\"id\": \"lead\", \"name\": \"Leads\", \"conversion\": 0.2, \"duration_days\": 14},"
    "  {\"id\": \"mql\", \"name\": \"Marketing qualified\", \"conversion\": 0.5, \"duration_days\": 10},"
    "  {\"id\": \"sal\", \"name\": \"Sales accepted\", \"conversion\": 0.6, \"duration_days\": 7},"
    "  {\"id\": \"sql\", \"name\": \"Opportunities\", \"conversion\": 0.25, \"duration_days\": 45},"
    "  {\"id\": \"won\", \"name\": \"Closed deals\"}]}");
  plain_p = fp_projection_new (plain);
  plain_layout = new_layout (plain, plain_p, 1280, 720, 0);
  fp_timeline_layout_get_axis (plain_layout, &plain_x0, NULL);
  g_assert_cmpfloat (plain_x0, <, calm_x0);
}

static void
test_hit_handles (void)
{
  for (guint k = 0; k < G_N_ELEMENTS (plans); k++)
    {
      g_autoptr(FpPlan) plan = load_plan (plans[k]);
      g_autoptr(FpProjection) p = fp_projection_new (plan);
      g_autoptr(FpTimelineLayout) layout = new_layout (plan, p, 1280, 720, 0);
      guint n = fp_plan_get_n_stages (plan);

      for (guint i = 0; i + 1 < n; i++)
        {
          const FpTimelineStageLayout *st = fp_timeline_layout_get_stage (layout, i);
          double cy = st->bar.y + st->bar.height / 2;
          FpHit hit = fp_timeline_layout_hit_test (layout, st->handle_x, cy);

          g_assert_cmpint (hit.kind, ==, FP_HIT_DURATION_HANDLE);
          g_assert_cmpint (hit.stage, ==, (int) i);
          /* A few pixels off still grabs it. */
          hit = fp_timeline_layout_hit_test (layout, st->handle_x - 4, cy + 2);
          g_assert_cmpint (hit.kind, ==, FP_HIT_DURATION_HANDLE);
          g_assert_cmpint (hit.stage, ==, (int) i);
          /* The handle at its own x means the stage's own duration. */
          g_assert_cmpfloat (fp_timeline_layout_duration_at_x (layout, i, st->handle_x), ==,
                             round (st->duration));
        }
      /* Nothing in the margin */
      g_assert_cmpint (fp_timeline_layout_hit_test (layout, 1, 1).kind, ==, FP_HIT_NONE);
    }
}

static void
test_days_at_x (void)
{
  g_autoptr(FpPlan) plan = load_plan (plans[1]);
  g_autoptr(FpProjection) p = fp_projection_new (plan);
  g_autoptr(FpTimelineLayout) layout = new_layout (plan, p, 1920, 1080, 0);
  double x0;
  double x1;
  double axis = fp_timeline_layout_get_axis_days (layout);

  fp_timeline_layout_get_axis (layout, &x0, &x1);
  g_assert_cmpfloat (fabs (fp_timeline_layout_days_at_x (layout, x1)), <, 1e-9);
  g_assert_cmpfloat (fabs (fp_timeline_layout_days_at_x (layout, x0) - axis), <, 1e-9);
  for (double x = x0 - 50; x <= x1 + 50; x += 7.25)
    g_assert_cmpfloat (fabs (fp_timeline_layout_x_at_days (layout, fp_timeline_layout_days_at_x (layout, x)) - x),
                       <, 1e-9);
  for (double days = 0; days <= axis; days += 3.5)
    g_assert_cmpfloat (fabs (fp_timeline_layout_days_at_x (layout, fp_timeline_layout_x_at_days (layout, days)) - days),
                       <, 1e-9);

  /* Dragging stage 1's handle one day's width left adds a day. */
  {
    const FpTimelineStageLayout *st = fp_timeline_layout_get_stage (layout, 1);
    double day_px = (x1 - x0) / axis;

    g_assert_cmpfloat (fp_timeline_layout_duration_at_x (layout, 1, st->handle_x - day_px), ==,
                       st->duration + 1);
    g_assert_cmpfloat (fp_timeline_layout_duration_at_x (layout, 1, st->handle_x + 3 * day_px), ==,
                       st->duration - 3);
    /* Never below zero, whatever the pointer does */
    g_assert_cmpfloat (fp_timeline_layout_duration_at_x (layout, 1, x1 + 500), ==, 0);
    /* Nor so long that the stage before it leaves the axis: it would be
     * squashed against the axis's start */
    {
      double longest = fp_timeline_layout_duration_at_x (layout, 1, x0 - 500);
      g_autoptr(FpProjection) after = NULL;
      g_autoptr(FpTimelineLayout) moved = NULL;
      g_autoptr(GError) error = NULL;
      const FpTimelineStageLayout *first;

      g_assert_cmpfloat (longest, ==,
                         round (axis - fp_timeline_layout_get_stage (layout, 0)->duration - st->leave_days));
      if (!fp_plan_set_stage_duration (plan, 1, longest, &error))
        g_error ("%s", error->message);
      after = fp_projection_new (plan);
      moved = new_layout (plan, after, 1920, 1080, axis);
      first = fp_timeline_layout_get_stage (moved, 0);
      g_assert_cmpfloat (first->enter_days, <=, axis);
      g_assert_cmpfloat (first->duration, >, 0);
      g_assert_cmpfloat (first->bar.width, >=,
                         floor (first->duration * day_px) - 1);
    }
    /* That limit is where the first bar meets the axis's start; a wider
     * axis moves it, until a stage could not be longer anyway. */
    {
      double limit = fp_timeline_layout_get_drag_limit (layout, 1);
      double wider = fp_timeline_layout_get_wider_axis_days (layout, 1);
      g_autoptr(FpTimelineLayout) widened = NULL;

      g_assert_cmpfloat (limit, ==, axis - fp_timeline_layout_get_stage (layout, 0)->duration);
      g_assert_cmpfloat (fp_timeline_layout_get_drag_limit (layout, 0), ==, axis);
      g_assert_cmpfloat (wider, >, axis);
      widened = new_layout (plan, p, 1920, 1080, wider);
      g_assert_cmpfloat (fp_timeline_layout_get_drag_limit (widened, 1), ==, limit + wider - axis);
      while ((wider = fp_timeline_layout_get_wider_axis_days (widened, 1)) > 0)
        {
          g_clear_pointer (&widened, fp_timeline_layout_free);
          widened = new_layout (plan, p, 1920, 1080, wider);
        }
      g_assert_cmpfloat (fp_timeline_layout_get_drag_limit (widened, 1) - st->leave_days, >=,
                         FP_TIMELINE_MAX_DURATION);
      g_assert_cmpfloat (fp_timeline_layout_duration_at_x (widened, 1, x0 - 500), ==,
                         FP_TIMELINE_MAX_DURATION);
    }
  }
}

/* A drag keeps the axis: with the axis of the press, every x means the same
 * day whatever the durations become. */
static void
test_pinned_axis (void)
{
  g_autoptr(FpPlan) plan = load_plan (plans[0]);
  g_autoptr(FpProjection) before = fp_projection_new (plan);
  g_autoptr(FpTimelineLayout) pressed = new_layout (plan, before, 1280, 720, 0);
  g_autoptr(FpProjection) after = NULL;
  g_autoptr(FpTimelineLayout) moved = NULL;
  g_autoptr(FpTimelineLayout) released = NULL;
  g_autoptr(GError) error = NULL;
  double a0, a1, b0, b1;

  /* Far past the headroom: a fresh layout would rescale. */
  g_assert_true (fp_plan_set_stage_duration (plan, 0, 200, &error));
  after = fp_projection_new (plan);
  moved = new_layout (plan, after, 1280, 720, fp_timeline_layout_get_axis_days (pressed));
  released = new_layout (plan, after, 1280, 720, 0);

  fp_timeline_layout_get_axis (pressed, &a0, &a1);
  fp_timeline_layout_get_axis (moved, &b0, &b1);
  g_assert_cmpfloat (a0, ==, b0);
  g_assert_cmpfloat (a1, ==, b1);
  g_assert_cmpfloat (fp_timeline_layout_get_axis_days (moved), ==,
                     fp_timeline_layout_get_axis_days (pressed));
  g_assert_cmpfloat (fp_timeline_layout_get_axis_days (released), >, 
                     fp_timeline_layout_get_axis_days (pressed));
  /* The bars after the dragged one did not move. */
  for (guint i = 1; i < fp_plan_get_n_stages (plan); i++)
    g_assert_cmpfloat (fp_timeline_layout_get_stage (moved, i)->bar.x, ==,
                       fp_timeline_layout_get_stage (pressed, i)->bar.x);
}

static gboolean
rects_overlap (const FpRect *a,
               const FpRect *b)
{
  return a->x < b->x + b->width && b->x < a->x + a->width
      && a->y < b->y + b->height && b->y < a->y + a->height;
}

static void
assert_legible (FpPlan     *plan,
                const char *name,
                double      width,
                double      height,
                double      text_scale)
{
  g_autoptr(FpProjection) p = fp_projection_new (plan);
  g_autoptr(FpTimelineLayout) layout = new_layout_scaled (plan, p, width, height, 0, text_scale);
  guint n_texts;
  const FpTimelineText *texts = fp_timeline_layout_get_texts (layout, &n_texts);
  guint n = fp_plan_get_n_stages (plan);
  g_autofree guint *names = g_new0 (guint, n);
  guint months = 0;
  guint counts = 0;
  guint durations = 0;

  for (guint i = 0; i < n_texts; i++)
    {
      const FpRect *r = &texts[i].logical;

      if (!(r->x >= 0 && r->y >= 0 && r->x + r->width <= width && r->y + r->height <= height))
        g_error ("%s at %gx%g: \"%s\" leaves the canvas", name, width, height, texts[i].text);
      for (guint k = 0; k < i; k++)
        if (rects_overlap (r, &texts[k].logical))
          g_error ("%s at %gx%g: \"%s\" overlaps \"%s\"", name, width, height,
                   texts[i].text, texts[k].text);
      if (texts[i].kind == FP_TIMELINE_TEXT_STAGE_NAME)
        names[texts[i].stage]++;
      months += texts[i].kind == FP_TIMELINE_TEXT_MONTH;
      counts += texts[i].kind == FP_TIMELINE_TEXT_VOLUME;
      durations += texts[i].kind == FP_TIMELINE_TEXT_DURATION;
    }

  /* Legible means the text is there, too: every stage named in both
   * parts (on one line or two), every month named, every duration said. */
  for (guint i = 0; i < n; i++)
    {
      g_assert_cmpuint (names[i], >=, 2);
      g_assert_cmpuint (names[i], <=, 4);
    }
  g_assert_cmpuint (months, ==, p->n_months);
  g_assert_cmpuint (durations, ==, n - 1);
  g_assert_cmpuint (counts, >, 0);

  /* Cells and bars stay on the canvas. */
  for (guint i = 0; i < n; i++)
    {
      const FpTimelineStageLayout *st = fp_timeline_layout_get_stage (layout, i);

      g_assert_cmpfloat (st->bar.y + st->bar.height, <=, height);
      g_assert_cmpfloat (st->grid_row.y + st->grid_row.height, <=, height);
    }
}

static void
test_legible (void)
{
  static const struct { double w; double h; } sizes[] = {
    { 800, 600 }, { 1280, 720 }, { 1920, 1080 }, { 3840, 2160 },
  };

  for (guint k = 0; k < G_N_ELEMENTS (plans); k++)
    {
      g_autoptr(FpPlan) plan = load_plan (plans[k]);

      for (guint s = 0; s < G_N_ELEMENTS (sizes); s++)
        assert_legible (plan, plans[k], sizes[s].w, sizes[s].h, 1.0);
    }
}

/* The monthly grid's heading says the cells are rounded up (so a row can
 * add up to more than the stage's total) where there is room, and drops
 * that rather than cut the heading short. */
static const char *
grid_heading (FpPlan *plan,
              double  width)
{
  g_autoptr(FpProjection) p = fp_projection_new (plan);
  g_autoptr(FpTimelineLayout) layout = new_layout (plan, p, width, 700, 0);
  guint n_texts;
  const FpTimelineText *texts = fp_timeline_layout_get_texts (layout, &n_texts);
  const char *found = NULL;

  for (guint i = 0; i < n_texts; i++)
    if (texts[i].kind == FP_TIMELINE_TEXT_HEADING && g_str_has_prefix (texts[i].text, "Volume"))
      found = g_intern_string (texts[i].text);
  return found;
}

static void
test_grid_heading (void)
{
  g_autoptr(FpPlan) plan = load_plan (plans[0]);

  g_assert_cmpstr (grid_heading (plan, 1200), ==, "Volume needed per month, each rounded up");
  g_assert_cmpstr (grid_heading (plan, 240), ==, "Volume needed per month");
}

/* The texts of @kind in @layout, joined by "|" in their order */
static char *
texts_of_kind (const FpTimelineLayout *layout,
               FpTimelineTextKind      kind,
               int                     stage)
{
  guint n_texts;
  const FpTimelineText *texts = fp_timeline_layout_get_texts (layout, &n_texts);
  g_autoptr(GStrvBuilder) found = g_strv_builder_new ();
  g_auto(GStrv) strv = NULL;

  for (guint i = 0; i < n_texts; i++)
    if (texts[i].kind == kind && (stage < 0 || texts[i].stage == stage))
      g_strv_builder_add (found, texts[i].text);
  strv = g_strv_builder_end (found);
  return g_strjoinv ("|", strv);
}

static const FpTimelineText *
text_of_kind (const FpTimelineLayout *layout,
              FpTimelineTextKind      kind)
{
  guint n_texts;
  const FpTimelineText *texts = fp_timeline_layout_get_texts (layout, &n_texts);

  for (guint i = 0; i < n_texts; i++)
    if (texts[i].kind == kind)
      return &texts[i];
  return NULL;
}

/* GNOME's text scaling grows the chart's text, which stays legible */
static void
test_text_scale (void)
{
  static const FpTimelineTextKind kinds[] = {
    FP_TIMELINE_TEXT_TITLE, FP_TIMELINE_TEXT_STAGE_NAME, FP_TIMELINE_TEXT_DURATION,
    FP_TIMELINE_TEXT_MONTH, FP_TIMELINE_TEXT_VOLUME,
  };
  static const struct { double w; double h; } sizes[] = {
    { 1280, 720 }, { 1920, 1080 }, { 3840, 2160 },
  };
  g_autoptr(FpPlan) sample = load_plan (plans[0]);
  g_autoptr(FpProjection) p = fp_projection_new (sample);
  g_autoptr(FpTimelineLayout) plain = new_layout_scaled (sample, p, 1920, 1080, 0, 1.0);
  g_autoptr(FpTimelineLayout) large = new_layout_scaled (sample, p, 1920, 1080, 0, 1.25);

  for (guint k = 0; k < G_N_ELEMENTS (kinds); k++)
    g_assert_cmpfloat (text_of_kind (large, kinds[k])->logical.height, >=,
                       1.15 * text_of_kind (plain, kinds[k])->logical.height);

  for (guint k = 0; k < G_N_ELEMENTS (plans); k++)
    {
      g_autoptr(FpPlan) plan = load_plan (plans[k]);

      for (guint s = 0; s < G_N_ELEMENTS (sizes); s++)
        assert_legible (plan, plans[k], sizes[s].w, sizes[s].h, 1.5);
    }
}


/* The faint benchmark bands have a legend in the heading's line, a swatch
 * by its words, clear of the heading and the lead time; none when no
 * stage has a benchmark, or when only a shortened heading would leave it
 * room. */
static void
test_legend (void)
{
  static const char *no_benchmarks =
    "{\"format\": \"funnel-planner/plan\", \"version\": 1, \"title\": \"Q1\","
    "\"period\": {\"start\": \"2027-01-01\", \"months\": 3},"
    "\"revenue_target\": 900000, \"average_deal_size\": 30000,"
    "\"stages\": ["
    " {\"id\": \"mql\", \"name\": \"MQL\", \"conversion\": 0.4, \"duration_days\": 10},"
    " {\"id\": \"sql\", \"name\": \"SQL\", \"conversion\": 0.25, \"duration_days\": 40},"
    " {\"id\": \"won\", \"name\": \"Won\"}]}";
  g_autoptr(FpPlan) plan = load_plan (plans[0]);
  g_autoptr(FpProjection) p = fp_projection_new (plan);
  g_autoptr(FpTimelineLayout) layout = new_layout (plan, p, 1280, 720, 0);
  const FpTimelineText *legend = text_of_kind (layout, FP_TIMELINE_TEXT_LEGEND);
  const FpTimelineText *heading = text_of_kind (layout, FP_TIMELINE_TEXT_HEADING);
  const FpTimelineText *value = text_of_kind (layout, FP_TIMELINE_TEXT_HEADING_VALUE);
  FpRect swatch;

  g_assert_true (fp_timeline_layout_get_legend (layout, &swatch));
  g_assert_nonnull (legend);
  g_assert_cmpstr (legend->text, ==, "Benchmark range");
  g_assert_cmpfloat (swatch.width, >, 0);
  g_assert_cmpfloat (swatch.x + swatch.width, <, legend->logical.x);
  g_assert_cmpfloat (swatch.x, >, heading->logical.x + heading->logical.width);
  g_assert_cmpfloat (legend->logical.x + legend->logical.width, <, value->logical.x);
  g_assert_cmpfloat (swatch.y, >=, legend->logical.y);
  g_assert_cmpfloat (swatch.y + swatch.height, <=, legend->logical.y + legend->logical.height);

  for (int width = 300; width <= 1280; width += 15)
    {
      g_autoptr(FpTimelineLayout) narrower = new_layout (plan, p, width, 500, 0);
      g_autofree char *words = texts_of_kind (narrower, FP_TIMELINE_TEXT_HEADING, -1);

      if (fp_timeline_layout_get_legend (narrower, NULL))
        {
          g_assert_false (g_str_has_suffix (words, "\xe2\x80\xa6"));
          g_assert_nonnull (text_of_kind (narrower, FP_TIMELINE_TEXT_LEGEND));
        }
    }

  {
    g_autoptr(FpPlan) plain = fp_test_plan_from_text (no_benchmarks);
    g_autoptr(FpProjection) plain_p = fp_projection_new (plain);
    g_autoptr(FpTimelineLayout) plain_layout = new_layout (plain, plain_p, 1280, 720, 0);

    g_assert_false (fp_timeline_layout_get_legend (plain_layout, NULL));
    g_assert_null (text_of_kind (plain_layout, FP_TIMELINE_TEXT_LEGEND));
  }
}

/* As narrow as the chart beside the plan panel in an 800x600 window: a
 * long stage name takes two lines in both parts rather than an ellipsis,
 * and the heading drops its second half rather than end in one. */
static void
test_names_wrap (void)
{
  g_autoptr(FpPlan) plan = load_plan (plans[0]);
  g_autoptr(FpProjection) p = fp_projection_new (plan);
  g_autoptr(FpTimelineLayout) layout = new_layout (plan, p, 455, 500, 0);
  g_autoptr(FpTimelineLayout) narrower = new_layout (plan, p, 360, 500, 0);
  g_autofree char *name = texts_of_kind (layout, FP_TIMELINE_TEXT_STAGE_NAME, 1);
  g_autofree char *headings = texts_of_kind (narrower, FP_TIMELINE_TEXT_HEADING, -1);

  g_assert_cmpstr (fp_plan_get_stage (plan, 1)->name, ==, "Marketing qualified");
  g_assert_cmpstr (name, ==, "Marketing|qualified|Marketing|qualified");
  assert_legible (plan, "sample", 455, 500, 1.0);
  g_assert_true (g_str_has_prefix (headings, "Days in each stage|"));
  g_assert_null (strstr (headings, "\xe2\x80\xa6"));
}

/* An exported timeline says which plan it shows: the title, with the
 * period at the end of its line. The period goes first when the line is
 * short, and the headings go before the title line when rows are, as the
 * funnel's column headers go before its title. */
static void
test_title (void)
{
  g_autoptr(FpPlan) plan = load_plan (plans[0]);
  g_autoptr(FpProjection) p = fp_projection_new (plan);
  g_autoptr(FpTimelineLayout) layout = new_layout (plan, p, 1600, 900, 0);
  g_autofree char *title = texts_of_kind (layout, FP_TIMELINE_TEXT_TITLE, -1);
  g_autofree char *period = texts_of_kind (layout, FP_TIMELINE_TEXT_PERIOD, -1);
  g_autoptr(GError) error = NULL;
  gboolean headings_dropped_first = FALSE;

  g_assert_cmpstr (title, ==, "Q3 2027 demand plan");
  g_assert_cmpstr (period, ==, "Jul\u2013Sep 2027");

  /* Shorter and shorter: the headings never outlive the title line. */
  for (int height = 900; height >= 120; height -= 10)
    {
      g_autoptr(FpTimelineLayout) shorter = new_layout (plan, p, 1280, height, 0);
      g_autofree char *t = texts_of_kind (shorter, FP_TIMELINE_TEXT_TITLE, -1);
      g_autofree char *h = texts_of_kind (shorter, FP_TIMELINE_TEXT_HEADING, -1);

      if (h[0] != '\0')
        g_assert_cmpstr (t, !=, "");
      else if (t[0] != '\0')
        headings_dropped_first = TRUE;
    }
  g_assert_true (headings_dropped_first);

  /* A long title: the period gives way, then the title is shortened. */
  g_assert_true (fp_plan_set_title (plan, "Second half of 2027: the enterprise demand plan "
                                    "for the northern sales region", &error));
  g_assert_no_error (error);
  {
    g_autoptr(FpTimelineLayout) narrow = new_layout (plan, p, 455, 500, 0);
    g_autofree char *long_title = texts_of_kind (narrow, FP_TIMELINE_TEXT_TITLE, -1);
    g_autofree char *no_period = texts_of_kind (narrow, FP_TIMELINE_TEXT_PERIOD, -1);

    g_assert_true (g_str_has_prefix (long_title, "Second half of 2027"));
    g_assert_true (g_str_has_suffix (long_title, "\xe2\x80\xa6"));
    g_assert_cmpstr (no_period, ==, "");
    assert_legible (plan, "long-title", 455, 500, 1.0);
  }

  g_assert_true (fp_plan_set_title (plan, "", &error));
  {
    g_autoptr(FpTimelineLayout) untitled = new_layout (plan, p, 1280, 720, 0);
    g_autofree char *fallback = texts_of_kind (untitled, FP_TIMELINE_TEXT_TITLE, -1);

    g_assert_cmpstr (fallback, ==, "Untitled plan");
  }
}

/* Small and degenerate canvases: no crash, nothing off the canvas. */
static void
test_tiny (void)
{
  static const struct { double w; double h; } sizes[] = {
    { 0, 0 }, { 1, 1 }, { 120, 90 }, { 360, 240 }, { 3000, 200 }, { 200, 2000 },
  };
  g_autoptr(FpPlan) plan = load_plan (plans[1]);
  g_autoptr(FpProjection) p = fp_projection_new (plan);
  g_autoptr(TestPango) pango = new_pango ();
  FpTheme theme;

  fp_theme_init_dark (&theme);
  for (guint s = 0; s < G_N_ELEMENTS (sizes); s++)
    {
      g_autoptr(FpTimelineLayout) layout = fp_timeline_layout_new (plan, p, pango, &theme,
                                                                   sizes[s].w, sizes[s].h, 0);
      guint n_texts;
      const FpTimelineText *texts = fp_timeline_layout_get_texts (layout, &n_texts);
      cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32,
                                                             MAX (1, sizes[s].w), MAX (1, sizes[s].h));
      cairo_t *cr = cairo_create (surface);

      for (guint i = 0; i < n_texts; i++)
        {
          g_assert_cmpfloat (texts[i].logical.x, >=, 0);
          g_assert_cmpfloat (texts[i].logical.x + texts[i].logical.width, <=, sizes[s].w);
          for (guint k = 0; k < i; k++)
            g_assert_false (rects_overlap (&texts[i].logical, &texts[k].logical));
        }
      fp_timeline_render (cr, layout, &theme, FP_RENDER_NONE, FP_HIT_INIT_NONE, -1);
      g_assert_cmpint (cairo_status (cr), ==, CAIRO_STATUS_SUCCESS);
      cairo_destroy (cr);
      cairo_surface_destroy (surface);
    }
}

/* WCAG's relative luminance of an opaque pixel of an ARGB32 surface */
static double
pixel_luminance (cairo_surface_t *surface,
                 int              x,
                 int              y)
{
  const guint8 *row = cairo_image_surface_get_data (surface) + y * cairo_image_surface_get_stride (surface);
  guint32 pixel = ((const guint32 *) row)[x];
  double rgb[3] = { ((pixel >> 16) & 0xff) / 255.0, ((pixel >> 8) & 0xff) / 255.0, (pixel & 0xff) / 255.0 };

  for (guint i = 0; i < 3; i++)
    rgb[i] = rgb[i] <= 0.03928 ? rgb[i] / 12.92 : pow ((rgb[i] + 0.055) / 1.055, 2.4);
  return 0.2126 * rgb[0] + 0.7152 * rgb[1] + 0.0722 * rgb[2];
}

/* A benchmark band's edge stands out from the chart's background at 3:1,
 * WCAG's measure for the parts of a chart, in both styles: its faint fill
 * alone did at 1.1:1 (1.3:1 dark), and the band is the one sign of where a
 * duration sits against its benchmark. */
static void
test_benchmark_band_edge (void)
{
  g_autoptr(FpPlan) plan = load_plan (plans[0]);
  g_autoptr(FpProjection) p = fp_projection_new (plan);
  g_autoptr(TestPango) pango = new_pango ();

  for (guint dark = 0; dark < 2; dark++)
    {
      g_autoptr(FpTimelineLayout) layout = NULL;
      cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 1280, 720);
      cairo_t *cr = cairo_create (surface);
      guint checked = 0;
      FpTheme theme;

      if (dark)
        fp_theme_init_dark (&theme);
      else
        fp_theme_init_light (&theme);
      layout = fp_timeline_layout_new (plan, p, pango, &theme, 1280, 720, 0);
      fp_timeline_render (cr, layout, &theme, FP_RENDER_NONE, FP_HIT_INIT_NONE, -1);
      cairo_surface_flush (surface);
      for (guint i = 0; i < fp_timeline_layout_get_n_stages (layout); i++)
        {
          const FpTimelineStageLayout *st = fp_timeline_layout_get_stage (layout, i);
          int left = (int) round (MIN (st->benchmark_x0, st->benchmark_x1));
          int y = (int) (st->bar.y + st->bar.height / 2);
          double edge;
          double background;

          /* A band's left end, clear of its bar */
          if (!st->has_benchmark || left > st->bar.x - 4)
            continue;
          edge = pixel_luminance (surface, left, y);
          background = pixel_luminance (surface, left - 3, y);
          g_test_message ("%s, stage %u: edge %.2f:1", dark ? "dark" : "light", i,
                          (MAX (edge, background) + 0.05) / (MIN (edge, background) + 0.05));
          g_assert_cmpfloat ((MAX (edge, background) + 0.05) / (MIN (edge, background) + 0.05), >=, 3);
          checked++;
        }
      g_assert_cmpuint (checked, >, 0);
      cairo_destroy (cr);
      cairo_surface_destroy (surface);
    }
}

/* A twelve-stage plan: the most rows the 800x600 canvas must hold. */
static void
test_many_stages (void)
{
  g_autoptr(FpPlan) plan = load_plan (plans[1]);
  g_autoptr(GError) error = NULL;

  while (fp_plan_get_n_stages (plan) < 12)
    {
      g_assert_true (fp_plan_insert_stage (plan, 1, "Nurtured leads", &error));
      /* Values of their own: a stage just added passes everyone on at once,
       * and twelve bars of real length and growing counts are the test */
      g_assert_true (fp_plan_set_stage_conversion (plan, 1, 0.5, &error));
      g_assert_true (fp_plan_set_stage_duration (plan, 1, 30, &error));
      g_assert_no_error (error);
    }
  assert_legible (plan, "twelve stages", 1920, 1080, 1.0);
  assert_legible (plan, "twelve stages", 800, 600, 1.0);
  save_png (plan, "twelve-stages", 800, 600, FALSE);
  assert_legible (plan, "twelve stages", 3840, 2160, 1.0);
}

/* The guides a view keeps in sight hold what they say and nothing of the
 * rows: the axis's labels between the last bar and the grid, the spans and
 * month names over the first row of cells, each the chart's full width. */
static void
test_guides (void)
{
  for (guint k = 0; k < G_N_ELEMENTS (plans); k++)
    {
      g_autoptr(FpPlan) plan = load_plan (plans[k]);
      g_autoptr(FpProjection) p = fp_projection_new (plan);
      g_autoptr(FpTimelineLayout) layout = new_layout (plan, p, 1280, 900, 0);
      guint n = fp_timeline_layout_get_n_stages (layout);
      const FpTimelineStageLayout *last = fp_timeline_layout_get_stage (layout, n - 1);
      const FpTimelineStageLayout *first = fp_timeline_layout_get_stage (layout, 0);
      const FpTimelineText *texts;
      guint n_texts;
      FpRect axis;
      FpRect header;

      fp_timeline_layout_get_guides (layout, &axis, &header, NULL);
      g_assert_cmpfloat (axis.x, ==, 0);
      g_assert_cmpfloat (axis.width, ==, 1280);
      g_assert_cmpfloat (header.x, ==, 0);
      g_assert_cmpfloat (header.width, ==, 1280);
      g_assert_cmpfloat (axis.height, >, 0);
      g_assert_cmpfloat (header.height, >, 0);
      g_assert_cmpfloat (axis.y, >=, last->row.y + last->row.height);
      g_assert_cmpfloat (header.y, >=, axis.y + axis.height);
      g_assert_cmpfloat (header.y + header.height, <=, first->grid_row.y);

      texts = fp_timeline_layout_get_texts (layout, &n_texts);
      for (guint t = 0; t < n_texts; t++)
        {
          const FpRect *r = &texts[t].logical;
          const FpRect *guide = texts[t].kind == FP_TIMELINE_TEXT_AXIS ? &axis
                                : texts[t].kind == FP_TIMELINE_TEXT_SPAN ||
                                  texts[t].kind == FP_TIMELINE_TEXT_MONTH ||
                                  texts[t].kind == FP_TIMELINE_TEXT_YEAR ? &header : NULL;

          if (guide == NULL)
            continue;
          g_assert_cmpfloat (r->y, >=, guide->y - 0.5);
          g_assert_cmpfloat (r->y + r->height, <=, guide->y + guide->height + 0.5);
        }
    }
}

/* At its full height a layout names every stage in both parts, whole, and
 * gives each a duration, under its title and both headings: what a view
 * asks for, and scrolls (a row's fraction of a pixel, 64 stages over, cost
 * the headings and the years). The same plan squeezed into the canvas of a
 * 1280x800 window names only a few. */
static void
test_full_height (void)
{
  g_autoptr(FpPlan) plan = load_plan (plans[1]);
  g_autoptr(FpProjection) p = NULL;
  g_autoptr(TestPango) pango = new_pango ();
  g_autoptr(GError) error = NULL;
  FpTheme theme;
  double widths[] = { 440, 600, 1000, 1600 };
  double few;

  fp_theme_init_light (&theme);
  few = fp_timeline_layout_get_full_height (plan, pango, &theme, 600);
  while (fp_plan_get_n_stages (plan) < 64)
    {
      g_assert_true (fp_plan_insert_stage (plan, 1, "Nurtured leads", &error));
      g_assert_no_error (error);
    }
  p = fp_projection_new (plan);
  /* A screen's metrics and an export's: GTK 4's are unhinted, and a row's
   * height has a fraction */
  for (guint k = 0; k < 2 * G_N_ELEMENTS (widths); k++)
    {
      guint w = k % G_N_ELEMENTS (widths);
      g_autoptr(TestPango) metrics = new_pango_metrics (k < G_N_ELEMENTS (widths));
      double height = fp_timeline_layout_get_full_height (plan, metrics, &theme, widths[w]);
      g_autoptr(FpTimelineLayout) layout = fp_timeline_layout_new (plan, p, metrics, &theme,
                                                                    widths[w], height, 0);
      guint n = fp_plan_get_n_stages (plan);
      guint names = 0;
      guint durations = 0;
      guint titles = 0;
      guint headings = 0;
      const FpTimelineText *texts;
      guint n_texts;

      g_test_message ("%.0f wide: %.0f tall", widths[w], height);
      g_assert_cmpfloat (height, >, few);
      texts = fp_timeline_layout_get_texts (layout, &n_texts);
      for (guint i = 0; i < n_texts; i++)
        {
          if (texts[i].kind == FP_TIMELINE_TEXT_STAGE_NAME)
            {
              /* The narrowest gives a long name a shorter column */
              if (widths[w] >= 600)
                g_assert_cmpstr (texts[i].text, ==, fp_plan_get_stage (plan, texts[i].stage)->name);
              names++;
            }
          durations += texts[i].kind == FP_TIMELINE_TEXT_DURATION;
          titles += texts[i].kind == FP_TIMELINE_TEXT_TITLE;
          headings += texts[i].kind == FP_TIMELINE_TEXT_HEADING;
        }
      g_assert_cmpuint (names, ==, 2 * n);
      g_assert_cmpuint (durations, ==, n - 1);
      g_assert_cmpuint (titles, ==, 1);
      g_assert_cmpuint (headings, ==, 2);
    }

  /* Squeezed, far fewer names: the height is what makes them fit */
  {
    g_autoptr(FpTimelineLayout) squeezed = new_layout (plan, p, 600, 740, 0);
    const FpTimelineText *texts;
    guint n_texts;
    guint names = 0;

    texts = fp_timeline_layout_get_texts (squeezed, &n_texts);
    for (guint i = 0; i < n_texts; i++)
      names += texts[i].kind == FP_TIMELINE_TEXT_STAGE_NAME;
    g_assert_cmpuint (names, <, 2 * fp_plan_get_n_stages (plan));
  }
}

/* 64 stages on the canvas of a 1280x800 window: rows too short for a line
 * of text at the smallest font still name every so many stages and the
 * last, in both parts; no stage was named at all. */
static void
test_names_thinned (void)
{
  g_autoptr(FpPlan) plan = load_plan (plans[1]);
  g_autoptr(FpProjection) p = NULL;
  g_autoptr(FpTimelineLayout) layout = NULL;
  g_autoptr(GError) error = NULL;
  const FpTimelineText *texts;
  guint n_texts;
  guint n;
  int previous[2] = { -1, -1 };
  guint n_names[2] = { 0, 0 };

  while (fp_plan_get_n_stages (plan) < FP_PLAN_MAX_STAGES)
    {
      g_assert_true (fp_plan_insert_stage (plan, 1, "Nurtured leads", &error));
      g_assert_no_error (error);
    }
  n = fp_plan_get_n_stages (plan);
  p = fp_projection_new (plan);
  layout = new_layout (plan, p, 600, 740, 0);
  texts = fp_timeline_layout_get_texts (layout, &n_texts);
  for (guint i = 0; i < n_texts; i++)
    {
      const FpTimelineStageLayout *st;
      guint part;

      g_assert_cmpint (texts[i].kind, !=, FP_TIMELINE_TEXT_DURATION);
      g_assert_cmpint (texts[i].kind, !=, FP_TIMELINE_TEXT_VOLUME);
      if (texts[i].kind != FP_TIMELINE_TEXT_STAGE_NAME)
        continue;
      g_assert_cmpfloat (texts[i].logical.y + texts[i].logical.height, <=, 740);
      for (guint k = 0; k < i; k++)
        g_assert_false (rects_overlap (&texts[i].logical, &texts[k].logical));
      /* The bars' part or the months' */
      st = fp_timeline_layout_get_stage (layout, texts[i].stage);
      part = texts[i].logical.y >= st->grid_row.y - st->grid_row.height ? 1 : 0;
      if (previous[part] < 0)
        g_assert_cmpint (texts[i].stage, ==, 0);
      else
        g_assert_cmpint (texts[i].stage, >=, previous[part] + 2);
      previous[part] = texts[i].stage;
      n_names[part]++;
    }
  for (guint part = 0; part < 2; part++)
    {
      g_assert_cmpint (previous[part], ==, (int) n - 1);
      g_assert_cmpuint (n_names[part], >=, n / 4);
    }
}

/* Every plan as PNG, light and dark, at both sizes */
static void
test_render_png (void)
{
  static const struct { int w; int h; } sizes[] = { { 800, 600 }, { 1920, 1080 } };

  for (guint k = 0; k < G_N_ELEMENTS (plans); k++)
    for (guint s = 0; s < G_N_ELEMENTS (sizes); s++)
      for (guint dark = 0; dark < 2; dark++)
        {
          g_autoptr(FpPlan) plan = load_plan (plans[k]);
          g_autofree char *base = g_path_get_basename (plans[k]);

          *strstr (base, ".funnel.json") = '\0';
          save_png (plan, base, sizes[s].w, sizes[s].h, dark);
        }
}

typedef struct
{
  const char *text;
  double value;   /* NAN: must not parse */
} ParseCase;

static void
check_parse (const ParseCase *cases,
             guint            n_cases)
{
  static const double values[] = { 0, 1, 12.5, 999.99, 1234.5, 30000, 1200000, 987654321.25 };

  for (guint i = 0; i < n_cases; i++)
    {
      double value = -42;
      gboolean ok = _fp_parse_number (cases[i].text, &value);

      g_test_message ("\"%s\" -> %s %g", cases[i].text, ok ? "ok" : "refused", value);
      if (isnan (cases[i].value))
        {
          g_assert_false (ok);
          g_assert_cmpfloat (value, ==, -42);
        }
      else
        {
          g_assert_true (ok);
          g_assert_cmpfloat (value, ==, cases[i].value);
        }
    }

  /* What the spin buttons show reads back as the same value. */
  for (guint i = 0; i < G_N_ELEMENTS (values); i++)
    for (int sign = -1; sign <= 1; sign += 2)
      {
        g_autofree char *text = _fp_format_decimal (sign * values[i], 2);
        double value = -42;

        g_assert_true (_fp_parse_number (text, &value));
        g_assert_cmpfloat (value, ==, sign * values[i]);
      }
}

/* Numbers as a person types them, in the spin buttons of the side panel. */
static void
test_parse_number (void)
{
  static const ParseCase c_cases[] = {
    { "1200000", 1200000 }, { "1,200,000", 1200000 }, { " 12.5 ", 12.5 },
    { "-3", -3 }, { "+7", 7 }, { "\xe2\x88\x92" "2.5", -2.5 }, { "0.25", 0.25 },
    { "1,234.5", 1234.5 }, { "12,345,678.75", 12345678.75 },
    /* Not a grouping: a decimal comma */
    { "1,5", 1.5 },
    { "", NAN }, { " ", NAN }, { "-", NAN }, { ".", NAN }, { "abc", NAN }, { "12a", NAN },
    { "1,,000", NAN }, { ",5", 0.5 }, { ".5", 0.5 }, { "1,000,", NAN }, { "1.2.3", NAN },
    { "1,2345,678", NAN }, { "1,000.5.5", NAN }, { "1e5", NAN }, { "inf", NAN },
    { "nan", NAN }, { "--1", NAN },
  };
  static const ParseCase de_cases[] = {
    { "1.200.000", 1200000 }, { "1200000", 1200000 }, { "12,5", 12.5 },
    { "1.234,5", 1234.5 }, { "0,25", 0.25 }, { "-1.000", -1000 },
    /* Not a grouping: a decimal point, as on an English keyboard */
    { "12.5", 12.5 }, { "1.5", 1.5 },
    { "1.20.000", NAN }, { "1,2,3", NAN }, { "1.000,5,5", NAN }, { "12,5 %", NAN },
  };
  static const ParseCase fr_cases[] = {
    { "1\xe2\x80\xaf" "200\xe2\x80\xaf" "000", 1200000 }, { "1 200 000", 1200000 },
    { "1\xc2\xa0" "200", 1200 }, { "12,5", 12.5 }, { "1 2", NAN },
  };
  char *saved;

  saved = fp_test_push_locale ("C.UTF-8", NULL);
  if (saved == NULL)
    return;
  check_parse (c_cases, G_N_ELEMENTS (c_cases));
  fp_test_pop_locale (saved);

  saved = fp_test_push_locale ("de_DE.UTF-8", NULL);
  if (saved == NULL)
    return;
  check_parse (de_cases, G_N_ELEMENTS (de_cases));
  {
    g_autofree char *shown = _fp_format_decimal (1200000, 0);

    g_assert_cmpstr (shown, ==, "1.200.000");
  }
  fp_test_pop_locale (saved);

  saved = fp_test_push_locale ("fr_FR.UTF-8", NULL);
  if (saved == NULL)
    return;
  check_parse (fr_cases, G_N_ELEMENTS (fr_cases));
  fp_test_pop_locale (saved);
}

/* Every column that starts a year (the first, and each January) and shows
 * its month shows the year too, in the line of years or beside the month:
 * months over more than a year read "Dec" twice without it. The year line
 * touched the months' ink and lost every year to the safety net. */
static void
test_years_named (void)
{
  static const double widths[] = { 1280, 1920 };

  /* The sample and a longer template: the rest adds time, not cases */
  for (guint k = 0; k < 2; k++)
    for (guint months = 3; months <= 12; months += 9)
      {
        g_autoptr(FpPlan) plan = load_plan (plans[k]);
        g_autoptr(FpProjection) p = NULL;

        g_assert_true (fp_plan_set_period (plan, 2027, 7, months, NULL));
        /* As many stages as a long sales process has */
        while (months == 12 && fp_plan_get_n_stages (plan) < 12)
          g_assert_true (fp_plan_insert_stage (plan, 1, "Review", NULL));
        p = fp_projection_new (plan);
        /* Where the line of years falls against the pixel grid varies with
         * the height: every 20 px from short to tall */
        for (guint s = 0; s < G_N_ELEMENTS (widths) * 60; s++)
          {
            double w = widths[s % G_N_ELEMENTS (widths)];
            double h = 500 + 20 * (s / G_N_ELEMENTS (widths) / 2);
            /* A screen's metrics, and an export's */
            g_autoptr(TestPango) pango = new_pango_metrics (s / G_N_ELEMENTS (widths) % 2 == 0);
            g_autoptr(FpTimelineLayout) layout = NULL;
            FpTheme theme;
            guint n_texts;
            const FpTimelineText *texts;

            fp_theme_init_light (&theme);
            layout = fp_timeline_layout_new (plan, p, pango, &theme, w, h, 0);
            texts = fp_timeline_layout_get_texts (layout, &n_texts);
            for (guint m = 0; m < fp_timeline_layout_get_n_months (layout); m++)
              {
                const FpTimelineMonthLayout *ml = fp_timeline_layout_get_month (layout, m);
                g_autofree char *year = g_strdup_printf ("%d", ml->year);
                gboolean month_shown = FALSE;
                gboolean year_shown = FALSE;

                if (m > 0 && ml->month_of_year != 1)
                  continue;
                for (guint i = 0; i < n_texts; i++)
                  {
                    if (texts[i].month != (int) m)
                      continue;
                    if (texts[i].kind == FP_TIMELINE_TEXT_MONTH)
                      month_shown = TRUE;
                    if ((texts[i].kind == FP_TIMELINE_TEXT_MONTH ||
                         texts[i].kind == FP_TIMELINE_TEXT_YEAR) && strstr (texts[i].text, year) != NULL)
                      year_shown = TRUE;
                  }
                if (month_shown && !year_shown)
                  g_test_message ("%s, %u months, %gx%g: no year over month %u", plans[k], months,
                                  w, h, m);
                g_assert_true (!month_shown || year_shown);
              }
          }
      }
}

/* A grid that starts a few months before a January, with columns too
 * narrow for two years side by side: the first month's year gave way to
 * nothing, so it covered the January's place, and a reader took that
 * January for the year before. The January keeps its year; the first
 * month has one only where it does not touch the January's. */
static void
test_first_year_before_january (void)
{
  static const double widths[] = { 1280, 1600, 1920 };

  for (int start_month = 1; start_month <= 12; start_month++)
    for (guint k = 0; k < G_N_ELEMENTS (widths); k++)
      {
        g_autoptr(FpPlan) plan = load_plan (plans[0]);
        g_autoptr(FpProjection) p = NULL;
        g_autoptr(FpTimelineLayout) layout = NULL;
        guint n_texts;
        const FpTimelineText *texts;

        /* Ten years of lead time: a column is a few pixels wide */
        g_assert_true (fp_plan_set_stage_duration (plan, 0, 3650, NULL));
        g_assert_true (fp_plan_set_period (plan, 2027, start_month, 3, NULL));
        p = fp_projection_new (plan);
        layout = new_layout (plan, p, widths[k], 900, 0);
        texts = fp_timeline_layout_get_texts (layout, &n_texts);

        for (guint m = 0; m < fp_timeline_layout_get_n_months (layout); m++)
          {
            const FpTimelineMonthLayout *ml = fp_timeline_layout_get_month (layout, m);
            g_autofree char *year = g_strdup_printf ("%d", ml->year);
            gboolean month_shown = FALSE;
            gboolean year_shown = FALSE;

            if (ml->month_of_year != 1)
              continue;
            for (guint i = 0; i < n_texts; i++)
              if (texts[i].month == (int) m)
                {
                  month_shown = month_shown || texts[i].kind == FP_TIMELINE_TEXT_MONTH;
                  year_shown = year_shown || strstr (texts[i].text, year) != NULL;
                }
            if (month_shown && !year_shown)
              g_test_message ("start %d, width %g: January %d has no year", start_month,
                              widths[k], ml->year);
            g_assert_true (!month_shown || year_shown);
          }

        /* No two years touch */
        for (guint i = 0; i < n_texts; i++)
          for (guint j = i + 1; j < n_texts; j++)
            if (texts[i].kind == FP_TIMELINE_TEXT_YEAR && texts[j].kind == FP_TIMELINE_TEXT_YEAR)
              g_assert_true (texts[i].logical.x + texts[i].logical.width <= texts[j].logical.x ||
                             texts[j].logical.x + texts[j].logical.width <= texts[i].logical.x);
      }
}

/* Without a line of years (a short canvas) the year goes beside a month's
 * name: every January named says its year, and no month's name runs into
 * the next ("Jan 2027Feb"), nor covers it ("Dec 2026" over the January,
 * then "Feb", read as February 2026). */
static void
test_years_beside_months (void)
{
  for (int start_month = 1; start_month <= 12; start_month++)
    for (double width = 500; width <= 1300; width += 40)
      {
        g_autoptr(FpPlan) plan = load_plan (plans[0]);
        g_autoptr(FpProjection) p = NULL;
        g_autoptr(FpTimelineLayout) layout = NULL;
        guint n_texts;
        const FpTimelineText *texts;
        const FpTimelineText *before = NULL;
        gboolean year_line = FALSE;

        g_assert_true (fp_plan_set_stage_duration (plan, 0, 120, NULL));
        g_assert_true (fp_plan_set_period (plan, 2027, start_month, 3, NULL));
        p = fp_projection_new (plan);
        layout = new_layout (plan, p, width, 340, 0);
        texts = fp_timeline_layout_get_texts (layout, &n_texts);
        for (guint i = 0; i < n_texts; i++)
          year_line = year_line || texts[i].kind == FP_TIMELINE_TEXT_YEAR;
        g_assert_false (year_line);

        for (guint i = 0; i < n_texts; i++)
          {
            const FpTimelineText *text = &texts[i];
            const FpTimelineMonthLayout *ml;

            if (text->kind != FP_TIMELINE_TEXT_MONTH)
              continue;
            ml = fp_timeline_layout_get_month (layout, text->month);
            if (ml->month_of_year == 1)
              {
                g_autofree char *year = g_strdup_printf ("%d", ml->year);

                if (strstr (text->text, year) == NULL)
                  g_test_message ("start %d, %g wide: \"%s\" without its year", start_month,
                                  width, text->text);
                g_assert_nonnull (strstr (text->text, year));
              }
            if (before != NULL && before->logical.x + before->logical.width + 2 > text->logical.x)
              g_test_message ("start %d, %g wide: \"%s\" runs into \"%s\"", start_month, width,
                              before->text, text->text);
            g_assert_true (before == NULL ||
                           before->logical.x + before->logical.width + 2 <= text->logical.x);
            before = text;
          }
        /* Every January in the months has its name */
        for (guint m = 1; m + 1 < fp_timeline_layout_get_n_months (layout); m++)
          if (fp_timeline_layout_get_month (layout, m)->month_of_year == 1)
            {
              gboolean named = FALSE;

              for (guint i = 0; i < n_texts; i++)
                named = named || (texts[i].kind == FP_TIMELINE_TEXT_MONTH && texts[i].month == (int) m);
              if (!named)
                g_test_message ("start %d, %g wide: January %u not named", start_month, width, m);
              g_assert_true (named);
            }
      }
}

static FpTimelineLayout *
new_scrolled_layout (FpPlan             *plan,
                     const FpProjection *projection,
                     double              width,
                     double              height,
                     double              grid_scroll)
{
  g_autoptr(TestPango) pango = new_pango ();
  FpTheme theme;

  fp_theme_init_light (&theme);
  return fp_timeline_layout_new_scrolled (plan, projection, pango, &theme, width, height, 0,
                                          grid_scroll);
}

static guint
count_texts (const FpTimelineLayout *layout,
             FpTimelineTextKind      kind,
             int                     month)
{
  guint n_texts;
  const FpTimelineText *texts = fp_timeline_layout_get_texts (layout, &n_texts);
  guint n = 0;

  for (guint i = 0; i < n_texts; i++)
    n += texts[i].kind == kind && (month < 0 || texts[i].month == month);
  return n;
}

/* Every month wholly in the window has a count in each of its cells that
 * has a volume, inside the cell */
static void
assert_counts_in_view (const FpTimelineLayout *layout,
                       const FpProjection     *p)
{
  guint n_texts;
  const FpTimelineText *texts = fp_timeline_layout_get_texts (layout, &n_texts);
  guint n_stages = fp_timeline_layout_get_n_stages (layout);
  guint whole = 0;
  FpRect view;

  fp_timeline_layout_get_grid_scroll (layout, &view, NULL, NULL);
  for (guint m = 0; m < fp_timeline_layout_get_n_months (layout); m++)
    {
      const FpRect *column = &fp_timeline_layout_get_month (layout, m)->column;

      if (column->x < view.x || column->x + column->width > view.x + view.width)
        continue;
      whole++;
      for (guint i = 0; i < n_stages; i++)
        {
          gboolean shown = FALSE;

          for (guint k = 0; k < n_texts; k++)
            if (texts[k].kind == FP_TIMELINE_TEXT_VOLUME && texts[k].month == (int) m &&
                texts[k].stage == (int) i)
              {
                g_assert_cmpfloat (texts[k].ink.x, >=, column->x);
                g_assert_cmpfloat (texts[k].ink.x + texts[k].ink.width, <=, column->x + column->width);
                shown = TRUE;
              }
          if (fp_projection_get_volume (p, m, i) > 0 && !shown)
            g_test_message ("no count for stage %u in month %u", i, m);
          g_assert_true (shown || !(fp_projection_get_volume (p, m, i) > 0));
        }
    }
  /* A window shows several months, not one */
  g_assert_cmpuint (whole, >=, 6);
}

/* Whether month @m's column is wholly in the grid's window */
static gboolean
month_in_view (const FpTimelineLayout *layout,
               guint                   m)
{
  const FpRect *column = &fp_timeline_layout_get_month (layout, m)->column;
  FpRect view;

  fp_timeline_layout_get_grid_scroll (layout, &view, NULL, NULL);
  return column->x >= view.x - 0.5 && column->x + column->width <= view.x + view.width + 0.5;
}

/* A scrolled grid draws no letter, year or count cut at its window's
 * edge: 106 cut to "6" read as a count of 6. What is whole in the window
 * is drawn, and the spans' words are, clipped. */
static void
test_cut_texts_hidden (void)
{
  g_autoptr(FpPlan) plan = load_plan (plans[0]);
  g_autoptr(FpProjection) p = NULL;
  g_autoptr(FpTimelineLayout) start = NULL;
  double max;
  double column_w;

  g_assert_true (fp_plan_set_period (plan, 2027, 7, 12, NULL));
  p = fp_projection_new (plan);
  start = new_scrolled_layout (plan, p, 440, 500, 0);
  g_assert_true (fp_timeline_layout_get_grid_scroll (start, NULL, NULL, &max));
  column_w = fp_timeline_layout_get_month (start, 0)->column.width;

  g_assert_cmpfloat (max, >, 2.5 * column_w);
  for (guint k = 0; k < 2; k++)
    {
      /* A month cut through its middle at the window's left edge */
      double scroll = round ((k + 1.5) * column_w);
      g_autoptr(FpTimelineLayout) layout = new_scrolled_layout (plan, p, 440, 500, scroll);
      guint n_texts;
      const FpTimelineText *texts = fp_timeline_layout_get_texts (layout, &n_texts);
      guint shown = 0;
      guint hidden = 0;
      FpRect view;

      fp_timeline_layout_get_grid_scroll (layout, &view, NULL, NULL);
      for (guint i = 0; i < n_texts; i++)
        {
          const FpTimelineText *t = &texts[i];
          gboolean whole = t->ink.x >= view.x - 0.5 && t->ink.x + t->ink.width <= view.x + view.width + 0.5;

          if (t->kind == FP_TIMELINE_TEXT_SPAN || t->kind == FP_TIMELINE_TEXT_STAGE_NAME)
            g_assert_true (fp_timeline_layout_text_shows (layout, t));
          if (t->kind != FP_TIMELINE_TEXT_MONTH && t->kind != FP_TIMELINE_TEXT_YEAR &&
              t->kind != FP_TIMELINE_TEXT_VOLUME)
            continue;
          g_assert_cmpint (fp_timeline_layout_text_shows (layout, t), ==, whole);
          if (whole)
            shown++;
          else if (t->ink.x < view.x + view.width && t->ink.x + t->ink.width > view.x)
            hidden++;
        }
      g_test_message ("scroll %g: %u grid texts shown, %u cut and hidden", scroll, shown, hidden);
      g_assert_cmpuint (shown, >, 10);
      g_assert_cmpuint (hidden, >, 0);
    }

  /* Not scrolled, all show */
  {
    g_autoptr(FpPlan) short_plan = load_plan (plans[0]);
    g_autoptr(FpProjection) q = fp_projection_new (short_plan);
    g_autoptr(FpTimelineLayout) layout = new_scrolled_layout (short_plan, q, 1000, 700, 0);
    guint n_texts;
    const FpTimelineText *texts = fp_timeline_layout_get_texts (layout, &n_texts);

    g_assert_false (fp_timeline_layout_get_grid_scroll (layout, NULL, NULL, NULL));
    for (guint i = 0; i < n_texts; i++)
      g_assert_true (fp_timeline_layout_text_shows (layout, &texts[i]));
  }
}

/* The scroll that a view opens its months at: the plan period in view,
 * with lead time before it. A quarter with a lead time of seven months
 * opened on the lead time, the period off to the right. */
static void
test_period_scroll (void)
{
  static const struct { guint months; double width; double height; double target; gboolean whole; } cases[] = {
    { 3, 440, 500, 1.2e8, TRUE },    /* the canvas of an 800x600 window */
    { 12, 440, 500, 1.2e8, FALSE },  /* a period wider than the window */
    { 60, 600, 740, 1.2e8, FALSE },
    { 12, 260, 500, 1.2e16, FALSE }, /* months wider than half the window */
  };

  for (guint c = 0; c < G_N_ELEMENTS (cases); c++)
    {
      g_autoptr(FpPlan) plan = load_plan (plans[0]);
      g_autoptr(FpProjection) p = NULL;
      g_autoptr(FpTimelineLayout) start = NULL;
      g_autoptr(FpTimelineLayout) opened = NULL;
      double scroll;
      double max;
      guint n_months;
      guint first_in_view = G_MAXUINT;
      const FpRect *lead;
      FpRect view;

      /* A long lead time, four-figure counts: the months scroll */
      g_assert_true (fp_plan_set_revenue_target (plan, cases[c].target, NULL));
      for (guint i = 0; i + 1 < fp_plan_get_n_stages (plan); i++)
        g_assert_true (fp_plan_set_stage_duration (plan, i, 3 * fp_plan_get_stage (plan, i)->duration_days,
                                                   NULL));
      g_assert_true (fp_plan_set_period (plan, 2027, 7, cases[c].months, NULL));
      p = fp_projection_new (plan);
      g_assert_cmpuint (p->period_offset, >=, 6);
      n_months = p->n_months;

      start = new_scrolled_layout (plan, p, cases[c].width, cases[c].height, 0);
      g_assert_true (fp_timeline_layout_get_grid_scroll (start, NULL, NULL, &max));
      g_assert_false (month_in_view (start, n_months - 1));
      opened = new_scrolled_layout (plan, p, cases[c].width, cases[c].height,
                                    fp_timeline_layout_get_period_scroll (start));
      /* The same from any scroll */
      {
        g_autoptr(FpTimelineLayout) elsewhere = new_scrolled_layout (plan, p, cases[c].width,
                                                                     cases[c].height, max / 3);

        g_assert_cmpfloat (fp_timeline_layout_get_period_scroll (elsewhere), ==,
                           fp_timeline_layout_get_period_scroll (start));
      }
      fp_timeline_layout_get_grid_scroll (opened, &view, &scroll, NULL);
      g_test_message ("%u months at %gx%g: opened at %g px of %g; months %g px wide, from month %u "
                      "in a window %g px wide", cases[c].months, cases[c].width, cases[c].height,
                      scroll, max, fp_timeline_layout_get_month (opened, 0)->column.width,
                      p->period_offset, view.width);
      for (guint m = 0; m < n_months && first_in_view == G_MAXUINT; m++)
        if (month_in_view (opened, m))
          first_in_view = m;
      /* The period's first month, and lead time before it: a whole month
       * where months are narrower than half the window, else what fits */
      lead = &fp_timeline_layout_get_month (opened, p->period_offset - 1)->column;
      g_assert_true (month_in_view (opened, p->period_offset));
      g_assert_cmpfloat (lead->x + lead->width, >=, view.x + MIN (lead->width, view.width - lead->width));
      if (cases[c].whole)
        for (guint m = p->period_offset; m < n_months; m++)
          g_assert_true (month_in_view (opened, m));
      else if (lead->width <= view.width / 2)
        {
          /* The period from the window's middle at most, a whole month at
           * the window's start */
          g_assert_cmpuint (first_in_view, <, p->period_offset);
          g_assert_cmpfloat (fp_timeline_layout_get_month (opened, p->period_offset)->column.x, <=,
                             view.x + view.width / 2);
          g_assert_cmpfloat (fabs (fp_timeline_layout_get_month (opened, first_in_view)->column.x - view.x),
                             <=, 1);
        }
    }

  /* Months that fit do not scroll */
  {
    g_autoptr(FpPlan) plan = load_plan (plans[0]);
    g_autoptr(FpProjection) p = fp_projection_new (plan);
    g_autoptr(FpTimelineLayout) layout = new_scrolled_layout (plan, p, 1000, 700, 0);

    g_assert_false (fp_timeline_layout_get_grid_scroll (layout, NULL, NULL, NULL));
    g_assert_cmpfloat (fp_timeline_layout_get_period_scroll (layout), ==, 0);
  }
}

/* The size of a text's font, in pixels */
static double
text_font_px (const FpTimelineText *text)
{
  const PangoFontDescription *desc = pango_layout_get_font_description (text->layout);

  return (double) pango_font_description_get_size (desc) / PANGO_SCALE;
}

/* An export cannot scroll: months too narrow for their counts take them in
 * a smaller font before they take none. At 60 months and the export's
 * default 1600x900, the grid showed its shades and no number. */
static void
test_export_counts_smaller (void)
{
  g_autoptr(FpPlan) plan = load_plan (plans[0]);
  g_autoptr(FpProjection) p = NULL;
  g_autoptr(FpTimelineLayout) layout = NULL;
  const FpTimelineText *texts;
  guint n_texts;
  double duration_px = 0;
  double count_px = 0;

  g_assert_true (fp_plan_set_period (plan, 2027, 7, 60, NULL));
  p = fp_projection_new (plan);
  layout = new_layout (plan, p, 1600, 900, 0);
  g_assert_false (fp_timeline_layout_get_grid_scroll (layout, NULL, NULL, NULL));

  texts = fp_timeline_layout_get_texts (layout, &n_texts);
  for (guint k = 0; k < n_texts; k++)
    {
      if (texts[k].kind == FP_TIMELINE_TEXT_DURATION)
        duration_px = text_font_px (&texts[k]);
      else if (texts[k].kind == FP_TIMELINE_TEXT_VOLUME)
        {
          g_assert_true (count_px == 0 || count_px == text_font_px (&texts[k]));
          count_px = text_font_px (&texts[k]);
        }
    }
  g_test_message ("durations in %.1f px, counts in %.1f px", duration_px, count_px);
  /* Smaller than the chart's other values, no smaller than its smallest text */
  g_assert_cmpfloat (count_px, >=, 9);
  g_assert_cmpfloat (count_px, <, duration_px);
  /* Every month's count, inside its cell */
  assert_counts_in_view (layout, p);

  /* Narrower, down to the smallest font exactly before none: stepping down
   * a pixel at a time from a fractional size passed 9 px by */
  {
    double smallest = G_MAXDOUBLE;

    for (double width = 1600; width >= 800; width -= 20)
      {
        g_autoptr(FpTimelineLayout) narrower = new_layout (plan, p, width, 900, 0);

        texts = fp_timeline_layout_get_texts (narrower, &n_texts);
        for (guint k = 0; k < n_texts; k++)
          if (texts[k].kind == FP_TIMELINE_TEXT_VOLUME)
            smallest = MIN (smallest, text_font_px (&texts[k]));
      }
    g_test_message ("the smallest counts: %.1f px", smallest);
    g_assert_cmpfloat (smallest, ==, 9);
  }
}

/* Months too narrow for a count, in a view: the grid keeps columns wide
 * enough for the counts and scrolls, with the names in place. At 24 months
 * in the default window the cells showed shading and no number. */
static void
test_scrolled_months (void)
{
  static const struct { guint months; double width; double height; } cases[] = {
    { 24, 600, 740 },   /* the chart between both panels at 1280x800 */
    { 60, 600, 740 },
    { 60, 1240, 1000 }, /* 1920x1080, both panels hidden */
  };

  for (guint c = 0; c < G_N_ELEMENTS (cases); c++)
    {
      g_autoptr(FpPlan) plan = load_plan (plans[0]);
      g_autoptr(FpProjection) p = NULL;
      g_autoptr(FpTimelineLayout) fit = NULL;
      g_autoptr(FpTimelineLayout) start = NULL;
      g_autoptr(FpTimelineLayout) end = NULL;
      guint n_months;
      FpRect view;
      FpRect track;
      FpRect thumb;
      double scroll;
      double max;
      const FpTimelineMonthLayout *first;
      const FpTimelineMonthLayout *last;
      const FpTimelineStageLayout *row;

      g_assert_true (fp_plan_set_period (plan, 2027, 7, cases[c].months, NULL));
      p = fp_projection_new (plan);
      n_months = p->n_months;

      /* An export fits every month, and has no room for counts */
      fit = new_layout (plan, p, cases[c].width, cases[c].height, 0);
      g_assert_false (fp_timeline_layout_get_grid_scroll (fit, NULL, NULL, NULL));
      g_assert_false (fp_timeline_layout_get_scroll_bar (fit, NULL, NULL));
      g_assert_cmpuint (count_texts (fit, FP_TIMELINE_TEXT_VOLUME, -1), ==, 0);

      /* A view's starts at the first month */
      start = new_scrolled_layout (plan, p, cases[c].width, cases[c].height, 0);
      g_assert_true (fp_timeline_layout_get_grid_scroll (start, &view, &scroll, &max));
      g_assert_cmpfloat (scroll, ==, 0);
      g_assert_cmpfloat (max, >, 0);
      g_assert_cmpuint (fp_timeline_layout_get_n_months (start), ==, n_months);
      first = fp_timeline_layout_get_month (start, 0);
      g_assert_cmpfloat (first->column.x, ==, view.x);
      assert_counts_in_view (start, p);
      /* Nothing of the grid is placed past its window */
      g_assert_cmpuint (count_texts (start, FP_TIMELINE_TEXT_VOLUME, n_months - 1), ==, 0);
      /* The names stay, left of the window */
      row = fp_timeline_layout_get_stage (start, 0);
      g_assert_cmpfloat (row->grid_row.x, <, view.x);
      g_assert_cmpuint (count_texts (start, FP_TIMELINE_TEXT_STAGE_NAME, -1), ==,
                        2 * fp_plan_get_n_stages (plan));
      /* The bar: the window's share of the months, at their start */
      g_assert_true (fp_timeline_layout_get_scroll_bar (start, &track, &thumb));
      g_assert_cmpfloat (track.x, ==, view.x);
      g_assert_cmpfloat (track.width, ==, view.width);
      g_assert_cmpfloat (thumb.x, ==, track.x);
      g_assert_cmpfloat (thumb.width, <, track.width);
      g_assert_cmpfloat (track.y + track.height, <=, cases[c].height);
      /* A cell past the window is not under the pointer */
      g_assert_true (fp_timeline_layout_cell_at (start, view.x + 1, row->grid_row.y + 2, NULL, NULL));
      g_assert_false (fp_timeline_layout_cell_at (start, view.x + view.width + 1,
                                                  row->grid_row.y + 2, NULL, NULL));

      /* Scrolled past the end: stops at the last month */
      end = new_scrolled_layout (plan, p, cases[c].width, cases[c].height, 1e9);
      g_assert_true (fp_timeline_layout_get_grid_scroll (end, NULL, &scroll, NULL));
      g_assert_cmpfloat (scroll, ==, max);
      last = fp_timeline_layout_get_month (end, n_months - 1);
      g_assert_cmpfloat (fabs (last->column.x + last->column.width - (view.x + view.width)), <=, 1);
      assert_counts_in_view (end, p);
      g_assert_cmpuint (count_texts (end, FP_TIMELINE_TEXT_VOLUME, 0), ==, 0);
      g_assert_true (fp_timeline_layout_get_scroll_bar (end, &track, &thumb));
      g_assert_cmpfloat (thumb.x + thumb.width, ==, track.x + track.width);
      /* The first month in view says its year, though not a January (or
       * the January right after it, where the two would touch) */
      for (guint m = 0; m + 1 < n_months; m++)
        {
          const FpTimelineMonthLayout *ml = fp_timeline_layout_get_month (end, m);

          if (ml->column.x + ml->column.width > view.x)
            {
              g_assert_cmpuint (count_texts (end, FP_TIMELINE_TEXT_YEAR, m) +
                                count_texts (end, FP_TIMELINE_TEXT_YEAR, m + 1), ==, 1);
              break;
            }
        }
    }

  /* Months with room for their counts do not scroll: the same layout */
  {
    g_autoptr(FpPlan) plan = load_plan (plans[0]);
    g_autoptr(FpProjection) p = NULL;
    g_autoptr(FpTimelineLayout) fit = NULL;
    g_autoptr(FpTimelineLayout) view = NULL;
    guint n_fit;
    guint n_view;
    const FpTimelineText *fit_texts;
    const FpTimelineText *view_texts;

    g_assert_true (fp_plan_set_period (plan, 2027, 7, 12, NULL));
    p = fp_projection_new (plan);
    fit = new_layout (plan, p, 900, 700, 0);
    view = new_scrolled_layout (plan, p, 900, 700, 50);
    g_assert_false (fp_timeline_layout_get_grid_scroll (view, NULL, NULL, NULL));
    fit_texts = fp_timeline_layout_get_texts (fit, &n_fit);
    view_texts = fp_timeline_layout_get_texts (view, &n_view);
    g_assert_cmpuint (n_view, ==, n_fit);
    for (guint i = 0; i < n_fit; i++)
      {
        g_assert_cmpstr (view_texts[i].text, ==, fit_texts[i].text);
        g_assert_cmpfloat (view_texts[i].logical.x, ==, fit_texts[i].logical.x);
      }
    g_assert_cmpuint (count_texts (view, FP_TIMELINE_TEXT_VOLUME, -1), >, 0);
  }
}

/* Whether month @m's column lies wholly in the grid's window */
static gboolean
column_in_view (const FpTimelineLayout *layout,
                guint                   m)
{
  const FpRect *column = &fp_timeline_layout_get_month (layout, m)->column;
  FpRect view;

  fp_timeline_layout_get_grid_scroll (layout, &view, NULL, NULL);
  return column->x >= view.x && column->x + column->width <= view.x + view.width;
}

/* Counts past the exact numbers ("6.8e+28") are narrower than the exact
 * ones below them: a scrolled grid that took its columns' width from the
 * largest count in each row left every cell without its count. */
static void
test_scrolled_huge_counts (void)
{
  g_autoptr(FpPlan) plan = load_plan (plans[0]);
  g_autoptr(FpProjection) p = NULL;
  g_autoptr(FpTimelineLayout) layout = NULL;
  g_autoptr(GHashTable) shown = g_hash_table_new (NULL, NULL);
  const FpTimelineCell *cells;
  const FpTimelineText *texts;
  guint n_cells;
  guint n_texts;
  gboolean wide_exact = FALSE;
  gboolean scientific = FALSE;

  /* About 10^17 leads: past 9 * 10^15 in most months, and in full in a
   * month of the lead time; every other stage a few hundred at most */
  g_assert_true (fp_plan_set_stage_conversion (plan, 0, 1e-15, NULL));
  /* Months too many for any count at 800 px: the columns widen */
  g_assert_true (fp_plan_set_period (plan, 2027, 7, 60, NULL));
  p = fp_projection_new (plan);
  layout = new_scrolled_layout (plan, p, 800, 600, 0);

  texts = fp_timeline_layout_get_texts (layout, &n_texts);
  for (guint i = 0; i < n_texts; i++)
    if (texts[i].kind == FP_TIMELINE_TEXT_VOLUME)
      {
        g_hash_table_add (shown, GINT_TO_POINTER (texts[i].month * 100 + texts[i].stage));
        wide_exact |= strlen (texts[i].text) > 16;
        scientific |= strchr (texts[i].text, 'e') != NULL;
      }
  /* Both forms are there, and every cell in view says its count */
  g_assert_true (wide_exact);
  g_assert_true (scientific);
  cells = fp_timeline_layout_get_cells (layout, &n_cells);
  for (guint c = 0; c < n_cells; c++)
    if (cells[c].volume > 0 && column_in_view (layout, cells[c].month))
      g_assert_true (g_hash_table_contains (shown, GINT_TO_POINTER (cells[c].month * 100 +
                                                                      cells[c].stage)));
}

/* The months' bar takes the pointer, with room above and below its few
 * pixels, and its thumb says how far to scroll: a drag of the thumb did
 * nothing before. */
static void
test_scroll_bar_thumb (void)
{
  static const struct { guint months; double width; double height; } cases[] = {
    { 24, 600, 740 },
    { 60, 600, 740 },
    { 60, 1240, 1000 },
  };

  for (guint c = 0; c < G_N_ELEMENTS (cases); c++)
    {
      g_autoptr(FpPlan) plan = load_plan (plans[0]);
      g_autoptr(FpProjection) p = NULL;
      g_autoptr(FpTimelineLayout) fit = NULL;
      g_autoptr(FpTimelineLayout) start = NULL;
      FpRect track;
      FpRect thumb;
      double max;
      double travel;
      double middle;

      g_assert_true (fp_plan_set_period (plan, 2027, 7, cases[c].months, NULL));
      p = fp_projection_new (plan);

      /* No bar where the months fit */
      fit = new_layout (plan, p, cases[c].width, cases[c].height, 0);
      g_assert_cmpfloat (fp_timeline_layout_scroll_at_thumb_x (fit, cases[c].width / 2), ==, 0);
      for (double y = 0; y < cases[c].height; y += 2)
        g_assert_cmpint (fp_timeline_layout_hit_test (fit, cases[c].width / 2, y).kind, !=,
                         FP_HIT_SCROLL_BAR);

      start = new_scrolled_layout (plan, p, cases[c].width, cases[c].height, 0);
      g_assert_true (fp_timeline_layout_get_grid_scroll (start, NULL, NULL, &max));
      g_assert_true (fp_timeline_layout_get_scroll_bar (start, &track, &thumb));
      travel = track.width - thumb.width;
      g_assert_cmpfloat (travel, >, 0);

      /* The pointer finds the bar on it, just above and below it (as
       * far as the canvas goes), not a row's height away */
      middle = track.y + track.height / 2;
      for (double dy = -5; dy <= 5; dy++)
        if (middle + dy < cases[c].height)
          g_assert_cmpint (fp_timeline_layout_hit_test (start, track.x + 1, middle + dy).kind, ==,
                           FP_HIT_SCROLL_BAR);
      g_assert_cmpint (fp_timeline_layout_hit_test (start, track.x + 1, middle - 20).kind, !=,
                       FP_HIT_SCROLL_BAR);
      g_assert_cmpint (fp_timeline_layout_hit_test (start, track.x - 1, middle).kind, !=,
                       FP_HIT_SCROLL_BAR);

      /* Where the thumb is placed, it asks for the scroll it shows */
      for (guint k = 0; k <= 4; k++)
        {
          g_autoptr(FpTimelineLayout) at = new_scrolled_layout (plan, p, cases[c].width,
                                                               cases[c].height, max * k / 4);
          double scroll;
          FpRect moved;

          fp_timeline_layout_get_grid_scroll (at, NULL, &scroll, NULL);
          fp_timeline_layout_get_scroll_bar (at, NULL, &moved);
          g_assert_cmpfloat (fabs (fp_timeline_layout_scroll_at_thumb_x (at, moved.x) - scroll), <=,
                             max / travel);
        }
      /* A thumb's pixel is the months' max / travel; past the track, the ends */
      g_assert_cmpfloat (fabs (fp_timeline_layout_scroll_at_thumb_x (start, track.x + 10)
                               - 10 * max / travel), <, 1e-6);
      g_assert_cmpfloat (fp_timeline_layout_scroll_at_thumb_x (start, track.x - 100), ==, 0);
      g_assert_cmpfloat (fp_timeline_layout_scroll_at_thumb_x (start, track.x + track.width), ==, max);
    }
}

/* The months over the grid come from the translation: Chinese puts the
 * year first ("2027年7月"), never "7月 2027". */
static void
test_month_names (void)
{
  static const struct { const char *locale; const char *language; } locales[] = {
    { "zh_CN.UTF-8", "zh_CN" }, { "de_DE.UTF-8", "de" },
  };
  g_autoptr(FpPlan) plan = load_plan (plans[0]);
  g_autoptr(FpProjection) p = fp_projection_new (plan);

  for (guint k = 0; k < G_N_ELEMENTS (locales); k++)
    {
      /* Short canvases drop the year line and put the year beside the
       * first month. */
      static const struct { double w; double h; } sizes[] = {
        { 360, 640 }, { 800, 600 }, { 1920, 1080 }, { 800, 300 }, { 1280, 240 }, { 3840, 200 },
      };
      char *saved = fp_test_push_locale (locales[k].locale, locales[k].language);
      gboolean chinese = k == 0;
      guint n_months = 0;
      guint n_with_year = 0;

      if (saved == NULL)
        return;
      for (guint s = 0; s < G_N_ELEMENTS (sizes); s++)
        {
          g_autoptr(FpTimelineLayout) layout = new_layout (plan, p, sizes[s].w, sizes[s].h, 0);
          guint n_texts;
          const FpTimelineText *texts = fp_timeline_layout_get_texts (layout, &n_texts);

          for (guint i = 0; i < n_texts; i++)
            {
              const char *text = texts[i].text;

              if (texts[i].kind != FP_TIMELINE_TEXT_MONTH)
                continue;
              g_test_message ("%s at %gx%g: %s", locales[k].locale, sizes[s].w, sizes[s].h, text);
              n_months++;
              if (strstr (text, "2027") != NULL)
                {
                  n_with_year++;
                  if (chinese)
                    g_assert_true (g_str_has_prefix (text, "2027\xe5\xb9\xb4")); /* 年 */
                  else
                    g_assert_true (g_str_has_suffix (text, " 2027"));
                }
              else if (chinese && g_utf8_strlen (text, -1) > 1)
                g_assert_true (g_str_has_suffix (text, "\xe6\x9c\x88")); /* 月 */
            }
        }
      g_assert_cmpuint (n_months, >, 0);
      g_assert_cmpuint (n_with_year, >, 0);
      fp_test_pop_locale (saved);
    }

  {
    /* Narrow columns name a month by its number where months are
     * numbered: "10", not the first character of "10月", which said "1"
     * for October to January alike. The year, too, as Chinese writes it. */
    g_autoptr(FpPlan) year_plan = load_plan (plans[0]);
    g_autoptr(FpProjection) year_p = NULL;
    g_autoptr(FpTimelineLayout) layout = NULL;
    char *saved = fp_test_push_locale ("zh_CN.UTF-8", "zh_CN");
    const FpTimelineText *texts;
    guint n_texts;
    guint n_numbers = 0;
    guint n_years = 0;

    if (saved == NULL)
      return;
    g_assert_true (fp_plan_set_period (year_plan, 2027, 1, 12, NULL));
    year_p = fp_projection_new (year_plan);
    layout = new_layout (year_plan, year_p, 500, 400, 0);
    texts = fp_timeline_layout_get_texts (layout, &n_texts);
    for (guint i = 0; i < n_texts; i++)
      {
        const FpTimelineMonthLayout *ml;
        const char *text = texts[i].text;

        if (texts[i].kind == FP_TIMELINE_TEXT_YEAR)
          {
            g_assert_true (g_str_has_suffix (text, "\xe5\xb9\xb4")); /* 年 */
            n_years++;
          }
        if (texts[i].kind != FP_TIMELINE_TEXT_MONTH)
          continue;
        ml = fp_timeline_layout_get_month (layout, texts[i].month);
        /* After the year, if any: "2027年1月" */
        if (strstr (text, "\xe5\xb9\xb4") != NULL)
          text = strstr (text, "\xe5\xb9\xb4") + strlen ("\xe5\xb9\xb4");
        g_assert_cmpint (atoi (text), ==, ml->month_of_year);
        n_numbers += g_ascii_isdigit (text[strlen (text) - 1]);
      }
    /* The narrow form was there to be checked */
    g_assert_cmpuint (n_numbers, >=, 12);
    g_assert_cmpuint (n_years, >, 0);
    fp_test_pop_locale (saved);
  }

  {
    /* The same function names the months in the side panel */
    g_autoptr(GDateTime) july = g_date_time_new_utc (2027, 7, 1, 0, 0, 0);
    char *saved = fp_test_push_locale ("zh_CN.UTF-8", "zh_CN");
    g_autofree char *with_year = NULL;

    if (saved == NULL)
      return;
    with_year = _fp_format_month (july, FALSE, TRUE);
    g_assert_cmpstr (with_year, ==, "2027\xe5\xb9\xb4" "7\xe6\x9c\x88");
    fp_test_pop_locale (saved);
  }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/timeline-layout/bars", test_bars);
  g_test_add_func ("/timeline-layout/hit-handles", test_hit_handles);
  g_test_add_func ("/timeline-layout/warning-marker", test_warning_marker);
  g_test_add_func ("/timeline-layout/days-at-x", test_days_at_x);
  g_test_add_func ("/timeline-layout/pinned-axis", test_pinned_axis);
  g_test_add_func ("/timeline-layout/legible", test_legible);
  g_test_add_func ("/timeline-layout/text-scale", test_text_scale);
  g_test_add_func ("/timeline-layout/many-stages", test_many_stages);
  g_test_add_func ("/timeline-layout/names-thinned", test_names_thinned);
  g_test_add_func ("/timeline-layout/full-height", test_full_height);
  g_test_add_func ("/timeline-layout/years-beside-months", test_years_beside_months);
  g_test_add_func ("/timeline-layout/guides", test_guides);
  g_test_add_func ("/timeline-layout/tiny", test_tiny);
  g_test_add_func ("/timeline-layout/grid-heading", test_grid_heading);
  g_test_add_func ("/timeline-layout/names-wrap", test_names_wrap);
  g_test_add_func ("/timeline-layout/title", test_title);
  g_test_add_func ("/timeline-layout/legend", test_legend);
  g_test_add_func ("/timeline-layout/render-png", test_render_png);
  g_test_add_func ("/timeline-layout/parse-number", test_parse_number);
  g_test_add_func ("/timeline-layout/month-names", test_month_names);
  g_test_add_func ("/timeline-layout/years-named", test_years_named);
  g_test_add_func ("/timeline-layout/first-year-before-january", test_first_year_before_january);
  g_test_add_func ("/timeline-layout/scrolled-months", test_scrolled_months);
  g_test_add_func ("/timeline-layout/scroll-bar-thumb", test_scroll_bar_thumb);
  g_test_add_func ("/timeline-layout/period-scroll", test_period_scroll);
  g_test_add_func ("/timeline-layout/cut-texts-hidden", test_cut_texts_hidden);
  g_test_add_func ("/timeline-layout/export-counts-smaller", test_export_counts_smaller);
  g_test_add_func ("/timeline-layout/scrolled-huge-counts", test_scrolled_huge_counts);
  g_test_add_func ("/timeline-layout/benchmark-band-edge", test_benchmark_band_edge);

  return g_test_run ();
}
