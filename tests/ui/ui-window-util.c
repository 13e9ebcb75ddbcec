/* ui-window-util.c: what the window tests share */
#include "config.h"

#include <glib/gstdio.h>

#include "fp-plan-io.h"
#include "fp-window-private.h"
#include "ui-window-util.h"

/* The application every test's windows belong to */
static FpApplication *the_app;
static char *tmp_root;

void
ui_window_tests_init (int    *argc,
                      char ***argv)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *data_home = NULL;

  /* Drafts and recent files go to a folder of this run, not the user's. */
  tmp_root = g_dir_make_tmp ("fp-ui-XXXXXX", &error);
  g_assert_no_error (error);
  data_home = g_build_filename (tmp_root, "data", NULL);
  g_setenv ("XDG_DATA_HOME", data_home, TRUE);
  g_setenv ("GSETTINGS_BACKEND", "memory", TRUE);

  gtk_test_init (argc, argv, NULL);
  adw_init ();

  the_app = fp_application_new ();
  /* Not unique: the SIGKILL test starts the real application, which must
   * own the bus name itself. */
  g_application_set_flags (G_APPLICATION (the_app),
                           G_APPLICATION_NON_UNIQUE | G_APPLICATION_HANDLES_OPEN);
  g_application_register (G_APPLICATION (the_app), NULL, &error);
  g_assert_no_error (error);
  g_application_hold (G_APPLICATION (the_app));
}

/* Removes @path and all under it; what a test left read-only goes too */
static void
remove_tree (const char *path)
{
  GDir *dir = g_dir_open (path, 0, NULL);

  if (dir != NULL)
    {
      const char *name;

      while ((name = g_dir_read_name (dir)) != NULL)
        {
          g_autofree char *child = g_build_filename (path, name, NULL);

          if (g_file_test (child, G_FILE_TEST_IS_DIR) && !g_file_test (child, G_FILE_TEST_IS_SYMLINK))
            remove_tree (child);
          else
            g_remove (child);
        }
      g_dir_close (dir);
    }
  g_remove (path);
}

void
ui_window_tests_finish (void)
{
  g_application_release (G_APPLICATION (the_app));
  g_clear_object (&the_app);
  /* Each run's folder went on filling /tmp */
  remove_tree (tmp_root);
  g_clear_pointer (&tmp_root, g_free);
}

FpApplication *
ui_app (void)
{
  return the_app;
}

const char *
ui_tmp_root (void)
{
  return tmp_root;
}

void
ui_iterate (void)
{
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

static gboolean
on_timeout_set_flag (gpointer data)
{
  *(gboolean *) data = TRUE;
  return G_SOURCE_REMOVE;
}

void
ui_wait_ms (guint ms)
{
  gboolean done = FALSE;

  g_timeout_add (ms, on_timeout_set_flag, &done);
  while (!done)
    g_main_context_iteration (NULL, TRUE);
}

GFile *
ui_copy_sample (const char *name)
{
  const char *root = g_getenv ("FP_SOURCE_ROOT");
  g_autofree char *source_path = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *contents = NULL;
  g_autofree char *path = NULL;
  g_autoptr(GError) error = NULL;
  gsize len;

  g_assert_nonnull (root);
  source_path = g_build_filename (root, "data", "samples", "q3-demand-plan.funnel.json", NULL);
  g_file_get_contents (source_path, &contents, &len, &error);
  g_assert_no_error (error);

  dir = g_build_filename (tmp_root, "plans", NULL);
  g_assert_cmpint (g_mkdir_with_parents (dir, 0700), ==, 0);
  path = g_build_filename (dir, name, NULL);
  g_file_set_contents (path, contents, len, &error);
  g_assert_no_error (error);
  return g_file_new_for_path (path);
}

FpWindow *
ui_present_window (GFile *file,
                int    width,
                int    height)
{
  FpWindow *window = fp_window_new (GTK_APPLICATION (the_app), NULL);
  g_autoptr(GError) error = NULL;

  if (width > 0 && height > 0)
    gtk_window_set_default_size (GTK_WINDOW (window), width, height);
  if (file != NULL)
    {
      g_assert_true (fp_window_load_file (window, file, &error));
      g_assert_no_error (error);
    }
  gtk_window_present (GTK_WINDOW (window));
  gtk_test_widget_wait_for_draw (GTK_WIDGET (window));
  ui_iterate ();
  return window;
}

void
ui_destroy_window (FpWindow *window)
{
  FpPlan *plan = fp_window_get_plan (window);

  g_object_add_weak_pointer (G_OBJECT (window), (gpointer *) &window);
  g_object_add_weak_pointer (G_OBJECT (plan), (gpointer *) &plan);
  gtk_window_destroy (GTK_WINDOW (window));
  for (int i = 0; i < 100 && (window != NULL || plan != NULL); i++)
    ui_wait_ms (10);
  g_assert_null (window);
  g_assert_null (plan);
}

void
ui_discard_window (FpWindow *window)
{
  /* As the Discard answer does, the window's draft goes too: in a slow
   * run (under the sanitizers) its timer may have written one, and the
   * next test that recovers drafts found it */
  if (_fp_window_get_draft_id (window) != NULL)
    fp_drafts_discard (window->drafts, _fp_window_get_draft_id (window), NULL);
  window->close_confirmed = TRUE;
  ui_destroy_window (window);
}

GtkWidget *
ui_find_widget (GtkWidget *root,
                gboolean (*matches) (GtkWidget *widget,
                                     gpointer   data),
                gpointer   data)
{
  if (matches (root, data))
    return root;
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = ui_find_widget (child, matches, data);

      if (found != NULL)
        return found;
    }
  return NULL;
}

guint
ui_count_buttons_named_raw (GtkWidget *root,
                            guint     *n_mnemonic)
{
  guint raw = 0;

  if (GTK_IS_BUTTON (root) && gtk_widget_get_mapped (root) &&
      gtk_button_get_use_underline (GTK_BUTTON (root)) && gtk_button_get_label (GTK_BUTTON (root)) != NULL)
    {
      (*n_mnemonic)++;
      if (gtk_test_accessible_has_property (GTK_ACCESSIBLE (root), GTK_ACCESSIBLE_PROPERTY_LABEL))
        raw++;
    }
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    raw += ui_count_buttons_named_raw (child, n_mnemonic);
  return raw;
}

GtkWindow *
ui_find_toplevel (GType type)
{
  GListModel *toplevels = gtk_window_get_toplevels ();
  guint n = g_list_model_get_n_items (toplevels);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GObject) window = g_list_model_get_item (toplevels, i);

      if (G_TYPE_CHECK_INSTANCE_TYPE (window, type) && gtk_widget_get_visible (GTK_WIDGET (window)))
        return GTK_WINDOW (window);
    }
  return NULL;
}

AdwMessageDialog *
ui_find_message_dialog (void)
{
  return (AdwMessageDialog *) ui_find_toplevel (ADW_TYPE_MESSAGE_DIALOG);
}

AdwMessageDialog *
ui_wait_for_message_dialog_ms (guint ms)
{
  AdwMessageDialog *dialog = NULL;

  for (guint i = 0; i < ms / 10 && dialog == NULL; i++)
    {
      ui_iterate ();
      dialog = ui_find_message_dialog ();
      if (dialog == NULL)
        ui_wait_ms (10);
    }
  return dialog;
}

AdwMessageDialog *
ui_wait_for_message_dialog (void)
{
  /* 10 s: a failed save's dialog, under the sanitizer on two busy cores,
   * came later than the 2 s this waited before */
  return ui_wait_for_message_dialog_ms (10000);
}

void
ui_respond_dialog (AdwMessageDialog *dialog,
                   const char       *response)
{
  /* What a click on the response's button does: respond, then close
   * (adw_message_dialog_response() alone leaves the dialog open). */
  g_object_add_weak_pointer (G_OBJECT (dialog), (gpointer *) &dialog);
  adw_message_dialog_response (dialog, response);
  if (dialog != NULL)
    {
      g_object_remove_weak_pointer (G_OBJECT (dialog), (gpointer *) &dialog);
      gtk_window_destroy (GTK_WINDOW (dialog));
    }
}

void
ui_answer_dialog (AdwMessageDialog *dialog,
                  const char       *response)
{
  ui_respond_dialog (dialog, response);
  ui_iterate ();
  g_assert_null (ui_find_message_dialog ());
}

FpPlan *
ui_load_plan (GFile *file)
{
  g_autoptr(GError) error = NULL;
  FpPlan *plan = fp_plan_load_file (file, NULL, &error);

  g_assert_no_error (error);
  return plan;
}

const char *
ui_window_title (FpWindow *window)
{
  return gtk_window_get_title (GTK_WINDOW (window));
}

GdkTexture *
ui_render_widget (GtkWidget *widget)
{
  g_autoptr(GdkPaintable) paintable = gtk_widget_paintable_new (widget);
  GtkSnapshot *snapshot = gtk_snapshot_new ();
  g_autoptr(GskRenderNode) node = NULL;
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);
  GskRenderer *renderer = gtk_native_get_renderer (gtk_widget_get_native (widget));

  gdk_paintable_snapshot (paintable, snapshot, width, height);
  node = gtk_snapshot_free_to_node (snapshot);
  g_assert_nonnull (node);
  return gsk_renderer_render_texture (renderer, node, &GRAPHENE_RECT_INIT (0, 0, width, height));
}
