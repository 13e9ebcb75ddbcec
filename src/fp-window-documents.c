/* fp-window-documents.c: open, save, export and drafts
 *
 * Saving goes through the core's atomic fp_plan_save_file(). Plans are small
 * (kilobytes), so reads and writes are synchronous. A draft of a modified plan
 * is written a second after the first unsaved edit, so that a crash or a kill
 * loses at most that second.
 */
#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "fp-application.h"
#include "fp-export.h"
#include "fp-plan-io.h"
#include "fp-window-private.h"

#define DRAFT_DELAY_MS     1000
/* The export sizes offered besides the chart's size on screen, the
 * default first: GTK 4.8's own chooser, used where there is no portal,
 * ignores gtk_file_chooser_set_choice() and starts at the first. */
static const int export_sizes[][2] = {
  { FP_EXPORT_DEFAULT_WIDTH, FP_EXPORT_DEFAULT_HEIGHT },
  { 1920, 1080 },
  { 3840, 2160 },
  { 1280, 720 },
};

static void
add_recent (GFile *file)
{
  g_autofree char *uri = g_file_get_uri (file);

  gtk_recent_manager_add_item (gtk_recent_manager_get_default (), uri);
}

char *
_fp_window_display_name (GFile *file)
{
  g_autofree char *basename = g_file_get_basename (file);

  return g_filename_display_name (basename);
}

/* Loading */

gboolean
fp_window_load_file (FpWindow  *self,
                     GFile     *file,
                     GError   **error)
{
  g_autoptr(FpPlan) plan = NULL;

  g_return_val_if_fail (FP_IS_WINDOW (self), FALSE);
  g_return_val_if_fail (G_IS_FILE (file), FALSE);

  plan = fp_plan_load_file (file, NULL, error);
  if (plan == NULL)
    return FALSE;
  _fp_window_take_loaded_plan (self, plan, file);
  return TRUE;
}

void
_fp_window_take_loaded_plan (FpWindow *self,
                             FpPlan   *plan,
                             GFile    *file)
{
  /* A new document: whatever draft the old one had is no longer ours to
   * keep (only pristine windows load into themselves). */
  if (self->draft_id != NULL)
    fp_drafts_discard (self->drafts, self->draft_id, NULL);
  g_clear_pointer (&self->draft_id, g_free);

  _fp_window_set_document (self, plan, file);
  _fp_window_remember_disk_state (self, plan);
  add_recent (file);
}

void
fp_window_open_file (FpWindow *self,
                     GFile    *file)
{
  g_autoptr(GError) error = NULL;

  g_return_if_fail (FP_IS_WINDOW (self));
  g_return_if_fail (G_IS_FILE (file));

  if (!fp_window_load_file (self, file, &error))
    fp_window_show_error (self, _("Could Not Open Plan"), error->message);
}

void
_fp_window_open (FpWindow *self,
                 GFile    *file)
{
  GtkApplication *app = gtk_window_get_application (GTK_WINDOW (self));
  GtkWindow *open = FP_IS_APPLICATION (app)
                    ? fp_application_find_window (FP_APPLICATION (app), file, NULL) : NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(FpPlan) plan = NULL;
  FpWindow *window;

  if (open != NULL)
    {
      gtk_window_present (open);
      return;
    }

  if (fp_window_is_pristine (self) || app == NULL)
    {
      fp_window_open_file (self, file);
      return;
    }

  plan = fp_plan_load_file (file, NULL, &error);
  if (plan == NULL)
    {
      /* Said here, where it was asked for: a new window would only have
       * held a template behind the message. */
      fp_window_show_error (self, _("Could Not Open Plan"), error->message);
      return;
    }
  window = fp_window_new_for_plan (app, plan, file);
  gtk_window_present (GTK_WINDOW (window));
}

static void
add_plan_filters (GtkFileChooser *chooser)
{
  g_autoptr(GtkFileFilter) plans = gtk_file_filter_new ();
  g_autoptr(GtkFileFilter) all = gtk_file_filter_new ();

  gtk_file_filter_set_name (plans, _("Funnel plans"));
  /* A suffix, not a pattern: "Q3.FUNNEL.JSON" is a plan the app opens */
  gtk_file_filter_add_suffix (plans, FP_PLAN_SUFFIX + 1);
  gtk_file_chooser_add_filter (chooser, plans);
  gtk_file_filter_set_name (all, _("All files"));
  gtk_file_filter_add_pattern (all, "*");
  gtk_file_chooser_add_filter (chooser, all);
  gtk_file_chooser_set_filter (chooser, plans);
}

static void
on_open_chooser_response (GtkNativeDialog *chooser,
                          int              response,
                          FpWindow        *self)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));

      if (file != NULL)
        _fp_window_open (self, file);
    }
  if (self->chooser == chooser)
    g_clear_object (&self->chooser);
}

static void
take_chooser (FpWindow             *self,
              GtkFileChooserNative *chooser)
{
  if (self->chooser != NULL)
    {
      gtk_native_dialog_destroy (self->chooser);
      g_clear_object (&self->chooser);
    }
  self->chooser = GTK_NATIVE_DIALOG (chooser);
  gtk_native_dialog_set_modal (self->chooser, TRUE);
  gtk_native_dialog_show (self->chooser);
}

void
_fp_window_open_dialog (FpWindow *self)
{
  GtkFileChooserNative *chooser;

  chooser = gtk_file_chooser_native_new (_("Open Plan"), GTK_WINDOW (self),
                                         GTK_FILE_CHOOSER_ACTION_OPEN, _("_Open"), _("_Cancel"));
  add_plan_filters (GTK_FILE_CHOOSER (chooser));
  if (self->file != NULL)
    {
      g_autoptr(GFile) parent = g_file_get_parent (self->file);

      if (parent != NULL)
        gtk_file_chooser_set_current_folder (GTK_FILE_CHOOSER (chooser), parent, NULL);
    }
  g_signal_connect (chooser, "response", G_CALLBACK (on_open_chooser_response), self);
  take_chooser (self, chooser);
}

/* Saving */

gboolean
fp_window_save_to_file (FpWindow  *self,
                        GFile     *file,
                        GError   **error)
{
  g_return_val_if_fail (FP_IS_WINDOW (self), FALSE);
  g_return_val_if_fail (G_IS_FILE (file), FALSE);
  g_return_val_if_fail (self->plan != NULL, FALSE);

  if (!fp_plan_save_file (self->plan, file, NULL, error))
    return FALSE;

  _fp_window_set_document (self, self->plan, file);
  /* Our own write: the monitor must not offer to reload it. */
  _fp_window_remember_disk_state (self, self->plan);
  add_recent (file);
  return TRUE;
}

static gboolean
close_idle (gpointer data)
{
  GtkWindow *window = data;

  if (!gtk_widget_in_destruction (GTK_WIDGET (window)))
    gtk_window_close (window);
  return G_SOURCE_REMOVE;
}

/* Closes once the current signal emission is over: the unsaved-changes
 * dialog that answered is transient for this window and must finish its
 * own response before the window (and so the dialog) goes. */
static void
close_later (FpWindow *self)
{
  self->close_confirmed = TRUE;
  g_idle_add_full (G_PRIORITY_HIGH_IDLE, close_idle, g_object_ref (self), g_object_unref);
}

/* The quit waiting for this window's answer hears it, once */
static void
answer_quit (FpWindow     *self,
             FpQuitAnswer  answer)
{
  FpQuitAnswered answered = self->quit_answered;

  self->quit_answered = NULL;
  if (answered != NULL)
    answered (self, answer, self->quit_answered_data);
}

static void
finish_close_after_save (FpWindow *self,
                         gboolean  saved)
{
  gboolean close = self->close_after_save;

  self->close_after_save = FALSE;
  if (!close)
    return;
  /* The quit closes every window at once, after the last answer */
  if (self->quit_answered != NULL)
    answer_quit (self, saved ? FP_QUIT_ANSWER_SAVED : FP_QUIT_ANSWER_CANCEL);
  else if (saved)
    close_later (self);
}

/* A question before a file is written over: Cancel, the default and what
 * Escape answers, or @response, marked destructive. Not yet shown. */
static GtkWidget *
new_overwrite_question (FpWindow   *self,
                        const char *heading,
                        const char *body,
                        const char *response,
                        const char *label)
{
  GtkWidget *dialog = adw_message_dialog_new (GTK_WINDOW (self), heading, body);

  gtk_window_set_destroy_with_parent (GTK_WINDOW (dialog), TRUE);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    response, label,
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), response,
                                              ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  return dialog;
}

static void
on_save_error_response (AdwMessageDialog *dialog,
                        const char       *response,
                        FpWindow         *self)
{
  /* A close or a quit that asked for the save goes on after Save As, and
   * stops at Close */
  if (g_str_equal (response, "save-as"))
    _fp_window_save_as_dialog (self);
  else
    finish_close_after_save (self, FALSE);
}

/* A save that failed: why, and Save As, which each reason leaves open (a
 * read-only file or folder, a folder gone, a full disk, the file open in
 * another window) and which the message may tell the user to use. The
 * answer finishes the save (finish_close_after_save()). */
static void
show_save_error (FpWindow   *self,
                 const char *message)
{
  GtkWidget *dialog = adw_message_dialog_new (GTK_WINDOW (self), _("Could Not Save Plan"),
                                              message);

  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "close", _("_Close"),
                                    "save-as", _("Save _As…"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "save-as",
                                              ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "save-as");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "close");
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_save_error_response), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
save_to_own_file (FpWindow *self)
{
  g_autoptr(GError) error = NULL;

  if (!fp_window_save_to_file (self, self->file, &error))
    {
      show_save_error (self, error->message);
      return;
    }
  finish_close_after_save (self, TRUE);
}

static void
on_overwrite_dialog_response (AdwMessageDialog *dialog,
                              const char       *response,
                              FpWindow         *self)
{
  if (g_str_equal (response, "save"))
    save_to_own_file (self);
  else
    finish_close_after_save (self, FALSE);
}

/* Another program wrote the file since we loaded or saved it, or it was
 * saved after the draft recovered in the window, whether or not the user
 * waved the reload offer away: saving would silently undo that work. */
static void
ask_to_overwrite (FpWindow *self)
{
  g_autofree char *name = _fp_window_display_name (self->file);
  g_autofree char *body = NULL;
  GtkWidget *dialog;

  if (self->reload_after_draft)
    /* Translators: %s is a file name */
    body = g_strdup_printf (_("“%s” was saved after this recovered version was written. Saving "
                              "replaces the saved version with this plan."), name);
  else
    /* Translators: %s is a file name */
    body = g_strdup_printf (_("Another program changed “%s” after it was opened here. Saving "
                              "replaces those changes with this plan."), name);
  dialog = new_overwrite_question (self, _("File Changed on Disk"), body,
                                   "save", _("_Save Anyway"));
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_overwrite_dialog_response),
                           self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

void
_fp_window_save (FpWindow *self)
{
  /* What the panel shows is what is saved; a typed value the plan refused
   * stops the save, so that the toast and the red row explain it. */
  if (!fp_plan_panel_apply_typed (self->plan_panel))
    {
      finish_close_after_save (self, FALSE);
      return;
    }
  if (self->file == NULL)
    {
      _fp_window_save_as_dialog (self);
      return;
    }
  if (_fp_window_file_changed_on_disk (self))
    {
      ask_to_overwrite (self);
      return;
    }
  save_to_own_file (self);
}

/* "Q3 plan" to "Q3 plan.funnel.json", with what a file name cannot hold
 * replaced. */
static char *
suggested_name (FpWindow   *self,
                const char *suffix)
{
  const char *title = self->plan != NULL ? fp_plan_get_title (self->plan) : NULL;
  g_autofree char *base = NULL;

  if (title == NULL || title[0] == '\0')
    title = _("Untitled plan");
  base = g_strdup (title);
  g_strdelimit (base, "/\\:", '-');
  return g_strconcat (base, suffix, NULL);
}

/* Takes @file; returns it with @suffix added when its name, as typed in a
 * chooser, does not end with @suffix or with one of the @also_accepted
 * ones (NULL-terminated): "plan v1.2" becomes "plan v1.2.funnel.json". */
static GFile *
with_default_suffix (GFile             *file,
                     const char        *suffix,
                     const char * const *also_accepted)
{
  g_autofree char *basename = g_file_get_basename (file);
  g_autofree char *folded = NULL;
  g_autofree char *folded_suffix = g_ascii_strdown (suffix, -1);
  g_autoptr(GFile) parent = g_file_get_parent (file);
  g_autofree char *name = NULL;

  if (basename == NULL || parent == NULL)
    return file;
  folded = g_ascii_strdown (basename, -1);
  if (g_str_has_suffix (folded, folded_suffix))
    return file;
  for (guint i = 0; also_accepted != NULL && also_accepted[i] != NULL; i++)
    if (g_str_has_suffix (folded, also_accepted[i]))
      return file;
  name = g_strconcat (basename, suffix, NULL);
  g_object_unref (file);
  return g_file_get_child (parent, name);
}

/* What Save As or Export does with the file, or with NULL when the user
 * would not replace it. */
typedef void (*FileAction) (FpWindow *self,
                            GFile    *file);

typedef struct
{
  GFile *file;
  FileAction action;
} ReplaceQuestion;

static void
replace_question_free (gpointer  data,
                       GClosure *closure)
{
  ReplaceQuestion *question = data;

  g_object_unref (question->file);
  g_free (question);
}

static void
on_replace_dialog_response (AdwMessageDialog *dialog,
                            const char       *response,
                            ReplaceQuestion  *question)
{
  FpWindow *self = FP_WINDOW (gtk_window_get_transient_for (GTK_WINDOW (dialog)));

  question->action (self, g_str_equal (response, "replace") ? question->file : NULL);
}

/* Runs @action on @file. The chooser asked before replacing the name as
 * picked (@picked); when the suffix made it another file that exists, the
 * user is asked here first, as the chooser would have. */
static void
act_on_chosen_file (FpWindow   *self,
                    GFile      *picked,
                    GFile      *file,
                    FileAction  action)
{
  g_autofree char *name = NULL;
  g_autofree char *folder = NULL;
  g_autofree char *body = NULL;
  g_autoptr(GFile) parent = NULL;
  ReplaceQuestion *question;
  GtkWidget *dialog;

  if (g_file_equal (picked, file) || !g_file_query_exists (file, NULL))
    {
      action (self, file);
      return;
    }

  name = _fp_window_display_name (file);
  parent = g_file_get_parent (file);
  folder = parent != NULL ? _fp_window_display_name (parent) : g_strdup ("/");
  /* Translators: the first %s is a file name, the second its folder's */
  body = g_strdup_printf (_("A file named “%s” already exists in “%s”. Replacing it will "
                            "overwrite its contents."), name, folder);
  dialog = new_overwrite_question (self, _("Replace File?"), body, "replace", _("_Replace"));

  question = g_new0 (ReplaceQuestion, 1);
  question->file = g_object_ref (file);
  question->action = action;
  g_signal_connect_data (dialog, "response", G_CALLBACK (on_replace_dialog_response),
                         question, replace_question_free, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
save_as_file (FpWindow *self,
              GFile    *file)
{
  g_autoptr(GError) error = NULL;
  gboolean saved = FALSE;

  if (file != NULL)
    {
      saved = fp_window_save_to_file (self, file, &error);
      if (!saved)
        {
          show_save_error (self, error->message);
          return;
        }
    }
  finish_close_after_save (self, saved);
}

/* TRUE when another of the application's windows has @file, by any path. */
static gboolean
is_open_elsewhere (FpWindow *self,
                   GFile    *file)
{
  GtkApplication *app = gtk_window_get_application (GTK_WINDOW (self));

  return FP_IS_APPLICATION (app) &&
         fp_application_find_window (FP_APPLICATION (app), file, GTK_WINDOW (self)) != NULL;
}

/* Takes @file; "plan.json" becomes "plan.funnel.json". The chooser
 * selects the suggested name up to its last dot, "Q3 plan.funnel", so a
 * name typed over it keeps only ".json"; and a plan saved so would not
 * show among the Funnel plans of the Open dialog. */
static GFile *
without_bare_json_suffix (GFile *file)
{
  g_autofree char *basename = g_file_get_basename (file);
  g_autofree char *folded = basename != NULL ? g_ascii_strdown (basename, -1) : NULL;
  g_autoptr(GFile) parent = g_file_get_parent (file);
  g_autofree char *name = NULL;

  if (folded == NULL || parent == NULL || !g_str_has_suffix (folded, ".json") ||
      g_str_has_suffix (folded, FP_PLAN_SUFFIX) || g_str_equal (folded, ".json"))
    return file;
  name = g_strndup (basename, strlen (basename) - strlen (".json"));
  g_object_unref (file);
  return g_file_get_child (parent, name);
}

static void
on_save_as_chooser_response (GtkNativeDialog *chooser,
                             int              response,
                             FpWindow        *self)
{
  g_autoptr(GFile) picked = NULL;
  g_autoptr(GFile) file = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    picked = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
  if (self->chooser == chooser)
    g_clear_object (&self->chooser);

  if (picked == NULL)
    {
      save_as_file (self, NULL);
      return;
    }
  /* A name typed without our extension gets it, so that the file opens in
   * Funnel Planner again. */
  file = with_default_suffix (without_bare_json_suffix (g_object_ref (picked)), FP_PLAN_SUFFIX,
                              NULL);
  if (is_open_elsewhere (self, file))
    {
      g_autofree char *name = _fp_window_display_name (file);
      g_autofree char *message = NULL;

      /* Two windows on one file would overwrite each other's saves. */
      /* Translators: %s is a file name */
      message = g_strdup_printf (_("“%s” is open in another window. Save this plan under "
                                   "another name, or close that window first."), name);
      show_save_error (self, message);
      return;
    }
  act_on_chosen_file (self, picked, file, save_as_file);
}

void
_fp_window_save_as_dialog (FpWindow *self)
{
  GtkFileChooserNative *chooser;
  g_autofree char *name = NULL;

  if (!fp_plan_panel_apply_typed (self->plan_panel))
    {
      finish_close_after_save (self, FALSE);
      return;
    }
  /* After the typed title is in */
  name = suggested_name (self, FP_PLAN_SUFFIX);

  chooser = gtk_file_chooser_native_new (_("Save Plan"), GTK_WINDOW (self),
                                         GTK_FILE_CHOOSER_ACTION_SAVE, _("_Save"), _("_Cancel"));
  add_plan_filters (GTK_FILE_CHOOSER (chooser));
  if (self->file != NULL)
    {
      g_autoptr(GFile) parent = g_file_get_parent (self->file);
      g_autofree char *basename = g_file_get_basename (self->file);

      if (parent != NULL)
        gtk_file_chooser_set_current_folder (GTK_FILE_CHOOSER (chooser), parent, NULL);
      gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), basename);
    }
  else
    gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), name);
  g_signal_connect (chooser, "response", G_CALLBACK (on_save_as_chooser_response), self);
  take_chooser (self, chooser);
}

/* Export */

static void
export_file (FpWindow *self,
             GFile    *file)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  g_autoptr(GFile) parent = NULL;

  if (file == NULL || self->plan == NULL)
    return;

  path = g_file_get_path (file);
  parent = g_file_get_parent (file);
  if (path == NULL)
    fp_window_show_error (self, _("Could Not Export"),
                          _("Export needs a local folder."));
  else if (!fp_export_chart (self->plan, self->export_chart, path,
                             self->export_width, self->export_height, &error))
    fp_window_show_error (self, _("Could Not Export"), error->message);
  else
    {
      g_autofree char *name = _fp_window_display_name (file);
      /* Translators: %s is a file name */
      g_autofree char *title = g_strdup_printf (_("Exported “%s”"), name);

      _fp_window_add_toast (self, title);
      if (self->settings != NULL && parent != NULL)
        {
          g_autofree char *uri = g_file_get_uri (parent);
          g_settings_set_string (self->settings, "last-export-folder", uri);
        }
    }
}

/* The export size the chooser offers first: the one picked last time, by
 * kind, so that a plan of other stages or a window of another size still
 * finds it. "full" is the default width as tall as every stage needs,
 * "shown" the chart's size on screen, else the size itself, "1920x1080". */
#define EXPORT_SIZE_FULL  "full"
#define EXPORT_SIZE_SHOWN "shown"
#define EXPORT_SIZE_DEFAULT G_STRINGIFY (FP_EXPORT_DEFAULT_WIDTH) "x" \
                            G_STRINGIFY (FP_EXPORT_DEFAULT_HEIGHT)

/* One option of the chooser's "Size" choice */
typedef struct
{
  char *id;          /* its size, "1600x900", as fp_export_parse_size() reads it */
  char *label;
  const char *kind;  /* as "last-export-size" keeps it */
} ExportSize;

/* The chooser's "Size" choice: the usual sizes, and the chart's size on
 * screen; the chooser keeps each id's kind, for on_export_chooser_response()
 * to remember. */
static void
add_export_size_choice (GtkFileChooser *chooser,
                        FpPlan         *plan,
                        FpExportChart   chart,
                        GtkWidget      *shown_view,
                        const char     *last_kind)
{
  int shown_width = CLAMP (gtk_widget_get_width (shown_view), FP_EXPORT_MIN_SIZE, FP_EXPORT_MAX_SIZE);
  int shown_height = CLAMP (gtk_widget_get_height (shown_view), FP_EXPORT_MIN_SIZE, FP_EXPORT_MAX_SIZE);
  int fitting_height = fp_export_fitting_height (plan, chart, FP_EXPORT_DEFAULT_WIDTH,
                                                 FP_EXPORT_DEFAULT_HEIGHT);
  ExportSize sizes[G_N_ELEMENTS (export_sizes) + 2];
  const char *ids[G_N_ELEMENTS (export_sizes) + 3];
  const char *labels[G_N_ELEMENTS (export_sizes) + 3];
  GHashTable *size_kinds = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  guint n = 0;
  guint first = 0;

  /* Stages that the default size would leave without their names and
   * figures: first, the size that keeps them, which GTK's chooser starts
   * at */
  if (fitting_height > FP_EXPORT_DEFAULT_HEIGHT)
    sizes[n++] = (ExportSize) {
      g_strdup_printf ("%dx%d", FP_EXPORT_DEFAULT_WIDTH, fitting_height),
      /* Translators: an export tall enough for every stage's text, e.g.
       * "1600 × 5574, Every Stage in Full" */
      g_strdup_printf (_("%d × %d, Every Stage in Full"), FP_EXPORT_DEFAULT_WIDTH, fitting_height),
      EXPORT_SIZE_FULL
    };
  for (guint i = 0; i < G_N_ELEMENTS (export_sizes); i++, n++)
    {
      sizes[n].id = g_strdup_printf ("%dx%d", export_sizes[i][0], export_sizes[i][1]);
      /* Translators: an export's size in pixels, e.g. "1600 × 900" */
      sizes[n].label = g_strdup_printf (_("%d × %d"), export_sizes[i][0], export_sizes[i][1]);
      sizes[n].kind = sizes[n].id;
    }
  sizes[n++] = (ExportSize) {
    g_strdup_printf ("%dx%d", shown_width, shown_height),
    /* Translators: the chart's size in the window, e.g. "As Shown (812 × 640)" */
    g_strdup_printf (_("As Shown (%d × %d)"), shown_width, shown_height),
    EXPORT_SIZE_SHOWN
  };

  /* The kind picked last time comes first, the others in their order:
   * GTK 4.8's own chooser starts at the first whatever
   * gtk_file_chooser_set_choice() says */
  for (guint i = 0; last_kind != NULL && i < n; i++)
    if (g_str_equal (sizes[i].kind, last_kind))
      {
        first = i;
        break;
      }
  for (guint i = 0; i < n; i++)
    {
      const ExportSize *size = &sizes[i == 0 ? first : i <= first ? i - 1 : i];

      ids[i] = size->id;
      labels[i] = size->label;
    }
  ids[n] = NULL;
  labels[n] = NULL;
  gtk_file_chooser_add_choice (chooser, "size", _("Size"), ids, labels);
  gtk_file_chooser_set_choice (chooser, "size", ids[0]);

  /* The chart shown at a usual size makes two options of one id: it is
   * remembered as the usual one, so that picking 1600 × 900 still forgets */
  for (guint i = 0; i < n; i++)
    {
      if (!g_hash_table_contains (size_kinds, sizes[i].id))
        g_hash_table_insert (size_kinds, g_strdup (sizes[i].id), g_strdup (sizes[i].kind));
      g_free (sizes[i].id);
      g_free (sizes[i].label);
    }
  g_object_set_data_full (G_OBJECT (chooser), "fp-export-size-kinds", size_kinds,
                          (GDestroyNotify) g_hash_table_unref);
}

static void
on_export_chooser_response (GtkNativeDialog *chooser,
                            int              response,
                            FpWindow        *self)
{
  /* A name typed with another format's extension is exported in it */
  static const char * const also_accepted[] = { ".png", ".svg", ".pdf", NULL };
  g_autoptr(GFile) picked = NULL;
  g_autoptr(GFile) file = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    picked = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
  if (picked != NULL)
    {
      const char *size = gtk_file_chooser_get_choice (GTK_FILE_CHOOSER (chooser), "size");

      /* No choice (a portal without them): the default size as tall as
       * the plan's stages need */
      if (size == NULL || !fp_export_parse_size (size, &self->export_width, &self->export_height))
        {
          self->export_width = FP_EXPORT_DEFAULT_WIDTH;
          self->export_height = fp_export_fitting_height (self->plan, self->export_chart,
                                                          FP_EXPORT_DEFAULT_WIDTH,
                                                          FP_EXPORT_DEFAULT_HEIGHT);
        }
      else if (self->settings != NULL)
        {
          GHashTable *size_kinds = g_object_get_data (G_OBJECT (chooser), "fp-export-size-kinds");
          const char *kind = size_kinds != NULL ? g_hash_table_lookup (size_kinds, size) : NULL;

          /* The default size is no preference: a plan whose stages need
           * more height starts at Every Stage in Full again */
          if (kind == NULL || g_str_equal (kind, EXPORT_SIZE_DEFAULT))
            kind = "";
          g_settings_set_string (self->settings, "last-export-size", kind);
        }
      /* The format chosen in the menu, for a name typed without one */
      file = with_default_suffix (g_object_ref (picked),
                                  g_object_get_data (G_OBJECT (chooser), "fp-export-suffix"),
                                  also_accepted);
      act_on_chosen_file (self, picked, file, export_file);
    }

  if (self->chooser == chooser)
    g_clear_object (&self->chooser);
}

void
_fp_window_export_dialog (FpWindow   *self,
                          const char *format)
{
  GtkFileChooserNative *chooser;
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();
  g_autofree char *suffix = NULL;
  g_autofree char *title = NULL;
  g_autofree char *base = NULL;
  g_autofree char *name = NULL;
  g_autofree char *folder_uri = NULL;
  g_autofree char *last_size = NULL;
  const char *filter_name;
  gboolean timeline;

  /* The picture shows what the panel shows; a refused value has its toast. */
  fp_plan_panel_apply_typed (self->plan_panel);
  /* The chart on screen is the one exported */
  timeline = g_strcmp0 (adw_view_stack_get_visible_child_name (self->view_stack), "timeline") == 0;
  self->export_chart = timeline ? FP_EXPORT_TIMELINE : FP_EXPORT_FUNNEL;
  if (g_str_equal (format, "svg"))
    filter_name = _("SVG images");
  else if (g_str_equal (format, "pdf"))
    filter_name = _("PDF documents");
  else
    {
      format = "png";
      filter_name = _("PNG images");
    }
  suffix = g_strconcat (".", format, NULL);
  title = suggested_name (self, "");
  /* Translators: the name a timeline is exported under, before its
   * extension, e.g. "Q3 plan timeline"; %s is the plan's title */
  base = timeline ? g_strdup_printf (_("%s timeline"), title) : g_strdup (title);
  name = g_strconcat (base, suffix, NULL);

  chooser = gtk_file_chooser_native_new (timeline ? _("Export Timeline") : _("Export Funnel"),
                                         GTK_WINDOW (self), GTK_FILE_CHOOSER_ACTION_SAVE,
                                         _("_Export"), _("_Cancel"));
  gtk_file_filter_set_name (filter, filter_name);
  /* A suffix, not a pattern, to match in any case: "Q3.PNG" was left out
   * of the list it was exported into */
  gtk_file_filter_add_suffix (filter, format);
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), filter);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), name);
  if (self->settings != NULL)
    last_size = g_settings_get_string (self->settings, "last-export-size");
  add_export_size_choice (GTK_FILE_CHOOSER (chooser), self->plan, self->export_chart,
                          timeline ? self->timeline_view : self->funnel_view, last_size);

  if (self->settings != NULL)
    folder_uri = g_settings_get_string (self->settings, "last-export-folder");
  if (folder_uri != NULL && folder_uri[0] != '\0')
    {
      g_autoptr(GFile) folder = g_file_new_for_uri (folder_uri);
      gtk_file_chooser_set_current_folder (GTK_FILE_CHOOSER (chooser), folder, NULL);
    }
  else if (self->file != NULL)
    {
      g_autoptr(GFile) parent = g_file_get_parent (self->file);
      if (parent != NULL)
        gtk_file_chooser_set_current_folder (GTK_FILE_CHOOSER (chooser), parent, NULL);
    }

  g_object_set_data_full (G_OBJECT (chooser), "fp-export-suffix", g_strdup (suffix), g_free);
  g_signal_connect (chooser, "response", G_CALLBACK (on_export_chooser_response), self);
  take_chooser (self, chooser);
}

/* Drafts */

static void
write_draft (FpWindow *self)
{
  g_autoptr(GError) error = NULL;

  if (self->plan == NULL || !fp_plan_get_modified (self->plan))
    return;
  if (self->draft_id == NULL)
    self->draft_id = fp_drafts_new_id ();
  /* A draft recovered here and in another instance at once is that one's:
   * this window's goes on under an id of its own */
  if (!fp_drafts_save (self->drafts, self->draft_id, self->plan, self->file, self->draft_base,
                       &error) &&
      g_error_matches (error, G_IO_ERROR, G_IO_ERROR_BUSY))
    {
      g_clear_error (&error);
      g_free (self->draft_id);
      self->draft_id = fp_drafts_new_id ();
      fp_drafts_save (self->drafts, self->draft_id, self->plan, self->file, self->draft_base,
                      &error);
    }
  if (error == NULL)
    {
      self->draft_failed = FALSE;
      return;
    }
  g_message ("Could not write a draft: %s", error->message);
  /* Told once, not at every edit: the work is not lost, but a crash now
   * would lose it, and the person may want to save. */
  if (!self->draft_failed)
    {
      g_autofree char *message = NULL;

      self->draft_failed = TRUE;
      message = _fp_window_draft_failure_message (error);
      fp_toast_slot_show (&self->draft_toast, self->toast_overlay, message, 10);
    }
}

/* What the toast says of a draft not written. The system's words name the
 * hidden file being written, and a toast shows one line: for a full disk
 * or a read-only folder its end, the reason, was cut off. */
char *
_fp_window_draft_failure_message (const GError *error)
{
  if (g_error_matches (error, G_FILE_ERROR, G_FILE_ERROR_NOSPC))
    return g_strdup (_("Unsaved changes cannot be kept in case of a crash: the disk is full. "
                       "Save to keep them."));
  if (g_error_matches (error, G_FILE_ERROR, G_FILE_ERROR_ROFS) ||
      g_error_matches (error, G_FILE_ERROR, G_FILE_ERROR_ACCES) ||
      g_error_matches (error, G_FILE_ERROR, G_FILE_ERROR_PERM))
    return g_strdup (_("Unsaved changes cannot be kept in case of a crash: the drafts folder "
                       "cannot be written to. Save to keep them."));
  /* Translators: %s is the system's reason, naming the drafts folder */
  return g_strdup_printf (_("Unsaved changes cannot be kept in case of a crash; save to keep "
                            "them. %s"), error->message);
}

static gboolean
on_draft_timeout (gpointer data)
{
  FpWindow *self = FP_WINDOW (data);

  self->draft_source = 0;
  write_draft (self);
  return G_SOURCE_REMOVE;
}

void
_fp_window_plan_edited (FpWindow *self)
{
  if (self->plan != NULL && fp_plan_get_modified (self->plan))
    {
      /* At most DRAFT_DELAY_MS after the first unsaved edit, even during
       * a long drag: a debounce that restarts would never fire. */
      if (self->draft_source == 0)
        self->draft_source = g_timeout_add (DRAFT_DELAY_MS, on_draft_timeout, self);
      return;
    }

  /* Saved, or undone back to the saved state: nothing to recover. A draft
   * that fails after this is told again: the edits to come are as much at
   * risk as those the person saved. */
  self->draft_failed = FALSE;
  g_clear_handle_id (&self->draft_source, g_source_remove);
  if (self->draft_id != NULL)
    fp_drafts_discard (self->drafts, self->draft_id, NULL);
}

void
_fp_window_flush_draft (FpWindow *self)
{
  g_clear_handle_id (&self->draft_source, g_source_remove);
  write_draft (self);
}

const char *
_fp_window_get_draft_id (FpWindow *self)
{
  return self->draft_id;
}

gboolean
_fp_window_restore_draft (FpWindow       *self,
                          const FpDraft  *draft,
                          GError        **error)
{
  g_autoptr(FpPlan) edited = NULL;
  g_autoptr(FpPlan) base = NULL;
  g_autoptr(GError) base_error = NULL;

  edited = fp_drafts_load (self->drafts, draft, error);
  if (edited == NULL)
    return FALSE;

  /* The draft as one edit on top of the document it came from, so that
   * the window shows it unsaved and Undo goes back to what is on disk. */
  if (draft->original != NULL)
    base = fp_plan_load_file (draft->original, NULL, &base_error);

  if (self->draft_id != NULL && g_strcmp0 (self->draft_id, draft->id) != 0)
    fp_drafts_discard (self->drafts, self->draft_id, NULL);
  g_clear_pointer (&self->draft_id, g_free);

  if (base != NULL)
    {
      _fp_window_set_document (self, base, draft->original);
      _fp_window_remember_disk_state (self, base);
    }
  else if (draft->original != NULL)
    {
      g_autofree char *name = _fp_window_display_name (draft->original);
      g_autofree char *message = NULL;

      /* Its document does not load (deleted, broken, out of reach): the
       * draft alone, still that file's, and unsaved until saved there. */
      _fp_window_set_document (self, edited, draft->original);
      /* Not the draft's own version: what is at the file now */
      _fp_window_remember_disk_state (self, NULL);
      /* Still changes to the version the draft was made to: whatever is
       * there when the file is back is another version */
      _fp_window_keep_draft_base (self, draft);
      self->draft_id = g_strdup (draft->id);
      fp_plan_forget_saved (self->plan);
      _fp_window_flush_draft (self);
      g_debug ("Recovering without the original: %s", base_error->message);
      /* A file deleted or moved away is not one that "could not be read" */
      if (g_error_matches (base_error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND))
        /* Translators: %s is a file name */
        message = g_strdup_printf (_("The saved “%s” is no longer there; saving puts the "
                                     "recovered plan there"), name);
      else
        /* Translators: %s is a file name */
        message = g_strdup_printf (_("The saved “%s” could not be read; saving puts the "
                                     "recovered plan there"), name);
      _fp_window_add_toast (self, message);
      return TRUE;
    }
  else
    {
      base = fp_plan_new ();
      _fp_window_set_document (self, base, NULL);
    }

  /* The draft is the window's only once the unmodified base is in place:
   * setting that document discards the window's draft, as a saved plan
   * has nothing to recover. It is then written again at once, not a
   * second later, so that a second crash cannot lose it. */
  self->draft_id = g_strdup (draft->id);
  fp_plan_replace (self->plan, edited);
  /* Before the draft is written again, so that it still names the version
   * its changes were made to */
  if (base != NULL && draft->original != NULL)
    _fp_window_check_file_after_draft (self, draft);
  _fp_window_flush_draft (self);
  return TRUE;
}

/* Closing */

static void
discard_changes (FpWindow *self)
{
  g_clear_handle_id (&self->draft_source, g_source_remove);
  if (self->draft_id != NULL)
    fp_drafts_discard (self->drafts, self->draft_id, NULL);
}

static void
on_close_dialog_response (AdwMessageDialog *dialog,
                          const char       *response,
                          FpWindow         *self)
{
  gboolean quitting = self->quit_answered != NULL;

  if (g_str_equal (response, "discard"))
    {
      if (quitting)
        {
          self->edits_at_discard = self->edits;
          answer_quit (self, FP_QUIT_ANSWER_DISCARD);
          return;
        }
      discard_changes (self);
      close_later (self);
    }
  else if (g_str_equal (response, "save"))
    {
      /* Closes once the save succeeds, after Save As for an untitled plan. */
      self->close_after_save = TRUE;
      _fp_window_save (self);
    }
  else if (quitting)
    answer_quit (self, FP_QUIT_ANSWER_CANCEL);
}

gboolean
fp_window_has_unsaved_changes (FpWindow *self)
{
  gboolean typed_refused;

  g_return_val_if_fail (FP_IS_WINDOW (self), FALSE);

  /* A value typed and not yet applied is an unsaved change too, and so is
   * one the plan refused (its row says why): the question lets the user
   * mend it, or discard it. */
  typed_refused = !fp_plan_panel_apply_typed (self->plan_panel);
  return self->plan != NULL && (typed_refused || fp_plan_get_modified (self->plan));
}

/* "Save Changes?", about the plan by its title and its file: two copies
 * of one plan have the same title. Not yet shown. */
static GtkWidget *
new_close_question (FpWindow *self,
                    guint     n_others)
{
  g_autofree char *question = NULL;
  g_autofree char *body = NULL;
  GtkWidget *dialog;
  const char *title;

  title = fp_plan_get_title (self->plan);
  if (title == NULL || title[0] == '\0')
    title = _("Untitled plan");
  if (self->file != NULL)
    {
      g_autofree char *name = _fp_window_display_name (self->file);

      /* Translators: %s is the plan's title, then its file's name */
      question = g_strdup_printf (_("“%s” (%s) has unsaved changes. Changes which are not saved "
                                    "will be permanently lost."), title, name);
    }
  else
    {
      /* Translators: %s is the plan's title */
      question = g_strdup_printf (_("“%s” has unsaved changes. Changes which are not saved will "
                                    "be permanently lost."), title);
    }

  if (n_others > 0)
    {
      g_autofree char *more = NULL;

      /* Translators: said on quitting, under the question about one plan */
      more = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                           "%u more plan has unsaved changes: it is asked about "
                                           "next.",
                                           "%u more plans have unsaved changes: each is asked "
                                           "about in turn.", n_others),
                              n_others);
      body = g_strconcat (question, "\n\n", more, NULL);
    }
  else
    body = g_steal_pointer (&question);

  dialog = adw_message_dialog_new (GTK_WINDOW (self), _("Save Changes?"), body);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "discard", _("_Discard"),
                                    "save", _("_Save"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "discard",
                                              ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "save",
                                              ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "save");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_signal_connect (dialog, "response", G_CALLBACK (on_close_dialog_response), self);
  self->close_dialog = GTK_WINDOW (dialog);
  g_object_add_weak_pointer (G_OBJECT (dialog), (gpointer *) &self->close_dialog);
  return dialog;
}

gboolean
_fp_window_confirm_close (FpWindow *self)
{
  if (self->close_dialog != NULL)
    {
      gtk_window_present (self->close_dialog);
      return FALSE;
    }

  if (!fp_window_has_unsaved_changes (self))
    {
      if (self->draft_id != NULL)
        fp_drafts_discard (self->drafts, self->draft_id, NULL);
      return TRUE;
    }

  gtk_window_present (GTK_WINDOW (new_close_question (self, 0)));
  return FALSE;
}

void
fp_window_ask_before_quit (FpWindow       *self,
                           guint           n_others,
                           FpQuitAnswered  answered,
                           gpointer        user_data)
{
  g_return_if_fail (FP_IS_WINDOW (self));
  g_return_if_fail (answered != NULL);

  self->quit_answered = answered;
  self->quit_answered_data = user_data;
  /* The plan asked about is in view; a question that closing had already
   * put is answered for the quit. Answered Save, the save may still be
   * waiting on its file chooser or its own question: those are in front. */
  gtk_window_present (GTK_WINDOW (self));
  if (self->close_after_save)
    return;
  if (self->close_dialog == NULL)
    new_close_question (self, n_others);
  gtk_window_present (self->close_dialog);
}

void
fp_window_close_discarding (FpWindow *self)
{
  g_return_if_fail (FP_IS_WINDOW (self));

  /* Edited after the answer, while another window's question was up:
   * those edits were never asked about, and closing asks */
  if (self->edits == self->edits_at_discard)
    {
      discard_changes (self);
      self->close_confirmed = TRUE;
    }
  gtk_window_close (GTK_WINDOW (self));
}

/* Drag and drop */

static gboolean
on_drop_target_drop (GtkDropTarget *target,
                     const GValue  *value,
                     double         x,
                     double         y,
                     FpWindow      *self)
{
  GdkFileList *list = g_value_get_boxed (value);
  g_autoptr(GSList) files = NULL;

  if (list == NULL)
    return FALSE;
  files = gdk_file_list_get_files (list);
  for (GSList *l = files; l != NULL; l = l->next)
    _fp_window_open (self, l->data);
  return files != NULL;
}

void
_fp_window_documents_init (FpWindow *self)
{
  GtkDropTarget *target = gtk_drop_target_new (GDK_TYPE_FILE_LIST, GDK_ACTION_COPY);

  g_signal_connect (target, "drop", G_CALLBACK (on_drop_target_drop), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (target));
}

void
_fp_window_documents_dispose (FpWindow *self)
{
  /* Closed without an answer (the session ending, a test): keep the
   * unsaved work as a draft rather than lose it. */
  if (self->draft_source != 0 && !self->close_confirmed)
    _fp_window_flush_draft (self);
  g_clear_handle_id (&self->draft_source, g_source_remove);
  _fp_window_disk_dispose (self);
  if (self->chooser != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->chooser, self);
      gtk_native_dialog_destroy (self->chooser);
      g_clear_object (&self->chooser);
    }
  /* Gone before its answer: the quit must not close what the user has not
   * answered for */
  answer_quit (self, FP_QUIT_ANSWER_CANCEL);
  if (self->close_dialog != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->close_dialog, self);
      g_object_remove_weak_pointer (G_OBJECT (self->close_dialog),
                                    (gpointer *) &self->close_dialog);
      self->close_dialog = NULL;
    }
}
