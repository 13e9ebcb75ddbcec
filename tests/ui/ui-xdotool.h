/* ui-xdotool.h: real pointer and keyboard input for the UI tests
 *
 * xdotool sends X events through the X server, as a person's mouse and
 * keyboard do; GTK cannot tell them apart. X11 only.
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* TRUE when xdotool is installed and @widget is on an X11 display; else
 * marks the test skipped and returns FALSE. */
gboolean ui_xdotool_usable     (GtkWidget         *widget);
/* Runs xdotool with @args (args[0] is "xdotool"), turning the main loop
 * meanwhile; TRUE when it succeeded. */
gboolean ui_xdotool_run        (const char *const *args);
/* @window's X window id, as xdotool takes it. */
char    *ui_xdotool_window_id  (GtkWindow         *window);
/* Gives @window the keyboard, as a window manager does for the window a
 * person raises (Xvfb has none); TRUE when xdotool did it. */
gboolean ui_xdotool_focus_window (GtkWindow       *window);

G_END_DECLS
