/* fp-button-names.c: buttons named by their label, never "_Save Save" */
#include "config.h"

#include "fp-button-names.h"

void
fp_button_names_mend (GtkButton *button)
{
  g_return_if_fail (GTK_IS_BUTTON (button));

  if (gtk_button_get_use_underline (button) && gtk_button_get_label (button) != NULL)
    gtk_accessible_reset_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL);
  /* An icon button is labelled by its image, whose name is its class: a
   * screen reader said "GtkImage Remove Stage". Its own label names it. */
  if (GTK_IS_IMAGE (gtk_button_get_child (button)))
    gtk_accessible_reset_relation (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_RELATION_LABELLED_BY);
}

static gboolean
on_widget_map (GSignalInvocationHint *hint,
               guint                  n_params,
               const GValue          *params,
               gpointer               user_data)
{
  GObject *object = g_value_get_object (&params[0]);

  if (GTK_IS_BUTTON (object))
    fp_button_names_mend (GTK_BUTTON (object));
  return TRUE; /* stays for every map to come */
}

gulong
fp_button_names_install (void)
{
  /* GtkWidget's signals exist once its class does: maybe not yet */
  gpointer widget_class = g_type_class_ref (GTK_TYPE_WIDGET);
  gulong hook = g_signal_add_emission_hook (g_signal_lookup ("map", GTK_TYPE_WIDGET), 0,
                                            on_widget_map, NULL, NULL);

  g_type_class_unref (widget_class);
  return hook;
}

void
fp_button_names_uninstall (gulong hook)
{
  if (hook != 0)
    g_signal_remove_emission_hook (g_signal_lookup ("map", GTK_TYPE_WIDGET), hook);
}
