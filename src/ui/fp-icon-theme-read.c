/* fp-icon-theme-read.c: the display's icon theme, read in a thread while
 * the first window is built
 *
 * GTK begins to read a display's icon theme in a thread when the theme is
 * first asked for, but GtkApplication's start-up then adds the app's own
 * icons to it, which throws the reading away: the window's first icon read
 * the whole theme again on the main thread, about 10 ms of the first
 * frame's styling on a 2-core machine. Read here in a thread, it overlaps
 * the window's construction instead.
 *
 * Once set up on the main thread, the theme may be asked from any thread
 * (GTK's gtkicontheme.c); a lookup on the main thread meanwhile waits for
 * the theme's lock. It starts with the window, not at start-up, where it
 * took a core from the D-Bus call with which GTK joins the accessibility
 * bus as the first window is made.
 */
#include "config.h"

#include "fp-icon-theme-read.h"

#define READ_AHEAD_KEY "fp-icon-theme-read-ahead"

static void
read_icon_theme (GTask        *task,
                 gpointer      icon_theme,
                 gpointer      task_data,
                 GCancellable *cancellable)
{
  /* Any name will do: a lookup reads the whole theme first. */
  gtk_icon_theme_has_icon (icon_theme, "open-menu-symbolic");
  g_task_return_boolean (task, TRUE);
}

gboolean
fp_icon_theme_read_ahead (GdkDisplay *display)
{
  GtkIconTheme *icon_theme;
  g_autoptr(GTask) task = NULL;

  g_return_val_if_fail (GDK_IS_DISPLAY (display), FALSE);

  icon_theme = gtk_icon_theme_get_for_display (display);
  if (g_object_get_data (G_OBJECT (icon_theme), READ_AHEAD_KEY) != NULL)
    return FALSE;
  g_object_set_data (G_OBJECT (icon_theme), READ_AHEAD_KEY, GINT_TO_POINTER (TRUE));
  task = g_task_new (icon_theme, NULL, NULL, NULL);
  g_task_set_name (task, "fp: read the icon theme");
  g_task_run_in_thread (task, read_icon_theme);
  return TRUE;
}
