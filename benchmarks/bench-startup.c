/* bench-startup.c: start-up to the first frame, against the smallest
 * libadwaita window
 *
 * Usage: bench-startup FUNNEL-PLANNER MINIMAL-ADW-WINDOW PLAN
 *
 * Starts funnel-planner with PLAN on its command line and minimal-adw-window
 * (an empty AdwApplicationWindow) alternately, each a fresh process, with a
 * private in-memory GSettings backend and data folders of its own. Each
 * prints the monotonic time at which its first frame has been painted, and
 * the window's size ("first-frame <µs> WxH"; for funnel-planner that is
 * FP_EXIT_AFTER_FIRST_FRAME=1, the first frame with the plan's funnel drawn)
 * and quits. A sample is the time from the spawn to that frame. It prints
 * both medians with their spread, and their ratio; the goal is a ratio of at
 * most 1.25.
 *
 * The empty window opens at funnel-planner's size (read from a first run):
 * the same pixels for both. On Xvfb an empty 1280x800 window takes about a
 * quarter longer to its first frame than an empty window at GTK's default
 * size, which would spend the whole goal on pixels rather than on the
 * application. Two more windows are measured, their ratios printed for
 * comparison only: the empty window at GTK's default size, and a window
 * with a header bar and a title, which loads the fonts and the icon theme
 * as every window with text and icons must.
 *
 * It needs a display and skips (77) without one:
 *   xvfb-run -a -s "-screen 0 1920x1080x24" dbus-run-session -- \
 *     meson test -C build --benchmark -v
 * FP_BENCH_RUNS sets the number of runs of each (21).
 */
#include "config.h"

#include <gio/gio.h>
#include <glib/gstdio.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>

#include "bench-util.h"

#define N_WARMUP 2
#define DEFAULT_RUNS 21
#define GOAL_RATIO 1.25
#define RUN_TIMEOUT_S 30

typedef struct
{
  GMainLoop *loop;
  char *out;
  GError *error;
  gboolean timed_out;
} Run;

static void
on_communicate_done (GObject      *source,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  Run *run = user_data;

  g_subprocess_communicate_utf8_finish (G_SUBPROCESS (source), result, &run->out, NULL, &run->error);
  g_main_loop_quit (run->loop);
}

static gboolean
on_timeout (gpointer user_data)
{
  Run *run = user_data;

  run->timed_out = TRUE;
  g_main_loop_quit (run->loop);
  return G_SOURCE_REMOVE;
}

static void
delete_tree (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);

      if (g_file_test (child, G_FILE_TEST_IS_DIR) && !g_file_test (child, G_FILE_TEST_IS_SYMLINK))
        delete_tree (child);
      else
        g_unlink (child);
    }
  g_rmdir (path);
}

/* Runs @argv once and returns the time from the spawn to its first frame,
 * in nanoseconds; the time to its exit in @exit_ns, and the window's size
 * ("WxH") in @size when not NULL. */
static double
run_once (GSubprocessLauncher *launcher,
          const char * const  *argv,
          double              *exit_ns,
          char               **size)
{
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GMainLoop) loop = g_main_loop_new (NULL, FALSE);
  Run run = { loop, NULL, NULL, FALSE };
  const char *mark;
  gint64 start;
  gint64 frame;
  guint timeout_id;

  start = g_get_monotonic_time ();
  process = g_subprocess_launcher_spawnv (launcher, argv, &error);
  if (process == NULL)
    g_error ("Could not start %s: %s", argv[0], error->message);
  g_subprocess_communicate_utf8_async (process, NULL, NULL, on_communicate_done, &run);
  timeout_id = g_timeout_add_seconds (RUN_TIMEOUT_S, on_timeout, &run);
  g_main_loop_run (loop);
  if (run.timed_out)
    {
      g_subprocess_force_exit (process);
      g_error ("%s did not quit after its first frame within %d s", argv[0], RUN_TIMEOUT_S);
    }
  g_source_remove (timeout_id);
  *exit_ns = (g_get_monotonic_time () - start) * 1e3;
  if (run.error != NULL)
    g_error ("%s: %s", argv[0], run.error->message);
  if (!g_subprocess_get_successful (process))
    g_error ("%s failed", argv[0]);

  mark = run.out != NULL ? strstr (run.out, "first-frame ") : NULL;
  if (mark == NULL)
    g_error ("%s printed no first-frame mark: “%s”", argv[0], run.out != NULL ? run.out : "");
  frame = g_ascii_strtoll (mark + strlen ("first-frame "), (char **) &mark, 10);
  if (size != NULL)
    {
      int width, height;

      if (sscanf (mark, " %dx%d", &width, &height) != 2)
        g_error ("%s printed no window size after its first-frame mark", argv[0]);
      *size = g_strdup_printf ("%dx%d", width, height);
    }
  g_free (run.out);
  return (frame - start) * 1e3;
}

/* What is started, in turn; the first is the application. */
enum {
  APP,
  EMPTY,          /* the goal's yardstick: empty, at the app's size */
  EMPTY_DEFAULT,  /* for comparison: empty, at GTK's default size */
  HEADER_BAR,     /* for comparison: a header bar with a title, at the app's size */
  N_CONTENDERS
};

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autofree char *home = NULL;
  g_autofree char *plan = NULL;
  g_autofree char *app_size = NULL;
  double *frame[N_CONTENDERS];
  double *exit_time[N_CONTENDERS];
  double median[N_CONTENDERS];
  const char *runs_env = g_getenv ("FP_BENCH_RUNS");
  guint n_runs = runs_env != NULL ? (guint) CLAMP (atoi (runs_env), 1, 1000) : DEFAULT_RUNS;
  const char *subdirs[] = { "XDG_DATA_HOME", "XDG_CONFIG_HOME", "XDG_CACHE_HOME", "XDG_STATE_HOME" };
  double ratio;

  setlocale (LC_ALL, "");
  if (argc != 4)
    {
      g_printerr ("Usage: %s FUNNEL-PLANNER MINIMAL-ADW-WINDOW PLAN\n", argv[0]);
      return 2;
    }
  if (g_getenv ("DISPLAY") == NULL && g_getenv ("WAYLAND_DISPLAY") == NULL)
    {
      g_print ("skip: no display (run under xvfb-run -a dbus-run-session)\n");
      return 77;
    }

  plan = g_canonicalize_filename (argv[3], NULL);
  home = g_dir_make_tmp ("fp-bench-startup-XXXXXX", NULL);
  g_assert_nonnull (home);

  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE);
  g_subprocess_launcher_setenv (launcher, "GSETTINGS_BACKEND", "memory", TRUE);
  g_subprocess_launcher_setenv (launcher, "FP_EXIT_AFTER_FIRST_FRAME", "1", TRUE);
  /* Drafts, recent files and caches of their own, the same for all */
  for (guint k = 0; k < G_N_ELEMENTS (subdirs); k++)
    {
      g_autofree char *dir = g_build_filename (home, subdirs[k], NULL);

      g_subprocess_launcher_setenv (launcher, subdirs[k], dir, TRUE);
    }

  for (guint c = 0; c < N_CONTENDERS; c++)
    {
      frame[c] = g_new (double, n_runs);
      exit_time[c] = g_new (double, n_runs);
    }

  {
    const char *app_argv[] = { argv[1], plan, NULL };
    double exit_ns;

    run_once (launcher, app_argv, &exit_ns, &app_size);
  }
  g_print ("start-up to the first frame, %u runs of each, in turn; windows of %s\n",
           n_runs, app_size);
  for (guint r = 0; r < N_WARMUP + n_runs; r++)
    {
      const char *argvs[N_CONTENDERS][4] = {
        [APP] = { argv[1], plan, NULL },
        [EMPTY] = { argv[2], app_size, NULL },
        [EMPTY_DEFAULT] = { argv[2], NULL },
        [HEADER_BAR] = { argv[2], "--header-bar", app_size, NULL },
      };

      /* Rotate which goes first, so none always follows another. */
      for (guint k = 0; k < N_CONTENDERS; k++)
        {
          guint c = (k + r) % N_CONTENDERS;
          double exit_ns;
          double frame_ns = run_once (launcher, argvs[c], &exit_ns, NULL);

          if (r < N_WARMUP)
            continue;
          frame[c][r - N_WARMUP] = frame_ns;
          exit_time[c][r - N_WARMUP] = exit_ns;
        }
    }

  median[EMPTY] = bench_report ("empty AdwApplicationWindow: first frame", frame[EMPTY],
                                n_runs, 1e6, 0);
  median[APP] = bench_report ("funnel-planner PLAN: first frame with plan", frame[APP],
                              n_runs, 1e6, GOAL_RATIO * median[EMPTY]);
  bench_report ("  empty window: spawn to exit", exit_time[EMPTY], n_runs, 1e6, 0);
  bench_report ("  funnel-planner: spawn to exit", exit_time[APP], n_runs, 1e6, 0);
  median[EMPTY_DEFAULT] = bench_report ("  empty window at GTK's default size", frame[EMPTY_DEFAULT],
                                        n_runs, 1e6, 0);
  median[HEADER_BAR] = bench_report ("  window with a header bar and a title", frame[HEADER_BAR],
                                     n_runs, 1e6, 0);
  ratio = median[APP] / median[EMPTY];
  g_print ("ratio of the medians %.2f (goal <= %.2f)  %s\n", ratio, GOAL_RATIO,
           ratio <= GOAL_RATIO ? "ok" : "MISSED");
  g_print ("  for comparison: %.2f against the empty window at GTK's default size,\n"
           "  %.2f against the window with a header bar (its text and icons load the\n"
           "  fonts and the icon theme that any such window needs)\n",
           median[APP] / median[EMPTY_DEFAULT], median[APP] / median[HEADER_BAR]);

  for (guint c = 0; c < N_CONTENDERS; c++)
    {
      g_free (frame[c]);
      g_free (exit_time[c]);
    }
  delete_tree (home);

  return ratio <= GOAL_RATIO ? 0 : 1;
}
