/* minimal-adw-window.c: the smallest libadwaita application window
 *
 * Usage: minimal-adw-window [--header-bar] [WIDTHxHEIGHT]
 *
 * The yardstick of bench-startup: an AdwApplication that presents an empty
 * AdwApplicationWindow, of WIDTHxHEIGHT when given (bench-startup passes
 * funnel-planner's own window size, so both paint as many pixels), prints
 * the monotonic time of its first painted frame ("first-frame <µs> WxH", as
 * funnel-planner does with FP_EXIT_AFTER_FIRST_FRAME=1) and quits. With
 * --header-bar the window has an AdwHeaderBar with a title and subtitle:
 * the least a window with text and icons loads.
 */
#include "config.h"

#include <adwaita.h>
#include <stdio.h>

static int default_width = -1;
static int default_height = -1;
static gboolean with_header_bar;

static void
on_frame_clock_after_paint (GdkFrameClock *clock,
                            GtkWidget     *window)
{
  int width, height;

  g_signal_handlers_disconnect_by_func (clock, on_frame_clock_after_paint, window);
  gtk_window_get_default_size (GTK_WINDOW (window), &width, &height);
  g_print ("first-frame %" G_GINT64_FORMAT " %dx%d\n", g_get_monotonic_time (), width, height);
  g_application_quit (g_application_get_default ());
}

static void
on_window_realize (GtkWidget *window)
{
  g_signal_connect (gtk_widget_get_frame_clock (window), "after-paint",
                    G_CALLBACK (on_frame_clock_after_paint), window);
}

static void
on_application_activate (GApplication *app)
{
  GtkWidget *window = adw_application_window_new (GTK_APPLICATION (app));

  if (with_header_bar)
    {
      GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
      GtkWidget *header_bar = adw_header_bar_new ();

      adw_header_bar_set_title_widget (ADW_HEADER_BAR (header_bar),
                                       adw_window_title_new ("Q3 2027 demand plan",
                                                             "q3-demand-plan.funnel.json"));
      gtk_box_append (GTK_BOX (box), header_bar);
      adw_application_window_set_content (ADW_APPLICATION_WINDOW (window), box);
    }
  gtk_window_set_default_size (GTK_WINDOW (window), default_width, default_height);
  g_signal_connect (window, "realize", G_CALLBACK (on_window_realize), NULL);
  gtk_window_present (GTK_WINDOW (window));
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(AdwApplication) app = NULL;
  int arg = 1;

  if (arg < argc && g_str_equal (argv[arg], "--header-bar"))
    {
      with_header_bar = TRUE;
      arg++;
    }
  if (argc > arg + 1 ||
      (argc == arg + 1 && sscanf (argv[arg], "%dx%d", &default_width, &default_height) != 2))
    {
      g_printerr ("Usage: %s [--header-bar] [WIDTHxHEIGHT]\n", argv[0]);
      return 2;
    }

  app = adw_application_new ("io.github.funnelplanner.MinimalWindow", G_APPLICATION_DEFAULT_FLAGS);
  g_signal_connect (app, "activate", G_CALLBACK (on_application_activate), NULL);
  /* The size is ours, not GApplication's to parse. */
  return g_application_run (G_APPLICATION (app), 1, argv);
}
