/* test-canvas.c: the funnel and timeline canvases in a real window
 *
 * Runs under Xvfb with a private D-Bus session (the "ui" suite). Drags go
 * through the same code as the gesture handlers (fp-*-view-private.h) and,
 * where xdotool and an X11 display are there, through the real pointer and
 * keyboard; each checks the plan, the projection and that one undo restores
 * the value. The canvases are saved as PNG files for a person to look at.
 */

#include "config.h"

#include <adwaita.h>
#include <math.h>
#include <string.h>


#include "fp-canvas-handle.h"
#include "fp-funnel-view-private.h"
#include "fp-plan-io.h"
#include "fp-projection.h"
#include "fp-theme-gtk.h"
#include "fp-kept-in-sight.h"
#include "fp-timeline-view-private.h"
#include "ui-window-util.h"
#include "ui-xdotool.h"

typedef struct
{
  FpPlan *plan;
  GtkWindow *window;
  GtkWidget *view;
  guint n_changes;
} Fixture;

static FpPlan *
load_sample (void)
{
  const char *root = g_getenv ("FP_SOURCE_ROOT");
  g_autofree char *path = NULL;
  g_autoptr(GFile) file = NULL;
  g_autoptr(GError) error = NULL;
  FpPlan *plan;

  g_assert_nonnull (root);
  path = g_build_filename (root, "data", "samples", "q3-demand-plan.funnel.json", NULL);
  file = g_file_new_for_path (path);
  plan = fp_plan_load_file (file, NULL, &error);
  g_assert_no_error (error);
  return plan;
}

static void
on_plan_changed (FpPlan  *plan,
                 guint    change,
                 Fixture *fixture)
{
  fixture->n_changes++;
}

static void
iterate (void)
{
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

/* Runs the main loop until @fixture's plan changed @n times more, or
 * @timeout_ms passed. */
static gboolean
wait_for_changes (Fixture *fixture,
                  guint    before,
                  guint    n,
                  guint    timeout_ms)
{
  gint64 end = g_get_monotonic_time () + timeout_ms * 1000;

  while (fixture->n_changes < before + n && g_get_monotonic_time () < end)
    g_main_context_iteration (NULL, FALSE), g_usleep (1000);
  return fixture->n_changes >= before + n;
}

static void
fixture_set_up (Fixture   *fixture,
                GtkWidget *view,
                int        width,
                int        height)
{
  fixture->plan = load_sample ();
  g_signal_connect (fixture->plan, "changed", G_CALLBACK (on_plan_changed), fixture);
  fixture->view = view;
  g_object_set (view, "plan", fixture->plan, NULL);

  fixture->window = GTK_WINDOW (gtk_window_new ());
  /* No title bar: the view is the whole surface, so that widget and
   * surface coordinates agree for xdotool. */
  gtk_window_set_decorated (fixture->window, FALSE);
  if (width <= 1200 && height <= 900)
    {
      gtk_window_set_default_size (fixture->window, width, height);
      gtk_window_set_child (fixture->window, view);
    }
  else
    {
      /* Larger than the X screen: the window would be clamped to it, so the
       * view gets its size in a scrolled window (its snapshot is whole). */
      GtkWidget *scrolled = gtk_scrolled_window_new ();

      gtk_widget_set_size_request (view, width, height);
      gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), view);
      gtk_window_set_default_size (fixture->window, 800, 600);
      gtk_window_set_child (fixture->window, scrolled);
    }
  gtk_window_present (fixture->window);
  gtk_test_widget_wait_for_draw (view);
  iterate ();
  g_assert_cmpint (gtk_widget_get_width (view), ==, width);
  g_assert_cmpint (gtk_widget_get_height (view), ==, height);
}

static void
fixture_tear_down (Fixture *fixture)
{
  g_object_ref (fixture->view);
  gtk_window_destroy (fixture->window);
  iterate ();
  g_assert_finalize_object (fixture->view);
  g_signal_handlers_disconnect_by_data (fixture->plan, fixture);
  g_assert_finalize_object (fixture->plan);
}

static const char *
artifacts_dir (void)
{
  const char *dir = g_getenv ("FP_TEST_ARTIFACTS");

  if (dir == NULL)
    dir = g_getenv ("G_TEST_BUILDDIR");
  if (dir == NULL)
    dir = g_get_tmp_dir ();
  g_assert_cmpint (g_mkdir_with_parents (dir, 0755), ==, 0);
  return dir;
}

/* The view, as drawn now, saved as a PNG. */
static void
save_png (GtkWidget  *view,
          const char *name)
{
  g_autoptr(GdkTexture) texture = ui_render_widget (view);
  g_autofree char *path = g_build_filename (artifacts_dir (), name, NULL);

  g_assert_true (gdk_texture_save_to_png (texture, path));
  g_test_message ("saved %s", path);
}

/* Funnel: the gesture path */

static double
conversion_track_px (const FpFunnelLayout *layout,
                     guint                 stage,
                     double                delta)
{
  const FpFunnelStageLayout *st = fp_funnel_layout_get_stage (layout, stage);

  return delta * (st->conversion_x1 - st->conversion_x0) / (st->conversion_max - st->conversion_min);
}

static void
test_funnel_drag (void)
{
  Fixture f = { 0 };
  FpFunnelView *view;
  const FpFunnelLayout *layout;
  const FpFunnelStageLayout *st;
  g_autoptr(FpProjection) before = NULL;
  g_autoptr(FpProjection) after = NULL;
  double x;
  double y;
  double px;
  double px_fine;
  double grabbed;

  fixture_set_up (&f, fp_funnel_view_new (), 800, 600);
  view = FP_FUNNEL_VIEW (f.view);
  before = fp_projection_new (f.plan);
  g_assert_cmpfloat (fp_plan_get_stage (f.plan, 0)->conversion, ==, 0.2);

  layout = _fp_funnel_view_get_layout (view);
  g_assert_nonnull (layout);
  st = fp_funnel_layout_get_stage (layout, 0);
  x = fp_funnel_layout_x_at_conversion (layout, 0, st->conversion);
  y = st->conversion_y;
  px = conversion_track_px (layout, 0, 0.05);
  px_fine = conversion_track_px (layout, 0, 0.0032);
  g_assert_cmpfloat (px, >, 10);

  /* Off the handle, nothing is grabbed. */
  g_assert_false (_fp_funnel_view_drag_begin (view, 2, 2));

  /* Grab the knob off-centre: the grab anchor keeps that point under the
   * pointer, so not moving changes nothing. */
  grabbed = x + 3;
  g_assert_true (_fp_funnel_view_drag_begin (view, grabbed, y));
  _fp_funnel_view_drag_update (view, grabbed, y, 0);
  g_assert_cmpfloat (fp_plan_get_stage (f.plan, 0)->conversion, ==, 0.2);

  /* Three motions, then 5 points up */
  _fp_funnel_view_drag_update (view, grabbed + px / 3, y + 4, 0);
  _fp_funnel_view_drag_update (view, grabbed + 2 * px / 3, y - 3, 0);
  _fp_funnel_view_drag_update (view, grabbed + px, y, 0);
  g_assert_cmpfloat (fabs (fp_plan_get_stage (f.plan, 0)->conversion - 0.25), <, 1e-9);

  /* Live: the layout drawn mid-drag has the new volumes and keeps the
   * frozen track, so the knob is under the pointer. */
  layout = _fp_funnel_view_get_layout (view);
  st = fp_funnel_layout_get_stage (layout, 0);
  g_assert_cmpfloat (fabs (fp_funnel_layout_x_at_conversion (layout, 0, st->conversion) - x - px), <, 1);
  after = fp_projection_new (f.plan);
  g_assert_cmpfloat (fabs (st->volume - after->required[0]), <, 1e-6);
  g_assert_cmpfloat (after->required[0], <, before->required[0]);

  /* Steps: 0.5% */
  _fp_funnel_view_drag_update (view, grabbed + px + px_fine, y, 0);
  g_assert_cmpfloat (fabs (fp_plan_get_stage (f.plan, 0)->conversion - 0.255), <, 1e-9);

  /* Far left: kept above zero */
  _fp_funnel_view_drag_update (view, -500, y, 0);
  g_assert_cmpfloat (fp_plan_get_stage (f.plan, 0)->conversion, ==, 0.005);
  _fp_funnel_view_drag_update (view, grabbed + px, y, 0);
  _fp_funnel_view_drag_end (view);
  g_assert_cmpfloat (fabs (fp_plan_get_stage (f.plan, 0)->conversion - 0.25), <, 1e-9);

  /* The accessible slider followed. */
  gtk_test_accessible_assert_property (_fp_funnel_view_get_handle (view, FP_CANVAS_HANDLE_CONVERSION, 0),
                                       GTK_ACCESSIBLE_PROPERTY_VALUE_NOW, 25.0);

  /* One drag, one undo step */
  g_assert_true (fp_plan_can_undo (f.plan));
  g_assert_true (fp_plan_undo (f.plan));
  g_assert_cmpfloat (fp_plan_get_stage (f.plan, 0)->conversion, ==, 0.2);
  g_assert_false (fp_plan_can_undo (f.plan));

  /* 0.1% steps with Shift, which slows the knob tenfold from where it is
   * (/canvas/funnel/shift-drag-slows) */
  layout = _fp_funnel_view_get_layout (view);
  x = fp_funnel_layout_x_at_conversion (layout, 0, fp_funnel_layout_get_stage (layout, 0)->conversion);
  g_assert_true (_fp_funnel_view_drag_begin (view, x, y));
  _fp_funnel_view_drag_update (view, x + px, y, 0);
  g_assert_cmpfloat (fabs (fp_plan_get_stage (f.plan, 0)->conversion - 0.25), <, 1e-9);
  _fp_funnel_view_drag_update (view, x + px, y, GDK_SHIFT_MASK);
  g_assert_cmpfloat (fabs (fp_plan_get_stage (f.plan, 0)->conversion - 0.25), <, 1e-9);
  _fp_funnel_view_drag_update (view, x + px + 10 * px_fine, y, GDK_SHIFT_MASK);
  g_assert_cmpfloat (fabs (fp_plan_get_stage (f.plan, 0)->conversion - 0.253), <, 1e-9);
  _fp_funnel_view_drag_end (view);

  fixture_tear_down (&f);
}

/* With Shift a drag moves the knob a tenth as far as the pointer: at
 * 800x600 a track moves about 2% a pixel, and its 0.1% steps were out of
 * the mouse's reach. Shift let go, the knob goes on from where it is. */
static void
test_funnel_shift_drag_slows (void)
{
  Fixture f = { 0 };
  FpFunnelView *view;
  const FpFunnelLayout *layout;
  const FpFunnelStageLayout *st;
  double x;
  double y;
  double px;

  fixture_set_up (&f, fp_funnel_view_new (), 800, 600);
  view = FP_FUNNEL_VIEW (f.view);
  layout = _fp_funnel_view_get_layout (view);
  st = fp_funnel_layout_get_stage (layout, 1);
  g_assert_cmpfloat (st->conversion, ==, 0.5);
  x = fp_funnel_layout_x_at_conversion (layout, 1, st->conversion);
  y = st->conversion_y;
  /* The pixels for 1%: a pixel is more than 0.5% */
  px = conversion_track_px (layout, 1, 0.01);
  g_test_message ("1%% is %.2f px", px);
  g_assert_cmpfloat (px, <, 2);

  g_assert_true (_fp_funnel_view_drag_begin (view, x, y));
  _fp_funnel_view_drag_update (view, x, y, 0);
  /* 30 px with Shift: 3 px's worth */
  _fp_funnel_view_drag_update (view, x + 15, y, GDK_SHIFT_MASK);
  _fp_funnel_view_drag_update (view, x + 30, y, GDK_SHIFT_MASK);
  g_assert_cmpfloat (fabs (fp_plan_get_stage (f.plan, 1)->conversion -
                           (0.5 + round (3 / px * 10) / 1000)), <, 1e-9);
  /* Shift let go: the knob stays (the value snaps to 0.5% steps again),
   * then each pixel counts in full */
  {
    double fine = fp_plan_get_stage (f.plan, 1)->conversion;

    _fp_funnel_view_drag_update (view, x + 30, y, 0);
    g_assert_cmpfloat (fabs (fp_plan_get_stage (f.plan, 1)->conversion - fine), <=, 0.0025 + 1e-9);
    _fp_funnel_view_drag_update (view, x + 30 + 5 * px, y, 0);
    g_assert_cmpfloat (fabs (fp_plan_get_stage (f.plan, 1)->conversion - (fine + 0.05)), <, 0.0051);
  }
  _fp_funnel_view_drag_end (view);

  /* One drag, one undo step */
  g_assert_true (fp_plan_undo (f.plan));
  g_assert_cmpfloat (fp_plan_get_stage (f.plan, 1)->conversion, ==, 0.5);

  /* Shift pressed with the pointer far past the track's start: the knob
   * goes on from where it is, at the least, not from the pointer */
  g_assert_true (_fp_funnel_view_drag_begin (view, x, y));
  _fp_funnel_view_drag_update (view, x - 200, y, 0);
  g_assert_cmpfloat (fp_plan_get_stage (f.plan, 1)->conversion, ==, 0.005);
  _fp_funnel_view_drag_update (view, x - 200, y, GDK_SHIFT_MASK);
  _fp_funnel_view_drag_update (view, x - 200 + 10 * 10 * px, y, GDK_SHIFT_MASK);
  g_assert_cmpfloat (fabs (fp_plan_get_stage (f.plan, 1)->conversion - (0.005 + 0.10)), <, 0.0011);
  _fp_funnel_view_drag_end (view);
  g_assert_true (fp_plan_undo (f.plan));

  fixture_tear_down (&f);
}

/* A value past the track's headroom would rescale the track; during the
 * drag it must not, or the knob would run away from the pointer. */
static void
test_funnel_drag_keeps_track (void)
{
  Fixture f = { 0 };
  FpFunnelView *view;
  const FpFunnelLayout *layout;
  const FpFunnelStageLayout *st;
  double x;
  double y;
  double px;
  double range;

  fixture_set_up (&f, fp_funnel_view_new (), 1280, 720);
  view = FP_FUNNEL_VIEW (f.view);
  layout = _fp_funnel_view_get_layout (view);
  st = fp_funnel_layout_get_stage (layout, 0);
  range = st->conversion_max;
  x = fp_funnel_layout_x_at_conversion (layout, 0, st->conversion);
  y = st->conversion_y;
  px = conversion_track_px (layout, 0, 0.9 * range - st->conversion);

  g_assert_true (_fp_funnel_view_drag_begin (view, x, y));
  _fp_funnel_view_drag_update (view, x + px, y, 0);
  g_assert_cmpfloat (fabs (fp_plan_get_stage (f.plan, 0)->conversion - 0.9 * range), <, 1e-9);
  layout = _fp_funnel_view_get_layout (view);
  st = fp_funnel_layout_get_stage (layout, 0);
  g_assert_cmpfloat (st->conversion_max, ==, range);
  g_assert_cmpfloat (fabs (fp_funnel_layout_x_at_conversion (layout, 0, st->conversion) - (x + px)), <, 1);
  g_assert_cmpint (fp_funnel_layout_hit_test (layout, x + px, y).kind, ==, FP_HIT_CONVERSION_HANDLE);
  gtk_test_widget_wait_for_draw (f.view);
  save_png (f.view, "canvas-funnel-mid-drag.png");
  _fp_funnel_view_drag_end (view);

  /* Let go, the track stays while its handle has the focus; then it makes
   * room above the new value. */
  layout = _fp_funnel_view_get_layout (view);
  g_assert_cmpfloat (fp_funnel_layout_get_stage (layout, 0)->conversion_max, ==, range);
  g_assert_true (gtk_widget_grab_focus (_fp_funnel_view_get_handle (view, FP_CANVAS_HANDLE_DURATION, 0)));
  layout = _fp_funnel_view_get_layout (view);
  g_assert_cmpfloat (fp_funnel_layout_get_stage (layout, 0)->conversion_max, >, range);
  g_assert_true (fp_plan_undo (f.plan));
  g_assert_false (fp_plan_can_undo (f.plan));

  fixture_tear_down (&f);
}

/* A drag snaps to its steps but never against the motion: a conversion
 * the keyboard left between steps (0.3%) does not go up to 0.5% when
 * dragged left; with Shift, all the way left is 0.1%. */
static void
test_funnel_drag_snaps_with_motion (void)
{
  Fixture f = { 0 };
  FpFunnelView *view;
  const FpFunnelLayout *layout;
  const FpFunnelStageLayout *st;
  double x;
  double y;

  fixture_set_up (&f, fp_funnel_view_new (), 1280, 720);
  view = FP_FUNNEL_VIEW (f.view);
  g_assert_true (fp_plan_set_stage_conversion (f.plan, 0, 0.003, NULL));
  layout = _fp_funnel_view_get_layout (view);
  st = fp_funnel_layout_get_stage (layout, 0);
  x = fp_funnel_layout_x_at_conversion (layout, 0, st->conversion);
  y = st->conversion_y;

  /* Pressed and not moved: nothing changes, and no undo step. */
  g_assert_true (_fp_funnel_view_drag_begin (view, x, y));
  _fp_funnel_view_drag_update (view, x, y, 0);
  _fp_funnel_view_drag_end (view);
  g_assert_cmpfloat (fp_plan_get_stage (f.plan, 0)->conversion, ==, 0.003);
  g_assert_true (fp_plan_undo (f.plan));
  g_assert_cmpfloat (fp_plan_get_stage (f.plan, 0)->conversion, ==, 0.2);
  g_assert_true (fp_plan_redo (f.plan));

  g_assert_true (_fp_funnel_view_drag_begin (view, x, y));
  _fp_funnel_view_drag_update (view, x - 1, y, 0);
  g_assert_cmpfloat (fp_plan_get_stage (f.plan, 0)->conversion, <=, 0.003);
  _fp_funnel_view_drag_update (view, x - 500, y, 0);
  g_assert_cmpfloat (fp_plan_get_stage (f.plan, 0)->conversion, ==, 0.003);
  _fp_funnel_view_drag_update (view, x + 1, y, 0);
  g_assert_cmpfloat (fp_plan_get_stage (f.plan, 0)->conversion, >=, 0.003);
  g_assert_cmpfloat (fp_plan_get_stage (f.plan, 0)->conversion, ==, 0.005);
  /* With Shift (slowed tenfold from where the knob is) */
  _fp_funnel_view_drag_update (view, x + 1, y, GDK_SHIFT_MASK);
  _fp_funnel_view_drag_update (view, x - 500, y, GDK_SHIFT_MASK);
  g_assert_cmpfloat (fp_plan_get_stage (f.plan, 0)->conversion, ==, FP_FUNNEL_MIN_CONVERSION);
  _fp_funnel_view_drag_end (view);

  fixture_tear_down (&f);
}

/* A drag past the end of a track widens the track instead of stopping:
 * the value goes on from the old maximum, at the wider track's rate, and
 * comes back to it when the pointer returns to the old end. */
static void
test_funnel_drag_past_end (void)
{
  Fixture f = { 0 };
  FpFunnelView *view;
  const FpFunnelLayout *layout;
  const FpFunnelStageLayout *st;
  double x;
  double y;
  double x1;
  double width;
  double range;
  double beyond;
  double days_range;

  fixture_set_up (&f, fp_funnel_view_new (), 1280, 720);
  view = FP_FUNNEL_VIEW (f.view);
  layout = _fp_funnel_view_get_layout (view);
  st = fp_funnel_layout_get_stage (layout, 0);
  range = st->conversion_max;
  g_assert_cmpfloat (range, <, 1.0);
  x = fp_funnel_layout_x_at_conversion (layout, 0, st->conversion);
  y = st->conversion_y;
  x1 = st->conversion_x1;
  width = st->conversion_x1 - st->conversion_x0;

  g_assert_true (_fp_funnel_view_drag_begin (view, x, y));
  _fp_funnel_view_drag_update (view, x1 + 40, y, 0);
  layout = _fp_funnel_view_get_layout (view);
  st = fp_funnel_layout_get_stage (layout, 0);
  g_assert_cmpfloat (st->conversion_max, >, range);
  beyond = fp_plan_get_stage (f.plan, 0)->conversion;
  g_assert_cmpfloat (fabs (beyond - (range + 40 * st->conversion_max / width)), <=, 0.0025 + 1e-9);
  /* The knob trails the pointer, on the wider track, at the value. */
  g_assert_cmpfloat (fabs (fp_funnel_layout_x_at_conversion (layout, 0, beyond)
                           - (st->conversion_x0 + beyond / st->conversion_max * width)), <, 1e-6);
  gtk_test_widget_wait_for_draw (f.view);
  save_png (f.view, "canvas-funnel-drag-past-end.png");

  _fp_funnel_view_drag_update (view, x1 + 80, y, 0);
  g_assert_cmpfloat (fp_plan_get_stage (f.plan, 0)->conversion, >, beyond);
  _fp_funnel_view_drag_update (view, x1, y, 0);
  g_assert_cmpfloat (fabs (fp_plan_get_stage (f.plan, 0)->conversion - range), <, 1e-9);
  /* All the way to 100%, and no further. */
  _fp_funnel_view_drag_update (view, x1 + 4 * width, y, 0);
  g_assert_cmpfloat (fp_plan_get_stage (f.plan, 0)->conversion, ==, 1.0);
  _fp_funnel_view_drag_update (view, x1 + 40, y, 0);
  g_assert_cmpfloat (fabs (fp_plan_get_stage (f.plan, 0)->conversion - beyond), <, 1e-9);
  /* Back where it was pressed, the value of the press: the old track's
   * part of the way keeps its old rate. Mapped through the wider track
   * alone, 20% came back as 0.5%. */
  _fp_funnel_view_drag_update (view, x + (x1 - x) / 2, y, 0);
  g_assert_cmpfloat (fabs (fp_plan_get_stage (f.plan, 0)->conversion - (0.2 + range) / 2), <=,
                     0.0025 + 1e-9);
  _fp_funnel_view_drag_update (view, x, y, 0);
  g_assert_cmpfloat (fp_plan_get_stage (f.plan, 0)->conversion, ==, 0.2);
  _fp_funnel_view_drag_update (view, x1 + 40, y, 0);
  g_assert_cmpfloat (fabs (fp_plan_get_stage (f.plan, 0)->conversion - beyond), <, 1e-9);
  _fp_funnel_view_drag_end (view);

  /* The wider track stays after the release: the knob does not jump. */
  layout = _fp_funnel_view_get_layout (view);
  g_assert_cmpfloat (fp_funnel_layout_get_stage (layout, 0)->conversion_max, ==, 1.0);
  g_assert_true (fp_plan_undo (f.plan));
  g_assert_cmpfloat (fp_plan_get_stage (f.plan, 0)->conversion, ==, 0.2);
  g_assert_false (fp_plan_can_undo (f.plan));

  /* The durations share one track range: all of them widen. */
  layout = _fp_funnel_view_get_layout (view);
  st = fp_funnel_layout_get_stage (layout, 3);
  days_range = st->duration_max;
  x = fp_funnel_layout_x_at_duration (layout, 3, st->duration);
  width = st->duration_x1 - st->duration_x0;
  g_assert_true (_fp_funnel_view_drag_begin (view, x, st->duration_y));
  _fp_funnel_view_drag_update (view, st->duration_x1 + 30, st->duration_y, 0);
  layout = _fp_funnel_view_get_layout (view);
  for (guint i = 0; i < 4; i++)
    g_assert_cmpfloat (fp_funnel_layout_get_stage (layout, i)->duration_max, >, days_range);
  st = fp_funnel_layout_get_stage (layout, 3);
  g_assert_cmpfloat (fabs (fp_plan_get_stage (f.plan, 3)->duration_days
                           - (days_range + 30 * st->duration_max / width)), <=, 0.5);
  _fp_funnel_view_drag_update (view, x, st->duration_y, 0);
  g_assert_cmpfloat (fp_plan_get_stage (f.plan, 3)->duration_days, ==, 45);
  _fp_funnel_view_drag_end (view);

  fixture_tear_down (&f);
}

/* A dragged conversion is a whole number of steps, written as such: the
 * plan holds 0.205, not 41 * 0.005 (0.20500000000000002), which a saved
 * plan showed in its file. */
static void
test_funnel_drag_clean_steps (void)
{
  Fixture f = { 0 };
  FpFunnelView *view;
  const FpFunnelLayout *layout;
  const FpFunnelStageLayout *st;
  double x;
  double y;
  double px;

  fixture_set_up (&f, fp_funnel_view_new (), 1280, 720);
  view = FP_FUNNEL_VIEW (f.view);
  layout = _fp_funnel_view_get_layout (view);
  st = fp_funnel_layout_get_stage (layout, 0);
  x = fp_funnel_layout_x_at_conversion (layout, 0, st->conversion);
  y = st->conversion_y;
  px = conversion_track_px (layout, 0, 0.005);

  g_assert_true (_fp_funnel_view_drag_begin (view, x, y));
  for (guint k = 1; k <= 20; k++)
    {
      _fp_funnel_view_drag_update (view, x + k * px, y, 0);
      g_assert_cmpfloat (fp_plan_get_stage (f.plan, 0)->conversion, ==, (40 + k) / 200.0);
    }
  /* With Shift, tenths of a percent */
  for (guint k = 1; k <= 5; k++)
    {
      _fp_funnel_view_drag_update (view, x + 20 * px + k * px * 2, y, GDK_SHIFT_MASK);
      g_assert_cmpfloat (fp_plan_get_stage (f.plan, 0)->conversion, ==, (300 + k) / 1000.0);
    }
  _fp_funnel_view_drag_end (view);

  fixture_tear_down (&f);
}

/* The durations on the funnel drag the same way, in whole days. */
static void
test_funnel_drag_duration (void)
{
  Fixture f = { 0 };
  FpFunnelView *view;
  const FpFunnelLayout *layout;
  const FpFunnelStageLayout *st;
  double x;
  double day_px;

  fixture_set_up (&f, fp_funnel_view_new (), 1280, 720);
  view = FP_FUNNEL_VIEW (f.view);
  layout = _fp_funnel_view_get_layout (view);
  st = fp_funnel_layout_get_stage (layout, 3);
  x = fp_funnel_layout_x_at_duration (layout, 3, st->duration);
  day_px = (st->duration_x1 - st->duration_x0) / st->duration_max;

  g_assert_true (_fp_funnel_view_drag_begin (view, x, st->duration_y));
  _fp_funnel_view_drag_update (view, x + 5.2 * day_px, st->duration_y, 0);
  _fp_funnel_view_drag_end (view);
  g_assert_cmpfloat (fp_plan_get_stage (f.plan, 3)->duration_days, ==, 50);
  g_assert_true (fp_plan_undo (f.plan));
  g_assert_cmpfloat (fp_plan_get_stage (f.plan, 3)->duration_days, ==, 45);

  fixture_tear_down (&f);
}

/* A handle marked for leaving its benchmark says why when the pointer
 * rests on it; one inside its band says nothing. A band says its volume
 * and that the widths are on a log scale, then its warnings. */
static void
test_funnel_tooltip (void)
{
  Fixture f = { 0 };
  FpFunnelView *view;
  const FpFunnelLayout *layout;
  const FpFunnelStageLayout *st;
  g_autofree char *inside = NULL;
  g_autofree char *outside = NULL;
  g_autofree char *band = NULL;
  g_autofree char *quiet_band = NULL;
  g_autofree char *expected = NULL;

  fixture_set_up (&f, fp_funnel_view_new (), 1280, 720);
  view = FP_FUNNEL_VIEW (f.view);
  layout = _fp_funnel_view_get_layout (view);
  st = fp_funnel_layout_get_stage (layout, 0);
  inside = _fp_funnel_view_get_tooltip (view, fp_funnel_layout_x_at_conversion (layout, 0, st->conversion),
                                        st->conversion_y);
  g_assert_null (inside);
  quiet_band = _fp_funnel_view_get_tooltip (view, st->band.x + st->band.width / 2,
                                            st->band.y + st->band.height / 2);
  g_assert_cmpstr (quiet_band, ==, "Leads: 2,667 over the period\n"
                                   "Widths are on a logarithmic scale, so that small stages stay "
                                   "visible");

  g_assert_true (fp_plan_set_stage_conversion (f.plan, 0, 0.295, NULL));
  iterate ();
  layout = _fp_funnel_view_get_layout (view);
  st = fp_funnel_layout_get_stage (layout, 0);
  outside = _fp_funnel_view_get_tooltip (view, fp_funnel_layout_x_at_conversion (layout, 0, st->conversion),
                                         st->conversion_y);
  g_assert_nonnull (outside);
  g_assert_nonnull (strstr (outside, "benchmark"));
  /* The duration's handle is not about the conversion */
  g_assert_null (_fp_funnel_view_get_tooltip (view, fp_funnel_layout_x_at_duration (layout, 0, st->duration),
                                              st->duration_y));
  band = _fp_funnel_view_get_tooltip (view, st->band.x + st->band.width / 2,
                                      st->band.y + st->band.height / 2);
  expected = g_strconcat ("Leads: 1,808 over the period\n"
                          "Widths are on a logarithmic scale, so that small stages stay "
                          "visible\n\n", outside, NULL);
  g_assert_cmpstr (band, ==, expected);
  g_assert_true (gtk_widget_get_has_tooltip (f.view));

  fixture_tear_down (&f);
}

static void
test_funnel_keyboard (void)
{
  Fixture f = { 0 };
  FpFunnelView *view;
  GtkWidget *expected[4];

  fixture_set_up (&f, fp_funnel_view_new (), 800, 600);
  view = FP_FUNNEL_VIEW (f.view);

  /* Tab goes handle by handle, row by row, then out */
  expected[0] = _fp_funnel_view_get_handle (view, FP_CANVAS_HANDLE_CONVERSION, 0);
  expected[1] = _fp_funnel_view_get_handle (view, FP_CANVAS_HANDLE_DURATION, 0);
  expected[2] = _fp_funnel_view_get_handle (view, FP_CANVAS_HANDLE_CONVERSION, 1);
  expected[3] = _fp_funnel_view_get_handle (view, FP_CANVAS_HANDLE_DURATION, 1);
  /* Presenting focused the first handle already; start from nothing. */
  gtk_window_set_focus (f.window, NULL);
  g_assert_true (gtk_widget_child_focus (GTK_WIDGET (f.window), GTK_DIR_TAB_FORWARD));
  for (guint k = 0; k < G_N_ELEMENTS (expected); k++)
    {
      if (k > 0)
        g_assert_true (gtk_widget_child_focus (GTK_WIDGET (f.window), GTK_DIR_TAB_FORWARD));
      g_assert_true (gtk_widget_has_focus (expected[k]));
    }
  g_assert_true (gtk_widget_child_focus (GTK_WIDGET (f.window), GTK_DIR_TAB_BACKWARD));
  g_assert_true (gtk_widget_has_focus (expected[2]));

  /* Arrows: 1%, 0.1% with Shift; the presses on one handle are one undo
   * step, as a drag is */
  g_assert_true (_fp_funnel_view_step (view, FP_CANVAS_HANDLE (expected[2]), +1, FP_KEY_STEP));
  g_assert_cmpfloat (fabs (fp_plan_get_stage (f.plan, 1)->conversion - 0.51), <, 1e-9);
  g_assert_true (_fp_funnel_view_step (view, FP_CANVAS_HANDLE (expected[2]), -1,
                                       FP_KEY_STEP_SHIFT));
  g_assert_cmpfloat (fabs (fp_plan_get_stage (f.plan, 1)->conversion - 0.509), <, 1e-9);
  g_assert_true (_fp_funnel_view_step (view, FP_CANVAS_HANDLE (expected[3]), +1, FP_KEY_STEP));
  g_assert_cmpfloat (fp_plan_get_stage (f.plan, 1)->duration_days, ==, 11);
  gtk_test_accessible_assert_property (expected[2], GTK_ACCESSIBLE_PROPERTY_LABEL,
                                       "Marketing qualified conversion");
  gtk_test_accessible_assert_property (expected[3], GTK_ACCESSIBLE_PROPERTY_VALUE_NOW, 11.0);
  g_assert_true (fp_plan_undo (f.plan));
  g_assert_cmpfloat (fp_plan_get_stage (f.plan, 1)->duration_days, ==, 10);
  g_assert_cmpfloat (fabs (fp_plan_get_stage (f.plan, 1)->conversion - 0.509), <, 1e-9);
  g_assert_true (fp_plan_undo (f.plan));
  g_assert_cmpfloat (fp_plan_get_stage (f.plan, 1)->conversion, ==, 0.5);
  g_assert_false (fp_plan_can_undo (f.plan));

  /* Leaving the handle ends the run: presses after coming back are a step
   * of their own. */
  g_assert_true (_fp_funnel_view_step (view, FP_CANVAS_HANDLE (expected[2]), +1, FP_KEY_STEP));
  g_assert_true (gtk_widget_child_focus (GTK_WIDGET (f.window), GTK_DIR_TAB_FORWARD));
  g_assert_true (gtk_widget_child_focus (GTK_WIDGET (f.window), GTK_DIR_TAB_BACKWARD));
  g_assert_true (gtk_widget_has_focus (expected[2]));
  g_assert_true (_fp_funnel_view_step (view, FP_CANVAS_HANDLE (expected[2]), +1, FP_KEY_STEP));
  g_assert_true (fp_plan_undo (f.plan));
  g_assert_cmpfloat (fabs (fp_plan_get_stage (f.plan, 1)->conversion - 0.51), <, 1e-9);
  g_assert_true (fp_plan_undo (f.plan));
  g_assert_cmpfloat (fp_plan_get_stage (f.plan, 1)->conversion, ==, 0.5);

  /* Roles and names */
  g_assert_cmpint (gtk_accessible_get_accessible_role (GTK_ACCESSIBLE (expected[0])), ==,
                   GTK_ACCESSIBLE_ROLE_SLIDER);
  gtk_test_accessible_assert_property (expected[0], GTK_ACCESSIBLE_PROPERTY_LABEL, "Leads conversion");
  gtk_test_accessible_assert_property (expected[1], GTK_ACCESSIBLE_PROPERTY_LABEL, "Leads days in stage");
  g_assert_cmpint (gtk_accessible_get_accessible_role (GTK_ACCESSIBLE (view)), ==,
                   GTK_ACCESSIBLE_ROLE_GROUP);

  fixture_tear_down (&f);
}

/* The real pointer and keyboard, through the X server */

#ifdef GDK_WINDOWING_X11
static void
test_funnel_xdotool_drag (void)
{
  Fixture f = { 0 };
  const FpFunnelLayout *layout;
  const FpFunnelStageLayout *st;
  g_autofree char *xid = NULL;
  g_autoptr(FpProjection) before = NULL;
  g_autoptr(FpProjection) after = NULL;
  double x;
  double y;
  double px;
  double value;
  guint changes;
  char x0[32], y0[32], x1[32], x2[32], x3[32];

  fixture_set_up (&f, fp_funnel_view_new (), 800, 600);
  if (!ui_xdotool_usable (f.view))
    {
      fixture_tear_down (&f);
      return;
    }
  before = fp_projection_new (f.plan);
  xid = ui_xdotool_window_id (f.window);
  layout = _fp_funnel_view_get_layout (FP_FUNNEL_VIEW (f.view));
  st = fp_funnel_layout_get_stage (layout, 2);
  x = round (fp_funnel_layout_x_at_conversion (layout, 2, st->conversion));
  y = round (st->conversion_y);
  px = conversion_track_px (layout, 2, 0.2);
  g_snprintf (x0, sizeof x0, "%d", (int) x);
  g_snprintf (y0, sizeof y0, "%d", (int) y);
  g_snprintf (x1, sizeof x1, "%d", (int) round (x - px / 3));
  g_snprintf (x2, sizeof x2, "%d", (int) round (x - 2 * px / 3));
  g_snprintf (x3, sizeof x3, "%d", (int) round (x - px));

  {
    const char *args[] = {
      "xdotool",
      "mousemove", "--window", xid, "--sync", x0, y0, "sleep", "0.2",
      "mousedown", "1", "sleep", "0.1",
      "mousemove", "--window", xid, x1, y0, "sleep", "0.1",
      "mousemove", "--window", xid, x2, y0, "sleep", "0.1",
      "mousemove", "--window", xid, x3, y0, "sleep", "0.1",
      "mouseup", "1",
      NULL
    };

    changes = f.n_changes;
    g_assert_true (ui_xdotool_run (args));
  }
  g_assert_true (wait_for_changes (&f, changes, 1, 3000));
  iterate ();

  /* 60% less 20 points, within a pixel's worth of rounding */
  value = fp_plan_get_stage (f.plan, 2)->conversion;
  g_test_message ("xdotool drag: 0.6 -> %g over %g px", value, px);
  g_assert_cmpfloat (fabs (value - 0.4), <=, 0.0101);
  after = fp_projection_new (f.plan);
  g_assert_cmpfloat (after->required[0], >, before->required[0]);
  /* The drag ended with the button: one undo step restores the value. */
  g_assert_true (fp_plan_undo (f.plan));
  g_assert_cmpfloat (fp_plan_get_stage (f.plan, 2)->conversion, ==, 0.6);
  g_assert_false (fp_plan_can_undo (f.plan));

  fixture_tear_down (&f);
}

static void
test_funnel_xdotool_keys (void)
{
  Fixture f = { 0 };
  GtkWidget *handle;
  guint changes;

  fixture_set_up (&f, fp_funnel_view_new (), 800, 600);
  if (!ui_xdotool_usable (f.view))
    {
      fixture_tear_down (&f);
      return;
    }
  handle = _fp_funnel_view_get_handle (FP_FUNNEL_VIEW (f.view), FP_CANVAS_HANDLE_CONVERSION, 0);

  g_assert_true (ui_xdotool_focus_window (f.window));
  /* Tab from nothing lands on the first handle. */
  {
    const char *tab[] = { "xdotool", "key", "--delay", "50", "Tab", NULL };

    g_assert_true (ui_xdotool_run (tab));
    iterate ();
  }
  if (!gtk_widget_has_focus (handle))
    gtk_widget_grab_focus (handle);

  {
    const char *keys[] = { "xdotool", "key", "--delay", "50", "Right", "Right", "shift+Left", NULL };

    changes = f.n_changes;
    g_assert_true (ui_xdotool_run (keys));
  }
  g_assert_true (wait_for_changes (&f, changes, 3, 3000));
  g_assert_cmpfloat (fabs (fp_plan_get_stage (f.plan, 0)->conversion - 0.219), <, 1e-9);
  /* The three presses on the handle, one undo step */
  g_assert_true (fp_plan_undo (f.plan));
  g_assert_cmpfloat (fp_plan_get_stage (f.plan, 0)->conversion, ==, 0.2);
  g_assert_false (fp_plan_can_undo (f.plan));

  /* The other keys of a slider: a page is 10%, End and Home go all the
   * way (100%, and 0.1%, as a conversion is more than 0) */
  {
    const char *page[] = { "xdotool", "key", "--delay", "50", "Page_Up", NULL };
    const char *end[] = { "xdotool", "key", "--delay", "50", "End", NULL };
    const char *home[] = { "xdotool", "key", "--delay", "50", "Home", NULL };

    changes = f.n_changes;
    g_assert_true (ui_xdotool_run (page));
    g_assert_true (wait_for_changes (&f, changes, 1, 3000));
    g_assert_cmpfloat (fabs (fp_plan_get_stage (f.plan, 0)->conversion - 0.3), <, 1e-9);
    changes = f.n_changes;
    g_assert_true (ui_xdotool_run (end));
    g_assert_true (wait_for_changes (&f, changes, 1, 3000));
    g_assert_cmpfloat (fp_plan_get_stage (f.plan, 0)->conversion, ==, 1.0);
    changes = f.n_changes;
    g_assert_true (ui_xdotool_run (home));
    g_assert_true (wait_for_changes (&f, changes, 1, 3000));
    g_assert_cmpfloat (fabs (fp_plan_get_stage (f.plan, 0)->conversion - 0.001), <, 1e-9);
  }
  /* Each jump, an undo step of its own */
  g_assert_true (fp_plan_undo (f.plan));
  g_assert_cmpfloat (fp_plan_get_stage (f.plan, 0)->conversion, ==, 1.0);
  g_assert_true (fp_plan_undo (f.plan));
  g_assert_cmpfloat (fabs (fp_plan_get_stage (f.plan, 0)->conversion - 0.3), <, 1e-9);
  g_assert_true (fp_plan_undo (f.plan));
  g_assert_cmpfloat (fp_plan_get_stage (f.plan, 0)->conversion, ==, 0.2);
  g_assert_false (fp_plan_can_undo (f.plan));

  fixture_tear_down (&f);
}

static void
test_timeline_xdotool_drag (void)
{
  Fixture f = { 0 };
  const FpTimelineLayout *layout;
  const FpTimelineStageLayout *st;
  g_autofree char *xid = NULL;
  double x0;
  double x1;
  double day_px;
  guint changes;
  char sx[32], sy[32], ex[32];

  fixture_set_up (&f, fp_timeline_view_new (), 800, 600);
  if (!ui_xdotool_usable (f.view))
    {
      fixture_tear_down (&f);
      return;
    }
  xid = ui_xdotool_window_id (f.window);
  layout = _fp_timeline_view_get_layout (FP_TIMELINE_VIEW (f.view));
  fp_timeline_layout_get_axis (layout, &x0, &x1);
  day_px = (x1 - x0) / fp_timeline_layout_get_axis_days (layout);
  st = fp_timeline_layout_get_stage (layout, 3);
  g_snprintf (sx, sizeof sx, "%d", (int) round (st->handle_x));
  g_snprintf (sy, sizeof sy, "%d", (int) round (st->bar.y + st->bar.height / 2));
  g_snprintf (ex, sizeof ex, "%d", (int) round (st->handle_x - 10 * day_px));

  {
    const char *args[] = {
      "xdotool",
      "mousemove", "--window", xid, "--sync", sx, sy, "sleep", "0.2",
      "mousedown", "1", "sleep", "0.1",
      "mousemove", "--window", xid, ex, sy, "sleep", "0.1",
      "mouseup", "1",
      NULL
    };

    changes = f.n_changes;
    g_assert_true (ui_xdotool_run (args));
  }
  g_assert_true (wait_for_changes (&f, changes, 1, 3000));
  iterate ();
  g_test_message ("xdotool timeline drag: 45 -> %g days", fp_plan_get_stage (f.plan, 3)->duration_days);
  g_assert_cmpfloat (fabs (fp_plan_get_stage (f.plan, 3)->duration_days - 55), <=, 1);
  g_assert_true (fp_plan_undo (f.plan));
  g_assert_cmpfloat (fp_plan_get_stage (f.plan, 3)->duration_days, ==, 45);
  g_assert_false (fp_plan_can_undo (f.plan));

  fixture_tear_down (&f);
}

static double
months_scroll (Fixture *f)
{
  double scroll = -1;

  iterate ();
  fp_timeline_layout_get_grid_scroll (_fp_timeline_view_get_layout (FP_TIMELINE_VIEW (f->view)),
                                      NULL, &scroll, NULL);
  return scroll;
}

/* Runs the main loop until the months are scrolled other than @from, or
 * @timeout_ms passed; the scroll then. */
static double
wait_for_scroll (Fixture *f,
                 double   from,
                 guint    timeout_ms)
{
  gint64 end = g_get_monotonic_time () + timeout_ms * 1000;

  while (months_scroll (f) == from && g_get_monotonic_time () < end)
    g_usleep (1000);
  return months_scroll (f);
}

/* The months open on the plan period with the lead time before it, and
 * follow it as the plan changes, until the person scrolls them: then they
 * stay where the person put them. A quarter with seven months of lead time
 * opened on the lead time, the period off to the right. */
static void
test_timeline_months_follow_period (void)
{
  Fixture f = { 0 };
  const FpTimelineLayout *layout;
  double scroll;
  double max;
  double scrolled;

  fixture_set_up (&f, fp_timeline_view_new (), 440, 500);
  g_assert_true (fp_plan_set_revenue_target (f.plan, 1.2e8, NULL));
  for (guint i = 0; i + 1 < fp_plan_get_n_stages (f.plan); i++)
    g_assert_true (fp_plan_set_stage_duration (f.plan, i, 3 * fp_plan_get_stage (f.plan, i)->duration_days,
                                               NULL));
  gtk_test_widget_wait_for_draw (f.view);
  iterate ();
  layout = _fp_timeline_view_get_layout (FP_TIMELINE_VIEW (f.view));
  g_assert_true (fp_timeline_layout_get_grid_scroll (layout, NULL, &scroll, &max));
  g_test_message ("opened at %g px of %g", scroll, max);
  g_assert_cmpfloat (scroll, >, 0);
  g_assert_cmpfloat (scroll, ==, fp_timeline_layout_get_period_scroll (layout));

  /* A longer lead time: still the period */
  g_assert_true (fp_plan_set_stage_duration (f.plan, 0, 200, NULL));
  gtk_test_widget_wait_for_draw (f.view);
  iterate ();
  layout = _fp_timeline_view_get_layout (FP_TIMELINE_VIEW (f.view));
  g_assert_true (fp_timeline_layout_get_grid_scroll (layout, NULL, &scroll, &max));
  g_assert_cmpfloat (scroll, ==, fp_timeline_layout_get_period_scroll (layout));

  /* Scrolled a month back by the person, they stay there through an edit
   * that moves the period's scroll */
  g_assert_true (_fp_timeline_view_step_months (FP_TIMELINE_VIEW (f.view), -1, FP_KEY_STEP));
  iterate ();
  layout = _fp_timeline_view_get_layout (FP_TIMELINE_VIEW (f.view));
  fp_timeline_layout_get_grid_scroll (layout, NULL, &scrolled, NULL);
  g_assert_cmpfloat (scrolled, >, 0);
  g_assert_cmpfloat (scrolled, <, scroll);
  g_assert_true (fp_plan_set_stage_duration (f.plan, 0, 260, NULL));
  gtk_test_widget_wait_for_draw (f.view);
  iterate ();
  layout = _fp_timeline_view_get_layout (FP_TIMELINE_VIEW (f.view));
  g_assert_cmpfloat (fp_timeline_layout_get_period_scroll (layout), >, scroll);
  g_assert_true (fp_timeline_layout_get_grid_scroll (layout, NULL, &scroll, NULL));
  g_assert_cmpfloat (scroll, ==, scrolled);

  /* A new period is followed again */
  g_assert_true (fp_plan_set_period (f.plan, 2027, 10, 3, NULL));
  gtk_test_widget_wait_for_draw (f.view);
  iterate ();
  layout = _fp_timeline_view_get_layout (FP_TIMELINE_VIEW (f.view));
  g_assert_true (fp_timeline_layout_get_grid_scroll (layout, NULL, &scroll, NULL));
  g_assert_cmpfloat (scroll, ==, fp_timeline_layout_get_period_scroll (layout));
  g_assert_cmpfloat (scroll, !=, scrolled);

  fixture_tear_down (&f);
}

/* Months too narrow for their counts scroll, with the real wheel (with
 * Shift), a drag on them, and the keys of the handle Tab reaches after the
 * bars; none of it is an edit. */
static void
test_timeline_scroll_months (void)
{
  Fixture f = { 0 };
  const FpTimelineLayout *layout;
  GtkWidget *months;
  g_autofree char *xid = NULL;
  FpRect view;
  double max;
  double scroll;
  guint changes;
  char x[32], y[32], left[32];

  fixture_set_up (&f, fp_timeline_view_new (), 800, 600);
  if (!ui_xdotool_usable (f.view))
    {
      fixture_tear_down (&f);
      return;
    }
  months = _fp_timeline_view_get_months_handle (FP_TIMELINE_VIEW (f.view));
  layout = _fp_timeline_view_get_layout (FP_TIMELINE_VIEW (f.view));
  g_assert_false (fp_timeline_layout_get_grid_scroll (layout, NULL, NULL, NULL));
  g_assert_false (gtk_widget_get_focusable (months));
  /* GTK 4.8 keeps it in the accessible tree: named, and saying that every
   * month shows */
  gtk_test_accessible_assert_property (months, GTK_ACCESSIBLE_PROPERTY_LABEL, "Months in view");

  /* Five years: the format's longest */
  g_assert_true (fp_plan_set_period (f.plan, 2027, 7, 60, NULL));
  gtk_test_widget_wait_for_draw (f.view);
  iterate ();
  layout = _fp_timeline_view_get_layout (FP_TIMELINE_VIEW (f.view));
  g_assert_true (fp_timeline_layout_get_grid_scroll (layout, &view, &scroll, &max));
  g_assert_cmpfloat (scroll, ==, 0);
  g_assert_true (gtk_widget_get_focusable (months));
  changes = f.n_changes;

  xid = ui_xdotool_window_id (f.window);
  g_snprintf (x, sizeof x, "%d", (int) round (view.x + view.width / 2));
  g_snprintf (y, sizeof y, "%d", (int) round (view.y + view.height / 2));
  g_snprintf (left, sizeof left, "%d", (int) round (view.x + view.width / 2 - 150));

  /* The plain wheel is the page's: the months stay */
  {
    const char *wheel[] = { "xdotool", "mousemove", "--window", xid, "--sync", x, y,
                            "sleep", "0.2", "click", "5", "sleep", "0.2", NULL };

    g_assert_true (ui_xdotool_run (wheel));
    g_assert_cmpfloat (wait_for_scroll (&f, 0, 500), ==, 0);
  }
  /* Shift and the wheel */
  {
    const char *wheel[] = { "xdotool", "keydown", "shift", "click", "5", "click", "5",
                            "keyup", "shift", NULL };

    g_assert_true (ui_xdotool_run (wheel));
    scroll = wait_for_scroll (&f, 0, 3000);
    g_test_message ("Shift and two clicks of the wheel: scrolled %g px of %g", scroll, max);
    g_assert_cmpfloat (scroll, >, 0);
    g_assert_cmpfloat (scroll, <, max - 150);
  }
  /* A drag 150 px to the left shows the months 150 px further on */
  {
    const char *drag[] = { "xdotool", "mousemove", "--window", xid, "--sync", x, y, "sleep", "0.2",
                           "mousedown", "1", "sleep", "0.1",
                           "mousemove", "--window", xid, left, y, "sleep", "0.1",
                           "mouseup", "1", NULL };
    double before = scroll;

    g_assert_true (ui_xdotool_run (drag));
    scroll = wait_for_scroll (&f, before, 3000);
    g_test_message ("drag of 150 px: %g -> %g", before, scroll);
    g_assert_cmpfloat (fabs (scroll - (before + 150)), <=, 1);
  }

  /* Tab: each duration handle, then the months */
  g_assert_true (ui_xdotool_focus_window (f.window));
  gtk_window_set_focus (f.window, NULL);
  {
    const char *tabs[] = { "xdotool", "key", "--delay", "50", "Tab", "Tab", "Tab", "Tab", "Tab", NULL };

    g_assert_true (fp_plan_get_n_stages (f.plan) == 5);
    g_assert_true (ui_xdotool_run (tabs));
    iterate ();
    g_assert_true (gtk_widget_has_focus (months));
  }
  {
    const char *end[] = { "xdotool", "key", "--delay", "50", "End", NULL };
    const char *home[] = { "xdotool", "key", "--delay", "50", "Home", NULL };
    const char *right[] = { "xdotool", "key", "--delay", "50", "Right", NULL };

    const char *page_up[] = { "xdotool", "key", "--delay", "50", "Page_Up", NULL };
    const char *page_down[] = { "xdotool", "key", "--delay", "50", "Page_Down", NULL };
    const char *up[] = { "xdotool", "key", "--delay", "50", "Up", NULL };
    double paged;

    g_assert_true (ui_xdotool_run (end));
    g_assert_cmpfloat (wait_for_scroll (&f, scroll, 3000), ==, max);
    /* Page Up goes a window's worth back in time, as a calendar's does
     * (it went forward, and at the end moved nothing); Page Down and Up
     * as well */
    g_assert_true (ui_xdotool_run (page_up));
    paged = wait_for_scroll (&f, max, 3000);
    g_assert_cmpfloat (paged, <, max);
    g_assert_cmpfloat (paged, >=, max - view.width);
    g_assert_true (ui_xdotool_run (page_down));
    g_assert_cmpfloat (wait_for_scroll (&f, paged, 3000), ==, max);
    g_assert_true (ui_xdotool_run (up));
    paged = wait_for_scroll (&f, max, 3000);
    g_assert_cmpfloat (paged, <, max);
    g_assert_true (ui_xdotool_run (home));
    g_assert_cmpfloat (wait_for_scroll (&f, paged, 3000), ==, 0);
    /* A month: the second month's column starts the window */
    g_assert_true (ui_xdotool_run (right));
    scroll = wait_for_scroll (&f, 0, 3000);
    layout = _fp_timeline_view_get_layout (FP_TIMELINE_VIEW (f.view));
    g_assert_cmpfloat (fabs (fp_timeline_layout_get_month (layout, 1)->column.x - view.x), <=, 1);
  }
  save_png (f.view, "timeline-scrolled-months.png");

  g_assert_cmpuint (f.n_changes, ==, changes);
  fixture_tear_down (&f);
}

/* The months focused, and the plan back to months that all fit (an undo
 * of Months from 36 to 4): the focus steps back to the last bar's handle.
 * It was left where GTK put it: on the hidden handle in the window, out
 * of Tab's way, and on the first bar's handle here. */
static void
test_timeline_months_focus_after_shrink (void)
{
  Fixture f = { 0 };
  GtkWidget *months;
  GtkWidget *last;

  fixture_set_up (&f, fp_timeline_view_new (), 800, 600);
  months = _fp_timeline_view_get_months_handle (FP_TIMELINE_VIEW (f.view));
  g_assert_true (fp_plan_set_period (f.plan, 2027, 7, 36, NULL));
  gtk_test_widget_wait_for_draw (f.view);
  iterate ();
  g_assert_true (gtk_widget_get_focusable (months));
  g_assert_true (gtk_widget_grab_focus (months));
  g_assert_true (gtk_window_get_focus (f.window) == months);

  g_assert_true (fp_plan_set_period (f.plan, 2027, 7, 4, NULL));
  gtk_test_widget_wait_for_draw (f.view);
  iterate ();
  g_assert_false (gtk_widget_get_focusable (months));
  last = GTK_WIDGET (_fp_timeline_view_get_handle (FP_TIMELINE_VIEW (f.view),
                                                   fp_plan_get_n_stages (f.plan) - 2));
  g_assert_true (gtk_window_get_focus (f.window) == last);

  fixture_tear_down (&f);
}

/* The months' bar, with a real pointer: a drag of its thumb scrolls in
 * proportion, a press on its track brings the thumb under the pointer, and
 * the pointer keeps its arrow over it (the months around it show "grab").
 * A drag of the thumb did nothing before: it panned as the cells do. */
static void
test_timeline_scroll_bar (void)
{
  Fixture f = { 0 };
  const FpTimelineLayout *layout;
  g_autofree char *xid = NULL;
  FpRect view;
  FpRect track;
  FpRect thumb;
  double max;
  double per_px;
  double scroll;
  guint changes;
  char x[32], y[32], right[32], far[32];

  fixture_set_up (&f, fp_timeline_view_new (), 800, 600);
  if (!ui_xdotool_usable (f.view))
    {
      fixture_tear_down (&f);
      return;
    }
  g_object_set (gtk_widget_get_settings (f.view), "gtk-primary-button-warps-slider", TRUE, NULL);
  g_assert_true (fp_plan_set_period (f.plan, 2027, 7, 60, NULL));
  gtk_test_widget_wait_for_draw (f.view);
  iterate ();
  layout = _fp_timeline_view_get_layout (FP_TIMELINE_VIEW (f.view));
  g_assert_true (fp_timeline_layout_get_grid_scroll (layout, &view, NULL, &max));
  g_assert_true (fp_timeline_layout_get_scroll_bar (layout, &track, &thumb));
  per_px = max / (track.width - thumb.width);
  changes = f.n_changes;

  xid = ui_xdotool_window_id (f.window);
  g_snprintf (x, sizeof x, "%d", (int) round (thumb.x + thumb.width / 2));
  g_snprintf (y, sizeof y, "%d", (int) round (track.y + track.height / 2));
  g_snprintf (right, sizeof right, "%d", (int) round (thumb.x + thumb.width / 2 + 100));

  /* On the bar, the arrow */
  {
    const char *move[] = { "xdotool", "mousemove", "--window", xid, "--sync", x, y,
                           "sleep", "0.2", NULL };

    g_assert_true (ui_xdotool_run (move));
    iterate ();
    g_assert_null (gtk_widget_get_cursor (f.view));
  }
  /* The thumb, 100 px to the right: the months go 100 px' worth on */
  {
    const char *drag[] = { "xdotool", "mousedown", "1", "sleep", "0.1",
                           "mousemove", "--window", xid, right, y, "sleep", "0.1",
                           "mouseup", "1", NULL };

    g_assert_true (ui_xdotool_run (drag));
    scroll = wait_for_scroll (&f, 0, 3000);
    g_test_message ("thumb dragged 100 px: scrolled %g px of %g (%g a px)", scroll, max, per_px);
    g_assert_cmpfloat (fabs (scroll - 100 * per_px), <=, per_px);
  }
  /* A press on the track past the thumb: the thumb's middle goes there
   * (a page's step would have reached the end) */
  {
    double before = scroll;
    double at;
    const char *click[] = { "xdotool", "mousemove", "--window", xid, "--sync", far, y,
                            "sleep", "0.2", "click", "1", NULL };

    layout = _fp_timeline_view_get_layout (FP_TIMELINE_VIEW (f.view));
    fp_timeline_layout_get_scroll_bar (layout, NULL, &thumb);
    at = round (thumb.x + thumb.width + 15);
    g_assert_cmpfloat (at + thumb.width / 2, <, track.x + track.width);
    g_snprintf (far, sizeof far, "%d", (int) at);
    g_assert_true (ui_xdotool_run (click));
    scroll = wait_for_scroll (&f, before, 3000);
    layout = _fp_timeline_view_get_layout (FP_TIMELINE_VIEW (f.view));
    fp_timeline_layout_get_scroll_bar (layout, NULL, &thumb);
    g_test_message ("press at %g: scrolled %g, thumb %g-%g", at, scroll, thumb.x, thumb.x + thumb.width);
    g_assert_cmpfloat (fabs (thumb.x + thumb.width / 2 - at), <=, 1);
    g_assert_cmpfloat (scroll, <, max);
  }
  /* Over the months, the hand that pans them */
  {
    char cx[32], cy[32];
    const char *move[] = { "xdotool", "mousemove", "--window", xid, "--sync", cx, cy,
                           "sleep", "0.2", NULL };

    g_snprintf (cx, sizeof cx, "%d", (int) round (view.x + view.width / 2));
    g_snprintf (cy, sizeof cy, "%d", (int) round (view.y + view.height / 3));
    g_assert_true (ui_xdotool_run (move));
    iterate ();
    g_assert_nonnull (gtk_widget_get_cursor (f.view));
    g_assert_cmpstr (gdk_cursor_get_name (gtk_widget_get_cursor (f.view)), ==, "grab");
  }
  save_png (f.view, "timeline-scroll-bar.png");

  g_assert_cmpuint (f.n_changes, ==, changes);
  fixture_tear_down (&f);
}
#endif

/* A drag that runs into the axis's start widens the axis instead of
 * stopping: the days go on from the limit at the wider axis's rate, the
 * first bar stays on the axis, and it widens as often as it takes. */
static void
test_timeline_drag_past_start (void)
{
  Fixture f = { 0 };
  FpTimelineView *view;
  const FpTimelineLayout *layout;
  const FpTimelineStageLayout *st;
  double x0;
  double x1;
  double axis_days;
  double leave_days;
  double press_x;
  double y;

  fixture_set_up (&f, fp_timeline_view_new (), 800, 600);
  view = FP_TIMELINE_VIEW (f.view);
  layout = _fp_timeline_view_get_layout (view);
  fp_timeline_layout_get_axis (layout, &x0, &x1);
  axis_days = fp_timeline_layout_get_axis_days (layout);
  st = fp_timeline_layout_get_stage (layout, 0);
  y = st->bar.y + st->bar.height / 2;
  leave_days = st->leave_days;
  press_x = st->handle_x;

  g_assert_true (_fp_timeline_view_drag_begin (view, press_x, y));
  /* Up to the axis's start, the axis stays put. */
  _fp_timeline_view_drag_update (view, x0, y);
  layout = _fp_timeline_view_get_layout (view);
  g_assert_cmpfloat (fp_timeline_layout_get_axis_days (layout), ==, axis_days);
  g_assert_cmpfloat (fp_plan_get_stage (f.plan, 0)->duration_days, ==, axis_days - leave_days);

  /* Past it, the axis widens and the days go on from the limit. */
  _fp_timeline_view_drag_update (view, x0 - 20, y);
  layout = _fp_timeline_view_get_layout (view);
  g_assert_cmpfloat (fp_timeline_layout_get_axis_days (layout), >, axis_days);
  g_assert_cmpfloat (fabs (fp_plan_get_stage (f.plan, 0)->duration_days
                           - (axis_days + 20 * fp_timeline_layout_get_axis_days (layout) / (x1 - x0)
                              - leave_days)), <=, 1);
  g_assert_cmpfloat (fp_timeline_layout_get_stage (layout, 0)->bar.x, >=, x0 - 1);
  gtk_test_widget_wait_for_draw (f.view);
  save_png (f.view, "canvas-timeline-drag-past-start.png");
  /* Back at the old start, it means what it did; back at the press, the
   * days of the press. Mapped through the wider axis alone, 14 days came
   * back as 6. */
  _fp_timeline_view_drag_update (view, x0, y);
  g_assert_cmpfloat (fabs (fp_plan_get_stage (f.plan, 0)->duration_days - (axis_days - leave_days)), <=, 1);
  _fp_timeline_view_drag_update (view, press_x, y);
  g_assert_cmpfloat (fp_plan_get_stage (f.plan, 0)->duration_days, ==, 14);

  /* Far past: as often as it takes, the first bar still on the axis. */
  _fp_timeline_view_drag_update (view, x0 - 3 * (x1 - x0), y);
  layout = _fp_timeline_view_get_layout (view);
  g_assert_cmpfloat (fp_plan_get_stage (f.plan, 0)->duration_days, >, 3 * axis_days);
  g_assert_cmpfloat (fp_timeline_layout_get_stage (layout, 0)->bar.x, >=, x0 - 1);
  /* ...and back down: nothing the drag passed is out of reach. */
  _fp_timeline_view_drag_update (view, x1, y);
  g_assert_cmpfloat (fp_plan_get_stage (f.plan, 0)->duration_days, ==, 0);
  _fp_timeline_view_drag_end (view);

  g_assert_true (fp_plan_undo (f.plan));
  g_assert_cmpfloat (fp_plan_get_stage (f.plan, 0)->duration_days, ==, 14);
  g_assert_false (fp_plan_can_undo (f.plan));

  fixture_tear_down (&f);
}

/* Timeline: the gesture path */

static void
test_timeline_drag (void)
{
  Fixture f = { 0 };
  FpTimelineView *view;
  const FpTimelineLayout *layout;
  const FpTimelineStageLayout *st;
  g_autoptr(FpProjection) before = NULL;
  g_autoptr(FpProjection) after = NULL;
  double x0;
  double x1;
  double day_px;
  double axis_days;
  double y;
  double handle_x;
  GtkWidget *handle;

  fixture_set_up (&f, fp_timeline_view_new (), 800, 600);
  view = FP_TIMELINE_VIEW (f.view);
  before = fp_projection_new (f.plan);
  layout = _fp_timeline_view_get_layout (view);
  fp_timeline_layout_get_axis (layout, &x0, &x1);
  axis_days = fp_timeline_layout_get_axis_days (layout);
  day_px = (x1 - x0) / axis_days;
  st = fp_timeline_layout_get_stage (layout, 0);
  y = st->bar.y + st->bar.height / 2;
  handle_x = st->handle_x;

  g_assert_true (_fp_timeline_view_drag_begin (view, handle_x + 2, y));
  _fp_timeline_view_drag_update (view, handle_x + 2, y);
  g_assert_cmpfloat (fp_plan_get_stage (f.plan, 0)->duration_days, ==, 14);
  _fp_timeline_view_drag_update (view, handle_x + 2 - 1.6 * day_px, y);
  _fp_timeline_view_drag_update (view, handle_x + 2 - 3.2 * day_px, y + 5);
  g_assert_cmpfloat (fp_plan_get_stage (f.plan, 0)->duration_days, ==, 17);

  /* Up to the axis's start, the axis stays put for the drag. */
  _fp_timeline_view_drag_update (view, x0 + 2, y);
  layout = _fp_timeline_view_get_layout (view);
  g_assert_cmpfloat (fp_timeline_layout_get_axis_days (layout), ==, axis_days);
  g_assert_cmpfloat (fp_plan_get_stage (f.plan, 0)->duration_days, ==,
                     axis_days - fp_timeline_layout_get_stage (layout, 0)->leave_days);
  _fp_timeline_view_drag_update (view, handle_x + 2 - 3.2 * day_px, y);

  after = fp_projection_new (f.plan);
  g_assert_cmpfloat (after->lead_to_close_days, ==, before->lead_to_close_days + 3);
  _fp_timeline_view_drag_end (view);

  handle = _fp_timeline_view_get_handle (view, 0);
  gtk_test_accessible_assert_property (handle, GTK_ACCESSIBLE_PROPERTY_VALUE_NOW, 17.0);
  gtk_test_accessible_assert_property (handle, GTK_ACCESSIBLE_PROPERTY_LABEL, "Leads days in stage");
  g_assert_cmpint (gtk_accessible_get_accessible_role (GTK_ACCESSIBLE (handle)), ==,
                   GTK_ACCESSIBLE_ROLE_SLIDER);

  g_assert_true (fp_plan_undo (f.plan));
  g_assert_cmpfloat (fp_plan_get_stage (f.plan, 0)->duration_days, ==, 14);
  g_assert_false (fp_plan_can_undo (f.plan));

  /* Keys: the handle follows the arrow, so Left is a day longer. */
  g_assert_true (_fp_timeline_view_step (view, FP_CANVAS_HANDLE (handle), 1));
  g_assert_true (_fp_timeline_view_step (view, FP_CANVAS_HANDLE (handle), -7));
  g_assert_cmpfloat (fp_plan_get_stage (f.plan, 0)->duration_days, ==, 8);
  /* ...and the presses on a handle are one undo step, as a drag is. */
  g_assert_true (fp_plan_undo (f.plan));
  g_assert_cmpfloat (fp_plan_get_stage (f.plan, 0)->duration_days, ==, 14);
  g_assert_false (fp_plan_can_undo (f.plan));

  fixture_tear_down (&f);
}

/* A screen reader hears the month grid: the duration handle with the
 * focus describes its stage's row after its value, and the view's name
 * carries the rows of the handoff (the SLA number) and of the closed deals,
 * which has no handle. The months a stage needs nothing in are left out,
 * as the grid leaves them empty, and the rows follow an edit. */
static void
test_timeline_months_heard (void)
{
  Fixture f = { 0 };
  FpTimelineView *view;
  GtkWidget *leads;
  GtkWidget *opportunities;

  fixture_set_up (&f, fp_timeline_view_new (), 800, 600);
  view = FP_TIMELINE_VIEW (f.view);
  leads = _fp_timeline_view_get_handle (view, 0);
  opportunities = _fp_timeline_view_get_handle (view, 3);

  gtk_test_accessible_assert_property (view, GTK_ACCESSIBLE_PROPERTY_LABEL,
                                       "Timeline: lead to close 76 days"
                                       "; Leads, 14 days, entering 76 days before the close"
                                       "; Marketing qualified, 10 days, entering 62 days before the close"
                                       "; Sales accepted, 7 days, entering 52 days before the close"
                                       "; Opportunities, 45 days, entering 45 days before the close"
                                       "; Marketing qualified needed per month: April 2027 6, "
                                       "May 2027 167, June 2027 162, July 2027 200"
                                       "; Closed deals needed per month: July 2027 13, "
                                       "August 2027 13, September 2027 15");
  gtk_test_accessible_assert_property (opportunities, GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                       "45 days, entering 45 days before the close");

  g_assert_true (gtk_widget_grab_focus (leads));
  iterate ();
  gtk_test_accessible_assert_property (leads, GTK_ACCESSIBLE_PROPERTY_VALUE_TEXT,
                                       "14 days, entering 76 days before the close");
  gtk_test_accessible_assert_property (leads, GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                       "14 days, entering 76 days before the close; "
                                       "needed per month: April 2027 404, May 2027 834, "
                                       "June 2027 897, July 2027 534");
  gtk_test_accessible_assert_property (opportunities, GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                       "45 days, entering 45 days before the close");

  /* A month longer in Leads: its row starts a month earlier, and it is
   * longer than its benchmark, which it says first */
  g_assert_true (_fp_timeline_view_step_key (view, FP_CANVAS_HANDLE (leads), 1, FP_KEY_STEP_PAGE));
  iterate ();
  g_assert_cmpfloat (fp_plan_get_stage (f.plan, 0)->duration_days, ==, 44);
  gtk_test_accessible_assert_property (leads, GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                       "44 days, entering 106 days before the close; "
                                       "Leads takes 44 days, longer than its benchmark of 7–30 days; "
                                       "needed per month: March 2027 404, April 2027 807, "
                                       "May 2027 924, June 2027 534");

  /* The row goes with the focus */
  g_assert_true (gtk_widget_grab_focus (opportunities));
  iterate ();
  gtk_test_accessible_assert_property (opportunities, GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                       "45 days, entering 45 days before the close; "
                                       "needed per month: May 2027 25, June 2027 49, "
                                       "July 2027 56, August 2027 32");
  gtk_test_accessible_assert_property (leads, GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                       "44 days, entering 106 days before the close; "
                                       "Leads takes 44 days, longer than its benchmark of 7–30 days");

  fixture_tear_down (&f);
}

/* A duration outside its benchmark is marked on the timeline, and the
 * marker, the bar and its handle say why, as the funnel's do, to a screen
 * reader too; a bar with nothing to say has no tooltip, and a grid cell
 * keeps its count. */
static void
test_timeline_warning_tooltip (void)
{
  Fixture f = { 0 };
  FpTimelineView *view;
  const FpTimelineLayout *layout;
  const FpTimelineStageLayout *st;
  g_autofree char *on_marker = NULL;
  g_autofree char *on_bar = NULL;
  g_autofree char *on_handle = NULL;
  g_autofree char *quiet = NULL;
  g_autofree char *cell = NULL;
  const char *why = "Marketing qualified takes 19 days, longer than its benchmark of 3–14 days";
  guint n_cells;
  const FpTimelineCell *cells;

  fixture_set_up (&f, fp_timeline_view_new (), 1000, 700);
  view = FP_TIMELINE_VIEW (f.view);
  g_assert_true (fp_plan_set_stage_duration (f.plan, 1, 19, NULL));
  iterate ();
  layout = _fp_timeline_view_get_layout (view);

  st = fp_timeline_layout_get_stage (layout, 1);
  g_assert_cmpfloat (st->warning_marker.width, >, 0);
  on_marker = _fp_timeline_view_get_tooltip (view, st->warning_marker.x + st->warning_marker.width / 2,
                                             st->warning_marker.y + st->warning_marker.height / 2);
  on_bar = _fp_timeline_view_get_tooltip (view, st->bar.x + st->bar.width / 2, st->bar.y + 2);
  on_handle = _fp_timeline_view_get_tooltip (view, st->handle_x, st->bar.y + st->bar.height / 2);
  g_assert_cmpstr (on_marker, ==, why);
  g_assert_cmpstr (on_bar, ==, why);
  g_assert_cmpstr (on_handle, ==, why);

  /* ...and a screen reader hears it after the value */
  gtk_test_accessible_assert_property (_fp_timeline_view_get_handle (view, 1),
                                       GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                       "19 days, entering 71 days before the close; "
                                       "Marketing qualified takes 19 days, longer than its "
                                       "benchmark of 3–14 days");
  gtk_test_accessible_assert_property (_fp_timeline_view_get_handle (view, 2),
                                       GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                       "7 days, entering 52 days before the close");

  st = fp_timeline_layout_get_stage (layout, 0);
  g_assert_cmpfloat (st->warning_marker.width, ==, 0);
  quiet = _fp_timeline_view_get_tooltip (view, st->bar.x + st->bar.width / 2, st->bar.y + 2);
  g_assert_null (quiet);

  cells = fp_timeline_layout_get_cells (layout, &n_cells);
  g_assert_cmpuint (n_cells, >, 0);
  cell = _fp_timeline_view_get_tooltip (view, cells[0].rect.x + cells[0].rect.width / 2,
                                        cells[0].rect.y + cells[0].rect.height / 2);
  g_assert_nonnull (cell);
  g_assert_true (g_str_has_prefix (cell, "Leads in "));

  fixture_tear_down (&f);
}

/* Arrow keys on a timeline handle keep the day axis, as a drag does: the
 * handle moves the way the key says. Fitting the axis to the new lead time
 * on every press made the Leads handle jump left on Right (the axis went
 * from 120 to 90 days). The axis fits again once the handle lets go of the
 * focus, or when the keys take the stages past it. */
static void
test_timeline_keys_keep_axis (void)
{
  Fixture f = { 0 };
  FpTimelineView *view;
  GtkWidget *handle;
  double axis_days;
  double handle_x;

  fixture_set_up (&f, fp_timeline_view_new (), 800, 600);
  view = FP_TIMELINE_VIEW (f.view);
  handle = _fp_timeline_view_get_handle (view, 0);
  axis_days = fp_timeline_layout_get_axis_days (_fp_timeline_view_get_layout (view));
  handle_x = fp_timeline_layout_get_stage (_fp_timeline_view_get_layout (view), 0)->handle_x;
  g_assert_true (gtk_widget_grab_focus (handle));

  /* Two days shorter: the lead time alone would pick a shorter axis */
  g_assert_true (_fp_timeline_view_step (view, FP_CANVAS_HANDLE (handle), -1));
  g_assert_true (_fp_timeline_view_step (view, FP_CANVAS_HANDLE (handle), -1));
  iterate ();
  g_assert_cmpfloat (fp_plan_get_stage (f.plan, 0)->duration_days, ==, 12);
  g_assert_cmpfloat (fp_timeline_layout_get_axis_days (_fp_timeline_view_get_layout (view)), ==, axis_days);
  g_assert_cmpfloat (fp_timeline_layout_get_stage (_fp_timeline_view_get_layout (view), 0)->handle_x, >, handle_x);

  /* The focus goes elsewhere: the axis fits the plan again */
  g_assert_true (gtk_widget_grab_focus (_fp_timeline_view_get_handle (view, 1)));
  iterate ();
  g_assert_cmpfloat (fp_timeline_layout_get_axis_days (_fp_timeline_view_get_layout (view)), <, axis_days);

  /* Keys past the start of the kept axis: it grows to hold the stages */
  axis_days = fp_timeline_layout_get_axis_days (_fp_timeline_view_get_layout (view));
  g_assert_true (_fp_timeline_view_step (view, FP_CANVAS_HANDLE (_fp_timeline_view_get_handle (view, 1)),
                                         axis_days));
  iterate ();
  g_assert_cmpfloat (fp_timeline_layout_get_axis_days (_fp_timeline_view_get_layout (view)), >, axis_days);

  fixture_tear_down (&f);
}

/* Page Up/Down, Home and End are each an undo step of their own, in both
 * views: the arrow presses around them still make one step per run. A
 * Home pressed by mistake after careful nudges took the nudges with it. */
static void
test_jump_keys_own_undo_step (void)
{
  Fixture f = { 0 };
  FpFunnelView *funnel;
  FpTimelineView *timeline;
  GtkWidget *handle;

  fixture_set_up (&f, fp_funnel_view_new (), 1280, 800);
  funnel = FP_FUNNEL_VIEW (f.view);
  handle = _fp_funnel_view_get_handle (funnel, FP_CANVAS_HANDLE_DURATION, 1);
  g_assert_true (gtk_widget_grab_focus (handle));
  g_assert_cmpfloat (fp_plan_get_stage (f.plan, 1)->duration_days, ==, 10);
  g_assert_true (_fp_funnel_view_step (funnel, FP_CANVAS_HANDLE (handle), 1, FP_KEY_STEP));
  g_assert_true (_fp_funnel_view_step (funnel, FP_CANVAS_HANDLE (handle), 1, FP_KEY_STEP));
  g_assert_true (_fp_funnel_view_step (funnel, FP_CANVAS_HANDLE (handle), -1, FP_KEY_STEP_ALL));
  g_assert_true (_fp_funnel_view_step (funnel, FP_CANVAS_HANDLE (handle), 1, FP_KEY_STEP_PAGE));
  g_assert_true (_fp_funnel_view_step (funnel, FP_CANVAS_HANDLE (handle), 1, FP_KEY_STEP));
  g_assert_true (_fp_funnel_view_step (funnel, FP_CANVAS_HANDLE (handle), 1, FP_KEY_STEP));
  g_assert_cmpfloat (fp_plan_get_stage (f.plan, 1)->duration_days, ==, 32);
  g_assert_true (fp_plan_undo (f.plan));   /* the two arrows after Page Up */
  g_assert_cmpfloat (fp_plan_get_stage (f.plan, 1)->duration_days, ==, 30);
  g_assert_true (fp_plan_undo (f.plan));   /* Page Up */
  g_assert_cmpfloat (fp_plan_get_stage (f.plan, 1)->duration_days, ==, 0);
  g_assert_true (fp_plan_undo (f.plan));   /* Home */
  g_assert_cmpfloat (fp_plan_get_stage (f.plan, 1)->duration_days, ==, 12);
  g_assert_true (fp_plan_undo (f.plan));   /* the first two arrows */
  g_assert_cmpfloat (fp_plan_get_stage (f.plan, 1)->duration_days, ==, 10);
  g_assert_false (fp_plan_can_undo (f.plan));
  fixture_tear_down (&f);

  fixture_set_up (&f, fp_timeline_view_new (), 1280, 800);
  timeline = FP_TIMELINE_VIEW (f.view);
  handle = _fp_timeline_view_get_handle (timeline, 1);
  g_assert_true (gtk_widget_grab_focus (handle));
  g_assert_true (_fp_timeline_view_step_key (timeline, FP_CANVAS_HANDLE (handle), 1, FP_KEY_STEP));
  g_assert_true (_fp_timeline_view_step_key (timeline, FP_CANVAS_HANDLE (handle), 1, FP_KEY_STEP));
  g_assert_true (_fp_timeline_view_step_key (timeline, FP_CANVAS_HANDLE (handle), -1, FP_KEY_STEP_ALL));
  g_assert_cmpfloat (fp_plan_get_stage (f.plan, 1)->duration_days, ==, 0);
  g_assert_true (fp_plan_undo (f.plan));   /* Home */
  g_assert_cmpfloat (fp_plan_get_stage (f.plan, 1)->duration_days, ==, 12);
  g_assert_true (fp_plan_undo (f.plan));   /* the arrows */
  g_assert_cmpfloat (fp_plan_get_stage (f.plan, 1)->duration_days, ==, 10);
  g_assert_false (fp_plan_can_undo (f.plan));
  fixture_tear_down (&f);
}

/* End on a duration handle goes to the end of the track or axis in view,
 * as a slider's End does, and Home to 0. It went to ten years: every
 * track rescaled to 0-3,650 d and the other stages' knobs sat at its start. */
static void
test_end_key_keeps_range (void)
{
  Fixture f = { 0 };
  FpFunnelView *funnel;
  FpTimelineView *timeline;
  GtkWidget *handle;
  double track_max;
  double axis_days;
  double days;

  fixture_set_up (&f, fp_funnel_view_new (), 1280, 800);
  funnel = FP_FUNNEL_VIEW (f.view);
  handle = _fp_funnel_view_get_handle (funnel, FP_CANVAS_HANDLE_DURATION, 0);
  track_max = fp_funnel_layout_get_stage (_fp_funnel_view_get_layout (funnel), 0)->duration_max;
  g_assert_true (gtk_widget_grab_focus (handle));
  g_assert_true (_fp_funnel_view_step (funnel, FP_CANVAS_HANDLE (handle), 1, FP_KEY_STEP_ALL));
  iterate ();
  days = fp_plan_get_stage (f.plan, 0)->duration_days;
  g_test_message ("funnel: End on Leads' days: %g d, the track 0-%g d", days, track_max);
  g_assert_cmpfloat (days, ==, floor (track_max));
  g_assert_cmpfloat (fp_funnel_layout_get_stage (_fp_funnel_view_get_layout (funnel), 1)->duration_max, ==,
                     track_max);
  /* Again: it stays */
  g_assert_true (_fp_funnel_view_step (funnel, FP_CANVAS_HANDLE (handle), 1, FP_KEY_STEP_ALL));
  g_assert_cmpfloat (fp_plan_get_stage (f.plan, 0)->duration_days, ==, days);
  g_assert_true (_fp_funnel_view_step (funnel, FP_CANVAS_HANDLE (handle), -1, FP_KEY_STEP_ALL));
  g_assert_cmpfloat (fp_plan_get_stage (f.plan, 0)->duration_days, ==, 0);
  fixture_tear_down (&f);

  fixture_set_up (&f, fp_timeline_view_new (), 1280, 800);
  timeline = FP_TIMELINE_VIEW (f.view);
  handle = _fp_timeline_view_get_handle (timeline, 0);
  axis_days = fp_timeline_layout_get_axis_days (_fp_timeline_view_get_layout (timeline));
  g_assert_true (gtk_widget_grab_focus (handle));
  g_assert_true (_fp_timeline_view_step_key (timeline, FP_CANVAS_HANDLE (handle), 1, FP_KEY_STEP_ALL));
  iterate ();
  days = fp_plan_get_stage (f.plan, 0)->duration_days;
  g_test_message ("timeline: End on Leads: %g d on an axis of %g d", days, axis_days);
  /* The first bar reaches the axis's start, and the axis stays */
  g_assert_cmpfloat (days, >, 14);
  g_assert_cmpfloat (fp_timeline_layout_get_axis_days (_fp_timeline_view_get_layout (timeline)), ==, axis_days);
  g_assert_cmpfloat (fabs (fp_timeline_layout_get_stage (_fp_timeline_view_get_layout (timeline), 0)->bar.x
                           - fp_timeline_layout_x_at_days (_fp_timeline_view_get_layout (timeline), axis_days)),
                     <=, 1);
  g_assert_true (_fp_timeline_view_step_key (timeline, FP_CANVAS_HANDLE (handle), 1, FP_KEY_STEP_ALL));
  g_assert_cmpfloat (fp_plan_get_stage (f.plan, 0)->duration_days, ==, days);
  g_assert_true (_fp_timeline_view_step_key (timeline, FP_CANVAS_HANDLE (handle), -1, FP_KEY_STEP_ALL));
  g_assert_cmpfloat (fp_plan_get_stage (f.plan, 0)->duration_days, ==, 0);
  fixture_tear_down (&f);
}

/* A released knob stays where the pointer let go of it: the track keeps
 * its range while the handle has the focus, and rescales when the focus
 * moves on. Leads dragged from 20% to 40.5% on its 0-50% track took a
 * 0-100% one at the release, and the knob jumped 40 px from the pointer.
 * Arrow keys keep the range the same way. */
static void
test_funnel_release_keeps_track (void)
{
  Fixture f = { 0 };
  FpFunnelView *view;
  GtkWidget *handle;
  const FpFunnelLayout *layout;
  const FpFunnelStageLayout *st;
  double x;
  double y;
  double to;

  fixture_set_up (&f, fp_funnel_view_new (), 1100, 700);
  view = FP_FUNNEL_VIEW (f.view);
  handle = _fp_funnel_view_get_handle (view, FP_CANVAS_HANDLE_CONVERSION, 0);
  layout = _fp_funnel_view_get_layout (view);
  st = fp_funnel_layout_get_stage (layout, 0);
  g_assert_cmpfloat (st->conversion_max, ==, 0.5);
  x = fp_funnel_layout_x_at_conversion (layout, 0, st->conversion);
  y = st->conversion_y;
  to = fp_funnel_layout_x_at_conversion (layout, 0, 0.405);

  g_assert_true (_fp_funnel_view_drag_begin (view, x, y));
  _fp_funnel_view_drag_update (view, to, y, 0);
  _fp_funnel_view_drag_end (view);
  iterate ();
  g_assert_cmpfloat (fabs (fp_plan_get_stage (f.plan, 0)->conversion - 0.405), <, 1e-9);
  g_assert_true (gtk_widget_has_focus (handle));
  layout = _fp_funnel_view_get_layout (view);
  st = fp_funnel_layout_get_stage (layout, 0);
  g_assert_cmpfloat (st->conversion_max, ==, 0.5);
  g_assert_cmpfloat (fabs (fp_funnel_layout_x_at_conversion (layout, 0, 0.405) - to), <, 1);

  /* The focus moves on: the track takes the range its value asks for */
  g_assert_true (gtk_widget_grab_focus (_fp_funnel_view_get_handle (view, FP_CANVAS_HANDLE_CONVERSION, 1)));
  iterate ();
  g_assert_cmpfloat (fp_funnel_layout_get_stage (_fp_funnel_view_get_layout (view), 0)->conversion_max,
                     ==, 1.0);

  /* Keys: from 20% up to 41%, on the 0-50% track all the way */
  g_assert_true (fp_plan_undo (f.plan));
  iterate ();
  g_assert_cmpfloat (fp_funnel_layout_get_stage (_fp_funnel_view_get_layout (view), 0)->conversion_max,
                     ==, 0.5);
  g_assert_true (gtk_widget_grab_focus (handle));
  for (guint k = 0; k < 21; k++)
    g_assert_true (_fp_funnel_view_step (view, FP_CANVAS_HANDLE (handle), +1, FP_KEY_STEP));
  iterate ();
  g_assert_cmpfloat (fabs (fp_plan_get_stage (f.plan, 0)->conversion - 0.41), <, 1e-9);
  g_assert_cmpfloat (fp_funnel_layout_get_stage (_fp_funnel_view_get_layout (view), 0)->conversion_max,
                     ==, 0.5);
  /* Past the kept range, the track widens as ever, and stays wide when a
   * key brings the value back in */
  for (guint k = 0; k < 10; k++)
    g_assert_true (_fp_funnel_view_step (view, FP_CANVAS_HANDLE (handle), +1, FP_KEY_STEP));
  iterate ();
  g_assert_cmpfloat (fp_funnel_layout_get_stage (_fp_funnel_view_get_layout (view), 0)->conversion_max,
                     ==, 1.0);
  for (guint k = 0; k < 2; k++)
    g_assert_true (_fp_funnel_view_step (view, FP_CANVAS_HANDLE (handle), -1, FP_KEY_STEP));
  iterate ();
  g_assert_cmpfloat (fabs (fp_plan_get_stage (f.plan, 0)->conversion - 0.49), <, 1e-9);
  g_assert_cmpfloat (fp_funnel_layout_get_stage (_fp_funnel_view_get_layout (view), 0)->conversion_max,
                     ==, 1.0);

  /* Escape puts everything back, a track the drag widened too */
  while (fp_plan_can_undo (f.plan))
    g_assert_true (fp_plan_undo (f.plan));
  g_assert_true (gtk_widget_grab_focus (_fp_funnel_view_get_handle (view, FP_CANVAS_HANDLE_CONVERSION, 1)));
  iterate ();
  layout = _fp_funnel_view_get_layout (view);
  st = fp_funnel_layout_get_stage (layout, 0);
  g_assert_cmpfloat (st->conversion_max, ==, 0.5);
  g_assert_true (_fp_funnel_view_drag_begin (view, fp_funnel_layout_x_at_conversion (layout, 0, 0.2), y));
  _fp_funnel_view_drag_update (view, st->conversion_x1 + 60, y, 0);
  _fp_funnel_view_drag_cancel (view);
  iterate ();
  g_assert_cmpfloat (fp_plan_get_stage (f.plan, 0)->conversion, ==, 0.2);
  g_assert_cmpfloat (fp_funnel_layout_get_stage (_fp_funnel_view_get_layout (view), 0)->conversion_max,
                     ==, 0.5);

  fixture_tear_down (&f);
}

/* The timeline's axis after a drag: kept while the grip has the focus, as
 * for the arrow keys. A drag that shortened Leads got a shorter axis at
 * the release, and the grip jumped from under the pointer. */
static void
test_timeline_release_keeps_axis (void)
{
  Fixture f = { 0 };
  FpTimelineView *view;
  const FpTimelineLayout *layout;
  double axis_days;
  double x;
  double y;
  double to;

  fixture_set_up (&f, fp_timeline_view_new (), 800, 600);
  view = FP_TIMELINE_VIEW (f.view);
  layout = _fp_timeline_view_get_layout (view);
  axis_days = fp_timeline_layout_get_axis_days (layout);
  x = fp_timeline_layout_get_stage (layout, 0)->handle_x;
  y = fp_timeline_layout_get_stage (layout, 0)->handle.y + fp_timeline_layout_get_stage (layout, 0)->handle.height / 2;
  /* Two days shorter: the lead time alone would pick a shorter axis */
  to = fp_timeline_layout_x_at_days (layout, fp_timeline_layout_get_stage (layout, 0)->enter_days - 2);

  g_assert_true (_fp_timeline_view_drag_begin (view, x, y));
  _fp_timeline_view_drag_update (view, to, y);
  _fp_timeline_view_drag_end (view);
  iterate ();
  g_assert_cmpfloat (fp_plan_get_stage (f.plan, 0)->duration_days, ==, 12);
  layout = _fp_timeline_view_get_layout (view);
  g_assert_cmpfloat (fp_timeline_layout_get_axis_days (layout), ==, axis_days);
  g_assert_cmpfloat (fabs (fp_timeline_layout_get_stage (layout, 0)->handle_x - to), <, 1);

  /* The focus moves on: the axis fits the plan again */
  g_assert_true (gtk_widget_grab_focus (_fp_timeline_view_get_handle (view, 1)));
  iterate ();
  g_assert_cmpfloat (fp_timeline_layout_get_axis_days (_fp_timeline_view_get_layout (view)), <, axis_days);

  fixture_tear_down (&f);
}

/* Arrow keys that step a value across the width at which the summary
 * wraps leave the rows where they were: at 930x700 the summary of the
 * sample takes two lines with Leads at 20% and one from 21% on. */
static void
test_funnel_keys_keep_rows (void)
{
  Fixture f = { 0 };
  FpFunnelView *view;
  GtkWidget *handle;
  g_autoptr(FpProjection) projection = NULL;
  g_autoptr(FpFunnelLayout) fresh = NULL;
  FpTheme theme;
  double band_y;

  fixture_set_up (&f, fp_funnel_view_new (), 930, 700);
  view = FP_FUNNEL_VIEW (f.view);
  handle = _fp_funnel_view_get_handle (view, FP_CANVAS_HANDLE_CONVERSION, 0);
  g_assert_cmpuint (fp_funnel_layout_get_summary_lines (_fp_funnel_view_get_layout (view)), ==, 2);
  band_y = fp_funnel_layout_get_stage (_fp_funnel_view_get_layout (view), 0)->band.y;
  g_assert_true (gtk_widget_grab_focus (handle));

  for (guint k = 0; k < 5; k++)
    {
      g_assert_true (_fp_funnel_view_step (view, FP_CANVAS_HANDLE (handle), +1, FP_KEY_STEP));
      iterate ();
      g_assert_cmpfloat (fp_funnel_layout_get_stage (_fp_funnel_view_get_layout (view), 0)->band.y,
                         ==, band_y);
    }
  g_assert_cmpfloat (fabs (fp_plan_get_stage (f.plan, 0)->conversion - 0.25), <, 1e-9);

  /* Else the summary never wrapped, and this tested nothing */
  fp_theme_init_from_widget (&theme, f.view);
  projection = fp_projection_new (f.plan);
  fresh = fp_funnel_layout_new (f.plan, projection, gtk_widget_get_pango_context (f.view), &theme,
                                930, 700);
  g_assert_cmpuint (fp_funnel_layout_get_summary_lines (fresh), ==, 1);

  fixture_tear_down (&f);
}

/* Structure changes mid-drag end it cleanly. */
static void
test_structure_change_during_drag (void)
{
  Fixture f = { 0 };
  FpFunnelView *view;
  const FpFunnelLayout *layout;
  const FpFunnelStageLayout *st;
  g_autoptr(GError) error = NULL;
  double x;
  double y;

  fixture_set_up (&f, fp_funnel_view_new (), 800, 600);
  view = FP_FUNNEL_VIEW (f.view);
  layout = _fp_funnel_view_get_layout (view);
  st = fp_funnel_layout_get_stage (layout, 1);
  x = fp_funnel_layout_x_at_conversion (layout, 1, st->conversion);
  y = st->conversion_y;
  g_assert_true (_fp_funnel_view_drag_begin (view, x, y));
  g_assert_true (fp_plan_remove_stage (f.plan, 1, &error));
  g_assert_no_error (error);
  _fp_funnel_view_drag_update (view, x + 40, y, 0);
  _fp_funnel_view_drag_end (view);
  gtk_test_widget_wait_for_draw (f.view);
  g_assert_null (_fp_funnel_view_get_handle (view, FP_CANVAS_HANDLE_CONVERSION, 3));
  g_assert_nonnull (_fp_funnel_view_get_handle (view, FP_CANVAS_HANDLE_CONVERSION, 2));

  fixture_tear_down (&f);
}

/* Escape during a drag puts the value of the press back, leaves nothing to
 * undo and ignores the pointer until the next press. */
static void
test_funnel_escape_cancels (void)
{
  Fixture f = { 0 };
  FpFunnelView *view;
  const FpFunnelLayout *layout;
  const FpFunnelStageLayout *st;
  double x;
  double y;

  fixture_set_up (&f, fp_funnel_view_new (), 1280, 720);
  view = FP_FUNNEL_VIEW (f.view);
  layout = _fp_funnel_view_get_layout (view);
  st = fp_funnel_layout_get_stage (layout, 0);
  x = fp_funnel_layout_x_at_conversion (layout, 0, st->conversion);
  y = st->conversion_y;

  g_assert_true (_fp_funnel_view_drag_begin (view, x, y));
  _fp_funnel_view_drag_update (view, x + conversion_track_px (layout, 0, 0.05), y, 0);
  g_assert_cmpfloat (fp_plan_get_stage (f.plan, 0)->conversion, !=, 0.2);
  g_assert_true (fp_plan_get_modified (f.plan));

  _fp_funnel_view_drag_cancel (view);
  g_assert_cmpfloat (fp_plan_get_stage (f.plan, 0)->conversion, ==, 0.2);
  g_assert_false (fp_plan_get_modified (f.plan));
  g_assert_false (fp_plan_can_undo (f.plan));

  /* The rest of the pointer's movement, and its release, change nothing. */
  _fp_funnel_view_drag_update (view, x + 40, y, 0);
  _fp_funnel_view_drag_end (view);
  g_assert_cmpfloat (fp_plan_get_stage (f.plan, 0)->conversion, ==, 0.2);

  /* A drag that moved nothing recorded nothing, and undoes nothing else. */
  g_assert_true (fp_plan_set_title (f.plan, "Kept", NULL));
  g_assert_true (_fp_funnel_view_drag_begin (view, x, y));
  _fp_funnel_view_drag_cancel (view);
  g_assert_cmpstr (fp_plan_get_title (f.plan), ==, "Kept");

  fixture_tear_down (&f);
}

static void
test_timeline_escape_cancels (void)
{
  Fixture f = { 0 };
  FpTimelineView *view;
  const FpTimelineLayout *layout;
  const FpTimelineStageLayout *st;
  double x0, x1, day_px, y, handle_x;

  fixture_set_up (&f, fp_timeline_view_new (), 800, 600);
  view = FP_TIMELINE_VIEW (f.view);
  layout = _fp_timeline_view_get_layout (view);
  fp_timeline_layout_get_axis (layout, &x0, &x1);
  day_px = (x1 - x0) / fp_timeline_layout_get_axis_days (layout);
  st = fp_timeline_layout_get_stage (layout, 0);
  y = st->bar.y + st->bar.height / 2;
  /* @st lives in the layout, which the drag freezes and then frees. */
  handle_x = st->handle_x;

  g_assert_true (_fp_timeline_view_drag_begin (view, handle_x, y));
  _fp_timeline_view_drag_update (view, handle_x - 5 * day_px, y);
  g_assert_cmpfloat (fp_plan_get_stage (f.plan, 0)->duration_days, !=, 14);
  _fp_timeline_view_drag_cancel (view);
  g_assert_cmpfloat (fp_plan_get_stage (f.plan, 0)->duration_days, ==, 14);
  g_assert_false (fp_plan_can_undo (f.plan));
  _fp_timeline_view_drag_update (view, handle_x - 9 * day_px, y);
  _fp_timeline_view_drag_end (view);
  g_assert_cmpfloat (fp_plan_get_stage (f.plan, 0)->duration_days, ==, 14);

  fixture_tear_down (&f);
}

/* PNGs of both canvases, light and dark, at both sizes, with a focused
 * handle showing its ring and value. */
/* Adds up the area of @node's cairo nodes, and counts them. */
static void
sum_cairo_nodes (GskRenderNode *node,
                 double        *area,
                 guint         *n)
{
  graphene_rect_t bounds;

  switch (gsk_render_node_get_node_type (node))
    {
    case GSK_CAIRO_NODE:
      gsk_render_node_get_bounds (node, &bounds);
      *area += bounds.size.width * bounds.size.height;
      (*n)++;
      break;
    case GSK_CONTAINER_NODE:
      for (guint i = 0; i < gsk_container_node_get_n_children (node); i++)
        sum_cairo_nodes (gsk_container_node_get_child (node, i), area, n);
      break;
    case GSK_TRANSFORM_NODE:
      sum_cairo_nodes (gsk_transform_node_get_child (node), area, n);
      break;
    case GSK_CLIP_NODE:
      sum_cairo_nodes (gsk_clip_node_get_child (node), area, n);
      break;
    default:
      break;
    }
}

/* What the view draws over its cached chart (the focus ring and the value
 * bubble, redrawn on every frame of a hover or a drag) comes in a node
 * only as large as its ink: a canvas-sized one would be rasterized and
 * uploaded whole on each such frame, 16 MB of fresh memory at 1920x1080.
 * Nothing focused, no node at all. */
static void
test_overlay_node_small (void)
{
  for (guint kind = 0; kind < 2; kind++)
    {
      Fixture f = { 0 };
      GtkWidget *handle;
      double canvas;

      fixture_set_up (&f, kind == 0 ? fp_funnel_view_new () : fp_timeline_view_new (), 1024, 768);
      canvas = 1024.0 * 768.0;
      for (guint focused = 0; focused < 2; focused++)
        {
          GtkSnapshot *snapshot = gtk_snapshot_new ();
          g_autoptr(GskRenderNode) node = NULL;
          double area = 0;
          guint n = 0;

          if (focused)
            {
              handle = kind == 0
                       ? _fp_funnel_view_get_handle (FP_FUNNEL_VIEW (f.view), FP_CANVAS_HANDLE_CONVERSION, 1)
                       : _fp_timeline_view_get_handle (FP_TIMELINE_VIEW (f.view), 1);
              g_assert_true (gtk_widget_grab_focus (handle));
              gtk_window_set_focus_visible (f.window, TRUE);
              iterate ();
            }
          GTK_WIDGET_GET_CLASS (f.view)->snapshot (f.view, snapshot);
          node = gtk_snapshot_free_to_node (snapshot);
          g_assert_nonnull (node);
          sum_cairo_nodes (node, &area, &n);
          /* The chart, then the ring and its bubble when focused */
          g_assert_cmpuint (n, ==, focused ? 2 : 1);
          g_assert_cmpfloat (area - canvas, >=, 0);
          g_assert_cmpfloat (area - canvas, <=, focused ? canvas / 20 : 0);
        }
      fixture_tear_down (&f);
    }
}

static void
on_stage_activated (FpTimelineView *view,
                    guint           stage,
                    int            *activated)
{
  *activated = (int) stage;
}

/* Runs the main loop until a stage is activated or @timeout_ms passed */
static int
wait_for_activation (int   *activated,
                     guint  timeout_ms)
{
  gint64 end = g_get_monotonic_time () + timeout_ms * 1000;

  while (*activated < 0 && g_get_monotonic_time () < end)
    g_main_context_iteration (NULL, FALSE), g_usleep (1000);
  return *activated;
}

/* The view's pixels as drawn now, premultiplied ARGB32 (cairo's) */
static guchar *
view_pixels (GtkWidget *view,
             gsize     *stride)
{
  g_autoptr(GdkTexture) texture = ui_render_widget (view);
  guchar *pixels;

  *stride = (gsize) gdk_texture_get_width (texture) * 4;
  pixels = g_malloc (*stride * gdk_texture_get_height (texture));
  gdk_texture_download (texture, pixels, *stride);
  return pixels;
}

/* How many pixels of the band @band drawn again at @y differ from the
 * band in its place, laid on the background the copy shows where the
 * band has nothing, if anywhere; the copy's hairline (its last row, or
 * its first for a band under its rows) left out */
static guint
count_band_differences (GtkWidget    *view,
                        const FpRect *band,
                        double        y,
                        gboolean      hairline_below)
{
  gsize stride;
  g_autofree guchar *pixels = view_pixels (view, &stride);
  int width = gtk_widget_get_width (view);
  guint32 background = 0;
  gboolean have_background = FALSE;
  guint differences = 0;

  for (int row = hairline_below ? 0 : 1; row < (int) band->height - (hairline_below ? 1 : 0); row++)
    {
      const guint32 *place = (const guint32 *) (pixels + stride * (gsize) (band->y + row));
      const guint32 *copy = (const guint32 *) (pixels + stride * (gsize) (y + row));

      for (int x = 0; x < width; x++)
        {
          guint alpha = place[x] >> 24;

          if (alpha == 0 && !have_background)
            {
              background = copy[x];
              have_background = TRUE;
            }
          if (alpha < 255 && !have_background)
            continue;
          for (int shift = 0; shift < 32; shift += 8)
            {
              double under = (background >> shift) & 0xff;
              double over = (place[x] >> shift) & 0xff;
              double want = over + under * (1 - alpha / 255.0);
              double got = (copy[x] >> shift) & 0xff;

              if (fabs (want - got) > 3)
                {
                  differences++;
                  break;
                }
            }
        }
    }
  return differences;
}

/* A view taller than its window keeps its guides in sight: the axis's
 * labels at the window's bottom while the bars run on past it, the
 * months' names at its top while the grid's rows are in it. Each is drawn
 * as it is in its place, and takes the pointer as it does there: a click
 * on the axis kept over a bar does not open the bar's stage. */
static void
test_timeline_guides_kept_in_sight (void)
{
  Fixture f = { 0 };
  const FpTimelineLayout *layout;
  GtkAdjustment *adjustment;
  FpRect axis;
  FpRect header;
  FpRect bar;
  FpRect bars;
  FpRect grid;
  double axis_y;
  double header_y;
  double bar_y;
  double page;

  fixture_set_up (&f, fp_timeline_view_new (), 800, 3000);
  for (guint k = 0; k < 10; k++)
    g_assert_true (fp_plan_insert_stage (f.plan, 1, "Nurtured", NULL));
  gtk_test_widget_wait_for_draw (f.view);
  iterate ();
  adjustment = gtk_scrollable_get_vadjustment (GTK_SCROLLABLE (gtk_widget_get_parent (f.view)));
  page = gtk_adjustment_get_page_size (adjustment);
  layout = _fp_timeline_view_get_layout (FP_TIMELINE_VIEW (f.view));
  fp_timeline_layout_get_guides (layout, &axis, &header, NULL);
  fp_timeline_layout_get_areas (layout, &bars, &grid, NULL);
  g_test_message ("window %g px; axis at %g, %g tall; months at %g, %g tall; rows end at %g",
                  page, axis.y, axis.height, header.y, header.height, grid.y + grid.height);
  g_assert_cmpfloat (axis.height, >, 0);
  g_assert_cmpfloat (header.height, >, 0);
  g_assert_cmpfloat (axis.y, >, page);

  /* At the top: the axis at the window's bottom, the months in place */
  _fp_timeline_view_get_kept_guides (FP_TIMELINE_VIEW (f.view), &axis_y, &header_y, &bar_y);
  g_assert_cmpfloat (axis_y, ==, page - axis.height);
  g_assert_cmpfloat (header_y, ==, -1);
  g_assert_cmpuint (count_band_differences (f.view, &axis, axis_y, FALSE), ==, 0);

  /* A shorter window: the axis goes with its bottom, though the chart,
   * taller than both, keeps its size */
  gtk_window_set_default_size (f.window, 800, 500);
  for (int i = 0; i < 100 && gtk_adjustment_get_page_size (adjustment) == page; i++)
    iterate (), g_usleep (10000);
  gtk_test_widget_wait_for_draw (f.view);
  iterate ();
  g_assert_cmpfloat (gtk_adjustment_get_page_size (adjustment), <, page);
  _fp_timeline_view_get_kept_guides (FP_TIMELINE_VIEW (f.view), &axis_y, &header_y, &bar_y);
  g_assert_cmpfloat (axis_y, ==, gtk_adjustment_get_page_size (adjustment) - axis.height);
  g_assert_cmpuint (count_band_differences (f.view, &axis, axis_y, FALSE), ==, 0);
  gtk_window_set_default_size (f.window, 800, 600);
  for (int i = 0; i < 100 && gtk_adjustment_get_page_size (adjustment) != page; i++)
    iterate (), g_usleep (10000);
  g_assert_cmpfloat (gtk_adjustment_get_page_size (adjustment), ==, page);

  /* Past the months' names: they are at the window's top, and the axis,
   * above the window, in its place */
  gtk_adjustment_set_value (adjustment, round (header.y + header.height + 40));
  gtk_test_widget_wait_for_draw (f.view);
  iterate ();
  _fp_timeline_view_get_kept_guides (FP_TIMELINE_VIEW (f.view), &axis_y, &header_y, &bar_y);
  g_assert_cmpfloat (header_y, ==, round (header.y + header.height + 40));
  g_assert_cmpfloat (axis_y, ==, -1);
  g_assert_cmpuint (count_band_differences (f.view, &header, header_y, TRUE), ==, 0);

  /* At the end, over the last rows (their end pushes the months up only
   * in a window shorter than the space under the grid: see
   * /canvas/kept-in-sight/places) */
  gtk_adjustment_set_value (adjustment, gtk_adjustment_get_upper (adjustment) - page);
  gtk_test_widget_wait_for_draw (f.view);
  iterate ();
  _fp_timeline_view_get_kept_guides (FP_TIMELINE_VIEW (f.view), &axis_y, &header_y, &bar_y);
  g_assert_cmpfloat (header_y, ==, gtk_adjustment_get_upper (adjustment) - page);

  /* The axis kept over a bar takes the click as the axis would */
  if (ui_xdotool_usable (f.view))
    {
      g_autofree char *xid = ui_xdotool_window_id (f.window);
      guint stage = fp_timeline_layout_get_n_stages (layout) - 2;
      const FpTimelineStageLayout *st = fp_timeline_layout_get_stage (layout, stage);
      double bar_cy = st->bar.y + st->bar.height / 2;
      double value = round (bar_cy + axis.height / 2 - page);
      int activated = -1;
      graphene_point_t on_axis;
      graphene_point_t on_bar;
      char x[32], y[32], above[32];

      g_signal_connect (f.view, "stage-activated", G_CALLBACK (on_stage_activated), &activated);
      gtk_adjustment_set_value (adjustment, value);
      gtk_test_widget_wait_for_draw (f.view);
      iterate ();
      _fp_timeline_view_get_kept_guides (FP_TIMELINE_VIEW (f.view), &axis_y, &header_y, &bar_y);
      g_assert_cmpfloat (axis_y, >, st->bar.y);
      g_assert_cmpfloat (axis_y + axis.height, <, st->bar.y + st->bar.height);
      g_test_message ("bar %g,%g %gx%g; scrolled %g; axis kept at %g", st->bar.x, st->bar.y,
                      st->bar.width, st->bar.height, value, axis_y);
      /* Clear of the handle */
      g_assert_true (gtk_widget_compute_point (f.view, GTK_WIDGET (f.window),
                                               &GRAPHENE_POINT_INIT (st->bar.x + MIN (st->bar.width / 2, 60),
                                                                     axis_y + axis.height / 2),
                                               &on_axis));
      g_assert_true (gtk_widget_compute_point (f.view, GTK_WIDGET (f.window),
                                               &GRAPHENE_POINT_INIT (0, axis_y - 3), &on_bar));
      g_snprintf (x, sizeof x, "%d", (int) round (on_axis.x));
      g_snprintf (y, sizeof y, "%d", (int) round (on_axis.y));
      g_snprintf (above, sizeof above, "%d", (int) round (on_bar.y));
      {
        const char *click[] = { "xdotool", "mousemove", "--window", xid, "--sync", x, y,
                                "sleep", "0.2", "click", "1", "sleep", "0.3", NULL };

        g_assert_true (ui_xdotool_run (click));
        g_assert_cmpint (wait_for_activation (&activated, 500), ==, -1);
      }
      /* Just above it, the bar takes it */
      {
        const char *click[] = { "xdotool", "mousemove", "--window", xid, "--sync", x, above,
                                "sleep", "0.6", "click", "1", "sleep", "0.3", NULL };

        g_assert_true (ui_xdotool_run (click));
        g_assert_cmpint (wait_for_activation (&activated, 3000), ==, (int) stage);
      }
    }
  /* Months that scroll: their bar at the window's bottom while the grid's
   * rows run on past it, and a press on it scrolls them */
  g_assert_cmpfloat (bar_y, ==, -1);
  g_assert_true (fp_plan_set_period (f.plan, 2027, 7, 36, NULL));
  gtk_test_widget_wait_for_draw (f.view);
  iterate ();
  layout = _fp_timeline_view_get_layout (FP_TIMELINE_VIEW (f.view));
  fp_timeline_layout_get_guides (layout, &axis, &header, &bar);
  g_assert_cmpfloat (bar.height, >, 0);
  gtk_adjustment_set_value (adjustment, round (header.y + header.height + 40));
  gtk_test_widget_wait_for_draw (f.view);
  iterate ();
  _fp_timeline_view_get_kept_guides (FP_TIMELINE_VIEW (f.view), &axis_y, &header_y, &bar_y);
  g_assert_cmpfloat (bar_y, ==, round (header.y + header.height + 40) + page - bar.height);
  g_assert_cmpuint (count_band_differences (f.view, &bar, bar_y, FALSE), ==, 0);
  if (ui_xdotool_usable (f.view))
    {
      g_autofree char *xid = ui_xdotool_window_id (f.window);
      FpRect track;
      double before;
      double after;
      graphene_point_t on_bar;
      char x[32], y[32];

      g_assert_true (fp_timeline_layout_get_scroll_bar (layout, &track, NULL));
      fp_timeline_layout_get_grid_scroll (layout, NULL, &before, NULL);
      g_assert_true (gtk_widget_compute_point (f.view, GTK_WIDGET (f.window),
                                               &GRAPHENE_POINT_INIT (track.x + track.width - 4,
                                                                     bar_y + bar.height / 2),
                                               &on_bar));
      g_snprintf (x, sizeof x, "%d", (int) round (on_bar.x));
      g_snprintf (y, sizeof y, "%d", (int) round (on_bar.y));
      {
        const char *click[] = { "xdotool", "mousemove", "--window", xid, "--sync", x, y,
                                "sleep", "0.2", "click", "1", "sleep", "0.3", NULL };

        g_assert_true (ui_xdotool_run (click));
      }
      for (int i = 0; i < 100; i++)
        {
          iterate ();
          fp_timeline_layout_get_grid_scroll (_fp_timeline_view_get_layout (FP_TIMELINE_VIEW (f.view)),
                                              NULL, &after, NULL);
          if (after != before)
            break;
          g_usleep (10000);
        }
      g_test_message ("a press on the kept bar: the months scrolled from %g to %g px", before, after);
      g_assert_cmpfloat (after, >, before);
    }
  fixture_tear_down (&f);
}

/* The funnel keeps its column headers in sight the same way, and a
 * click on them over a band does not open the band's stage */
static void
test_funnel_headers_kept_in_sight (void)
{
  Fixture f = { 0 };
  const FpFunnelLayout *layout;
  GtkAdjustment *adjustment;
  FpRect band;
  double rows_end;
  double value;

  fixture_set_up (&f, fp_funnel_view_new (), 800, 3000);
  for (guint k = 0; k < 30; k++)
    g_assert_true (fp_plan_insert_stage (f.plan, 1, "Nurtured", NULL));
  gtk_test_widget_wait_for_draw (f.view);
  iterate ();
  adjustment = gtk_scrollable_get_vadjustment (GTK_SCROLLABLE (gtk_widget_get_parent (f.view)));
  layout = _fp_funnel_view_get_layout (FP_FUNNEL_VIEW (f.view));
  fp_funnel_layout_get_column_headers (layout, &band, &rows_end);
  g_test_message ("headers at %g, %g tall; rows end at %g", band.y, band.height, rows_end);
  g_assert_cmpfloat (band.height, >, 0);
  g_assert_cmpfloat (band.width, ==, 800);

  /* A row down: the headers at the window's top, as in their place */
  {
    const FpFunnelStageLayout *st = fp_funnel_layout_get_stage (layout, 20);

    value = round (st->band.y + st->band.height / 2 - band.height / 2);
  }
  gtk_adjustment_set_value (adjustment, value);
  gtk_test_widget_wait_for_draw (f.view);
  iterate ();
  g_assert_cmpuint (count_band_differences (f.view, &band, value, TRUE), ==, 0);

  if (ui_xdotool_usable (f.view))
    {
      g_autofree char *xid = ui_xdotool_window_id (f.window);
      const FpFunnelStageLayout *st = fp_funnel_layout_get_stage (layout, 20);
      int activated = -1;
      graphene_point_t on_headers;
      graphene_point_t on_band;
      char x[32], y[32], below[32];

      g_signal_connect (f.view, "stage-activated", G_CALLBACK (on_stage_activated), &activated);
      g_assert_true (gtk_widget_compute_point (f.view, GTK_WIDGET (f.window),
                                               &GRAPHENE_POINT_INIT (st->band.x + st->band.width / 2,
                                                                     value + band.height / 2),
                                               &on_headers));
      g_assert_true (gtk_widget_compute_point (f.view, GTK_WIDGET (f.window),
                                               &GRAPHENE_POINT_INIT (0, value + band.height + 3),
                                               &on_band));
      g_assert_cmpfloat (value + band.height + 3, <, st->band.y + st->band.height);
      g_snprintf (x, sizeof x, "%d", (int) round (on_headers.x));
      g_snprintf (y, sizeof y, "%d", (int) round (on_headers.y));
      g_snprintf (below, sizeof below, "%d", (int) round (on_band.y));
      {
        const char *click[] = { "xdotool", "mousemove", "--window", xid, "--sync", x, y,
                                "sleep", "0.2", "click", "1", "sleep", "0.3", NULL };

        g_assert_true (ui_xdotool_run (click));
        g_assert_cmpint (wait_for_activation (&activated, 500), ==, -1);
      }
      /* Just under them, the band takes it */
      {
        const char *click[] = { "xdotool", "mousemove", "--window", xid, "--sync", x, below,
                                "sleep", "0.6", "click", "1", "sleep", "0.3", NULL };

        g_assert_true (ui_xdotool_run (click));
        g_assert_cmpint (wait_for_activation (&activated, 3000), ==, 20);
      }
    }
  fixture_tear_down (&f);
}

/* Where a guide is drawn again, in whole pixels: at the window's top once
 * it has scrolled past, pushed up by the end of its rows, gone with them;
 * a footer at the window's bottom while rows run on under it; and the
 * pointer on a copy reaches the guide */
static void
test_kept_in_sight_places (void)
{
  FpRect header = { 0, 100, 800, 40 };
  FpRect footer = { 0, 900, 800, 20 };
  FpRect none = { 0, 100, 800, 0 };

  g_assert_cmpfloat (fp_kept_in_sight_header_y (&header, 2000, 50), ==, -1);
  g_assert_cmpfloat (fp_kept_in_sight_header_y (&header, 2000, 100), ==, -1);
  g_assert_cmpfloat (fp_kept_in_sight_header_y (&header, 2000, 101), ==, 101);
  g_assert_cmpfloat (fp_kept_in_sight_header_y (&header, 2000, 700.4), ==, 700);
  g_assert_cmpfloat (fp_kept_in_sight_header_y (&header, 2000, 1980), ==, 1960);
  g_assert_cmpfloat (fp_kept_in_sight_header_y (&header, 130, 120), ==, -1);
  g_assert_cmpfloat (fp_kept_in_sight_header_y (&none, 2000, 500), ==, -1);

  g_assert_cmpfloat (fp_kept_in_sight_footer_y (&footer, 100, 950), ==, -1);
  g_assert_cmpfloat (fp_kept_in_sight_footer_y (&footer, 100, 920), ==, -1);
  g_assert_cmpfloat (fp_kept_in_sight_footer_y (&footer, 100, 600), ==, 580);
  g_assert_cmpfloat (fp_kept_in_sight_footer_y (&footer, 100, 600.6), ==, 581);
  g_assert_cmpfloat (fp_kept_in_sight_footer_y (&footer, 100, 110), ==, -1);
  g_assert_cmpfloat (fp_kept_in_sight_footer_y (&none, 100, 600), ==, -1);

  g_assert_cmpfloat (fp_kept_in_sight_map_y (&header, 700, 710), ==, 110);
  g_assert_cmpfloat (fp_kept_in_sight_map_y (&header, 700, 740), ==, 740);
  g_assert_cmpfloat (fp_kept_in_sight_map_y (&header, 700, 699), ==, 699);
  g_assert_cmpfloat (fp_kept_in_sight_map_y (&header, -1, 110), ==, 110);
}

/* How many pixels of @area differ between two drawings of @view */
static guint
count_area_changes (const guchar *before,
                    const guchar *after,
                    gsize         stride,
                    const FpRect *area)
{
  guint changes = 0;

  for (int y = MAX (0, (int) area->y); y < (int) (area->y + area->height); y++)
    for (int x = MAX (0, (int) area->x); x < (int) (area->x + area->width); x++)
      changes += memcmp (before + y * stride + x * 4, after + y * stride + x * 4, 4) != 0;
  return changes;
}

/* The chart draws the focus ring itself, as the window's focus-visible
 * says. GTK turns that off after a few idle seconds and on again as Tab
 * moves the focus: the handle that took the focus in between was drawn
 * without a ring, and nothing drew it again when the ring came back. */
static void
test_ring_follows_focus_visible (void)
{
  for (guint kind = 0; kind < 2; kind++)
    {
      Fixture f = { 0 };
      GtkWidget *handle;
      FpRect around;
      gsize stride;
      g_autofree guchar *without = NULL;
      g_autofree guchar *with = NULL;
      guint changes;

      fixture_set_up (&f, kind == 0 ? fp_funnel_view_new () : fp_timeline_view_new (), 800, 600);
      if (kind == 0)
        {
          around = fp_funnel_layout_get_stage (_fp_funnel_view_get_layout (FP_FUNNEL_VIEW (f.view)),
                                               1)->conversion_handle;
          handle = _fp_funnel_view_get_handle (FP_FUNNEL_VIEW (f.view), FP_CANVAS_HANDLE_CONVERSION, 1);
        }
      else
        {
          around = fp_timeline_layout_get_stage (_fp_timeline_view_get_layout (FP_TIMELINE_VIEW (f.view)),
                                                 1)->handle;
          handle = _fp_timeline_view_get_handle (FP_TIMELINE_VIEW (f.view), 1);
        }

      gtk_window_set_focus_visible (f.window, FALSE);
      g_assert_true (gtk_widget_grab_focus (handle));
      gtk_test_widget_wait_for_draw (f.view);
      iterate ();
      without = view_pixels (f.view, &stride);

      gtk_window_set_focus_visible (f.window, TRUE);
      gtk_test_widget_wait_for_draw (f.view);
      iterate ();
      with = view_pixels (f.view, &stride);
      changes = count_area_changes (without, with, stride, &around);
      g_test_message ("%s: %u pixels around the handle changed as the ring came back",
                      kind == 0 ? "funnel" : "timeline", changes);
      g_assert_cmpuint (changes, >, 20);
      fixture_tear_down (&f);
    }
}

static void
test_render_png (void)
{
  static const struct { int w; int h; } sizes[] = { { 800, 600 }, { 1920, 1080 } };
  AdwStyleManager *style = adw_style_manager_get_default ();

  for (guint dark = 0; dark < 2; dark++)
    {
      adw_style_manager_set_color_scheme (style, dark ? ADW_COLOR_SCHEME_FORCE_DARK
                                                      : ADW_COLOR_SCHEME_FORCE_LIGHT);
      for (guint s = 0; s < G_N_ELEMENTS (sizes); s++)
        for (guint kind = 0; kind < 2; kind++)
          {
            Fixture f = { 0 };
            g_autofree char *name = NULL;
            GtkWidget *handle;

            fixture_set_up (&f, kind == 0 ? fp_funnel_view_new () : fp_timeline_view_new (),
                            sizes[s].w, sizes[s].h);
            handle = kind == 0
                     ? _fp_funnel_view_get_handle (FP_FUNNEL_VIEW (f.view), FP_CANVAS_HANDLE_CONVERSION, 1)
                     : _fp_timeline_view_get_handle (FP_TIMELINE_VIEW (f.view), 1);
            /* As after a Tab: the ring shows. */
            gtk_widget_grab_focus (handle);
            gtk_window_set_focus_visible (f.window, TRUE);
            gtk_test_widget_wait_for_draw (f.view);
            iterate ();
            name = g_strdup_printf ("canvas-%s-%dx%d-%s.png", kind == 0 ? "funnel" : "timeline",
                                    sizes[s].w, sizes[s].h, dark ? "dark" : "light");
            save_png (f.view, name);
            fixture_tear_down (&f);
          }
    }
  adw_style_manager_set_color_scheme (style, ADW_COLOR_SCHEME_DEFAULT);
}

int
main (int   argc,
      char *argv[])
{
  /* xdotool drives an X server; the Xvfb of the test run is one. */
  if (g_getenv ("DISPLAY") != NULL && g_getenv ("GDK_BACKEND") == NULL)
    g_setenv ("GDK_BACKEND", "x11", TRUE);
  g_setenv ("GSETTINGS_BACKEND", "memory", TRUE);
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  g_test_add_func ("/canvas/funnel/drag", test_funnel_drag);
  g_test_add_func ("/canvas/funnel/shift-drag-slows", test_funnel_shift_drag_slows);
  g_test_add_func ("/canvas/funnel/drag-keeps-track", test_funnel_drag_keeps_track);
  g_test_add_func ("/canvas/funnel/drag-past-end", test_funnel_drag_past_end);
  g_test_add_func ("/canvas/funnel/drag-clean-steps", test_funnel_drag_clean_steps);
  g_test_add_func ("/canvas/funnel/release-keeps-track", test_funnel_release_keeps_track);
  g_test_add_func ("/canvas/timeline/release-keeps-axis", test_timeline_release_keeps_axis);
  g_test_add_func ("/canvas/funnel/drag-snaps-with-motion", test_funnel_drag_snaps_with_motion);
  g_test_add_func ("/canvas/funnel/drag-duration", test_funnel_drag_duration);
  g_test_add_func ("/canvas/funnel/keyboard", test_funnel_keyboard);
  g_test_add_func ("/canvas/funnel/tooltip", test_funnel_tooltip);
  g_test_add_func ("/canvas/funnel/keys-keep-rows", test_funnel_keys_keep_rows);
  g_test_add_func ("/canvas/funnel/escape-cancels", test_funnel_escape_cancels);
  g_test_add_func ("/canvas/timeline/escape-cancels", test_timeline_escape_cancels);
  g_test_add_func ("/canvas/funnel/structure-change-during-drag", test_structure_change_during_drag);
  g_test_add_func ("/canvas/timeline/drag", test_timeline_drag);
  g_test_add_func ("/canvas/overlay-node-small", test_overlay_node_small);
  g_test_add_func ("/canvas/timeline/drag-past-start", test_timeline_drag_past_start);
  g_test_add_func ("/canvas/timeline/keys-keep-axis", test_timeline_keys_keep_axis);
  g_test_add_func ("/canvas/timeline/months-heard", test_timeline_months_heard);
  g_test_add_func ("/canvas/timeline/warning-tooltip", test_timeline_warning_tooltip);
  g_test_add_func ("/canvas/end-key-keeps-range", test_end_key_keeps_range);
  g_test_add_func ("/canvas/jump-keys-own-undo-step", test_jump_keys_own_undo_step);
#ifdef GDK_WINDOWING_X11
  g_test_add_func ("/canvas/funnel/xdotool-drag", test_funnel_xdotool_drag);
  g_test_add_func ("/canvas/funnel/xdotool-keys", test_funnel_xdotool_keys);
  g_test_add_func ("/canvas/timeline/xdotool-drag", test_timeline_xdotool_drag);
  g_test_add_func ("/canvas/timeline/scroll-months", test_timeline_scroll_months);
  g_test_add_func ("/canvas/timeline/months-focus-after-shrink", test_timeline_months_focus_after_shrink);
  g_test_add_func ("/canvas/timeline/months-follow-period", test_timeline_months_follow_period);
  g_test_add_func ("/canvas/timeline/scroll-bar", test_timeline_scroll_bar);
  g_test_add_func ("/canvas/kept-in-sight/places", test_kept_in_sight_places);
  g_test_add_func ("/canvas/timeline/guides-kept-in-sight", test_timeline_guides_kept_in_sight);
  g_test_add_func ("/canvas/funnel/headers-kept-in-sight", test_funnel_headers_kept_in_sight);
  g_test_add_func ("/canvas/ring-follows-focus-visible", test_ring_follows_focus_visible);
#endif
  g_test_add_func ("/canvas/render-png", test_render_png);

  return g_test_run ();
}
