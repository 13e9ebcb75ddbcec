/* ui-xdotool.c: real pointer and keyboard input for the UI tests */
#include "config.h"

#include "ui-xdotool.h"

#ifdef GDK_WINDOWING_X11
#include <gdk/x11/gdkx.h>
#endif

static void
on_process_waited (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  gboolean *done = user_data;

  g_subprocess_wait_finish (G_SUBPROCESS (object), result, NULL);
  *done = TRUE;
}

gboolean
ui_xdotool_run (const char *const *args)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GSubprocess) process = g_subprocess_newv (args, G_SUBPROCESS_FLAGS_NONE, &error);
  gboolean done = FALSE;

  g_assert_no_error (error);
  /* Keep the main loop turning while xdotool talks to the server. */
  g_subprocess_wait_async (process, NULL, on_process_waited, &done);
  while (!done)
    g_main_context_iteration (NULL, TRUE);
  return g_subprocess_get_successful (process);
}

char *
ui_xdotool_window_id (GtkWindow *window)
{
#ifdef GDK_WINDOWING_X11
  GdkSurface *surface = gtk_native_get_surface (GTK_NATIVE (window));

  return g_strdup_printf ("%lu", (gulong) gdk_x11_surface_get_xid (surface));
#else
  g_assert_not_reached ();
#endif
}

gboolean
ui_xdotool_focus_window (GtkWindow *window)
{
  g_autofree char *xid = ui_xdotool_window_id (window);
  const char *focus[] = { "xdotool", "windowfocus", "--sync", xid, NULL };

  return ui_xdotool_run (focus);
}

gboolean
ui_xdotool_usable (GtkWidget *widget)
{
  g_autofree char *path = g_find_program_in_path ("xdotool");

  if (path == NULL)
    {
      g_test_skip ("xdotool is not installed");
      return FALSE;
    }
#ifdef GDK_WINDOWING_X11
  if (GDK_IS_X11_DISPLAY (gtk_widget_get_display (widget)))
    return TRUE;
#endif
  g_test_skip ("not an X11 display");
  return FALSE;
}
