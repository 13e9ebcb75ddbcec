/* fp-scroll-into-view.h: a widget brought into view as the rows above it
 * open
 *
 * An expander row opened near the bottom of a scrolled panel opens below
 * the fold, and the focus alone does not bring a widget into view in GTK
 * 4.8 while the rows around it are still growing. Here the panel follows
 * the widget frame after frame until it is in view and has kept still,
 * and lets go as soon as the person scrolls or clicks in the panel.
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* Scrolls the scrolled window around @widget, frame after frame as rows
 * open, until @widget is in view (its top, if it is taller than the
 * window), for at most 120 frames */
void fp_scroll_into_view (GtkWidget *widget);

G_END_DECLS
