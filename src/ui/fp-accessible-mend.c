/* fp-accessible-mend.c: what GTK 4.8 and libadwaita 1.2 would tell a
 * screen reader wrongly, mended as widgets are mapped */
#include "config.h"

#include <adwaita.h>

#include "fp-accessible-mend.h"
#include "fp-widget-find.h"

void
fp_accessible_mend_button (GtkButton *button)
{
  g_return_if_fail (GTK_IS_BUTTON (button));

  if (gtk_button_get_use_underline (button) && gtk_button_get_label (button) != NULL)
    gtk_accessible_reset_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL);
  /* An icon button is labelled by its image, whose name is its class: a
   * screen reader said "GtkImage Remove Stage". Its own label names it. */
  if (GTK_IS_IMAGE (gtk_button_get_child (button)))
    gtk_accessible_reset_relation (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_RELATION_LABELLED_BY);
}

static void
mend_row (GtkListBoxRow *row)
{
  GtkWidget *list = gtk_widget_get_parent (GTK_WIDGET (row));

  if (GTK_IS_LIST_BOX (list) &&
      gtk_list_box_get_selection_mode (GTK_LIST_BOX (list)) == GTK_SELECTION_NONE &&
      gtk_list_box_row_get_selectable (row))
    gtk_list_box_row_set_selectable (row, FALSE);
}

/* An expander row's rows are in the accessible tree while it is folded,
 * and unmapped */
static void
mend_rows_within (GtkWidget *widget)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      if (GTK_IS_LIST_BOX_ROW (child))
        mend_row (GTK_LIST_BOX_ROW (child));
      mend_rows_within (child);
    }
}

static void
tell_expanded (AdwExpanderRow *row)
{
  /* The row a screen reader reaches: its header, the first row in it */
  GtkWidget *header = fp_widget_find_descendant (GTK_WIDGET (row), GTK_TYPE_LIST_BOX_ROW, NULL);

  if (header != NULL)
    gtk_accessible_update_state (GTK_ACCESSIBLE (header), GTK_ACCESSIBLE_STATE_EXPANDED,
                                 adw_expander_row_get_expanded (row), -1);
}

static void
on_expander_row_notify_expanded (AdwExpanderRow *row,
                                 GParamSpec     *pspec,
                                 gpointer        user_data)
{
  tell_expanded (row);
}

static void
mend_expander_row (AdwExpanderRow *row)
{
  /* Mapped again after each fold of an outer row: connected once */
  if (g_object_get_data (G_OBJECT (row), "fp-accessible-mend-expanded") == NULL)
    {
      g_object_set_data (G_OBJECT (row), "fp-accessible-mend-expanded", GINT_TO_POINTER (TRUE));
      g_signal_connect (row, "notify::expanded", G_CALLBACK (on_expander_row_notify_expanded), NULL);
    }
  mend_rows_within (GTK_WIDGET (row));
  tell_expanded (row);
}

/* The question's text, on the button the focus starts on */
static void
mend_message_dialog (AdwMessageDialog *dialog)
{
  GtkWidget *button = gtk_window_get_default_widget (GTK_WINDOW (dialog));
  const char *body = adw_message_dialog_get_body (dialog);

  if (button != NULL && body != NULL && body[0] != '\0')
    gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                    body, -1);
}

/* Once the list is laid out: the chosen item, where GTK put the focus on
 * the first */
static gboolean
focus_chosen_item (gpointer data)
{
  g_autoptr(GtkWidget) popover = data;
  GtkWidget *row = gtk_widget_get_ancestor (popover, ADW_TYPE_COMBO_ROW);
  GtkWidget *list = fp_widget_find_descendant (popover, GTK_TYPE_LIST_VIEW, NULL);
  guint chosen;

  if (list == NULL || row == NULL || !gtk_widget_get_mapped (popover))
    return G_SOURCE_REMOVE;
  chosen = adw_combo_row_get_selected (ADW_COMBO_ROW (row));
  if (chosen == GTK_INVALID_LIST_POSITION)
    return G_SOURCE_REMOVE;
  /* A long list makes its rows around what is in view only */
  gtk_widget_activate_action (list, "list.scroll-to-item", "u", chosen);
  for (GtkWidget *item = gtk_widget_get_first_child (list); item != NULL;
       item = gtk_widget_get_next_sibling (item))
    if (gtk_widget_get_state_flags (item) & GTK_STATE_FLAG_SELECTED)
      {
        gtk_widget_grab_focus (item);
        break;
      }
  return G_SOURCE_REMOVE;
}

static gboolean
on_widget_map (GSignalInvocationHint *hint,
               guint                  n_params,
               const GValue          *params,
               gpointer               user_data)
{
  GObject *object = g_value_get_object (&params[0]);

  if (GTK_IS_BUTTON (object))
    fp_accessible_mend_button (GTK_BUTTON (object));
  else if (GTK_IS_LIST_BOX_ROW (object))
    mend_row (GTK_LIST_BOX_ROW (object));
  if (ADW_IS_EXPANDER_ROW (object))
    mend_expander_row (ADW_EXPANDER_ROW (object));
  else if (ADW_IS_MESSAGE_DIALOG (object))
    mend_message_dialog (ADW_MESSAGE_DIALOG (object));
  else if (GTK_IS_POPOVER (object)
           && gtk_widget_get_ancestor (GTK_WIDGET (object), ADW_TYPE_COMBO_ROW) != NULL)
    g_idle_add (focus_chosen_item, g_object_ref (object));
  return TRUE; /* stays for every map to come */
}

gulong
fp_accessible_mend_install (void)
{
  /* GtkWidget's signals exist once its class does: maybe not yet */
  gpointer widget_class = g_type_class_ref (GTK_TYPE_WIDGET);
  gulong hook = g_signal_add_emission_hook (g_signal_lookup ("map", GTK_TYPE_WIDGET), 0,
                                            on_widget_map, NULL, NULL);

  g_type_class_unref (widget_class);
  return hook;
}

void
fp_accessible_mend_uninstall (gulong hook)
{
  if (hook != 0)
    g_signal_remove_emission_hook (g_signal_lookup ("map", GTK_TYPE_WIDGET), hook);
}
