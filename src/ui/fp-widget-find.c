/* fp-widget-find.c: a widget inside another, found by its type */
#include "config.h"

#include "fp-widget-find.h"

GtkWidget *
fp_widget_find_descendant (GtkWidget  *root,
                           GType       type,
                           const char *css_class)
{
  g_return_val_if_fail (GTK_IS_WIDGET (root), NULL);

  for (GtkWidget *child = gtk_widget_get_first_child (root);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found;

      if (G_TYPE_CHECK_INSTANCE_TYPE (child, type) &&
          (css_class == NULL || gtk_widget_has_css_class (child, css_class)))
        return child;
      found = fp_widget_find_descendant (child, type, css_class);
      if (found != NULL)
        return found;
    }
  return NULL;
}
