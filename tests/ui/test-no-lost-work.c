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
#include <fcntl.h>
#include <glib/gstdio.h>
#include <math.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include "fp-plan-io.h"
#include "fp-plan-panel-private.h"
#include "fp-window-private.h"
#include "ui-window-util.h"
#include "ui-xdotool.h"

#define SAMPLE_TARGET 1200000

/* Waits up to 3 s for the window's banner about its file to tell @kind */
static void
wait_for_disk_news (FpWindow   *window,
                    FpDiskNews  kind)
{
  for (int i = 0; i < 300 && !_fp_window_disk_news_is (window, kind); i++)
    ui_wait_ms (10);
  g_assert_true (_fp_window_disk_news_is (window, kind));
}

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

/* A copy of the sample with each pair of @edits, (find, replace) and
 * NULL after the last, made in its text */
static GFile *
copy_sample_edited (const char        *name,
                    const char *const *edits)
{
  g_autoptr(GFile) file = ui_copy_sample (name);
  g_autofree char *text = NULL;
  g_autoptr(GString) edited = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_true (g_file_load_contents (file, NULL, &text, NULL, NULL, &error));
  edited = g_string_new (text);
  for (guint i = 0; edits[i] != NULL; i += 2)
    g_assert_cmpuint (g_string_replace (edited, edits[i], edits[i + 1], 1), ==, 1);
  g_assert_true (g_file_replace_contents (file, edited->str, edited->len, NULL, FALSE,
                                          G_FILE_CREATE_NONE, NULL, NULL, &error));
  return g_steal_pointer (&file);
}

/* Tabbing through number fields, with real keys, changes nothing: GTK
 * reads a field's text again as the focus leaves it, and a deal size of
 * 25,500.5 shown as "25,500" came back as 25,500, a duration of 2.25 days
 * as 2. The fields show the plan's fractions (2.25 days to a tenth,
 * "2.3", a half away from zero), and the plan keeps its own. */
static void
test_focus_changes_nothing (void)
{
  static const char *const fractions[] = {
    "\"average_deal_size\": 30000", "\"average_deal_size\": 25500.5",
    "\"revenue_target\": 1200000", "\"revenue_target\": 1200000.25",
    "\"duration_days\": 14", "\"duration_days\": 2.25",
    NULL
  };
  g_autoptr(GFile) file = copy_sample_edited ("fractions.funnel.json", fractions);
  FpWindow *window;
  FpPlan *plan;
  FpPlanPanel *panel;
  GtkSpinButton *deal_size;
  GtkSpinButton *target;
  GtkSpinButton *duration;
  const char *tab[] = { "xdotool", "key", "--delay", "150", "Tab", NULL };
  const char *shift_tab[] = { "xdotool", "key", "--delay", "150", "shift+Tab", NULL };

  window = ui_present_window (file, 1280, 800);
  plan = fp_window_get_plan (window);
  panel = window->plan_panel;
  deal_size = _fp_plan_panel_get_deal_size_spin (panel);
  target = _fp_plan_panel_get_target_spin (panel);
  if (!ui_xdotool_usable (GTK_WIDGET (window)))
    {
      ui_destroy_window (window);
      return;
    }
  g_assert_true (ui_xdotool_focus_window (GTK_WINDOW (window)));

  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (deal_size)), ==, "25,500.5");
  g_assert_true (gtk_widget_grab_focus (GTK_WIDGET (target)));
  ui_wait_ms (100);
  g_assert_true (ui_xdotool_run (tab));
  g_assert_true (ui_xdotool_run (tab));
  g_assert_true (ui_xdotool_run (shift_tab));
  ui_iterate ();

  adw_expander_row_set_expanded (_fp_plan_panel_get_stage_row (panel, 0), TRUE);
  ui_iterate ();
  duration = _fp_plan_panel_get_stage_spin (panel, 0, FP_PLAN_PANEL_STAGE_DURATION);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (duration)), ==, "2.3");
  g_assert_true (gtk_widget_grab_focus (GTK_WIDGET (duration)));
  ui_wait_ms (100);
  g_assert_true (ui_xdotool_run (tab));
  ui_iterate ();

  g_assert_cmpfloat (fp_plan_get_average_deal_size (plan), ==, 25500.5);
  g_assert_cmpfloat (fp_plan_get_revenue_target (plan), ==, 1200000.25);
  g_assert_cmpfloat (fp_plan_get_stage (plan, 0)->duration_days, ==, 2.25);
  g_assert_false (fp_plan_get_modified (plan));
  g_assert_false (fp_plan_can_undo (plan));

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

  /* Typed, with the focus still in the field */
  gtk_widget_grab_focus (GTK_WIDGET (title));
  gtk_editable_set_text (GTK_EDITABLE (title), "Typed, not applied");
  ui_iterate ();
  g_assert_false (fp_plan_get_modified (plan));

  /* Untitled, the window with a typed title is not one to open a file
   * into (a drop, a template, a recovered draft would replace it) */
  {
    FpWindow *untitled = ui_present_window (NULL, 1000, 700);
    AdwEntryRow *untitled_title = _fp_plan_panel_get_title_row (untitled->plan_panel);

    g_assert_true (fp_window_is_pristine (untitled));
    gtk_widget_grab_focus (GTK_WIDGET (untitled_title));
    gtk_editable_set_text (GTK_EDITABLE (untitled_title), "Started typing");
    g_assert_false (fp_window_is_pristine (untitled));
    ui_discard_window (untitled);
  }

  gtk_window_close (GTK_WINDOW (window));
  dialog = ui_wait_for_message_dialog ();
  g_assert_nonnull (dialog);
  g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog), "Typed, not applied"));
  /* Its buttons, libadwaita's, are "Save", "Discard" and "Cancel" for a
   * screen reader, not "_Save Save" */
  {
    guint n_mnemonic = 0;

    ui_wait_ms (100);
    g_assert_cmpuint (ui_count_buttons_named_raw (GTK_WIDGET (dialog), &n_mnemonic), ==, 0);
    g_assert_cmpuint (n_mnemonic, ==, 3);
  }
  ui_answer_dialog (dialog, "cancel");
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (window)));
  g_assert_cmpstr (fp_plan_get_title (plan), ==, "Typed, not applied");
  g_assert_true (fp_plan_get_modified (plan));

  ui_discard_window (window);
}

/* Text typed into a row applies when the focus leaves it, as a number
 * field's does: the canvas and the window title follow at once. A refused
 * text stays, in red. */
static void
test_typed_name_applies_on_leave (void)
{
  g_autoptr(GFile) file = ui_copy_sample ("typed-leave.funnel.json");
  FpWindow *window = ui_present_window (file, 1280, 800);
  FpPlan *plan = fp_window_get_plan (window);
  AdwEntryRow *title = _fp_plan_panel_get_title_row (window->plan_panel);
  AdwEntryRow *currency = _fp_plan_panel_get_currency_row (window->plan_panel);
  GtkWidget *deal_size = GTK_WIDGET (_fp_plan_panel_get_deal_size_spin (window->plan_panel));

  gtk_widget_grab_focus (GTK_WIDGET (title));
  gtk_editable_set_text (GTK_EDITABLE (title), "Tabbed away");
  ui_iterate ();
  g_assert_cmpstr (fp_plan_get_title (plan), !=, "Tabbed away");
  gtk_widget_grab_focus (deal_size);
  ui_iterate ();
  g_assert_cmpstr (fp_plan_get_title (plan), ==, "Tabbed away");
  g_assert_nonnull (strstr (ui_window_title (window), "Tabbed away"));
  g_assert_true (fp_plan_undo (plan));
  ui_iterate ();
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (title)), ==, fp_plan_get_title (plan));

  gtk_widget_grab_focus (GTK_WIDGET (currency));
  gtk_editable_set_text (GTK_EDITABLE (currency), "dollars");
  gtk_widget_grab_focus (deal_size);
  ui_iterate ();
  g_assert_true (gtk_widget_has_css_class (GTK_WIDGET (currency), "error"));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (currency)), ==, "dollars");
  g_assert_cmpstr (fp_plan_get_currency (plan), ==, "USD");

  /* Mended, it applies on leaving as any typed text does */
  gtk_widget_grab_focus (GTK_WIDGET (currency));
  gtk_editable_set_text (GTK_EDITABLE (currency), "EUR");
  gtk_widget_grab_focus (deal_size);
  ui_iterate ();
  g_assert_cmpstr (fp_plan_get_currency (plan), ==, "EUR");
  g_assert_false (gtk_widget_has_css_class (GTK_WIDGET (currency), "error"));

  ui_discard_window (window);
}

static void
count_apply (guint *count)
{
  (*count)++;
}

/* A typed value the plan refuses stops every save, not only the first,
 * and says why each time: the row stays red, the file keeps what it had.
 * Closing asks, so that the user can mend it or discard it. */
static void
test_refused_typed_value_stops (void)
{
  g_autoptr(GFile) file = ui_copy_sample ("typed-refused.funnel.json");
  FpWindow *window = ui_present_window (file, 1280, 800);
  FpPlan *plan = fp_window_get_plan (window);
  AdwEntryRow *currency = _fp_plan_panel_get_currency_row (window->plan_panel);
  g_autofree char *before = NULL;
  g_autofree char *etag = NULL;
  AdwMessageDialog *dialog;

  /* The entity tag too: a save of the same bytes would leave them as
   * they were, but not the file's modification time */
  g_assert_true (g_file_load_contents (file, NULL, &before, NULL, &etag, NULL));
  gtk_widget_grab_focus (GTK_WIDGET (currency));
  gtk_editable_set_text (GTK_EDITABLE (currency), "dollars");
  ui_iterate ();

  for (int attempt = 0; attempt < 2; attempt++)
    {
      g_autofree char *after = NULL;
      g_autofree char *etag_after = NULL;

      g_action_group_activate_action (G_ACTION_GROUP (window), "save", NULL);
      ui_iterate ();
      g_assert_true (gtk_widget_has_css_class (GTK_WIDGET (currency), "error"));
      g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (currency)), ==, "dollars");
      g_assert_true (g_file_load_contents (file, NULL, &after, NULL, &etag_after, NULL));
      g_assert_cmpstr (after, ==, before);
      g_assert_cmpstr (etag_after, ==, etag);
    }
  g_assert_false (fp_plan_get_modified (plan));

  /* Edited again, still wrong: one more try on save, not two */
  {
    guint applies = 0;
    gulong id = g_signal_connect_swapped (currency, "apply", G_CALLBACK (count_apply), &applies);

    gtk_widget_grab_focus (GTK_WIDGET (currency));
    gtk_editable_set_text (GTK_EDITABLE (currency), "euros");
    g_assert_false (gtk_widget_has_css_class (GTK_WIDGET (currency), "error"));
    g_action_group_activate_action (G_ACTION_GROUP (window), "save", NULL);
    ui_iterate ();
    g_assert_cmpuint (applies, ==, 1);
    g_assert_true (gtk_widget_has_css_class (GTK_WIDGET (currency), "error"));
    g_signal_handler_disconnect (currency, id);
  }

  /* The plan itself is unchanged, yet closing asks */
  g_object_add_weak_pointer (G_OBJECT (window), (gpointer *) &window);
  gtk_window_close (GTK_WINDOW (window));
  dialog = ui_wait_for_message_dialog ();
  g_assert_nonnull (dialog);
  ui_answer_dialog (dialog, "cancel");
  g_assert_nonnull (window);
  gtk_window_close (GTK_WINDOW (window));
  dialog = ui_wait_for_message_dialog ();
  g_assert_nonnull (dialog);
  ui_answer_dialog (dialog, "discard");
  for (int i = 0; i < 100 && window != NULL; i++)
    ui_wait_ms (10);
  g_assert_null (window);
}

/* Another program writes the file: the file's new content stands until the
 * user says to save over it. */
static void
write_as_another_program (GFile  *file,
                          double  revenue_target)
{
  g_autoptr(FpPlan) other = ui_load_plan (file);
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_true (fp_plan_set_revenue_target (other, revenue_target, NULL));
  bytes = fp_plan_to_bytes (other);
  g_file_replace_contents (file, g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes), NULL,
                           FALSE, G_FILE_CREATE_NONE, NULL, NULL, &error);
  g_assert_no_error (error);
}

/* Another program writes a plan of its own where none is now */
static void
write_as_another_program_new (GFile  *file,
                              double  revenue_target)
{
  g_autoptr(GFile) sample = ui_copy_sample ("another-program.funnel.json");

  write_as_another_program (sample, revenue_target);
  g_assert_true (g_file_move (sample, file, G_FILE_COPY_OVERWRITE, NULL, NULL, NULL, NULL));
}

/* Another program's file is there, with @target: the window offers to
 * reload it, and Save asks before writing over it (Cancel keeps it). */
static void
assert_save_asks_over_target (FpWindow *window,
                              GFile    *file,
                              double    target)
{
  AdwMessageDialog *dialog;
  g_autoptr(FpPlan) on_disk = NULL;

  wait_for_disk_news (window, FP_DISK_NEWS_RELOAD);
  g_action_group_activate_action (G_ACTION_GROUP (window), "save", NULL);
  dialog = ui_wait_for_message_dialog ();
  g_assert_nonnull (dialog);
  ui_answer_dialog (dialog, "cancel");
  on_disk = ui_load_plan (file);
  g_assert_cmpfloat (fp_plan_get_revenue_target (on_disk), ==, target);
}

/* Another program's write between reading the file and the window
 * taking the plan passed for the window's own version, as the window asked
 * the file for its version a moment after reading it: Save then wrote over
 * it unasked. The window keeps the version it read. */
static void
test_write_while_opening (void)
{
  g_autoptr(GFile) file = ui_copy_sample ("while-opening.funnel.json");
  FpPlan *plan = ui_load_plan (file);
  FpWindow *window;
  AdwMessageDialog *dialog;
  g_autoptr(FpPlan) on_disk = NULL;

  ui_wait_ms (50);
  write_as_another_program (file, 3000000);
  window = fp_window_new_for_plan (GTK_APPLICATION (ui_app ()), plan, file);
  g_object_unref (plan);
  gtk_window_present (GTK_WINDOW (window));
  gtk_test_widget_wait_for_draw (GTK_WIDGET (window));
  g_assert_cmpfloat (fp_plan_get_revenue_target (fp_window_get_plan (window)), ==, SAMPLE_TARGET);
  g_assert_true (_fp_window_file_changed_on_disk (window));

  gtk_spin_button_set_value (_fp_plan_panel_get_deal_size_spin (window->plan_panel), 35000);
  ui_iterate ();
  g_action_group_activate_action (G_ACTION_GROUP (window), "save", NULL);
  dialog = ui_wait_for_message_dialog ();
  g_assert_nonnull (dialog);
  ui_answer_dialog (dialog, "cancel");
  on_disk = ui_load_plan (file);
  g_assert_cmpfloat (fp_plan_get_revenue_target (on_disk), ==, 3000000);

  ui_discard_window (window);
}

static gboolean
is_reload_button (GtkWidget *widget,
                  gpointer   data)
{
  return GTK_IS_BUTTON (widget) && g_strcmp0 (gtk_button_get_label (GTK_BUTTON (widget)), "_Reload") == 0;
}

static void
test_save_over_changed_file_asks (void)
{
  g_autoptr(GFile) file = ui_copy_sample ("changed.funnel.json");
  FpWindow *window = ui_present_window (file, 1280, 800);
  FpPlan *plan = fp_window_get_plan (window);
  AdwMessageDialog *dialog;

  gtk_spin_button_set_value (_fp_plan_panel_get_deal_size_spin (window->plan_panel), 40000);
  ui_iterate ();
  write_as_another_program (file, 3000000);
  wait_for_disk_news (window, FP_DISK_NEWS_RELOAD);

  /* Save asks; Cancel keeps the other program's version */
  g_action_group_activate_action (G_ACTION_GROUP (window), "save", NULL);
  dialog = ui_wait_for_message_dialog ();
  g_assert_nonnull (dialog);
  g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog), "changed.funnel.json"));
  ui_answer_dialog (dialog, "cancel");
  {
    g_autoptr(FpPlan) on_disk = ui_load_plan (file);

    g_assert_cmpfloat (fp_plan_get_revenue_target (on_disk), ==, 3000000);
  }
  g_assert_true (fp_plan_get_modified (plan));

  /* Save Anyway writes this plan */
  g_action_group_activate_action (G_ACTION_GROUP (window), "save", NULL);
  dialog = ui_wait_for_message_dialog ();
  g_assert_nonnull (dialog);
  ui_answer_dialog (dialog, "save");
  {
    g_autoptr(FpPlan) on_disk = ui_load_plan (file);

    g_assert_cmpfloat (fp_plan_get_revenue_target (on_disk), ==, SAMPLE_TARGET);
    g_assert_cmpfloat (fp_plan_get_average_deal_size (on_disk), ==, 40000);
  }
  g_assert_false (fp_plan_get_modified (plan));
  g_assert_false (_fp_window_disk_news_is (window, FP_DISK_NEWS_RELOAD));

  /* Our own save is no change on disk: the next save asks nothing */
  gtk_spin_button_set_value (_fp_plan_panel_get_deal_size_spin (window->plan_panel), 45000);
  ui_iterate ();
  g_action_group_activate_action (G_ACTION_GROUP (window), "save", NULL);
  ui_iterate ();
  g_assert_null (ui_find_message_dialog ());
  g_assert_false (fp_plan_get_modified (plan));

  ui_destroy_window (window);
}

/* Gives @dialog the keyboard, as a window manager does, then answers it */
static void
answer_focused_dialog (FpWindow         *window,
                       AdwMessageDialog *dialog,
                       const char       *response)
{
  g_assert_true (ui_xdotool_focus_window (GTK_WINDOW (dialog)));
  for (int i = 0; i < 100 && gtk_window_is_active (GTK_WINDOW (window)); i++)
    ui_wait_ms (10);
  ui_answer_dialog (dialog, response);
  g_assert_true (ui_xdotool_focus_window (GTK_WINDOW (window)));
}

/* Reload, a file that no longer reads, Close, then Save and Save Anyway:
 * the banner goes, and the focus on its Reload button goes to the chart.
 * It went to the Title field, its text selected for the next key to
 * replace: after the dialogs, the banner had no focus child to tell that
 * the focus was on its button. */
static void
test_banner_focus_after_dialogs (void)
{
  g_autoptr(GFile) file = ui_copy_sample ("banner-focus.funnel.json");
  FpWindow *window = ui_present_window (file, 1280, 800);
  g_autoptr(GError) error = NULL;
  AdwMessageDialog *dialog;
  GtkWidget *reload;

  if (!ui_xdotool_usable (GTK_WIDGET (window)))
    {
      ui_destroy_window (window);
      return;
    }
  g_assert_true (ui_xdotool_focus_window (GTK_WINDOW (window)));
  g_assert_true (g_file_replace_contents (file, "{ broken", 8, NULL, FALSE, G_FILE_CREATE_NONE,
                                          NULL, NULL, &error));
  g_assert_no_error (error);
  wait_for_disk_news (window, FP_DISK_NEWS_RELOAD);
  reload = ui_find_widget (GTK_WIDGET (window->disk_banner), is_reload_button, NULL);
  g_assert_true (gtk_widget_grab_focus (reload));
  g_action_group_activate_action (G_ACTION_GROUP (window), "reload", NULL);
  dialog = ui_wait_for_message_dialog ();
  g_assert_nonnull (dialog);
  answer_focused_dialog (window, dialog, "close");
  ui_wait_ms (300);
  g_assert_true (gtk_widget_is_ancestor (gtk_window_get_focus (GTK_WINDOW (window)),
                                         GTK_WIDGET (window->disk_banner)));

  g_action_group_activate_action (G_ACTION_GROUP (window), "save", NULL);
  dialog = ui_wait_for_message_dialog ();
  g_assert_nonnull (dialog);
  answer_focused_dialog (window, dialog, "save");
  ui_wait_ms (300);
  g_assert_false (fp_banner_is_shown (window->disk_banner));
  g_assert_true (gtk_widget_is_ancestor (gtk_window_get_focus (GTK_WINDOW (window)),
                                         adw_view_stack_get_visible_child (window->view_stack)));
  g_assert_cmpstr (fp_plan_get_title (fp_window_get_plan (window)), ==, "Q3 2027 demand plan");

  ui_destroy_window (window);
}

/* Runs @command_line, TRUE when it succeeds */
static gboolean
run_quietly (const char *command_line)
{
  int status = -1;

  return g_spawn_command_line_sync (command_line, NULL, NULL, &status, NULL) &&
         g_spawn_check_wait_status (status, NULL);
}

/* The disk or share holding the file unmounted under the window: the file
 * is missing as a deleted one is. The window said nothing, and a Save
 * went quietly into the bare mount point, hidden once the share was back.
 * Needs a tmpfs mount (root, outside a locked-down container). */
static void
test_unmounted_file_missing (void)
{
  g_autofree char *dir = g_build_filename (ui_tmp_root (), "share", NULL);
  g_autofree char *mount = NULL;
  g_autofree char *unmount = NULL;
  g_autofree char *path = NULL;
  g_autoptr(GFile) sample = ui_copy_sample ("on-share.funnel.json");
  g_autoptr(GFile) file = NULL;
  g_autofree char *contents = NULL;
  FpWindow *window;

  g_assert_cmpint (g_mkdir_with_parents (dir, 0700), ==, 0);
  mount = g_strdup_printf ("mount -t tmpfs -o size=1m tmpfs %s", dir);
  unmount = g_strdup_printf ("umount %s", dir);
  if (!run_quietly (mount))
    {
      g_test_skip ("no tmpfs mount here");
      return;
    }
  path = g_build_filename (dir, "plan.funnel.json", NULL);
  file = g_file_new_for_path (path);
  g_assert_true (g_file_load_contents (sample, NULL, &contents, NULL, NULL, NULL));
  g_assert_true (g_file_set_contents (path, contents, -1, NULL));

  window = ui_present_window (file, 1280, 800);
  g_assert_false (_fp_window_disk_news_is (window, FP_DISK_NEWS_MISSING));
  g_assert_true (run_quietly (unmount));
  wait_for_disk_news (window, FP_DISK_NEWS_MISSING);
  g_assert_true (fp_plan_get_modified (fp_window_get_plan (window)));

  ui_discard_window (window);
}

/* The file deleted under an unmodified window: the plan is unsaved now,
 * closing asks, and Save puts the file back. */
static void
test_deleted_file_is_unsaved (void)
{
  g_autoptr(GFile) file = ui_copy_sample ("deleted.funnel.json");
  FpWindow *window = ui_present_window (file, 1280, 800);
  FpPlan *plan = fp_window_get_plan (window);
  g_autoptr(GError) error = NULL;
  AdwMessageDialog *dialog;

  g_assert_false (fp_plan_get_modified (plan));
  g_assert_true (g_file_delete (file, NULL, &error));
  g_assert_no_error (error);
  wait_for_disk_news (window, FP_DISK_NEWS_MISSING);
  g_assert_true (fp_plan_get_modified (plan));
  g_assert_true (g_str_has_prefix (ui_window_title (window), "• "));

  gtk_window_close (GTK_WINDOW (window));
  dialog = ui_wait_for_message_dialog ();
  g_assert_nonnull (dialog);
  ui_answer_dialog (dialog, "cancel");

  g_action_group_activate_action (G_ACTION_GROUP (window), "save", NULL);
  ui_iterate ();
  g_assert_null (ui_find_message_dialog ());
  g_assert_true (g_file_query_exists (file, NULL));
  g_assert_false (fp_plan_get_modified (plan));
  g_assert_false (_fp_window_disk_news_is (window, FP_DISK_NEWS_MISSING));
  {
    g_autoptr(FpPlan) on_disk = ui_load_plan (file);

    g_assert_cmpfloat (fp_plan_get_revenue_target (on_disk), ==, SAMPLE_TARGET);
  }

  /* Deleted again, and another program puts a file of its own there
   * (a checkout, a sync): that one is offered, and Save asks */
  g_assert_true (g_file_delete (file, NULL, &error));
  wait_for_disk_news (window, FP_DISK_NEWS_MISSING);
  write_as_another_program_new (file, 3000000);
  assert_save_asks_over_target (window, file, 3000000);

  ui_discard_window (window);
}

/* The folder holding the file renamed: no file monitor tells of it, and
 * the window said nothing until a Save failed ("There is no folder").
 * Coming back to the window from another looks again. */
static void
test_folder_renamed_told_on_return (void)
{
  g_autoptr(GFile) sample = ui_copy_sample ("in-folder.funnel.json");
  g_autofree char *folder = g_build_filename (ui_tmp_root (), "quarter", NULL);
  g_autofree char *renamed = g_build_filename (ui_tmp_root (), "quarter-old", NULL);
  g_autofree char *path = g_build_filename (folder, "in-folder.funnel.json", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  FpWindow *window;
  FpWindow *other;

  g_assert_cmpint (g_mkdir_with_parents (folder, 0700), ==, 0);
  g_assert_true (g_file_move (sample, file, G_FILE_COPY_NONE, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  window = ui_present_window (file, 1280, 800);
  if (!ui_xdotool_usable (GTK_WIDGET (window)))
    {
      ui_destroy_window (window);
      return;
    }
  other = ui_present_window (NULL, 800, 600);
  g_assert_true (ui_xdotool_focus_window (GTK_WINDOW (other)));
  ui_wait_ms (300);

  g_assert_cmpint (g_rename (folder, renamed), ==, 0);
  g_assert_true (ui_xdotool_focus_window (GTK_WINDOW (window)));
  wait_for_disk_news (window, FP_DISK_NEWS_MISSING);
  g_assert_true (fp_plan_get_modified (fp_window_get_plan (window)));

  ui_discard_window (window);
  ui_destroy_window (other);
  g_assert_cmpint (g_rename (renamed, folder), ==, 0);
}

static gboolean
is_save_as_button (GtkWidget *widget,
                   gpointer   data)
{
  return GTK_IS_BUTTON (widget) &&
         g_strcmp0 (gtk_actionable_get_action_name (GTK_ACTIONABLE (widget)), "win.save-as") == 0;
}

/* A folder where the file was (a sync tool's conflict, a script's
 * mkdir): no version of the plan to reload, and Save would be refused.
 * The plan is unsaved, and the banner asks for another name; with the
 * file back, that news goes. */
static void
test_file_replaced_by_folder (void)
{
  g_autoptr(GFile) file = ui_copy_sample ("replaced.funnel.json");
  FpWindow *window = ui_present_window (file, 1280, 800);
  FpPlan *plan = fp_window_get_plan (window);
  g_autoptr(GBytes) bytes = g_file_load_bytes (file, NULL, NULL, NULL);
  g_autoptr(GError) error = NULL;

  g_assert_nonnull (bytes);
  g_assert_true (g_file_delete (file, NULL, &error));
  g_assert_true (g_file_make_directory (file, NULL, &error));
  g_assert_no_error (error);
  wait_for_disk_news (window, FP_DISK_NEWS_REPLACED);
  g_assert_true (fp_plan_get_modified (plan));
  g_assert_nonnull (strstr (fp_banner_get_title (window->disk_banner), "is now a folder"));
  g_assert_nonnull (ui_find_widget (GTK_WIDGET (window->disk_banner), is_save_as_button, NULL));

  g_assert_true (g_file_delete (file, NULL, &error));
  g_assert_true (g_file_replace_contents (file, g_bytes_get_data (bytes, NULL),
                                          g_bytes_get_size (bytes), NULL, FALSE,
                                          G_FILE_CREATE_NONE, NULL, NULL, &error));
  g_assert_no_error (error);
  for (int i = 0; i < 300 && fp_banner_is_shown (window->disk_banner); i++)
    ui_wait_ms (10);
  g_assert_false (fp_banner_is_shown (window->disk_banner));
  g_assert_false (fp_plan_get_modified (plan));

  ui_discard_window (window);
}

/* The same bytes written again (touched, checked out, a file moved away
 * and back) are no news: nothing is offered for reloading, and the news
 * that the file is gone goes when it is back, with the unsaved mark. */
static void
test_same_bytes_no_news (void)
{
  g_autoptr(GFile) file = ui_copy_sample ("same-bytes.funnel.json");
  g_autofree char *aside_path = g_build_filename (ui_tmp_root (), "set-aside.funnel.json", NULL);
  g_autoptr(GFile) aside = g_file_new_for_path (aside_path);
  FpWindow *window = ui_present_window (file, 1280, 800);
  g_autoptr(GBytes) bytes = g_file_load_bytes (file, NULL, NULL, NULL);
  g_autoptr(GError) error = NULL;

  g_assert_nonnull (bytes);
  g_file_replace_contents (file, g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes), NULL,
                           FALSE, G_FILE_CREATE_NONE, NULL, NULL, &error);
  g_assert_no_error (error);
  ui_wait_ms (800);
  g_assert_false (fp_banner_is_shown (window->disk_banner));

  g_assert_true (g_file_move (file, aside, G_FILE_COPY_NONE, NULL, NULL, NULL, &error));
  wait_for_disk_news (window, FP_DISK_NEWS_MISSING);
  g_assert_true (fp_plan_get_modified (fp_window_get_plan (window)));
  g_assert_true (g_file_move (aside, file, G_FILE_COPY_NONE, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  for (int i = 0; i < 300 && fp_banner_is_shown (window->disk_banner); i++)
    ui_wait_ms (10);
  g_assert_false (fp_banner_is_shown (window->disk_banner));
  g_assert_false (fp_plan_get_modified (fp_window_get_plan (window)));
  g_assert_false (g_str_has_prefix (gtk_window_get_title (GTK_WINDOW (window)), "•"));

  ui_discard_window (window);
}

static void
discard_all_drafts (FpDrafts *drafts)
{
  g_autoptr(GPtrArray) old = fp_drafts_list (drafts);

  for (guint i = 0; i < old->len; i++)
    fp_drafts_discard (drafts, ((FpDraft *) g_ptr_array_index (old, i))->id, NULL);
}

/* A draft of a file that is open again goes into that file's window, not
 * a second window on the same file; if that window has edits of its own,
 * the draft is kept for later rather than replace them. */
static void
test_draft_into_its_window (void)
{
  g_autoptr(GFile) file = ui_copy_sample ("draft-open.funnel.json");
  FpDrafts *drafts = fp_application_get_drafts (ui_app ());
  FpWindow *window = ui_present_window (file, 1280, 800);
  g_autofree char *draft_id = NULL;
  AdwMessageDialog *dialog;
  guint n_windows;

  discard_all_drafts (drafts);
  gtk_spin_button_set_value (_fp_plan_panel_get_target_spin (window->plan_panel), 2400000);
  ui_iterate ();
  _fp_window_flush_draft (window);
  draft_id = g_strdup (_fp_window_get_draft_id (window));
  g_assert_nonnull (draft_id);
  /* Gone without an answer, as in a crash: the draft stays */
  ui_destroy_window (window);
  g_assert_true (fp_drafts_has (drafts, draft_id));

  /* The file opened again, with an edit of its own: the draft waits */
  window = ui_present_window (file, 1280, 800);
  gtk_spin_button_set_value (_fp_plan_panel_get_deal_size_spin (window->plan_panel), 35000);
  ui_iterate ();
  n_windows = g_list_length (gtk_application_get_windows (GTK_APPLICATION (ui_app ())));
  fp_application_recover_drafts (ui_app (), NULL);
  dialog = ui_wait_for_message_dialog ();
  g_assert_nonnull (dialog);
  ui_answer_dialog (dialog, "close");
  g_assert_cmpuint (g_list_length (gtk_application_get_windows (GTK_APPLICATION (ui_app ()))),
                    ==, n_windows);
  g_assert_cmpfloat (fp_plan_get_average_deal_size (fp_window_get_plan (window)), ==, 35000);
  g_assert_true (fp_drafts_has (drafts, draft_id));
  ui_discard_window (window);

  /* Unmodified: the draft goes into it */
  window = ui_present_window (file, 1280, 800);
  n_windows = g_list_length (gtk_application_get_windows (GTK_APPLICATION (ui_app ())));
  fp_application_recover_drafts (ui_app (), NULL);
  ui_iterate ();
  g_assert_null (ui_find_message_dialog ());
  g_assert_cmpuint (g_list_length (gtk_application_get_windows (GTK_APPLICATION (ui_app ()))),
                    ==, n_windows);
  g_assert_cmpfloat (fp_plan_get_revenue_target (fp_window_get_plan (window)), ==, 2400000);
  g_assert_true (fp_plan_get_modified (fp_window_get_plan (window)));
  g_assert_cmpstr (_fp_window_get_draft_id (window), ==, draft_id);
  /* The file is as the draft found it: nothing to say, and Save does not ask */
  g_assert_false (fp_banner_is_shown (window->disk_banner));
  g_assert_false (_fp_window_file_changed_on_disk (window));

  ui_discard_window (window);
  discard_all_drafts (drafts);
}

/* A draft put off at one start, and the file saved after it: recovered,
 * the draft shows as an edit on the newer file, and the next Save would
 * have written the older plan over it unsaid. The banner says the file was
 * saved after the draft, Save asks first, and Reload gives the file. */
static void
test_draft_older_than_file (void)
{
  g_autoptr(GFile) file = ui_copy_sample ("draft-older.funnel.json");
  FpDrafts *drafts = fp_application_get_drafts (ui_app ());
  FpWindow *window = ui_present_window (file, 1280, 800);
  g_autofree char *draft_id = NULL;
  FpPlan *plan;

  discard_all_drafts (drafts);
  gtk_spin_button_set_value (_fp_plan_panel_get_target_spin (window->plan_panel), 2400000);
  ui_iterate ();
  _fp_window_flush_draft (window);
  draft_id = g_strdup (_fp_window_get_draft_id (window));
  ui_destroy_window (window);
  g_assert_true (fp_drafts_has (drafts, draft_id));

  /* Saved after the draft was written */
  ui_wait_ms (50);
  write_as_another_program (file, 3000000);

  window = ui_present_window (file, 1280, 800);
  fp_application_recover_drafts (ui_app (), NULL);
  ui_iterate ();
  plan = fp_window_get_plan (window);
  g_assert_cmpstr (_fp_window_get_draft_id (window), ==, draft_id);
  g_assert_cmpfloat (fp_plan_get_revenue_target (plan), ==, 2400000);
  g_assert_true (fp_plan_get_modified (plan));
  g_assert_true (_fp_window_disk_news_is (window, FP_DISK_NEWS_RELOAD));
  g_assert_cmpstr (fp_banner_get_title (window->disk_banner), ==,
                   "The file was saved after this recovered version; reloading discards the "
                   "recovered changes");

  /* Save asks, and Cancel keeps the newer file; so too once the same
   * bytes were written again (a sync client, a touch) */
  assert_save_asks_over_target (window, file, 3000000);
  {
    g_autofree char *same = NULL;
    gsize len;

    ui_wait_ms (50);
    g_assert_true (g_file_load_contents (file, NULL, &same, &len, NULL, NULL));
    g_assert_true (g_file_replace_contents (file, same, len, NULL, FALSE, G_FILE_CREATE_NONE,
                                            NULL, NULL, NULL));
    ui_wait_ms (600);
  }
  assert_save_asks_over_target (window, file, 3000000);

  /* Reload: the file as saved */
  g_action_group_activate_action (G_ACTION_GROUP (window), "reload", NULL);
  ui_iterate ();
  plan = fp_window_get_plan (window);
  g_assert_cmpfloat (fp_plan_get_revenue_target (plan), ==, 3000000);
  g_assert_false (fp_plan_get_modified (plan));
  g_assert_false (_fp_window_disk_news_is (window, FP_DISK_NEWS_RELOAD));

  ui_discard_window (window);
  discard_all_drafts (drafts);
}

/* Crashes @window after a draft of it is written: its id */
static char *
crash_after_draft (FpWindow *window)
{
  char *draft_id;

  _fp_window_flush_draft (window);
  draft_id = g_strdup (_fp_window_get_draft_id (window));
  g_assert_nonnull (draft_id);
  ui_destroy_window (window);
  return draft_id;
}

/* Writes @file's own bytes again: a newer time, the same version */
static void
touch_file (GFile *file)
{
  g_autofree char *same = NULL;
  gsize len;

  g_assert_true (g_file_load_contents (file, NULL, &same, &len, NULL, NULL));
  g_assert_true (g_file_replace_contents (file, same, len, NULL, FALSE, G_FILE_CREATE_NONE,
                                          NULL, NULL, NULL));
}

/* Whether a file changed since a draft is told by its bytes, not its
 * time. Another program's change that came while the person went on
 * editing (the draft written after it) was taken for the version the
 * draft was made from, and the next Save wrote over it unasked; a file
 * touched after the draft was taken for a newer version. A second crash
 * after the recovery keeps knowing which version the changes were to. */
static void
test_draft_base_by_bytes (void)
{
  g_autoptr(GFile) file = ui_copy_sample ("draft-base.funnel.json");
  FpDrafts *drafts = fp_application_get_drafts (ui_app ());
  FpWindow *window = ui_present_window (file, 1280, 800);
  g_autofree char *draft_id = NULL;

  /* Touched after the draft: no news, and Save does not ask */
  discard_all_drafts (drafts);
  gtk_spin_button_set_value (_fp_plan_panel_get_target_spin (window->plan_panel), 2400000);
  ui_iterate ();
  draft_id = crash_after_draft (window);
  ui_wait_ms (50);
  touch_file (file);
  window = ui_present_window (file, 1280, 800);
  fp_application_recover_drafts (ui_app (), NULL);
  ui_iterate ();
  g_assert_cmpstr (_fp_window_get_draft_id (window), ==, draft_id);
  g_assert_cmpfloat (fp_plan_get_revenue_target (fp_window_get_plan (window)), ==, 2400000);
  g_assert_false (fp_banner_is_shown (window->disk_banner));
  g_assert_false (_fp_window_file_changed_on_disk (window));
  ui_discard_window (window);
  discard_all_drafts (drafts);

  /* Changed on disk during the editing, the draft written after that */
  window = ui_present_window (file, 1280, 800);
  gtk_spin_button_set_value (_fp_plan_panel_get_target_spin (window->plan_panel), 2400000);
  ui_iterate ();
  write_as_another_program (file, 3000000);
  wait_for_disk_news (window, FP_DISK_NEWS_RELOAD);
  ui_wait_ms (50);
  gtk_spin_button_set_value (_fp_plan_panel_get_deal_size_spin (window->plan_panel), 40000);
  ui_iterate ();
  g_free (draft_id);
  draft_id = crash_after_draft (window);

  window = ui_present_window (file, 1280, 800);
  fp_application_recover_drafts (ui_app (), NULL);
  ui_iterate ();
  g_assert_cmpstr (_fp_window_get_draft_id (window), ==, draft_id);
  g_assert_cmpfloat (fp_plan_get_average_deal_size (fp_window_get_plan (window)), ==, 40000);
  g_assert_true (_fp_window_disk_news_is (window, FP_DISK_NEWS_RELOAD));

  /* Crashed again at once, then after a draft more: still a draft of the
   * older version */
  ui_destroy_window (window);
  for (guint crash = 0; crash < 2; crash++)
    {
      window = ui_present_window (file, 1280, 800);
      fp_application_recover_drafts (ui_app (), NULL);
      ui_iterate ();
      g_assert_cmpstr (_fp_window_get_draft_id (window), ==, draft_id);
      g_assert_true (_fp_window_disk_news_is (window, FP_DISK_NEWS_RELOAD));
      assert_save_asks_over_target (window, file, 3000000);
      if (crash == 0)
        {
          g_autofree char *again = crash_after_draft (window);

          g_assert_cmpstr (again, ==, draft_id);
        }
    }
  ui_discard_window (window);
  discard_all_drafts (drafts);

  /* A draft of an older version names no bytes: told by its time, and
   * after a crash at once, still */
  {
    g_autoptr(FpPlan) edited = ui_load_plan (file);
    g_autofree char *old_id = fp_drafts_new_id ();
    g_autoptr(GError) error = NULL;

    g_autoptr(FpDrafts) older = fp_drafts_new (fp_drafts_get_dir (drafts));

    /* Written by a process now gone */
    g_assert_true (fp_plan_set_average_deal_size (edited, 45000, NULL));
    g_assert_true (fp_drafts_save (older, old_id, edited, file, NULL, &error));
    g_assert_no_error (error);
    g_clear_object (&older);
    ui_wait_ms (50);
    write_as_another_program (file, 3500000);
    for (guint crash = 0; crash < 2; crash++)
      {
        window = ui_present_window (file, 1280, 800);
        fp_application_recover_drafts (ui_app (), NULL);
        ui_iterate ();
        g_assert_cmpstr (_fp_window_get_draft_id (window), ==, old_id);
        g_assert_cmpfloat (fp_plan_get_average_deal_size (fp_window_get_plan (window)), ==, 45000);
        g_assert_true (_fp_window_disk_news_is (window, FP_DISK_NEWS_RELOAD));
        assert_save_asks_over_target (window, file, 3500000);
        if (crash == 0)
          ui_destroy_window (window);
      }
  }
  ui_discard_window (window);
  discard_all_drafts (drafts);
}

static gboolean
lists_draft (FpDrafts   *drafts,
             const char *id)
{
  g_autoptr(GPtrArray) listed = fp_drafts_list (drafts);

  for (guint i = 0; i < listed->len; i++)
    if (g_str_equal (((FpDraft *) g_ptr_array_index (listed, i))->id, id))
      return TRUE;
  return FALSE;
}

/* A draft one instance of the application is writing is no leftover to
 * another instance on the same data folder (a second login): that one
 * offered it, and its Discard deleted it under the first one's window.
 * Two FpDrafts stand for the two processes: each opens the lock file for
 * itself, and flock() tells them apart as it tells processes apart. The
 * first one gone, as in a crash, the draft is a leftover. */
static void
test_draft_held_elsewhere (void)
{
  g_autofree char *dir_path = g_dir_make_tmp ("fp-drafts-XXXXXX", NULL);
  g_autoptr(GFile) dir = g_file_new_for_path (dir_path);
  g_autoptr(GFile) original = ui_copy_sample ("held-elsewhere.funnel.json");
  g_autoptr(FpPlan) plan = ui_load_plan (original);
  g_autofree char *id = fp_drafts_new_id ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GDir) left = NULL;
  FpDrafts *writer = fp_drafts_new (dir);
  g_autoptr(FpDrafts) other = fp_drafts_new (dir);

  g_assert_true (fp_drafts_save (writer, id, plan, original, NULL, &error));
  g_assert_no_error (error);
  /* Its own, to the writer */
  g_assert_true (lists_draft (writer, id));
  /* Not the other's to offer, to write, to discard or to set aside */
  g_assert_false (lists_draft (other, id));
  g_assert_true (fp_drafts_has (other, id));
  g_assert_false (fp_drafts_save (other, id, plan, original, NULL, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_BUSY);
  g_clear_error (&error);
  fp_drafts_discard (other, id, NULL);
  g_assert_null (fp_drafts_set_aside (other, id));
  g_assert_true (fp_drafts_has (writer, id));
  g_assert_true (lists_draft (writer, id));
  g_assert_false (lists_draft (other, id));

  /* The writer gone: the other may recover it, and write it on */
  g_object_unref (writer);
  g_assert_true (lists_draft (other, id));
  g_assert_true (fp_drafts_save (other, id, plan, original, NULL, &error));
  g_assert_no_error (error);

  /* Discarded, nothing of it is left, the lock file neither */
  fp_drafts_discard (other, id, NULL);
  g_assert_false (fp_drafts_has (other, id));
  left = g_dir_open (dir_path, 0, NULL);
  g_assert_null (g_dir_read_name (left));
  g_rmdir (dir_path);
}

static gboolean
dir_has (const char *dir_path,
         const char *name)
{
  g_autofree char *path = g_build_filename (dir_path, name, NULL);

  return g_file_test (path, G_FILE_TEST_EXISTS);
}

/* Writes @name in @dir_path, as a crash left it */
static void
leave_file (const char *dir_path,
            const char *name)
{
  g_autofree char *path = g_build_filename (dir_path, name, NULL);

  g_assert_true (g_file_set_contents (path, "[Draft]\n", -1, NULL));
}

/* What a crash leaves of a draft never written (its lock file, its
 * sidecar) or not wholly deleted (its sidecar) was never removed: it is,
 * as the drafts are listed, unless another process holds its lock, about
 * to write that draft. Set-aside drafts stay for whoever mends them. */
static void
test_draft_leftovers_removed (void)
{
  g_autofree char *dir_path = g_dir_make_tmp ("fp-drafts-XXXXXX", NULL);
  g_autoptr(GFile) dir = g_file_new_for_path (dir_path);
  g_autoptr(GFile) original = ui_copy_sample ("leftovers.funnel.json");
  g_autoptr(FpPlan) plan = ui_load_plan (original);
  g_autofree char *live = fp_drafts_new_id ();
  g_autofree char *held_path = g_build_filename (dir_path, "held-1.lock", NULL);
  g_autoptr(FpDrafts) writer = fp_drafts_new (dir);
  g_autoptr(FpDrafts) other = fp_drafts_new (dir);
  g_autoptr(GPtrArray) listed = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *live_lock = g_strconcat (live, ".lock", NULL);
  int held_fd;

  g_assert_true (fp_drafts_save (writer, live, plan, original, NULL, &error));
  g_assert_no_error (error);
  leave_file (dir_path, "deleted-1.draft");
  leave_file (dir_path, "unwritten-1.lock");
  leave_file (dir_path, "unwritten-2.draft");
  leave_file (dir_path, "unwritten-2.lock");
  leave_file (dir_path, "broken-1.funnel.json.unread");
  leave_file (dir_path, "broken-1.draft.unread");
  /* Another process, between taking the lock and writing the draft */
  leave_file (dir_path, "held-1.draft");
  held_fd = g_open (held_path, O_RDWR | O_CREAT | O_CLOEXEC, 0600);
  g_assert_cmpint (held_fd, >=, 0);
  g_assert_cmpint (flock (held_fd, LOCK_EX | LOCK_NB), ==, 0);

  listed = fp_drafts_list (other);
  g_assert_cmpuint (listed->len, ==, 0);
  g_assert_false (dir_has (dir_path, "deleted-1.draft"));
  g_assert_false (dir_has (dir_path, "unwritten-1.lock"));
  g_assert_false (dir_has (dir_path, "unwritten-2.draft"));
  g_assert_false (dir_has (dir_path, "unwritten-2.lock"));
  g_assert_true (dir_has (dir_path, "broken-1.funnel.json.unread"));
  g_assert_true (dir_has (dir_path, "broken-1.draft.unread"));
  g_assert_true (dir_has (dir_path, "held-1.draft"));
  g_assert_true (dir_has (dir_path, "held-1.lock"));
  g_assert_true (dir_has (dir_path, live_lock));
  g_assert_true (fp_drafts_has (other, live));

  /* The writer's own listing leaves its draft whole too */
  g_clear_pointer (&listed, g_ptr_array_unref);
  listed = fp_drafts_list (writer);
  g_assert_cmpuint (listed->len, ==, 1);
  g_assert_true (dir_has (dir_path, live_lock));

  /* That process gone before it wrote the draft: a leftover */
  g_close (held_fd, NULL);
  g_clear_pointer (&listed, g_ptr_array_unref);
  listed = fp_drafts_list (other);
  g_assert_false (dir_has (dir_path, "held-1.draft"));
  g_assert_false (dir_has (dir_path, "held-1.lock"));

  /* Nothing else is left */
  fp_drafts_discard (writer, live, NULL);
  g_clear_object (&writer);
  g_clear_object (&other);
  for (const char *const *name = (const char *const[]) { "broken-1.funnel.json.unread",
                                                         "broken-1.draft.unread", NULL };
       *name != NULL; name++)
    {
      g_autofree char *path = g_build_filename (dir_path, *name, NULL);

      g_assert_cmpint (g_unlink (path), ==, 0);
    }
  g_assert_cmpint (g_rmdir (dir_path), ==, 0);
}

/* A draft that cannot be written (the drafts folder cannot be made, here
 * as a file is in its way: root writes anywhere) is told once, in a toast
 * naming the folder; it was said on the terminal only, and a crash then
 * lost the edits unwarned. A draft written again, or a save, ends the
 * failure. */
static void
test_draft_write_failure_told (void)
{
  g_autoptr(GFile) file = ui_copy_sample ("draft-fails.funnel.json");
  g_autofree char *blocker = g_build_filename (ui_tmp_root (), "not-a-folder", NULL);
  g_autoptr(GFile) bad_dir = g_file_new_build_filename (blocker, "drafts", NULL);
  FpWindow *window = ui_present_window (file, 1280, 800);
  g_autoptr(FpDrafts) good = g_object_ref (window->drafts);
  g_autoptr(FpDrafts) bad = fp_drafts_new (bad_dir);
  const char *title;

  g_assert_true (g_file_set_contents (blocker, "in the way", -1, NULL));
  g_set_object (&window->drafts, bad);

  gtk_spin_button_set_value (_fp_plan_panel_get_target_spin (window->plan_panel), 2500000);
  ui_iterate ();
  _fp_window_flush_draft (window);
  g_assert_true (fp_toast_slot_is_shown (&window->draft_toast));
  title = adw_toast_get_title (window->draft_toast.toast);
  g_assert_nonnull (strstr (title, "cannot be kept in case of a crash"));
  g_assert_nonnull (strstr (title, "not-a-folder"));
  /* A full disk or a folder that cannot be written says so in words, not
   * in the system's, which named the hidden file and ran off the toast */
  for (guint i = 0; i < 2; i++)
    {
      g_autoptr(GError) cause = g_error_new (G_FILE_ERROR, i == 0 ? G_FILE_ERROR_NOSPC : G_FILE_ERROR_ROFS,
                                             "Failed to write file “%s/.x.draft.O7I4Y3”: write() failed",
                                             blocker);
      g_autofree char *said = _fp_window_draft_failure_message (cause);

      g_assert_null (strstr (said, "O7I4Y3"));
      g_assert_nonnull (strstr (said, i == 0 ? "the disk is full" : "cannot be written to"));
    }

  /* Not again at the next edit */
  fp_toast_slot_dismiss (&window->draft_toast);
  gtk_spin_button_set_value (_fp_plan_panel_get_target_spin (window->plan_panel), 2600000);
  ui_iterate ();
  _fp_window_flush_draft (window);
  g_assert_false (fp_toast_slot_is_shown (&window->draft_toast));

  /* Written again, a later failure is told again */
  g_set_object (&window->drafts, good);
  _fp_window_flush_draft (window);
  g_assert_false (window->draft_failed);
  g_set_object (&window->drafts, bad);
  _fp_window_flush_draft (window);
  g_assert_true (fp_toast_slot_is_shown (&window->draft_toast));

  /* Saved after a failure: the edits after that are as much at risk, and
   * told again */
  fp_toast_slot_dismiss (&window->draft_toast);
  g_action_group_activate_action (G_ACTION_GROUP (window), "save", NULL);
  ui_iterate ();
  g_assert_false (fp_plan_get_modified (fp_window_get_plan (window)));
  gtk_spin_button_set_value (_fp_plan_panel_get_target_spin (window->plan_panel), 2700000);
  ui_iterate ();
  _fp_window_flush_draft (window);
  g_assert_true (fp_toast_slot_is_shown (&window->draft_toast));

  g_set_object (&window->drafts, good);
  ui_discard_window (window);
  g_unlink (blocker);
}

/* A draft whose document no longer loads (here broken by another program)
 * is recovered as that document's, unsaved, and Save writes it there. */
static void
test_draft_of_unreadable_file (void)
{
  g_autoptr(GFile) file = ui_copy_sample ("draft-unreadable.funnel.json");
  FpDrafts *drafts = fp_application_get_drafts (ui_app ());
  FpWindow *window = ui_present_window (file, 1280, 800);
  g_autofree char *draft_id = NULL;
  g_autoptr(GError) error = NULL;
  FpPlan *plan;

  discard_all_drafts (drafts);
  gtk_spin_button_set_value (_fp_plan_panel_get_target_spin (window->plan_panel), 2600000);
  ui_iterate ();
  _fp_window_flush_draft (window);
  draft_id = g_strdup (_fp_window_get_draft_id (window));
  ui_destroy_window (window);
  g_assert_true (g_file_replace_contents (file, "{ broken", 8, NULL, FALSE, G_FILE_CREATE_NONE,
                                          NULL, NULL, &error));

  window = ui_present_window (NULL, 1280, 800);
  fp_application_recover_drafts (ui_app (), GTK_WINDOW (window));
  ui_iterate ();
  g_assert_null (ui_find_message_dialog ());
  plan = fp_window_get_plan (window);
  g_assert_nonnull (fp_window_get_file (window));
  g_assert_true (g_file_equal (fp_window_get_file (window), file));
  g_assert_cmpfloat (fp_plan_get_revenue_target (plan), ==, 2600000);
  g_assert_true (fp_plan_get_modified (plan));
  g_assert_cmpstr (_fp_window_get_draft_id (window), ==, draft_id);
  g_assert_true (fp_drafts_has (drafts, draft_id));

  g_action_group_activate_action (G_ACTION_GROUP (window), "save", NULL);
  ui_iterate ();
  g_assert_false (fp_plan_get_modified (plan));
  {
    g_autoptr(FpPlan) on_disk = ui_load_plan (file);

    g_assert_cmpfloat (fp_plan_get_revenue_target (on_disk), ==, 2600000);
  }
  g_assert_false (fp_drafts_has (drafts, draft_id));

  ui_destroy_window (window);
}

static gboolean
label_says (GtkWidget *widget,
            gpointer   text)
{
  return GTK_IS_LABEL (widget) && strstr (gtk_label_get_text (GTK_LABEL (widget)), text) != NULL;
}

/* A draft whose document was deleted is recovered as that document's, its
 * toast saying the file is gone, and a file that another program then
 * puts there is asked about before a save writes over it. */
static void
test_draft_of_deleted_file (void)
{
  g_autoptr(GFile) file = ui_copy_sample ("draft-deleted.funnel.json");
  FpDrafts *drafts = fp_application_get_drafts (ui_app ());
  FpWindow *window = ui_present_window (file, 1280, 800);
  g_autoptr(GError) error = NULL;

  discard_all_drafts (drafts);
  gtk_spin_button_set_value (_fp_plan_panel_get_target_spin (window->plan_panel), 2700000);
  ui_iterate ();
  _fp_window_flush_draft (window);
  ui_destroy_window (window);
  g_assert_true (g_file_delete (file, NULL, &error));

  window = ui_present_window (NULL, 1280, 800);
  fp_application_recover_drafts (ui_app (), GTK_WINDOW (window));
  ui_iterate ();
  g_assert_true (g_file_equal (fp_window_get_file (window), file));
  g_assert_true (fp_plan_get_modified (fp_window_get_plan (window)));
  /* Gone, not unreadable */
  g_assert_nonnull (ui_find_widget (GTK_WIDGET (window), label_says,
                                    "“draft-deleted.funnel.json” is no longer there"));

  write_as_another_program_new (file, 3000000);
  assert_save_asks_over_target (window, file, 3000000);

  /* Edited on and crashed: the file that came back is still not the
   * draft's version, though the draft is newer than it */
  ui_wait_ms (50);
  gtk_spin_button_set_value (_fp_plan_panel_get_deal_size_spin (window->plan_panel), 40000);
  ui_iterate ();
  g_free (crash_after_draft (window));
  window = ui_present_window (file, 1280, 800);
  fp_application_recover_drafts (ui_app (), NULL);
  ui_iterate ();
  g_assert_cmpfloat (fp_plan_get_average_deal_size (fp_window_get_plan (window)), ==, 40000);
  g_assert_true (_fp_window_disk_news_is (window, FP_DISK_NEWS_RELOAD));
  assert_save_asks_over_target (window, file, 3000000);

  ui_discard_window (window);
  discard_all_drafts (drafts);
}

/* A draft that does not load is not offered again, and not deleted: it is
 * set aside, and the message says where. */
static void
test_broken_draft_set_aside (void)
{
  FpDrafts *drafts = fp_application_get_drafts (ui_app ());
  g_autofree char *id = fp_drafts_new_id ();
  g_autoptr(FpPlan) plan = fp_plan_new ();
  g_autoptr(GPtrArray) list = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *aside_name = g_strconcat (id, ".funnel.json.unread", NULL);
  g_autoptr(GFile) aside = g_file_get_child (fp_drafts_get_dir (drafts), aside_name);
  g_autofree char *sidecar_name = g_strconcat (id, ".draft.unread", NULL);
  g_autoptr(GFile) sidecar = g_file_get_child (fp_drafts_get_dir (drafts), sidecar_name);
  g_autoptr(GFile) original = ui_copy_sample ("broken-draft-of.funnel.json");
  g_autofree char *original_uri = g_file_get_uri (original);
  g_autofree char *sidecar_text = NULL;
  g_autofree char *kept = NULL;
  AdwMessageDialog *dialog;
  FpWindow *window;

  discard_all_drafts (drafts);
  g_assert_true (fp_drafts_save (drafts, id, plan, original, NULL, &error));
  list = fp_drafts_list (drafts);
  g_assert_cmpuint (list->len, ==, 1);
  g_assert_true (g_file_replace_contents (((FpDraft *) g_ptr_array_index (list, 0))->file,
                                          "{\"format\": 7", 13, NULL, FALSE,
                                          G_FILE_CREATE_NONE, NULL, NULL, &error));

  window = ui_present_window (NULL, 1280, 800);
  fp_application_recover_drafts (ui_app (), GTK_WINDOW (window));
  dialog = ui_wait_for_message_dialog ();
  g_assert_nonnull (dialog);
  g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog), aside_name));
  g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog), "broken-draft-of.funnel.json"));
  ui_answer_dialog (dialog, "close");

  g_clear_pointer (&list, g_ptr_array_unref);
  list = fp_drafts_list (drafts);
  g_assert_cmpuint (list->len, ==, 0);
  g_assert_true (g_file_load_contents (aside, NULL, &kept, NULL, NULL, NULL));
  g_assert_cmpstr (kept, ==, "{\"format\": 7");
  /* Still saying which document it was a draft of */
  g_assert_true (g_file_load_contents (sidecar, NULL, &sidecar_text, NULL, NULL, NULL));
  g_assert_nonnull (strstr (sidecar_text, original_uri));

  g_file_delete (aside, NULL, NULL);
  g_file_delete (sidecar, NULL, NULL);
  ui_destroy_window (window);
}

static guint
count_message_dialogs (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();
  guint n = 0;

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWidget) window = g_list_model_get_item (toplevels, i);

      n += ADW_IS_MESSAGE_DIALOG (window) && gtk_widget_get_visible (window);
    }
  return n;
}

/* Answers @dialog as a click does, and gives the question that follows,
 * if one shows within two seconds */
static AdwMessageDialog *
answer_for_next (AdwMessageDialog *dialog,
                 const char       *response)
{
  ui_respond_dialog (dialog, response);
  return ui_wait_for_message_dialog_ms (2000);
}

static FpWindow *
changed_window (const char *name)
{
  g_autoptr(GFile) file = ui_copy_sample (name);
  FpWindow *window = ui_present_window (file, 900, 700);

  g_assert_true (fp_plan_set_title (fp_window_get_plan (window), "Changed before quitting", NULL));
  return window;
}

static FpWindow *
asked_about (AdwMessageDialog *dialog)
{
  return FP_WINDOW (gtk_window_get_transient_for (GTK_WINDOW (dialog)));
}

static char *
title_on_disk (FpWindow *window)
{
  g_autoptr(FpPlan) plan = ui_load_plan (fp_window_get_file (window));

  return g_strdup (fp_plan_get_title (plan));
}

/* Quitting with several changed plans asks about one at a time, in its
 * window, naming its file (two copies of a plan share a title), and closes
 * nothing until the last answer: Cancel on any keeps every window as it
 * was, a Discard already given included. Then Save saves, Discard loses
 * only what it said, and every window closes. */
static void
test_quit_asks_in_turn (void)
{
  FpWindow *first = changed_window ("quit-first.funnel.json");
  FpWindow *second = changed_window ("quit-second.funnel.json");
  g_autoptr(GFile) unchanged_file = ui_copy_sample ("quit-unchanged.funnel.json");
  FpWindow *unchanged = ui_present_window (unchanged_file, 900, 700);
  FpWindow *windows[] = { first, second, unchanged };
  AdwMessageDialog *dialog;
  FpWindow *asked;
  FpWindow *other;
  g_autofree char *name = NULL;
  g_autofree char *saved_title = NULL;
  g_autofree char *discarded_title = NULL;

  g_action_group_activate_action (G_ACTION_GROUP (ui_app ()), "quit", NULL);
  dialog = ui_wait_for_message_dialog ();
  g_assert_nonnull (dialog);
  g_assert_cmpuint (count_message_dialogs (), ==, 1);
  asked = asked_about (dialog);
  g_assert_true (asked == first || asked == second);
  other = asked == first ? second : first;
  name = g_file_get_basename (fp_window_get_file (asked));
  g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog), name));
  g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog), "1 more plan"));
  for (guint i = 0; i < G_N_ELEMENTS (windows); i++)
    g_assert_true (gtk_widget_get_visible (GTK_WIDGET (windows[i])));

  /* Discard: the other plan is asked about next, and nothing closes yet */
  dialog = answer_for_next (dialog, "discard");
  g_assert_nonnull (dialog);
  g_assert_true (asked_about (dialog) == other);
  g_assert_null (strstr (adw_message_dialog_get_body (dialog), "more plan"));
  g_assert_cmpuint (count_message_dialogs (), ==, 1);

  /* Cancel: everything stays, the discarded changes too */
  g_assert_null (answer_for_next (dialog, "cancel"));
  ui_wait_ms (100);
  for (guint i = 0; i < G_N_ELEMENTS (windows); i++)
    g_assert_true (gtk_widget_get_visible (GTK_WIDGET (windows[i])));
  g_assert_true (fp_plan_get_modified (fp_window_get_plan (first)));
  g_assert_true (fp_plan_get_modified (fp_window_get_plan (second)));

  /* Again: Save the first asked, Discard the other; then all close */
  g_action_group_activate_action (G_ACTION_GROUP (ui_app ()), "quit", NULL);
  dialog = ui_wait_for_message_dialog ();
  g_assert_nonnull (dialog);
  asked = asked_about (dialog);
  other = asked == first ? second : first;
  dialog = answer_for_next (dialog, "save");
  g_assert_nonnull (dialog);
  g_assert_true (asked_about (dialog) == other);
  saved_title = title_on_disk (asked);
  discarded_title = title_on_disk (other);
  g_assert_cmpstr (saved_title, ==, "Changed before quitting");
  g_assert_cmpstr (discarded_title, !=, "Changed before quitting");
  for (guint i = 0; i < G_N_ELEMENTS (windows); i++)
    g_object_add_weak_pointer (G_OBJECT (windows[i]), (gpointer *) &windows[i]);
  g_assert_null (answer_for_next (dialog, "discard"));
  for (int i = 0; i < 200 && (windows[0] != NULL || windows[1] != NULL || windows[2] != NULL); i++)
    ui_wait_ms (10);
  for (guint i = 0; i < G_N_ELEMENTS (windows); i++)
    g_assert_null (windows[i]);
}

static FpWindow *
changed_untitled_window (void)
{
  FpWindow *window = ui_present_window (NULL, 900, 700);

  g_assert_true (fp_plan_set_revenue_target (fp_window_get_plan (window), 900000, NULL));
  return window;
}

/* What happens between a quit's questions: a plan answered Discard and
 * edited while the next question was up is asked about again, not closed
 * with those edits. (Ctrl+Q again while a Save waits on its file chooser:
 * /documents/quit-waits-for-save-as, where the chooser's own leaks are
 * let be.) */
static void
test_quit_between_questions (void)
{
  FpWindow *windows[] = { changed_window ("between-first.funnel.json"),
                          changed_window ("between-second.funnel.json"),
                          changed_untitled_window () };
  AdwMessageDialog *dialog;
  FpWindow *edited;

  for (guint i = 0; i < G_N_ELEMENTS (windows); i++)
    g_object_add_weak_pointer (G_OBJECT (windows[i]), (gpointer *) &windows[i]);

  /* Discard the first plan asked about, edit it while the next question
   * is up, Discard the others */
  g_action_group_activate_action (G_ACTION_GROUP (ui_app ()), "quit", NULL);
  dialog = ui_wait_for_message_dialog ();
  g_assert_nonnull (dialog);
  edited = asked_about (dialog);
  g_object_add_weak_pointer (G_OBJECT (edited), (gpointer *) &edited);
  dialog = answer_for_next (dialog, "discard");
  g_assert_nonnull (dialog);
  g_assert_true (fp_plan_set_revenue_target (fp_window_get_plan (edited), 1500000, NULL));
  while (dialog != NULL && asked_about (dialog) != edited)
    dialog = answer_for_next (dialog, "discard");

  /* The edited one asks again, as closing does; Cancel keeps it, edits
   * and all. The others are gone. */
  g_assert_nonnull (dialog);
  g_assert_null (answer_for_next (dialog, "cancel"));
  g_assert_nonnull (edited);
  g_assert_cmpfloat (fp_plan_get_revenue_target (fp_window_get_plan (edited)), ==, 1500000);
  for (int i = 0; i < 200 && (windows[0] == edited ? 0 : windows[0] != NULL) +
                             (windows[1] == edited ? 0 : windows[1] != NULL) +
                             (windows[2] == edited ? 0 : windows[2] != NULL) > 0; i++)
    ui_wait_ms (10);
  for (guint i = 0; i < G_N_ELEMENTS (windows); i++)
    g_assert_true (windows[i] == NULL || windows[i] == edited);

  g_object_remove_weak_pointer (G_OBJECT (edited), (gpointer *) &edited);
  for (guint i = 0; i < G_N_ELEMENTS (windows); i++)
    if (windows[i] != NULL)
      g_object_remove_weak_pointer (G_OBJECT (windows[i]), (gpointer *) &windows[i]);
  ui_discard_window (edited);
}

/* A file open in a window is the same file by another path (a link):
 * opening it again brings that window forward, not a second one that
 * would overwrite the first's saves. */
static void
test_one_window_per_file (void)
{
  g_autoptr(GFile) file = ui_copy_sample ("linked.funnel.json");
  g_autofree char *path = g_file_get_path (file);
  g_autofree char *dir = g_path_get_dirname (path);
  g_autofree char *link = g_build_filename (dir, "link-to-linked.funnel.json", NULL);
  g_autoptr(GFile) link_file = g_file_new_for_path (link);
  FpWindow *window = ui_present_window (file, 1280, 800);
  GList *windows;
  guint n_windows;

  g_unlink (link);
  g_assert_cmpint (symlink ("linked.funnel.json", link), ==, 0);
  g_assert_true (fp_application_find_window (ui_app (), link_file, NULL) == GTK_WINDOW (window));
  g_assert_null (fp_application_find_window (ui_app (), link_file, GTK_WINDOW (window)));

  n_windows = g_list_length (gtk_application_get_windows (GTK_APPLICATION (ui_app ())));
  g_application_open (G_APPLICATION (ui_app ()), &link_file, 1, "");
  ui_iterate ();
  windows = gtk_application_get_windows (GTK_APPLICATION (ui_app ()));
  g_assert_cmpuint (g_list_length (windows), ==, n_windows);

  ui_destroy_window (window);

  /* Opened through the link, it still sees another program write the
   * document where it is */
  window = ui_present_window (link_file, 1280, 800);
  write_as_another_program (file, 3000000);
  wait_for_disk_news (window, FP_DISK_NEWS_RELOAD);

  g_unlink (link);
  ui_destroy_window (window);
}

static gboolean
is_dismiss_button (GtkWidget *widget,
                   gpointer   data)
{
  return GTK_IS_BUTTON (widget) && g_strcmp0 (gtk_widget_get_tooltip_text (widget), "Dismiss") == 0;
}

/* Waves the banner away with its close button, as a person does: once it
 * is on screen (a button activates only then), which a slow run (the
 * sanitizers) takes longer than a fixed wait to reach */
static void
dismiss_disk_news (FpWindow *window)
{
  GtkWidget *dismiss = ui_find_widget (GTK_WIDGET (window->disk_banner), is_dismiss_button, NULL);

  g_assert_nonnull (dismiss);
  for (int i = 0; i < 300 && !gtk_widget_get_mapped (dismiss); i++)
    ui_wait_ms (10);
  /* Still the news it was: nothing took it away meanwhile */
  g_assert_true (fp_banner_is_shown (window->disk_banner));
  g_assert_true (gtk_widget_get_mapped (dismiss));
  gtk_widget_activate (dismiss);
  for (int i = 0; i < 300 && fp_banner_is_shown (window->disk_banner); i++)
    ui_wait_ms (10);
  g_assert_false (fp_banner_is_shown (window->disk_banner));
}

/* A reload offer waved away is no leave to write over the version it was
 * for: Save asks first. The plan's changes are still to the version the
 * window loaded: recovered after a crash, the draft offers the newer file
 * again, and Save asks over it, as before the crash. */
static void
test_draft_after_dismissed_offer (void)
{
  g_autoptr(GFile) file = ui_copy_sample ("draft-dismissed.funnel.json");
  FpDrafts *drafts = fp_application_get_drafts (ui_app ());
  FpWindow *window = ui_present_window (file, 1280, 800);
  g_autofree char *draft_id = NULL;

  discard_all_drafts (drafts);
  gtk_spin_button_set_value (_fp_plan_panel_get_target_spin (window->plan_panel), 2400000);
  ui_iterate ();
  write_as_another_program (file, 3000000);
  wait_for_disk_news (window, FP_DISK_NEWS_RELOAD);
  dismiss_disk_news (window);
  g_assert_false (_fp_window_disk_news_is (window, FP_DISK_NEWS_RELOAD));
  g_assert_true (_fp_window_file_changed_on_disk (window));
  /* Not offered again at the next look at the file */
  ui_wait_ms (600);
  g_assert_false (fp_banner_is_shown (window->disk_banner));
  draft_id = g_strdup (_fp_window_get_draft_id (window));
  g_assert_nonnull (draft_id);
  ui_destroy_window (window);

  window = ui_present_window (file, 1280, 800);
  fp_application_recover_drafts (ui_app (), NULL);
  ui_iterate ();
  g_assert_cmpstr (_fp_window_get_draft_id (window), ==, draft_id);
  g_assert_cmpfloat (fp_plan_get_revenue_target (fp_window_get_plan (window)), ==, 2400000);
  assert_save_asks_over_target (window, file, 3000000);

  ui_discard_window (window);
  discard_all_drafts (drafts);
}

/* The top of @widget in @window, and its height */
static double
top_in_window (GtkWidget *widget,
               FpWindow  *window,
               double    *height)
{
  graphene_rect_t bounds;

  g_assert_true (gtk_widget_compute_bounds (widget, GTK_WIDGET (window), &bounds));
  *height = bounds.size.height;
  return bounds.origin.y;
}

/* The news of another program's write shows in a banner that pushes the
 * chart down rather than covering it, and stays until answered; closing
 * it keeps the plan, the chart gets its room back, the focus on the
 * banner goes to it, and Save still asks before writing over that
 * version. */
static void
test_disk_news_above_content (void)
{
  g_autoptr(GFile) file = ui_copy_sample ("banner.funnel.json");
  FpWindow *window = ui_present_window (file, 800, 600);
  GtkWidget *banner = GTK_WIDGET (window->disk_banner);
  GtkWidget *chart = window->funnel_view;
  GtkWidget *dismiss = NULL;
  double chart_h;
  double chart_h_under;
  double chart_y;
  double banner_h;
  g_autoptr(FpPlan) on_disk = NULL;

  g_assert_false (fp_banner_is_shown (window->disk_banner));
  /* Out of the accessible tree while there is no news */
  g_assert_false (gtk_widget_get_visible (banner));
  ui_wait_ms (1100);
  chart_y = top_in_window (chart, window, &chart_h);
  write_as_another_program (file, 3000000);
  wait_for_disk_news (window, FP_DISK_NEWS_RELOAD);
  g_assert_nonnull (strstr (fp_banner_get_title (window->disk_banner), "changed on disk"));
  /* An alert for a screen reader, whose button is "Reload", not "_Reload
   * Reload" */
  g_assert_true (gtk_widget_get_visible (banner));
  gtk_test_accessible_assert_role (banner, GTK_ACCESSIBLE_ROLE_ALERT);
  {
    GtkWidget *reload = ui_find_widget (banner, is_reload_button, NULL);

    g_assert_nonnull (reload);
    g_assert_false (gtk_test_accessible_has_property (GTK_ACCESSIBLE (reload),
                                                      GTK_ACCESSIBLE_PROPERTY_LABEL));
  }
  ui_wait_ms (6000); /* longer than any toast stays, and the slide done */
  g_assert_true (_fp_window_disk_news_is (window, FP_DISK_NEWS_RELOAD));

  /* Above the chart, which moved down and lost the banner's height */
  g_assert_cmpfloat (top_in_window (chart, window, &chart_h_under), >, chart_y + 20);
  g_assert_cmpfloat (top_in_window (banner, window, &banner_h) + banner_h, <=,
                     top_in_window (chart, window, &chart_h_under));
  g_assert_cmpfloat (fabs (chart_h - chart_h_under - banner_h), <, 1);

  /* By the keyboard: the focus goes to the chart, not lost with the button */
  dismiss = ui_find_widget (banner, is_dismiss_button, NULL);
  g_assert_nonnull (dismiss);
  g_assert_true (gtk_widget_grab_focus (dismiss));
  gtk_widget_activate (dismiss);
  ui_wait_ms (600);
  g_assert_true (gtk_widget_is_ancestor (gtk_window_get_focus (GTK_WINDOW (window)), chart));
  g_assert_false (_fp_window_disk_news_is (window, FP_DISK_NEWS_RELOAD));
  g_assert_cmpfloat (fp_plan_get_revenue_target (fp_window_get_plan (window)), ==, SAMPLE_TARGET);
  /* Once it slid away (slower under the sanitizers) */
  for (int i = 0; i < 300 && top_in_window (chart, window, &chart_h_under) != chart_y; i++)
    ui_wait_ms (10);
  g_assert_cmpfloat (top_in_window (chart, window, &chart_h_under), ==, chart_y);
  g_assert_cmpfloat (chart_h_under, ==, chart_h);
  g_assert_false (gtk_widget_get_visible (banner));

  /* Seen and waved away, it is still another program's work: Save asks
   * before writing over it (it wrote unasked), and Cancel keeps it */
  g_action_group_activate_action (G_ACTION_GROUP (window), "save", NULL);
  {
    AdwMessageDialog *dialog = ui_wait_for_message_dialog ();

    g_assert_nonnull (dialog);
    g_assert_cmpstr (adw_message_dialog_get_heading (dialog), ==, "File Changed on Disk");
    ui_answer_dialog (dialog, "cancel");
  }
  on_disk = ui_load_plan (file);
  g_assert_cmpfloat (fp_plan_get_revenue_target (on_disk), ==, 3000000);

  ui_destroy_window (window);
}

/* The offer to reload warns that reloading discards the edits when they
 * were made after it came, not only when they were there before: Reload
 * used to drop them under the plain "The file changed on disk". */
static void
test_reload_offer_warns_of_later_edits (void)
{
  g_autoptr(GFile) file = ui_copy_sample ("later-edits.funnel.json");
  FpWindow *window = ui_present_window (file, 1280, 800);
  FpPlan *plan = fp_window_get_plan (window);

  write_as_another_program (file, 3000000);
  wait_for_disk_news (window, FP_DISK_NEWS_RELOAD);
  g_assert_null (strstr (fp_banner_get_title (window->disk_banner), "discards"));

  g_assert_true (fp_plan_set_revenue_target (plan, 1500000, NULL));
  ui_iterate ();
  g_assert_true (_fp_window_disk_news_is (window, FP_DISK_NEWS_RELOAD));
  g_assert_nonnull (strstr (fp_banner_get_title (window->disk_banner),
                            "reloading discards your changes"));

  /* Undone, there is nothing to discard */
  g_assert_true (fp_plan_undo (plan));
  ui_iterate ();
  g_assert_false (fp_plan_get_modified (plan));
  g_assert_null (strstr (fp_banner_get_title (window->disk_banner), "discards"));

  /* The offer taken, the other program's version is the plan */
  g_action_group_activate_action (G_ACTION_GROUP (window), "reload", NULL);
  ui_iterate ();
  g_assert_cmpfloat (fp_plan_get_revenue_target (plan), ==, 3000000);
  g_assert_false (_fp_window_disk_news_is (window, FP_DISK_NEWS_RELOAD));

  ui_destroy_window (window);
}

/* Toasts take turns. libadwaita 1.2 aborts when a toast that another one
 * pushed aside comes back while it is still sliding away: a message, the
 * offer to reload pushing it aside, and Reload (or Save, which dismisses
 * the offer) right then took the application down. The offer is a banner
 * now; a message and Reload together still must not. */
static void
test_toasts_take_turns (void)
{
  g_autoptr(GFile) file = ui_copy_sample ("toasts.funnel.json");
  FpWindow *window = ui_present_window (file, 1280, 800);

  _fp_window_add_toast (window, "A word in passing");
  write_as_another_program (file, 3000000);
  wait_for_disk_news (window, FP_DISK_NEWS_RELOAD);
  g_action_group_activate_action (G_ACTION_GROUP (window), "reload", NULL);
  ui_wait_ms (800);
  g_assert_cmpfloat (fp_plan_get_revenue_target (fp_window_get_plan (window)), ==, 3000000);

  ui_destroy_window (window);
}

/* The file's times, to the nanosecond */
static struct timespec
modified_of (const char *path)
{
  struct stat st;

  g_assert_cmpint (stat (path, &st), ==, 0);
  return st.st_mtim;
}

/* Sets the file's modification time back to @modified, to the nanosecond,
 * as cp -p and touch -r do */
static void
set_modified (const char      *path,
              struct timespec  modified)
{
  struct timespec times[2] = { { .tv_nsec = UTIME_OMIT }, modified };

  g_assert_cmpint (utimensat (AT_FDCWD, path, times, 0), ==, 0);
}

/* Another program's write that keeps the file's modification time (cp -p,
 * touch -r, a sync that sets the sender's time, two writes within one tick
 * of a coarse clock) is another version all the same: it is offered, and
 * Save asks before writing over it; the window's own bytes back take the
 * offer away. A pipe put there is told as no longer a file, without the
 * window waiting on it. */
static void
test_change_keeping_time (void)
{
  g_autoptr(GFile) file = ui_copy_sample ("keeping-time.funnel.json");
  g_autofree char *path = g_file_get_path (file);
  FpWindow *window = ui_present_window (file, 1280, 800);
  struct timespec modified = modified_of (path);
  g_autoptr(GBytes) saved = NULL;

  write_as_another_program (file, 3000000);
  set_modified (path, modified);
  assert_save_asks_over_target (window, file, 3000000);
  /* Waved away: Save still asks, and writes over it once told to */
  dismiss_disk_news (window);
  g_action_group_activate_action (G_ACTION_GROUP (window), "save", NULL);
  {
    AdwMessageDialog *dialog = ui_wait_for_message_dialog ();

    g_assert_nonnull (dialog);
    g_assert_cmpstr (adw_message_dialog_get_heading (dialog), ==, "File Changed on Disk");
    ui_answer_dialog (dialog, "save");
  }
  {
    g_autoptr(FpPlan) on_disk = ui_load_plan (file);

    g_assert_cmpfloat (fp_plan_get_revenue_target (on_disk), ==, SAMPLE_TARGET);
  }
  saved = g_file_load_bytes (file, NULL, NULL, NULL);
  g_assert_nonnull (saved);

  /* Saved, then changed again with the time of that save kept */
  modified = modified_of (path);
  write_as_another_program (file, 4000000);
  set_modified (path, modified);
  assert_save_asks_over_target (window, file, 4000000);

  /* The window's own version back (a checkout away and back): the offer
   * goes, and Save asks nothing */
  g_assert_true (g_file_replace_contents (file, g_bytes_get_data (saved, NULL),
                                          g_bytes_get_size (saved), NULL, FALSE,
                                          G_FILE_CREATE_NONE, NULL, NULL, NULL));
  for (int i = 0; i < 300 && fp_banner_is_shown (window->disk_banner); i++)
    ui_wait_ms (10);
  g_assert_false (fp_banner_is_shown (window->disk_banner));
  g_assert_false (_fp_window_file_changed_on_disk (window));

  /* A pipe with no writer: read, it would block the window for good */
  g_assert_cmpint (g_unlink (path), ==, 0);
  wait_for_disk_news (window, FP_DISK_NEWS_MISSING);
  g_assert_cmpint (mkfifo (path, 0600), ==, 0);
  wait_for_disk_news (window, FP_DISK_NEWS_REPLACED);
  g_assert_nonnull (strstr (fp_banner_get_title (window->disk_banner), "is no longer a file"));
  g_assert_true (_fp_window_file_changed_on_disk (window));
  g_assert_cmpint (g_unlink (path), ==, 0);

  ui_discard_window (window);
}

int
main (int   argc,
      char *argv[])
{
  int status;

  ui_window_tests_init (&argc, &argv);

  g_test_add_func ("/no-lost-work/typed-number-saved", test_typed_number_saved);
  g_test_add_func ("/no-lost-work/focus-changes-nothing", test_focus_changes_nothing);
  g_test_add_func ("/no-lost-work/typed-name-asks-on-close", test_typed_name_asks_on_close);
  g_test_add_func ("/no-lost-work/quit-asks-in-turn", test_quit_asks_in_turn);
  g_test_add_func ("/no-lost-work/quit-between-questions", test_quit_between_questions);
  g_test_add_func ("/no-lost-work/typed-name-applies-on-leave", test_typed_name_applies_on_leave);
  g_test_add_func ("/no-lost-work/refused-typed-value-stops", test_refused_typed_value_stops);
  g_test_add_func ("/no-lost-work/save-over-changed-file-asks", test_save_over_changed_file_asks);
  g_test_add_func ("/no-lost-work/write-while-opening", test_write_while_opening);
  g_test_add_func ("/no-lost-work/banner-focus-after-dialogs", test_banner_focus_after_dialogs);
  g_test_add_func ("/no-lost-work/deleted-file-is-unsaved", test_deleted_file_is_unsaved);
  g_test_add_func ("/no-lost-work/file-replaced-by-folder", test_file_replaced_by_folder);
  g_test_add_func ("/no-lost-work/folder-renamed-told-on-return",
                   test_folder_renamed_told_on_return);
  g_test_add_func ("/no-lost-work/unmounted-file-missing", test_unmounted_file_missing);
  g_test_add_func ("/no-lost-work/draft-into-its-window", test_draft_into_its_window);
  g_test_add_func ("/no-lost-work/draft-older-than-file", test_draft_older_than_file);
  g_test_add_func ("/no-lost-work/draft-base-by-bytes", test_draft_base_by_bytes);
  g_test_add_func ("/no-lost-work/draft-after-dismissed-offer", test_draft_after_dismissed_offer);
  g_test_add_func ("/no-lost-work/draft-held-elsewhere", test_draft_held_elsewhere);
  g_test_add_func ("/no-lost-work/draft-leftovers-removed", test_draft_leftovers_removed);
  g_test_add_func ("/no-lost-work/draft-write-failure-told", test_draft_write_failure_told);
  g_test_add_func ("/no-lost-work/draft-of-unreadable-file", test_draft_of_unreadable_file);
  g_test_add_func ("/no-lost-work/draft-of-deleted-file", test_draft_of_deleted_file);
  g_test_add_func ("/no-lost-work/broken-draft-set-aside", test_broken_draft_set_aside);
  g_test_add_func ("/no-lost-work/one-window-per-file", test_one_window_per_file);
  g_test_add_func ("/no-lost-work/same-bytes-no-news", test_same_bytes_no_news);
  g_test_add_func ("/no-lost-work/change-keeping-time", test_change_keeping_time);
  g_test_add_func ("/no-lost-work/disk-news-above-content", test_disk_news_above_content);
  g_test_add_func ("/no-lost-work/reload-offer-warns-of-later-edits",
                   test_reload_offer_warns_of_later_edits);
  g_test_add_func ("/no-lost-work/toasts-take-turns", test_toasts_take_turns);

  status = g_test_run ();
  ui_window_tests_finish ();
  return status;
}
