/* test-documents.c: Open, Save As, Export and drag and drop, as a person
 * does them
 *
 * Runs under Xvfb with a private D-Bus session (the "ui" suite). There is no
 * portal in that session, so GtkFileChooserNative shows GTK's own dialog,
 * and xdotool types into it; the drop comes from another program's window
 * (drag-source) through the X server's drag and drop.
 *
 * Its own program so that the sanitizer run can leave leak detection off
 * for it alone: GTK 4.8's file chooser, its places sidebar and its drop
 * reader leak in ways no suppression can tell from ours. Address and
 * undefined-behaviour checks stay on.
 */
#include "config.h"

#include <adwaita.h>
#include <glib/gstdio.h>
#include <string.h>

#include "fp-export.h"
#include "fp-funnel-view-private.h"
#include "fp-plan-io.h"
#include "fp-window-private.h"
#include "ui-window-util.h"
#include "ui-xdotool.h"

/* The file chooser that GtkFileChooserNative shows: GTK's own dialog,
 * since the private D-Bus session has no portal. NULL if none came. */
static GtkFileChooser *
wait_for_file_chooser (void)
{
  for (int i = 0; i < 300; i++)
    {
      GtkWindow *chooser = ui_find_toplevel (GTK_TYPE_FILE_CHOOSER_DIALOG);

      if (chooser != NULL && gtk_widget_get_mapped (GTK_WIDGET (chooser)))
        return GTK_FILE_CHOOSER (chooser);
      ui_wait_ms (10);
    }
  return NULL;
}

/* Types into @chooser with the real keyboard: @keys first (xdotool key
 * names), then @text, then Return. */
static void
type_into_chooser (GtkFileChooser *chooser,
                   const char     *keys,
                   const char     *text)
{
  const char *press[] = { "xdotool", "key", "--delay", "80", keys, NULL };
  const char *type[] = { "xdotool", "type", "--delay", "15", text, NULL };
  const char *enter[] = { "xdotool", "key", "--delay", "80", "Return", NULL };

  g_assert_true (ui_xdotool_focus_window (GTK_WINDOW (chooser)));
  ui_wait_ms (100);
  g_assert_true (ui_xdotool_run (press));
  ui_wait_ms (100);
  g_assert_true (ui_xdotool_run (type));
  /* Let the location entry's completion settle before Return */
  ui_wait_ms (300);
  g_assert_true (ui_xdotool_run (enter));
}

static void
wait_for_chooser_to_close (void)
{
  for (int i = 0; i < 300 && ui_find_toplevel (GTK_TYPE_FILE_CHOOSER_DIALOG) != NULL; i++)
    ui_wait_ms (10);
  g_assert_null (ui_find_toplevel (GTK_TYPE_FILE_CHOOSER_DIALOG));
  ui_iterate ();
}

/* Save As… with @path typed over the suggested name. */
static void
save_as_typing (FpWindow   *window,
                const char *path)
{
  GtkFileChooser *chooser;

  g_action_group_activate_action (G_ACTION_GROUP (window), "save-as", NULL);
  chooser = wait_for_file_chooser ();
  g_assert_nonnull (chooser);
  type_into_chooser (chooser, "ctrl+a", path);
  wait_for_chooser_to_close ();
}

/* After Save As the focus is where it was, on a funnel handle too, and the
 * arrow keys go on changing the plan there, with the handle's focus ring
 * showing (windowfocus stands in for the window manager, which gives the
 * window back its keyboard when the dialog goes). Up changed the value
 * with no ring: GTK shows the focus only after a key moved it. */
static void
test_save_as_keeps_focus (void)
{
  g_autoptr(GFile) file = ui_copy_sample ("focus-kept.funnel.json");
  FpWindow *window = ui_present_window (file, 1280, 800);
  FpPlan *plan = fp_window_get_plan (window);
  g_autofree char *dir = g_build_filename (ui_tmp_root (), "focus-kept", NULL);
  g_autofree char *target = g_build_filename (dir, "kept.funnel.json", NULL);
  GtkWidget *handle = _fp_funnel_view_get_handle (FP_FUNNEL_VIEW (window->funnel_view),
                                                  FP_CANVAS_HANDLE_CONVERSION, 0);
  double before = fp_plan_get_stage (plan, 0)->conversion;

  if (!ui_xdotool_usable (GTK_WIDGET (window)))
    {
      ui_destroy_window (window);
      return;
    }
  g_assert_cmpint (g_mkdir_with_parents (dir, 0700), ==, 0);
  g_assert_nonnull (handle);
  g_assert_true (gtk_widget_grab_focus (handle));
  ui_iterate ();

  save_as_typing (window, target);
  ui_wait_ms (200);
  g_assert_true (g_file_test (target, G_FILE_TEST_IS_REGULAR));
  g_assert_true (gtk_root_get_focus (GTK_ROOT (window)) ==
                 _fp_funnel_view_get_handle (FP_FUNNEL_VIEW (window->funnel_view), FP_CANVAS_HANDLE_CONVERSION, 0));

  {
    const char *up[] = { "xdotool", "key", "--delay", "100", "Up", NULL };

    g_assert_true (ui_xdotool_focus_window (GTK_WINDOW (window)));
    g_assert_true (ui_xdotool_run (up));
  }
  ui_wait_ms (300);
  g_assert_cmpfloat (fp_plan_get_stage (plan, 0)->conversion, >, before);
  g_assert_true (gtk_widget_has_visible_focus (handle));
  ui_discard_window (window);
}

/* Open…, as a person uses it: Ctrl+O, the location typed, Return. The
 * untouched untitled plan makes way for the file; Escape changes nothing. */
/* Whether the chooser's current filter lists a file named @name */
static gboolean
filter_takes (GtkFileChooser *chooser,
              const char     *name)
{
  g_autoptr(GFileInfo) info = g_file_info_new ();

  g_file_info_set_display_name (info, name);
  return gtk_filter_match (GTK_FILTER (gtk_file_chooser_get_filter (chooser)), info);
}

static void
test_open_dialog (void)
{
  g_autoptr(GFile) file = ui_copy_sample ("picked.funnel.json");
  g_autofree char *path = g_file_get_path (file);
  FpWindow *window = ui_present_window (NULL, 1280, 800);
  GtkFileChooser *chooser;

  if (!ui_xdotool_usable (GTK_WIDGET (window)))
    {
      ui_destroy_window (window);
      return;
    }

  /* Escape: no file, the window as it was */
  g_action_group_activate_action (G_ACTION_GROUP (window), "open", NULL);
  chooser = wait_for_file_chooser ();
  g_assert_nonnull (chooser);
  /* Plans in any case, as the app opens them */
  g_assert_true (filter_takes (chooser, "q3.funnel.json"));
  g_assert_true (filter_takes (chooser, "Q3.FUNNEL.JSON"));
  g_assert_false (filter_takes (chooser, "q3.json"));
  {
    const char *escape[] = { "xdotool", "key", "Escape", NULL };

    g_assert_true (ui_xdotool_focus_window (GTK_WINDOW (chooser)));
    ui_wait_ms (100);
    g_assert_true (ui_xdotool_run (escape));
  }
  wait_for_chooser_to_close ();
  g_assert_null (fp_window_get_file (window));
  g_assert_true (fp_window_is_pristine (window));

  /* The path, typed into the location entry (Ctrl+L) */
  g_action_group_activate_action (G_ACTION_GROUP (window), "open", NULL);
  chooser = wait_for_file_chooser ();
  g_assert_nonnull (chooser);
  type_into_chooser (chooser, "ctrl+l", path);
  wait_for_chooser_to_close ();
  g_assert_nonnull (fp_window_get_file (window));
  g_assert_true (g_file_equal (fp_window_get_file (window), file));
  g_assert_cmpstr (fp_plan_get_title (fp_window_get_plan (window)), ==, "Q3 2027 demand plan");
  g_assert_false (g_str_has_prefix (ui_window_title (window), "•"));

  ui_destroy_window (window);
}

/* Save As…: a name typed without an extension gets ours; the window takes
 * the new file and the unsaved marker goes. */
static void
test_save_as_dialog (void)
{
  FpWindow *window = ui_present_window (NULL, 1280, 800);
  FpPlan *plan = fp_window_get_plan (window);
  g_autofree char *dir = g_build_filename (ui_tmp_root (), "saved-as", NULL);
  g_autofree char *typed = g_build_filename (dir, "typed-name", NULL);
  g_autofree char *expected = g_build_filename (dir, "typed-name.funnel.json", NULL);
  g_autofree char *dotted = g_build_filename (dir, "plan v1.2", NULL);
  g_autofree char *dotted_expected = g_build_filename (dir, "plan v1.2.funnel.json", NULL);
  g_autofree char *json_typed = g_build_filename (dir, "typed over.json", NULL);
  g_autofree char *json_expected = g_build_filename (dir, "typed over.funnel.json", NULL);
  GtkFileChooser *chooser;
  AdwMessageDialog *dialog;
  g_autoptr(FpPlan) saved = NULL;
  g_autoptr(GFile) expected_file = g_file_new_for_path (expected);

  if (!ui_xdotool_usable (GTK_WIDGET (window)))
    {
      ui_destroy_window (window);
      return;
    }
  g_assert_cmpint (g_mkdir_with_parents (dir, 0700), ==, 0);
  g_assert_true (fp_plan_set_revenue_target (plan, 2500000, NULL));
  ui_iterate ();
  g_assert_true (g_str_has_prefix (ui_window_title (window), "•"));

  g_action_group_activate_action (G_ACTION_GROUP (window), "save-as", NULL);
  chooser = wait_for_file_chooser ();
  g_assert_nonnull (chooser);
  /* The name field is focused with the suggested name: replace it */
  type_into_chooser (chooser, "ctrl+a", typed);
  wait_for_chooser_to_close ();

  g_assert_true (g_file_test (expected, G_FILE_TEST_IS_REGULAR));
  g_assert_false (g_file_test (typed, G_FILE_TEST_EXISTS));
  g_assert_nonnull (fp_window_get_file (window));
  g_assert_true (g_file_equal (fp_window_get_file (window), expected_file));
  g_assert_false (fp_plan_get_modified (plan));
  g_assert_false (g_str_has_prefix (ui_window_title (window), "•"));
  saved = ui_load_plan (expected_file);
  g_assert_cmpfloat (fp_plan_get_revenue_target (saved), ==, 2500000);

  /* The same bare name again names a file that now exists, which the
   * chooser never saw: asked here. Cancel leaves the file as it was. */
  g_assert_true (fp_plan_set_revenue_target (plan, 3600000, NULL));
  save_as_typing (window, typed);
  dialog = ui_wait_for_message_dialog ();
  g_assert_nonnull (dialog);
  g_assert_cmpstr (adw_message_dialog_get_heading (dialog), ==, "Replace File?");
  g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog), "typed-name.funnel.json"));
  ui_answer_dialog (dialog, "cancel");
  g_clear_object (&saved);
  saved = ui_load_plan (expected_file);
  g_assert_cmpfloat (fp_plan_get_revenue_target (saved), ==, 2500000);
  g_assert_true (fp_plan_get_modified (plan));

  /* Replace writes it */
  save_as_typing (window, typed);
  dialog = ui_wait_for_message_dialog ();
  g_assert_nonnull (dialog);
  ui_answer_dialog (dialog, "replace");
  g_clear_object (&saved);
  saved = ui_load_plan (expected_file);
  g_assert_cmpfloat (fp_plan_get_revenue_target (saved), ==, 3600000);
  g_assert_false (fp_plan_get_modified (plan));

  /* A dot in the name is not an extension: "v1.2" gets ours too */
  save_as_typing (window, dotted);
  g_assert_null (ui_find_message_dialog ());
  g_assert_true (g_file_test (dotted_expected, G_FILE_TEST_IS_REGULAR));

  /* The chooser selects the suggested name up to its last dot; a name
   * typed over that keeps ".json" alone, and gets ".funnel.json" */
  save_as_typing (window, json_typed);
  g_assert_null (ui_find_message_dialog ());
  g_assert_true (g_file_test (json_expected, G_FILE_TEST_IS_REGULAR));
  g_assert_false (g_file_test (json_typed, G_FILE_TEST_EXISTS));

  ui_destroy_window (window);
}

/* Save As onto a file another window has open is refused: the two windows
 * would overwrite each other's saves. */
static void
test_save_as_onto_open_file (void)
{
  g_autoptr(GFile) file = ui_copy_sample ("open-elsewhere.funnel.json");
  FpWindow *other = ui_present_window (file, 1000, 700);
  FpWindow *window = ui_present_window (NULL, 1280, 800);
  g_autofree char *path = g_file_get_path (file);
  g_autofree char *bare = g_strndup (path, strlen (path) - strlen (".funnel.json"));
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  AdwMessageDialog *dialog;

  if (!ui_xdotool_usable (GTK_WIDGET (window)))
    {
      ui_destroy_window (window);
      ui_destroy_window (other);
      return;
    }
  g_assert_true (g_file_load_contents (file, NULL, &before, NULL, NULL, NULL));
  g_assert_true (fp_plan_set_revenue_target (fp_window_get_plan (window), 2500000, NULL));

  /* Typed without the suffix, which makes it the open file */
  save_as_typing (window, bare);
  dialog = ui_wait_for_message_dialog ();
  g_assert_nonnull (dialog);
  g_assert_cmpstr (adw_message_dialog_get_heading (dialog), ==, "Could Not Save Plan");
  g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog), "open-elsewhere.funnel.json"));
  /* It says to save under another name: Save As is one click away */
  ui_answer_dialog (dialog, "save-as");
  {
    GtkFileChooser *chooser = wait_for_file_chooser ();

    g_assert_nonnull (chooser);
    gtk_window_close (GTK_WINDOW (chooser));
    wait_for_chooser_to_close ();
  }
  g_assert_true (g_file_load_contents (file, NULL, &after, NULL, NULL, NULL));
  g_assert_cmpstr (after, ==, before);
  g_assert_null (fp_window_get_file (window));
  g_assert_true (fp_plan_get_modified (fp_window_get_plan (window)));

  ui_discard_window (window);
  ui_destroy_window (other);
}

/* @file's plan in a window, its file made read-only and its target
 * changed to @target; NULL where xdotool cannot type into the chooser.
 * The caller makes the file writable again. */
static FpWindow *
present_unwritable_plan (GFile  *file,
                         double  target)
{
  g_autofree char *path = g_file_get_path (file);
  FpWindow *window = ui_present_window (file, 1280, 800);

  if (!ui_xdotool_usable (GTK_WIDGET (window)))
    {
      ui_discard_window (window);
      return NULL;
    }
  g_assert_cmpint (g_chmod (path, 0444), ==, 0);
  g_assert_true (fp_plan_set_revenue_target (fp_window_get_plan (window), target, NULL));
  return window;
}

/* Answers the save error @dialog with Save As to @other, then checks that
 * the close or quit went on (*@window, a weak pointer, gone) and that
 * @other holds @target; makes @path writable again. */
static void
save_as_from_error (AdwMessageDialog  *dialog,
                    FpWindow         **window,
                    const char        *path,
                    const char        *other,
                    double             target)
{
  GtkFileChooser *chooser;

  ui_respond_dialog (dialog, "save-as");
  chooser = wait_for_file_chooser ();
  g_assert_nonnull (chooser);
  type_into_chooser (chooser, "ctrl+a", other);
  wait_for_chooser_to_close ();

  for (int i = 0; i < 200 && *window != NULL; i++)
    ui_wait_ms (10);
  g_assert_cmpint (g_chmod (path, 0644), ==, 0);
  g_assert_null (*window);
  {
    g_autoptr(GFile) saved_file = g_file_new_for_path (other);
    g_autoptr(FpPlan) saved = ui_load_plan (saved_file);

    g_assert_cmpfloat (fp_plan_get_revenue_target (saved), ==, target);
  }
}

/* Waits up to 3 s for @window's subtitle to be @subtitle */
static void
assert_subtitle_comes (FpWindow   *window,
                       const char *subtitle)
{
  for (int i = 0; i < 300 && g_strcmp0 (adw_window_title_get_subtitle (window->window_title),
                                        subtitle) != 0; i++)
    ui_wait_ms (10);
  g_assert_cmpstr (adw_window_title_get_subtitle (window->window_title), ==, subtitle);
}

/* A plan whose file Save would refuse says so under its title, before any
 * edit: nothing did until the save failed. It follows the file's mode as
 * another program changes it. */
static void
test_read_only_said (void)
{
  g_autoptr(GFile) file = ui_copy_sample ("read-only.funnel.json");
  g_autofree char *path = g_file_get_path (file);
  FpWindow *window;

  g_assert_cmpint (g_chmod (path, 0444), ==, 0);
  window = ui_present_window (file, 1280, 800);
  g_assert_cmpstr (adw_window_title_get_subtitle (window->window_title), ==,
                   "read-only.funnel.json (read-only)");

  g_assert_cmpint (g_chmod (path, 0644), ==, 0);
  assert_subtitle_comes (window, "read-only.funnel.json");
  g_assert_cmpint (g_chmod (path, 0400), ==, 0);
  assert_subtitle_comes (window, "read-only.funnel.json (read-only)");

  g_assert_cmpint (g_chmod (path, 0644), ==, 0);
  ui_destroy_window (window);
}

/* Closing with Save, on a plan that cannot be written: the error offers
 * Save As, and the window closes once Save As has saved, as the close
 * asked; before, the close was forgotten at the error. */
static void
test_close_after_failed_save (void)
{
  g_autoptr(GFile) file = ui_copy_sample ("locked.funnel.json");
  g_autofree char *path = g_file_get_path (file);
  g_autofree char *other = g_build_filename (ui_tmp_root (), "plans", "unlocked.funnel.json", NULL);
  FpWindow *window = present_unwritable_plan (file, 2700000);
  AdwMessageDialog *dialog;

  if (window == NULL)
    return;
  g_object_add_weak_pointer (G_OBJECT (window), (gpointer *) &window);

  gtk_window_close (GTK_WINDOW (window));
  dialog = ui_wait_for_message_dialog ();
  g_assert_nonnull (dialog);
  ui_respond_dialog (dialog, "save");
  dialog = ui_wait_for_message_dialog ();
  g_assert_nonnull (dialog);
  g_assert_cmpstr (adw_message_dialog_get_heading (dialog), ==, "Could Not Save Plan");
  save_as_from_error (dialog, &window, path, other, 2700000);
}

/* The same when quitting: Save As from the error carries the quit
 * through and the window closes; Close on the error stops the quit, and
 * the plan stays open with its changes. */
static void
test_quit_after_failed_save (void)
{
  g_autoptr(GFile) file = ui_copy_sample ("quit-locked.funnel.json");
  g_autofree char *path = g_file_get_path (file);
  g_autofree char *other = g_build_filename (ui_tmp_root (), "plans", "quit-unlocked.funnel.json", NULL);
  FpWindow *window = present_unwritable_plan (file, 2800000);
  AdwMessageDialog *dialog;

  if (window == NULL)
    return;
  g_object_add_weak_pointer (G_OBJECT (window), (gpointer *) &window);

  /* Close on the error: nothing closes */
  g_action_group_activate_action (G_ACTION_GROUP (ui_app ()), "quit", NULL);
  dialog = ui_wait_for_message_dialog ();
  g_assert_nonnull (dialog);
  ui_respond_dialog (dialog, "save");
  dialog = ui_wait_for_message_dialog ();
  g_assert_nonnull (dialog);
  g_assert_cmpstr (adw_message_dialog_get_heading (dialog), ==, "Could Not Save Plan");
  ui_answer_dialog (dialog, "close");
  ui_wait_ms (200);
  g_assert_nonnull (window);
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (window)));
  g_assert_true (fp_plan_get_modified (fp_window_get_plan (window)));

  /* Save As on the error: saved elsewhere, and the quit goes on */
  g_action_group_activate_action (G_ACTION_GROUP (ui_app ()), "quit", NULL);
  dialog = ui_wait_for_message_dialog ();
  g_assert_nonnull (dialog);
  ui_respond_dialog (dialog, "save");
  dialog = ui_wait_for_message_dialog ();
  g_assert_nonnull (dialog);
  save_as_from_error (dialog, &window, path, other, 2800000);
}

/* Quitting, Save for an untitled plan opens the file chooser; Ctrl+Q
 * again only brings it forward, where it put up a second "Save Changes?"
 * over it. Cancelled, the quit stops and the plan stays as it was. */
static void
test_quit_waits_for_save_as (void)
{
  FpWindow *window = ui_present_window (NULL, 1280, 800);
  AdwMessageDialog *dialog;
  GtkWindow *chooser;

  g_assert_true (fp_plan_set_revenue_target (fp_window_get_plan (window), 900000, NULL));
  g_action_group_activate_action (G_ACTION_GROUP (ui_app ()), "quit", NULL);
  dialog = ui_wait_for_message_dialog ();
  g_assert_nonnull (dialog);
  ui_respond_dialog (dialog, "save");
  chooser = GTK_WINDOW (wait_for_file_chooser ());
  g_assert_nonnull (chooser);

  g_action_group_activate_action (G_ACTION_GROUP (ui_app ()), "quit", NULL);
  ui_wait_ms (200);
  g_assert_null (ui_find_message_dialog ());

  gtk_window_close (chooser);
  wait_for_chooser_to_close ();
  ui_wait_ms (100);
  g_assert_null (ui_find_message_dialog ());
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (window)));
  g_assert_true (fp_plan_get_modified (fp_window_get_plan (window)));

  ui_discard_window (window);
}

static void
add_recent_and_wait (GFile *file)
{
  GtkRecentManager *recent = gtk_recent_manager_get_default ();
  g_autofree char *uri = g_file_get_uri (file);

  GtkRecentInfo *info = NULL;

  g_assert_true (gtk_recent_manager_add_item (recent, uri));
  /* Added once GIO has told the file's type (has_item() is critical of
   * an empty list) */
  for (int i = 0; i < 300 && (info = gtk_recent_manager_lookup_item (recent, uri, NULL)) == NULL; i++)
    ui_wait_ms (10);
  g_assert_nonnull (info);
  gtk_recent_info_unref (info);
}

/* The recent item of @menu for @file: its label, or NULL */
static char *
recent_label (GMenuModel *menu,
              GFile      *file)
{
  g_autofree char *uri = g_file_get_uri (file);

  for (int i = 0; i < g_menu_model_get_n_items (menu); i++)
    {
      g_autoptr(GVariant) target = g_menu_model_get_item_attribute_value (
        menu, i, G_MENU_ATTRIBUTE_TARGET, G_VARIANT_TYPE_STRING);
      char *label = NULL;

      if (target != NULL && g_str_equal (g_variant_get_string (target, NULL), uri) &&
          g_menu_model_get_item_attribute (menu, i, G_MENU_ATTRIBUTE_LABEL, "s", &label))
        return label;
    }
  return NULL;
}

/* A folder's path as a recent plan's label gives it, "~/…" below the
 * home folder (where a TMPDIR may be) */
static char *
shown_as_label (const char *path)
{
  const char *home = g_get_home_dir ();
  gsize home_len = strlen (home);

  if (strncmp (path, home, home_len) == 0 && path[home_len] == '/')
    return g_strconcat ("~", path + home_len, NULL);
  return g_strdup (path);
}

/* The main menu's Open Recent lists the plans opened or saved last that
 * are still there, and opens one as Open does; two of one name say their
 * folders. Before, the file chooser's Recent place was the only way back. */
static void
test_open_recent (void)
{
  g_autoptr(GFile) first = ui_copy_sample ("recent_first.funnel.json");
  g_autoptr(GFile) same_name = ui_copy_sample ("recent-same.funnel.json");
  g_autoptr(GFile) gone = ui_copy_sample ("recent-gone.funnel.json");
  g_autofree char *shared_dir = g_build_filename (ui_tmp_root (), "shared", NULL);
  g_autofree char *shared_path = g_build_filename (shared_dir, "recent-same.funnel.json", NULL);
  g_autofree char *notes_path = g_build_filename (shared_dir, "notes.txt", NULL);
  /* A third of the name, in another folder named "shared" */
  g_autofree char *other_dir = g_build_filename (ui_tmp_root (), "other", "shared", NULL);
  g_autofree char *other_path = g_build_filename (other_dir, "recent-same.funnel.json", NULL);
  g_autoptr(GFile) other = g_file_new_for_path (other_path);
  g_autofree char *other_label = NULL;
  g_autofree char *expected = NULL;
  /* A name of 240 bytes, the most a file system takes less a margin */
  g_autofree char *long_stem = g_strnfill (240 - strlen (".funnel.json"), 'L');
  g_autofree char *long_name = g_strconcat (long_stem, ".funnel.json", NULL);
  g_autofree char *long_path = g_build_filename (shared_dir, long_name, NULL);
  g_autoptr(GFile) long_file = g_file_new_for_path (long_path);
  g_autofree char *long_label = NULL;
  g_autoptr(GFile) shared = g_file_new_for_path (shared_path);
  g_autoptr(GFile) notes = g_file_new_for_path (notes_path);
  g_autofree char *plain_path = g_build_filename (shared_dir, "opened-as.json", NULL);
  g_autofree char *upper_path = g_build_filename (shared_dir, "UPPER.FUNNEL.JSON", NULL);
  g_autofree char *export_path = g_build_filename (shared_dir, "exported.png", NULL);
  g_autoptr(GFile) plain = g_file_new_for_path (plain_path);
  g_autoptr(GFile) upper = g_file_new_for_path (upper_path);
  g_autoptr(GFile) exported = g_file_new_for_path (export_path);
  g_autofree char *plain_label = NULL;
  g_autofree char *upper_label = NULL;
  g_autofree char *exported_label = NULL;
  FpWindow *window;
  GMenuModel *menu;
  g_autofree char *first_label = NULL;
  g_autofree char *same_label = NULL;
  g_autofree char *shared_label = NULL;
  g_autofree char *gone_label = NULL;
  g_autofree char *notes_label = NULL;

  g_assert_cmpint (g_mkdir_with_parents (shared_dir, 0700), ==, 0);
  g_assert_true (g_file_copy (same_name, shared, G_FILE_COPY_NONE, NULL, NULL, NULL, NULL));
  g_assert_cmpint (g_mkdir_with_parents (other_dir, 0700), ==, 0);
  g_assert_true (g_file_copy (same_name, other, G_FILE_COPY_NONE, NULL, NULL, NULL, NULL));
  g_assert_true (g_file_copy (same_name, long_file, G_FILE_COPY_NONE, NULL, NULL, NULL, NULL));
  g_assert_true (g_file_set_contents (notes_path, "not a plan", -1, NULL));
  /* A plan under a name of its own, and one in capitals, both opened
   * here, and an image GTK's chooser put in the list for an export */
  g_assert_true (g_file_copy (same_name, plain, G_FILE_COPY_NONE, NULL, NULL, NULL, NULL));
  g_assert_true (g_file_copy (same_name, upper, G_FILE_COPY_NONE, NULL, NULL, NULL, NULL));
  g_assert_true (g_file_set_contents (export_path, "\x89PNG\r\n\x1a\n", 8, NULL));
  add_recent_and_wait (plain);
  add_recent_and_wait (upper);
  add_recent_and_wait (exported);
  add_recent_and_wait (first);
  add_recent_and_wait (same_name);
  add_recent_and_wait (shared);
  add_recent_and_wait (other);
  add_recent_and_wait (long_file);
  add_recent_and_wait (gone);
  add_recent_and_wait (notes);
  g_assert_true (g_file_delete (gone, NULL, NULL));

  window = ui_present_window (NULL, 1280, 800);
  gtk_menu_button_popup (window->menu_button);
  ui_wait_ms (200);
  menu = G_MENU_MODEL (window->recent_menu);
  first_label = recent_label (menu, first);
  same_label = recent_label (menu, same_name);
  shared_label = recent_label (menu, shared);
  other_label = recent_label (menu, other);
  long_label = recent_label (menu, long_file);
  gone_label = recent_label (menu, gone);
  notes_label = recent_label (menu, notes);
  plain_label = recent_label (menu, plain);
  upper_label = recent_label (menu, upper);
  exported_label = recent_label (menu, exported);
  /* Doubled: a menu's underscore marks its mnemonic */
  g_assert_cmpstr (first_label, ==, "recent__first.funnel.json");
  g_assert_cmpstr (same_label, ==, "recent-same.funnel.json (plans)");
  /* The two "shared" folders, by their paths: they read the same */
  {
    g_autofree char *shared_shown = shown_as_label (shared_dir);
    g_autofree char *other_shown = shown_as_label (other_dir);

    expected = g_strdup_printf ("recent-same.funnel.json (%s)", shared_shown);
    g_assert_cmpstr (shared_label, ==, expected);
    g_free (expected);
    expected = g_strdup_printf ("recent-same.funnel.json (%s)", other_shown);
    g_assert_cmpstr (other_label, ==, expected);
  }
  g_assert_null (gone_label);
  g_assert_null (notes_label);
  /* Cut in its middle: the menu was as wide as the screen */
  g_assert_nonnull (long_label);
  g_assert_cmpint (g_utf8_strlen (long_label, -1), <=, 60);
  g_assert_true (g_str_has_prefix (long_label, "LLLL"));
  g_assert_nonnull (strstr (long_label, "…"));
  g_assert_true (g_str_has_suffix (long_label, ".funnel.json"));
  g_assert_cmpstr (plain_label, ==, "opened-as.json");
  g_assert_cmpstr (upper_label, ==, "UPPER.FUNNEL.JSON");
  g_assert_null (exported_label);
  gtk_menu_button_popdown (window->menu_button);

  /* The untouched new plan gives way to the recent one, as for Open */
  {
    g_autofree char *uri = g_file_get_uri (first);

    g_action_group_activate_action (G_ACTION_GROUP (window), "open-recent",
                                    g_variant_new_string (uri));
  }
  ui_iterate ();
  g_assert_nonnull (fp_window_get_file (window));
  g_assert_true (g_file_equal (fp_window_get_file (window), first));

  ui_destroy_window (window);
}

/* Export → PNG Image…: a name typed without an extension gets .png, and
 * the file is a PNG of the funnel. */
static void
test_export_dialog (void)
{
  g_autoptr(GFile) file = ui_copy_sample ("exported.funnel.json");
  FpWindow *window = ui_present_window (file, 1280, 800);
  g_autofree char *dir = g_build_filename (ui_tmp_root (), "exports", NULL);
  g_autofree char *typed = g_build_filename (dir, "q3-funnel", NULL);
  g_autofree char *expected = g_build_filename (dir, "q3-funnel.png", NULL);
  g_autofree char *contents = NULL;
  gsize length = 0;
  GtkFileChooser *chooser;

  if (!ui_xdotool_usable (GTK_WIDGET (window)))
    {
      ui_destroy_window (window);
      return;
    }
  g_assert_cmpint (g_mkdir_with_parents (dir, 0700), ==, 0);

  g_action_group_activate_action (G_ACTION_GROUP (window), "export", g_variant_new_string ("png"));
  chooser = wait_for_file_chooser ();
  g_assert_nonnull (chooser);
  /* The folder's images in any case: "UPPER.PNG" was left out */
  g_assert_true (filter_takes (chooser, "q3.png"));
  g_assert_true (filter_takes (chooser, "UPPER.PNG"));
  g_assert_false (filter_takes (chooser, "q3.svg"));
  type_into_chooser (chooser, "ctrl+a", typed);
  wait_for_chooser_to_close ();

  g_assert_false (g_file_test (typed, G_FILE_TEST_EXISTS));
  g_assert_true (g_file_get_contents (expected, &contents, &length, NULL));
  g_assert_cmpuint (length, >, 8);
  g_assert_cmpmem (contents, 8, "\x89PNG\r\n\x1a\n", 8);
  /* No error dialog: the export went through */
  g_assert_null (ui_find_message_dialog ());

  ui_destroy_window (window);
}

/* The width and height from a PNG's header */
static void
png_size (const char *path,
          guint      *width,
          guint      *height)
{
  g_autofree char *contents = NULL;
  const guchar *header;
  gsize length = 0;

  g_assert_true (g_file_get_contents (path, &contents, &length, NULL));
  g_assert_cmpuint (length, >, 24);
  g_assert_cmpmem (contents, 8, "\x89PNG\r\n\x1a\n", 8);
  header = (const guchar *) contents;
  *width = GUINT32_FROM_BE (*(const guint32 *) (header + 16));
  *height = GUINT32_FROM_BE (*(const guint32 *) (header + 20));
}

typedef struct
{
  const char *label;
  guint position;   /* of the label, in the drop-down found */
} Offer;

static gboolean
offers (GtkWidget *widget,
        gpointer   data)
{
  Offer *offer = data;
  GListModel *model;

  if (!GTK_IS_DROP_DOWN (widget))
    return FALSE;
  model = gtk_drop_down_get_model (GTK_DROP_DOWN (widget));
  for (guint i = 0; GTK_IS_STRING_LIST (model) && i < g_list_model_get_n_items (model); i++)
    if (g_str_equal (gtk_string_list_get_string (GTK_STRING_LIST (model), i), offer->label))
      {
        offer->position = i;
        return TRUE;
      }
  return FALSE;
}

/* The drop-down in @widget's tree that offers @label, or NULL */
static GtkDropDown *
find_drop_down_offering (GtkWidget  *widget,
                         const char *label,
                         guint      *position)
{
  Offer offer = { label, 0 };
  GtkWidget *found = ui_find_widget (widget, offers, &offer);

  if (found != NULL)
    *position = offer.position;
  return (GtkDropDown *) found;
}

/* Picks @label in the chooser's Size drop-down, and checks that it
 * offered @first first, and started there */
static void
pick_export_size (GtkFileChooser *chooser,
                  const char     *label,
                  const char     *first)
{
  GtkDropDown *sizes;
  guint position = 0;
  guint first_position = 0;

  sizes = find_drop_down_offering (GTK_WIDGET (chooser), label, &position);
  g_assert_nonnull (sizes);
  g_assert_true (find_drop_down_offering (GTK_WIDGET (chooser), first, &first_position) == sizes);
  g_assert_cmpuint (first_position, ==, 0);
  g_assert_cmpuint (gtk_drop_down_get_selected (sizes), ==, 0);
  gtk_drop_down_set_selected (sizes, position);
}

/* Export PNG while the timeline shows: the timeline is exported, at the
 * size picked in the chooser's Size choice; "As Shown" is the chart's
 * size in the window. The size picked is offered first next time, but
 * for the default size, which leaves Every Stage in Full first where a
 * plan needs it. */
static void
test_export_timeline_size (void)
{
  g_autoptr(GFile) file = ui_copy_sample ("sized.funnel.json");
  FpWindow *window = ui_present_window (file, 1280, 800);
  g_autofree char *dir = g_build_filename (ui_tmp_root (), "sized-exports", NULL);
  g_autofree char *small = g_build_filename (dir, "small.png", NULL);
  g_autofree char *shown = g_build_filename (dir, "shown.png", NULL);
  g_autofree char *funnel = g_build_filename (dir, "funnel.png", NULL);
  g_autofree char *tall = g_build_filename (dir, "tall.png", NULL);
  g_autofree char *shown_label = NULL;
  GtkFileChooser *chooser;
  guint width, height;

  if (!ui_xdotool_usable (GTK_WIDGET (window)))
    {
      ui_destroy_window (window);
      return;
    }
  g_assert_cmpint (g_mkdir_with_parents (dir, 0700), ==, 0);
  adw_view_stack_set_visible_child_name (window->view_stack, "timeline");
  ui_wait_ms (100);

  g_action_group_activate_action (G_ACTION_GROUP (window), "export", g_variant_new_string ("png"));
  chooser = wait_for_file_chooser ();
  g_assert_nonnull (chooser);
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (chooser)), ==, "Export Timeline");
  g_assert_true (g_str_has_suffix (gtk_file_chooser_get_current_name (chooser), " timeline.png"));
  pick_export_size (chooser, "1280 × 720", "1600 × 900");
  type_into_chooser (chooser, "ctrl+a", small);
  wait_for_chooser_to_close ();
  png_size (small, &width, &height);
  g_assert_cmpuint (width, ==, 1280);
  g_assert_cmpuint (height, ==, 720);

  g_action_group_activate_action (G_ACTION_GROUP (window), "export", g_variant_new_string ("png"));
  chooser = wait_for_file_chooser ();
  g_assert_nonnull (chooser);
  shown_label = g_strdup_printf ("As Shown (%d × %d)", gtk_widget_get_width (window->timeline_view),
                                 gtk_widget_get_height (window->timeline_view));
  pick_export_size (chooser, shown_label, "1280 × 720");
  type_into_chooser (chooser, "ctrl+a", shown);
  wait_for_chooser_to_close ();
  png_size (shown, &width, &height);
  g_assert_cmpuint (width, ==, gtk_widget_get_width (window->timeline_view));
  g_assert_cmpuint (height, ==, gtk_widget_get_height (window->timeline_view));

  /* Back on the funnel, at the default size, the funnel is exported; As
   * Shown, first, is the funnel's size */
  adw_view_stack_set_visible_child_name (window->view_stack, "funnel");
  ui_wait_ms (100);
  g_action_group_activate_action (G_ACTION_GROUP (window), "export", g_variant_new_string ("png"));
  chooser = wait_for_file_chooser ();
  g_assert_nonnull (chooser);
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (chooser)), ==, "Export Funnel");
  g_free (shown_label);
  shown_label = g_strdup_printf ("As Shown (%d × %d)", gtk_widget_get_width (window->funnel_view),
                                 gtk_widget_get_height (window->funnel_view));
  pick_export_size (chooser, "1600 × 900", shown_label);
  type_into_chooser (chooser, "ctrl+a", funnel);
  wait_for_chooser_to_close ();
  png_size (funnel, &width, &height);
  g_assert_cmpuint (width, ==, 1600);
  g_assert_cmpuint (height, ==, 900);
  g_assert_null (ui_find_message_dialog ());

  /* Forty stages do not keep their names and figures at 1600 × 900: the
   * size that keeps them comes first */
  {
    FpPlan *plan = fp_window_get_plan (window);
    int fitting;

    while (fp_plan_get_n_stages (plan) < 40)
      g_assert_true (fp_plan_insert_stage (plan, 1, "Review", NULL));
    fitting = fp_export_fitting_height (plan, FP_EXPORT_FUNNEL, 1600, 900);
    g_assert_cmpint (fitting, >, 900);
    g_action_group_activate_action (G_ACTION_GROUP (window), "export", g_variant_new_string ("png"));
    chooser = wait_for_file_chooser ();
    g_assert_nonnull (chooser);
    type_into_chooser (chooser, "ctrl+a", tall);
    wait_for_chooser_to_close ();
    png_size (tall, &width, &height);
    g_assert_cmpuint (width, ==, 1600);
    g_assert_cmpuint (height, ==, (guint) fitting);
  }

  ui_discard_window (window);
}

static void
on_line_read (GObject      *stream,
              GAsyncResult *result,
              gpointer      user_data)
{
  char **line = user_data;

  *line = g_data_input_stream_read_line_finish_utf8 (G_DATA_INPUT_STREAM (stream), result,
                                                    NULL, NULL);
  if (*line == NULL)
    *line = g_strdup ("");
}

static void
move_pointer (int x,
              int y)
{
  g_autofree char *x_text = g_strdup_printf ("%d", x);
  g_autofree char *y_text = g_strdup_printf ("%d", y);
  const char *move[] = { "xdotool", "mousemove", "--sync", x_text, y_text, NULL };

  g_assert_true (ui_xdotool_run (move));
}

/* The next line drag-source prints, read while the pointer moves to and
 * fro by (x, y); "" when none comes within 20 seconds or it has quit. */
static char *
move_until_source_says (GDataInputStream *output,
                        int               x,
                        int               y)
{
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  char *line = NULL;

  g_data_input_stream_read_line_async (output, G_PRIORITY_DEFAULT, cancellable, on_line_read,
                                       &line);
  for (int step = 0; step < 400 && line == NULL; step++)
    {
      move_pointer (x + (step % 2) * 20, y);
      ui_wait_ms (50);
    }
  g_cancellable_cancel (cancellable);
  while (line == NULL)
    g_main_context_iteration (NULL, TRUE);
  return line;
}

/* A plan dragged from another application's window (a file manager's,
 * here drag-source) and dropped on the window, with the real pointer:
 * the untouched untitled plan makes way for it.
 *
 * Each step waits for what drag-source says rather than for a fixed time:
 * under a sanitizer on a busy machine the source took longer to start its
 * drag than the old sleeps allowed, the pointer was already still over the
 * window when it did, and the release dropped nothing. */
static void
test_drop_file (void)
{
  g_autoptr(GFile) file = ui_copy_sample ("dropped.funnel.json");
  g_autofree char *path = g_file_get_path (file);
  FpWindow *window = ui_present_window (NULL, 1280, 800);
  const char *drag_source = g_getenv ("FP_DRAG_SOURCE");
  g_autoptr(GSubprocess) source = NULL;
  g_autoptr(GDataInputStream) output = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *ready = NULL;
  g_autofree char *dragging = NULL;
  g_autofree char *accepted = NULL;
  const char *press[] = { "xdotool", "mousemove", "--sync", "100", "100",
                          "mousedown", "1", NULL };
  const char *release[] = { "xdotool", "mouseup", "1", NULL };

  if (!ui_xdotool_usable (GTK_WIDGET (window)))
    {
      ui_destroy_window (window);
      return;
    }
  g_assert_nonnull (drag_source);

  /* Without a window manager both windows sit at the screen's origin: the
   * 200x200 source on top of the plan's window. */
  source = g_subprocess_new (G_SUBPROCESS_FLAGS_STDIN_PIPE | G_SUBPROCESS_FLAGS_STDOUT_PIPE,
                             &error, drag_source, path, NULL);
  g_assert_no_error (error);
  output = g_data_input_stream_new (g_subprocess_get_stdout_pipe (source));
  ready = move_until_source_says (output, 300, 300);
  g_assert_cmpstr (ready, ==, "ready");

  /* Pressed on the source, the pointer moves past GTK's drag threshold,
   * still inside it, until the drag has begun; then over the plan's window
   * until the window has taken it. The button comes up whatever happened,
   * for the tests that follow on the same display. */
  g_assert_true (ui_xdotool_run (press));
  dragging = move_until_source_says (output, 130, 130);
  if (g_str_equal (dragging, "dragging"))
    accepted = move_until_source_says (output, 600, 400);
  g_assert_true (ui_xdotool_run (release));
  g_assert_cmpstr (dragging, ==, "dragging");
  g_assert_cmpstr (accepted, ==, "accepted");

  for (int i = 0; i < 1000 && fp_window_get_file (window) == NULL; i++)
    ui_wait_ms (10);

  g_assert_nonnull (fp_window_get_file (window));
  g_assert_true (g_file_equal (fp_window_get_file (window), file));
  g_assert_cmpstr (fp_plan_get_title (fp_window_get_plan (window)), ==, "Q3 2027 demand plan");

  g_output_stream_close (g_subprocess_get_stdin_pipe (source), NULL, NULL);
  g_subprocess_wait (source, NULL, &error);
  g_assert_no_error (error);
  ui_destroy_window (window);
}

int
main (int   argc,
      char *argv[])
{
  int status;

  ui_window_tests_init (&argc, &argv);

  g_test_add_func ("/documents/open-dialog", test_open_dialog);
  g_test_add_func ("/documents/save-as-dialog", test_save_as_dialog);
  g_test_add_func ("/documents/save-as-onto-open-file", test_save_as_onto_open_file);
  g_test_add_func ("/documents/open-recent", test_open_recent);
  g_test_add_func ("/documents/close-after-failed-save", test_close_after_failed_save);
  g_test_add_func ("/documents/quit-after-failed-save", test_quit_after_failed_save);
  g_test_add_func ("/documents/read-only-said", test_read_only_said);
  g_test_add_func ("/documents/quit-waits-for-save-as", test_quit_waits_for_save_as);
  g_test_add_func ("/documents/save-as-keeps-focus", test_save_as_keeps_focus);
  g_test_add_func ("/documents/export-dialog", test_export_dialog);
  g_test_add_func ("/documents/export-timeline-size", test_export_timeline_size);
  g_test_add_func ("/documents/drop-file", test_drop_file);

  status = g_test_run ();
  ui_window_tests_finish ();
  return status;
}
