/* minimal-adw-window.c: the smallest libadwaita application window
 *
 * Usage: minimal-adw-window [WIDTHxHEIGHT]
 *
 * The yardstick of bench-startup: an AdwApplication that presents an empty
 * AdwApplicationWindow, of WIDTHxHEIGHT when given (bench-startup passes
 * funnel-planner's own window size, so both paint as many pixels), prints
 * the monotonic time of its first painted frame ("first-frame <µs> WxH", as
 * funnel-planner does with FP_EXIT_AFTER_FIRST_FRAME=1) and quits.
 */
#include "config.h"

#include <adwaita.h>
#include <stdio.h>

static int default_width = -1;
static int default_height = -1;

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

  gtk_window_set_default_size (GTK_WINDOW (window), default_width, default_height);
  g_signal_connect (window, "realize", G_CALLBACK (on_window_realize), NULL);
  gtk_window_present (GTK_WINDOW (window));
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(AdwApplication) app = NULL;

  if (argc > 2 || (argc == 2 && sscanf (argv[1], "%dx%d", &default_width, &default_height) != 2))
    {
      g_printerr ("Usage: %s [WIDTHxHEIGHT]\n", argv[0]);
      return 2;
    }

  app = adw_application_new ("io.github.funnelplanner.MinimalWindow", G_APPLICATION_DEFAULT_FLAGS);
  g_signal_connect (app, "activate", G_CALLBACK (on_application_activate), NULL);
  /* The size is ours, not GApplication's to parse. */
  return g_application_run (G_APPLICATION (app), 1, argv);
}
