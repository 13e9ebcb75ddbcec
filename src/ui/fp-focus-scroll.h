/* fp-focus-scroll.h: the focused widget scrolled into view with what is
 * around it
 *
 * GtkViewport's scroll-to-focus scrolls as little as it can: a Tab down the
 * plan panel left the focused button flush with the window's bottom edge,
 * the stages it adds out of sight, and a spin button in view without its
 * row's title. Here the focused widget's row (a list row, else the widget)
 * comes into view whole, with a margin of what lies beyond it, so that
 * where the next Tab goes is seen before it gets there. Only for the
 * keyboard: a click leaves the content where GTK puts it.
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* Keeps the margin for every viewport in @window that scrolls to the focus */
void   fp_focus_scroll_attach        (GtkWindow *window);

/* The value @adjustment of a viewport 'page' tall takes to show the span
 * [top, bottom) of its content with @margin beyond each end, moving as
 * little as it can; a span too tall for the page shows its top. */
double fp_focus_scroll_value_for     (double     value,
                                      double     page,
                                      double     top,
                                      double     bottom,
                                      double     margin);

G_END_DECLS
