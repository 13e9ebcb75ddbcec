/* fp-window-failed-open.c: a file named on the command line that does not
 * open is said in the window, in place of a plan
 *
 * A window opened for one file has nothing of the user's to show when the
 * file does not load. A template behind an error dialog looked as if the
 * file had opened, under another name. The window says why instead, in a
 * status page that stays until the user goes on: Try Again (after mending
 * the file in an editor, say), New Plan, or Open in the header bar. Any
 * document the window takes leaves the page (_fp_window_set_document()).
 */
#include "config.h"

#include <glib/gi18n.h>

#include "fp-application.h"
#include "fp-window-private.h"

/* The header's controls for a plan: nothing to show or save on the page */
static void
show_plan_controls (FpWindow *self,
                    gboolean  show)
{
  gtk_widget_set_visible (self->plan_panel_button, show);
  gtk_widget_set_visible (GTK_WIDGET (self->switcher_squeezer), show);
  gtk_widget_set_visible (GTK_WIDGET (self->switcher_bar), show);
  gtk_widget_set_visible (self->projections_panel_button, show);
  gtk_widget_set_visible (GTK_WIDGET (self->save_squeezer), show);
}

static void
set_failure (FpWindow     *self,
             const GError *error)
{
  g_autofree char *display_name = _fp_window_display_name (self->failed_file);
  g_autofree char *title = NULL;
  g_autofree char *description = g_markup_escape_text (error->message, -1);

  /* Translators: %s is a file name, e.g. "Could Not Open “q3.funnel.json”" */
  title = g_strdup_printf (_("Could Not Open “%s”"), display_name);
  adw_status_page_set_title (self->failed_page, title);
  /* The core's message names the place: FILE:LINE:COLUMN, what */
  adw_status_page_set_description (self->failed_page, description);
  /* The focus is on Try Again: what a screen reader says of it is why */
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->failed_try_again),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, error->message, -1);
}

static void
on_window_map (FpWindow *self)
{
  g_signal_handlers_disconnect_by_func (self, on_window_map, NULL);
  /* Still saying it: the page may have been left before */
  if (self->failed_file != NULL)
    gtk_widget_grab_focus (self->failed_try_again);
}

void
_fp_window_try_again (FpWindow *self)
{
  g_autoptr(GFile) file = NULL;
  g_autoptr(GError) error = NULL;
  GtkApplication *app;
  GtkWindow *open;

  g_return_if_fail (FP_IS_WINDOW (self));
  g_return_if_fail (self->failed_file != NULL);

  file = g_object_ref (self->failed_file);
  /* Mended and opened in another window meanwhile: that window is the
   * file's, as for Open, since two would overwrite each other's saves;
   * this one only said why the file did not open, and closes. */
  app = gtk_window_get_application (GTK_WINDOW (self));
  open = FP_IS_APPLICATION (app)
         ? fp_application_find_window (FP_APPLICATION (app), file, GTK_WINDOW (self)) : NULL;
  if (open != NULL)
    {
      gtk_window_present (open);
      gtk_window_close (GTK_WINDOW (self));
      return;
    }
  if (fp_window_load_file (self, file, &error))
    {
      gtk_widget_grab_focus (self->funnel_view);
      return;
    }
  set_failure (self, error);
  /* Otherwise a second click that fails the same way shows nothing new */
  fp_toast_slot_show (&self->failed_toast, self->toast_overlay,
                      _("The file still does not open"), 5);
}

static void
on_try_again_clicked (GtkButton *button,
                      FpWindow  *self)
{
  _fp_window_try_again (self);
}

static void
on_new_plan_clicked (GtkButton *button,
                     FpWindow  *self)
{
  _fp_window_leave_failed_open (self);
  _fp_window_update_title (self);
  _fp_window_actions_update (self);
  gtk_widget_grab_focus (self->funnel_view);
}

static GtkWidget *
pill_button (const char *label)
{
  GtkWidget *button = gtk_button_new_with_mnemonic (label);

  gtk_widget_add_css_class (button, "pill");
  return button;
}

/* Built the first time a file does not open: most windows never need it */
static void
build_page (FpWindow *self)
{
  GtkWidget *buttons = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *try_again = pill_button (_("_Try Again"));
  GtkWidget *new_plan = pill_button (_("_New Plan"));

  gtk_widget_set_halign (buttons, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (try_again, "suggested-action");
  gtk_widget_set_tooltip_text (try_again, _("Read the File Again"));
  gtk_widget_set_tooltip_text (new_plan, _("Start a New Plan Instead"));
  g_signal_connect (try_again, "clicked", G_CALLBACK (on_try_again_clicked), self);
  g_signal_connect (new_plan, "clicked", G_CALLBACK (on_new_plan_clicked), self);
  gtk_box_append (GTK_BOX (buttons), try_again);
  gtk_box_append (GTK_BOX (buttons), new_plan);

  self->failed_page = ADW_STATUS_PAGE (adw_status_page_new ());
  adw_status_page_set_icon_name (self->failed_page, "dialog-warning-symbolic");
  adw_status_page_set_child (self->failed_page, buttons);
  gtk_stack_add_child (self->content_stack, GTK_WIDGET (self->failed_page));
  self->failed_try_again = try_again;
}

void
fp_window_show_failed_open (FpWindow     *self,
                            GFile        *file,
                            const GError *error)
{
  g_return_if_fail (FP_IS_WINDOW (self));
  g_return_if_fail (G_IS_FILE (file));
  g_return_if_fail (error != NULL);

  if (self->failed_page == NULL)
    build_page (self);
  g_set_object (&self->failed_file, file);
  set_failure (self, error);
  gtk_stack_set_visible_child (self->content_stack, GTK_WIDGET (self->failed_page));
  show_plan_controls (self, FALSE);
  _fp_window_update_title (self);
  _fp_window_actions_update (self);
  /* Focused in a window not yet shown, GTK 4.8 gives the window the role
   * of a filler, which Orca passes over: not a word of the failure. */
  if (gtk_widget_get_mapped (GTK_WIDGET (self)))
    gtk_widget_grab_focus (self->failed_try_again);
  else
    g_signal_connect (self, "map", G_CALLBACK (on_window_map), NULL);
}

GFile *
fp_window_get_failed_file (FpWindow *self)
{
  g_return_val_if_fail (FP_IS_WINDOW (self), NULL);

  return self->failed_file;
}

void
_fp_window_leave_failed_open (FpWindow *self)
{
  if (self->failed_file == NULL)
    return;
  g_clear_object (&self->failed_file);
  fp_toast_slot_dismiss (&self->failed_toast);
  gtk_stack_set_visible_child (self->content_stack, GTK_WIDGET (self->plan_flap));
  show_plan_controls (self, TRUE);
}
