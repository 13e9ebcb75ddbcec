/* minimal-adw-window.c: the smallest libadwaita application window
 *
 * The yardstick of bench-startup: an AdwApplication that presents an empty
 * AdwApplicationWindow, prints the monotonic time of its first painted
 * frame ("first-frame <µs>", as funnel-planner does with
 * FP_EXIT_AFTER_FIRST_FRAME=1) and quits.
 */
#include "config.h"

#include <adwaita.h>

static void
on_frame_clock_after_paint (GdkFrameClock  *clock,
                            GApplication   *app)
{
  g_signal_handlers_disconnect_by_func (clock, on_frame_clock_after_paint, app);
  g_print ("first-frame %" G_GINT64_FORMAT "\n", g_get_monotonic_time ());
  g_application_quit (app);
}

static void
on_window_realize (GtkWidget    *window,
                   GApplication *app)
{
  g_signal_connect (gtk_widget_get_frame_clock (window), "after-paint",
                    G_CALLBACK (on_frame_clock_after_paint), app);
}

static void
on_application_activate (GApplication *app)
{
  GtkWidget *window = adw_application_window_new (GTK_APPLICATION (app));

  g_signal_connect (window, "realize", G_CALLBACK (on_window_realize), app);
  gtk_window_present (GTK_WINDOW (window));
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(AdwApplication) app =
    adw_application_new ("io.github.funnelplanner.MinimalWindow", G_APPLICATION_DEFAULT_FLAGS);

  g_signal_connect (app, "activate", G_CALLBACK (on_application_activate), NULL);
  return g_application_run (G_APPLICATION (app), argc, argv);
}
