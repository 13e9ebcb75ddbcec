/* fp-icon-theme-read.h: the display's icon theme, read in a thread while
 * the first window is built
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* Starts reading @display's icon theme in a thread, once for each display:
 * returns TRUE when it started, FALSE when it had started before. The
 * first icon to be looked up waits for the reading if it has not
 * finished. */
gboolean fp_icon_theme_read_ahead (GdkDisplay *display);

G_END_DECLS
