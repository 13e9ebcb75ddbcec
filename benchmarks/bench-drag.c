/* bench-drag.c: pointer motion to the redrawn frame, at 1920x1080
 *
 * An undecorated 1920x1080 window shows an FpFunnelView on a 12-stage plan,
 * and a drag of a conversion handle begins through the view's private API,
 * the code the gesture runs. Each sample moves the pointer a few pixels along
 * the track with _fp_funnel_view_drag_update () (the handler: the edit, the
 * projection, the accessible values), then produces the frame:
 *
 *   view frame (the goal, < 4 ms): the view's allocation (the pinned funnel
 *     layout, the handles), its snapshot (the chart drawn to a render node)
 *     and that node drawn into a 1920x1080 image, as GSK's cairo renderer
 *     draws a frame (GTK's GL renderer too rasterizes the chart's cairo node
 *     on the CPU, then uploads it). The image is kept from frame to frame, as
 *     a window's is: fresh memory for every frame would time the kernel's
 *     page faults, which cost a virtual machine 20 ms for 8 MB.
 *   window frame: the same through the window's frame clock, from the
 *     update to its after-paint, with the environment's GSK renderer on this
 *     display. Under Xvfb this is mostly the X server compositing in
 *     software (XRender for cairo, llvmpipe for GL): reported, without a goal.
 *
 * It needs a display at least 1920x1080 and skips (77) without one:
 *   xvfb-run -a -s "-screen 0 1920x1080x24" dbus-run-session -- \
 *     meson test -C build --benchmark -v
 */
#include "config.h"

#include <adwaita.h>
#include <locale.h>

#include "bench-util.h"
#include "fp-funnel-view-private.h"
#include "fp-projection.h"

#define N_WARMUP 10
#define N_SAMPLES 101
#define N_WINDOW_SAMPLES 31
#define WIDTH 1920
#define HEIGHT 1080
#define GOAL_NS 4e6
#define STAGE 4
#define FRAME_TIMEOUT_US (2 * G_USEC_PER_SEC)

typedef struct
{
  double before_paint;
  double layout_done;
  double after_paint;
  guint n_frames;
} Frames;

static void
on_frame_clock_before_paint (GdkFrameClock *clock,
                             Frames        *frames)
{
  frames->before_paint = bench_now_ns ();
}

static void
on_frame_clock_layout (GdkFrameClock *clock,
                       Frames        *frames)
{
  frames->layout_done = bench_now_ns ();
}

static void
on_frame_clock_after_paint (GdkFrameClock *clock,
                            Frames        *frames)
{
  frames->after_paint = bench_now_ns ();
  frames->n_frames++;
}

/* Runs the main loop until a frame after @n_frames was painted. */
static gboolean
wait_for_frame (Frames *frames,
                guint   n_frames)
{
  gint64 end = g_get_monotonic_time () + FRAME_TIMEOUT_US;

  while (frames->n_frames <= n_frames && g_get_monotonic_time () < end)
    g_main_context_iteration (NULL, FALSE);
  return frames->n_frames > n_frames;
}

/* Back and forth on the track, never where the last motion was */
static double
track_x (double x0,
         double px,
         guint  s)
{
  int k = (int) (s % 20);

  return x0 + px * (1 + (k < 10 ? k : 20 - k));
}

/* The last view frame, for a person to look at: in $FP_BENCH_ARTIFACTS */
static void
save_png (cairo_surface_t *surface,
          const char      *name)
{
  const char *dir = g_getenv ("FP_BENCH_ARTIFACTS");
  g_autofree char *path = NULL;

  if (dir == NULL)
    return;
  path = g_build_filename (dir, name, NULL);
  if (cairo_surface_write_to_png (surface, path) == CAIRO_STATUS_SUCCESS)
    g_print ("wrote %s\n", path);
}

static void
drain (void)
{
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(FpPlan) plan = NULL;
  g_autoptr(FpProjection) projection = NULL;
  double total[N_SAMPLES];
  double handler[N_SAMPLES];
  double layout[N_SAMPLES];
  double snap[N_SAMPLES];
  double paint[N_SAMPLES];
  double window_total[N_WINDOW_SAMPLES];
  double window_layout[N_WINDOW_SAMPLES];
  double window_paint[N_WINDOW_SAMPLES];
  cairo_surface_t *target;
  cairo_t *cr;
  Frames frames = { 0 };
  GdkDisplay *display;
  GdkMonitor *monitor;
  GdkRectangle geometry;
  GtkWindow *window;
  GtkWidget *view;
  GdkFrameClock *clock;
  const FpFunnelLayout *funnel;
  const FpFunnelStageLayout *st;
  double x0;
  double y;
  double px;
  double median;
  double value_before;
  guint n_values = 0;

  setlocale (LC_ALL, "");
  if (g_getenv ("DISPLAY") == NULL && g_getenv ("WAYLAND_DISPLAY") == NULL)
    {
      g_print ("skip: no display (run under xvfb-run -s \"-screen 0 %dx%dx24\")\n", WIDTH, HEIGHT);
      return 77;
    }
  if (!gtk_init_check ())
    {
      g_print ("skip: cannot open the display\n");
      return 77;
    }
  adw_init ();

  display = gdk_display_get_default ();
  monitor = g_list_model_get_item (gdk_display_get_monitors (display), 0);
  if (monitor == NULL)
    {
      g_print ("skip: the display has no monitor\n");
      return 77;
    }
  gdk_monitor_get_geometry (monitor, &geometry);
  g_object_unref (monitor);
  if (geometry.width < WIDTH || geometry.height < HEIGHT)
    {
      g_print ("skip: the screen is %dx%d, the benchmark needs %dx%d "
               "(xvfb-run -s \"-screen 0 %dx%dx24\")\n",
               geometry.width, geometry.height, WIDTH, HEIGHT, WIDTH, HEIGHT);
      return 77;
    }

  plan = bench_make_plan ();
  view = fp_funnel_view_new ();
  fp_funnel_view_set_plan (FP_FUNNEL_VIEW (view), plan);
  window = GTK_WINDOW (gtk_window_new ());
  gtk_window_set_decorated (window, FALSE);
  gtk_window_set_default_size (window, WIDTH, HEIGHT);
  gtk_window_set_child (window, view);
  gtk_window_present (window);

  /* The first frames: the window mapped, allocated and drawn. */
  while (gtk_widget_get_frame_clock (view) == NULL)
    g_main_context_iteration (NULL, TRUE);
  clock = gtk_widget_get_frame_clock (view);
  g_signal_connect (clock, "before-paint", G_CALLBACK (on_frame_clock_before_paint), &frames);
  g_signal_connect_after (clock, "layout", G_CALLBACK (on_frame_clock_layout), &frames);
  g_signal_connect_after (clock, "after-paint", G_CALLBACK (on_frame_clock_after_paint), &frames);
  gtk_widget_queue_draw (view);
  if (!wait_for_frame (&frames, 0))
    g_error ("The window was never drawn");
  drain ();
  if (gtk_widget_get_width (view) != WIDTH || gtk_widget_get_height (view) != HEIGHT)
    {
      g_print ("skip: the view got %dx%d, not %dx%d\n",
               gtk_widget_get_width (view), gtk_widget_get_height (view), WIDTH, HEIGHT);
      return 77;
    }

  /* Grab the conversion handle of a stage in the middle. */
  funnel = _fp_funnel_view_get_layout (FP_FUNNEL_VIEW (view));
  st = fp_funnel_layout_get_stage (funnel, STAGE);
  x0 = fp_funnel_layout_x_at_conversion (funnel, STAGE, st->conversion);
  y = st->conversion_y;
  /* Far enough for a new value on every motion: a drag snaps to 0.5%. */
  px = 2.5 * 0.005 * (st->conversion_x1 - st->conversion_x0) / (st->conversion_max - st->conversion_min);
  if (!_fp_funnel_view_drag_begin (FP_FUNNEL_VIEW (view), x0, y))
    g_error ("The handle at %g,%g was not grabbed", x0, y);
  wait_for_frame (&frames, frames.n_frames);
  drain ();

  target = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, WIDTH, HEIGHT);
  cr = cairo_create (target);
  g_print ("12 stages at %dx%d, %u samples\n", WIDTH, HEIGHT, N_SAMPLES);

  /* The view's frame. The main loop does not run meanwhile: the window's
   * frames would have the X server compose 1920x1080 in software at the
   * same time, on the same cores. */
  gdk_display_sync (display);
  for (guint s = 0; s < N_WARMUP + N_SAMPLES; s++)
    {
      double x = track_x (x0, px, s);
      GtkAllocation alloc;
      GtkSnapshot *snapshot;
      g_autoptr(GskRenderNode) node = NULL;
      double t[5];

      value_before = fp_plan_get_stage (plan, STAGE)->conversion;
      t[0] = bench_now_ns ();
      _fp_funnel_view_drag_update (FP_FUNNEL_VIEW (view), x, y, 0);
      t[1] = bench_now_ns ();
      gtk_widget_get_allocation (view, &alloc);
      gtk_widget_size_allocate (view, &alloc, -1);
      t[2] = bench_now_ns ();
      snapshot = gtk_snapshot_new ();
      gtk_widget_snapshot_child (GTK_WIDGET (window), view, snapshot);
      node = gtk_snapshot_free_to_node (snapshot);
      t[3] = bench_now_ns ();
      cairo_save (cr);
      cairo_set_operator (cr, CAIRO_OPERATOR_CLEAR);
      cairo_paint (cr);
      cairo_restore (cr);
      gsk_render_node_draw (node, cr);
      cairo_surface_flush (target);
      t[4] = bench_now_ns ();
      g_assert_nonnull (node);
      if (fp_plan_get_stage (plan, STAGE)->conversion != value_before)
        n_values++;

      if (s >= N_WARMUP)
        {
          guint i = s - N_WARMUP;

          total[i] = t[4] - t[0];
          handler[i] = t[1] - t[0];
          layout[i] = t[2] - t[1];
          snap[i] = t[3] - t[2];
          paint[i] = t[4] - t[3];
        }
    }

  /* The window's frame, through the frame clock */
  for (guint s = 0; s < N_WARMUP + N_WINDOW_SAMPLES; s++)
    {
      double x = track_x (x0, px, s + 1);
      guint n_frames;
      double start;

      /* Let the frame clock's throttle pass, as between real motions. */
      g_usleep (20000);
      drain ();
      n_frames = frames.n_frames;

      value_before = fp_plan_get_stage (plan, STAGE)->conversion;
      start = bench_now_ns ();
      _fp_funnel_view_drag_update (FP_FUNNEL_VIEW (view), x, y, 0);
      if (!wait_for_frame (&frames, n_frames))
        g_error ("No frame after motion %u", s);
      if (fp_plan_get_stage (plan, STAGE)->conversion != value_before)
        n_values++;
      if (s >= N_WARMUP)
        {
          guint i = s - N_WARMUP;

          window_total[i] = frames.after_paint - start;
          window_layout[i] = frames.layout_done - frames.before_paint;
          window_paint[i] = frames.after_paint - frames.layout_done;
        }
    }

  /* The frame showed the new numbers: the drawn layout has the projection
   * of the plan as it is now. */
  projection = fp_projection_new (plan);
  funnel = _fp_funnel_view_get_layout (FP_FUNNEL_VIEW (view));
  g_assert_cmpfloat (fp_funnel_layout_get_stage (funnel, 0)->volume, ==, projection->required[0]);
  g_assert_cmpuint (n_values, ==, 2 * N_WARMUP + N_SAMPLES + N_WINDOW_SAMPLES);
  _fp_funnel_view_drag_end (FP_FUNNEL_VIEW (view));

  median = bench_report ("drag: motion to the view's frame", total, N_SAMPLES, 1e6, GOAL_NS);
  bench_report ("  handler (edit, projection, a11y)", handler, N_SAMPLES, 1e6, 0);
  bench_report ("  allocation (pinned layout, handles)", layout, N_SAMPLES, 1e6, 0);
  bench_report ("  snapshot (chart drawn to a node)", snap, N_SAMPLES, 1e6, 0);
  bench_report ("  render (node drawn at 1920x1080)", paint, N_SAMPLES, 1e6, 0);
  g_print ("window frame on this display, GSK renderer %s, %u samples:\n",
           G_OBJECT_TYPE_NAME (gtk_native_get_renderer (GTK_NATIVE (window))), N_WINDOW_SAMPLES);
  bench_report ("drag: motion to after-paint of the window", window_total, N_WINDOW_SAMPLES, 1e6, 0);
  bench_report ("  layout phase", window_layout, N_WINDOW_SAMPLES, 1e6, 0);
  bench_report ("  paint phase", window_paint, N_WINDOW_SAMPLES, 1e6, 0);

  save_png (target, "bench-drag-view-frame.png");
  cairo_destroy (cr);
  cairo_surface_destroy (target);
  gtk_window_destroy (window);
  drain ();

  return median < GOAL_NS ? 0 : 1;
}
