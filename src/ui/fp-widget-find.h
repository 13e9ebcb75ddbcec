/* fp-widget-find.h: a widget inside another, found by its type
 *
 * For the parts of libadwaita 1.2's widgets that it gives no getter for:
 * an expander row's enable switch, an action row's title and subtitle labels.
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* The first widget under @root (not @root itself), depth first, that is a
 * @type and, unless @css_class is NULL, has that style class; NULL when
 * there is none. */
GtkWidget *fp_widget_find_descendant (GtkWidget  *root,
                                      GType       type,
                                      const char *css_class);

G_END_DECLS
