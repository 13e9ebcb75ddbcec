/* fp-application.c: the application, its command line and its actions */
#include "config.h"

#include <glib/gi18n.h>

#include "fp-application.h"
#include "fp-accessible-mend.h"
#include "fp-command-line.h"
#include "fp-plan-io.h"
#include "fp-quit.h"
#include "fp-templates.h"
#include "fp-window-private.h"

struct _FpApplication
{
  AdwApplication parent_instance;

  FpDrafts *drafts;
  gboolean drafts_offered;
  gulong accessible_mend_hook; /* fp-accessible-mend.h, from startup to shutdown */
  FpQuit *quit;
};

G_DEFINE_FINAL_TYPE (FpApplication, fp_application, ADW_TYPE_APPLICATION)

static const GOptionEntry option_entries[] = {
  { "project", 'p', 0, G_OPTION_ARG_NONE, NULL,
    N_("Print the projection of a plan as JSON and exit"), NULL },
  { "export", 'e', 0, G_OPTION_ARG_FILENAME, NULL,
    N_("Draw a plan's funnel (its timeline with --view timeline) to OUT (.png, .svg or .pdf) and exit"), N_("OUT") },
  { "size", 's', 0, G_OPTION_ARG_STRING, NULL,
    N_("The size of an export in pixels (default 1600x900, taller where the plan's stages need it)"), N_("WIDTHxHEIGHT") },
  { "view", 0, 0, G_OPTION_ARG_STRING, NULL,
    N_("The chart to export: funnel (the default) or timeline"), N_("VIEW") },
  { "version", 0, 0, G_OPTION_ARG_NONE, NULL, N_("Print the version and exit"), NULL },
  { G_OPTION_REMAINING, 0, 0, G_OPTION_ARG_FILENAME_ARRAY, NULL, NULL, N_("[FILE…]") },
  { NULL }
};

/* The commands that need no window run here, before the application
 * registers on the session bus or touches a display. */
static int
fp_application_handle_local_options (GApplication *app,
                                     GVariantDict *options)
{
  g_autofree const char **files = NULL;
  const char *export_path = NULL;
  const char *size = NULL;
  const char *view = NULL;

  if (g_variant_dict_contains (options, "version"))
    {
      g_print ("funnel-planner %s\n", PACKAGE_VERSION);
      return 0;
    }

  g_variant_dict_lookup (options, G_OPTION_REMAINING, "^a&ay", &files);
  g_variant_dict_lookup (options, "size", "&s", &size);
  g_variant_dict_lookup (options, "view", "&s", &view);

  if (g_variant_dict_contains (options, "project"))
    return fp_command_line_project (files);
  if (g_variant_dict_lookup (options, "export", "^&ay", &export_path))
    return fp_command_line_export (export_path, size, view, files);
  if (size != NULL || view != NULL)
    {
      /* Translators: %s is --size or --view */
      g_printerr (_("%s goes with --export\n"), size != NULL ? "--size" : "--view");
      return 2;
    }

  return -1;
}

static int
fp_application_command_line (GApplication            *app,
                             GApplicationCommandLine *command_line)
{
  GVariantDict *options = g_application_command_line_get_options_dict (command_line);
  g_autofree const char **files = NULL;
  g_autoptr(GPtrArray) gfiles = g_ptr_array_new_with_free_func (g_object_unref);

  g_variant_dict_lookup (options, G_OPTION_REMAINING, "^a&ay", &files);
  for (guint i = 0; files != NULL && files[i] != NULL; i++)
    g_ptr_array_add (gfiles, g_application_command_line_create_file_for_arg (command_line,
                                                                             files[i]));

  if (gfiles->len > 0)
    g_application_open (app, (GFile **) gfiles->pdata, gfiles->len, "");
  else
    g_application_activate (app);

  return 0;
}

/* Drafts */

static gboolean
draft_is_open (FpApplication *self,
               const char    *id)
{
  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (self)); l; l = l->next)
    if (FP_IS_WINDOW (l->data) && g_strcmp0 (_fp_window_get_draft_id (l->data), id) == 0)
      return TRUE;
  return FALSE;
}

/* The drafts on disk that no window of ours is writing. */
static GPtrArray *
leftover_drafts (FpApplication *self)
{
  g_autoptr(GPtrArray) drafts = fp_drafts_list (fp_application_get_drafts (self));

  for (guint i = drafts->len; i > 0; i--)
    if (draft_is_open (self, ((FpDraft *) g_ptr_array_index (drafts, i - 1))->id))
      g_ptr_array_remove_index (drafts, i - 1);
  return g_steal_pointer (&drafts);
}

/* The file system's identity of @file (device and inode), NULL if none */
static char *
file_id (GFile *file)
{
  g_autoptr(GFileInfo) info = g_file_query_info (file, G_FILE_ATTRIBUTE_ID_FILE,
                                                 G_FILE_QUERY_INFO_NONE, NULL, NULL);

  return info != NULL ? g_strdup (g_file_info_get_attribute_string (info,
                                                                    G_FILE_ATTRIBUTE_ID_FILE))
                      : NULL;
}

GtkWindow *
fp_application_find_window (FpApplication *self,
                            GFile         *file,
                            GtkWindow     *except)
{
  g_autofree char *id = NULL;

  g_return_val_if_fail (FP_IS_APPLICATION (self), NULL);

  if (file == NULL)
    return NULL;
  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (self)); l; l = l->next)
    if (l->data != (gpointer) except && FP_IS_WINDOW (l->data) &&
        fp_window_get_file (l->data) != NULL && g_file_equal (fp_window_get_file (l->data), file))
      return l->data;

  /* Another path to one of the open files: a link, or a folder reached
   * through a link. Two windows on it would overwrite each other. */
  id = file_id (file);
  for (GList *l = id != NULL ? gtk_application_get_windows (GTK_APPLICATION (self)) : NULL; l;
       l = l->next)
    if (l->data != (gpointer) except && FP_IS_WINDOW (l->data) &&
        fp_window_get_file (l->data) != NULL)
      {
        g_autofree char *other = file_id (fp_window_get_file (l->data));

        if (g_strcmp0 (id, other) == 0)
          return l->data;
      }
  return NULL;
}

static FpWindow *
window_with_file (FpApplication *self,
                  GFile         *file)
{
  GtkWindow *window = fp_application_find_window (self, file, NULL);

  return window != NULL ? FP_WINDOW (window) : NULL;
}

/* The window that says @file did not open, if any */
static FpWindow *
window_failed_on (FpApplication *self,
                  GFile         *file)
{
  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (self)); l; l = l->next)
    if (FP_IS_WINDOW (l->data) && fp_window_get_failed_file (l->data) != NULL &&
        g_file_equal (fp_window_get_failed_file (l->data), file))
      return l->data;
  return NULL;
}

void
fp_application_recover_drafts (FpApplication *self,
                               GtkWindow     *window)
{
  g_autoptr(GPtrArray) drafts = NULL;
  gboolean window_used = FALSE;

  g_return_if_fail (FP_IS_APPLICATION (self));

  drafts = leftover_drafts (self);
  for (guint i = 0; i < drafts->len; i++)
    {
      const FpDraft *draft = g_ptr_array_index (drafts, i);
      g_autoptr(GError) error = NULL;
      FpWindow *target = window_with_file (self, draft->original);

      if (target != NULL)
        {
          /* Its own window: a second one on the file would overwrite the
           * first's saves. Unless that one has edits of its own: then the
           * draft waits for the next start rather than replace them. */
          gtk_window_present (GTK_WINDOW (target));
          if (fp_plan_get_modified (fp_window_get_plan (target)))
            {
              g_autofree char *name = _fp_window_display_name (draft->original);
              g_autofree char *message = NULL;

              /* Translators: %s is a file name */
              message = g_strdup_printf (_("“%s” is open with unsaved changes. Its earlier "
                                           "unsaved version is kept and offered again at the "
                                           "next start."), name);
              fp_window_show_error (target, _("Could Not Recover Plan"), message);
              continue;
            }
        }
      else if (!window_used && FP_IS_WINDOW (window) && fp_window_is_pristine (FP_WINDOW (window)))
        {
          target = FP_WINDOW (window);
          window_used = TRUE;
        }
      else
        {
          target = fp_window_new (GTK_APPLICATION (self), NULL);
          gtk_window_present (GTK_WINDOW (target));
        }

      if (!_fp_window_restore_draft (target, draft, &error))
        {
          /* A draft that does not load would be offered forever: set
           * aside, not deleted, for whoever can mend it. */
          g_autoptr(GFile) aside = fp_drafts_set_aside (fp_application_get_drafts (self),
                                                        draft->id);
          g_autofree char *message = NULL;

          if (aside != NULL && draft->original != NULL)
            {
              g_autofree char *path = fp_file_get_display_path (aside);
              g_autofree char *original = fp_file_get_display_path (draft->original);

              /* Translators: the first %s is an error message, then two files */
              message = g_strdup_printf (_("%s\n\nThe unsaved changes to “%s” are kept in "
                                           "“%s”."), error->message, original, path);
            }
          else if (aside != NULL)
            {
              g_autofree char *path = fp_file_get_display_path (aside);

              /* Translators: the first %s is an error message, the second a file */
              message = g_strdup_printf (_("%s\n\nThe unsaved plan is kept in “%s”."),
                                         error->message, path);
            }
          fp_window_show_error (target, _("Could Not Recover Plan"),
                                message != NULL ? message : error->message);
        }
    }
}

/* The person chose to lose them: one that stays (a drafts folder that
 * cannot be written to) would be offered again at every start, unsaid. */
static void
discard_drafts (FpApplication *self,
                GtkWindow     *parent)
{
  g_autoptr(GPtrArray) drafts = leftover_drafts (self);
  g_autoptr(GError) first_error = NULL;
  guint kept = 0;

  for (guint i = 0; i < drafts->len; i++)
    {
      const FpDraft *draft = g_ptr_array_index (drafts, i);
      g_autoptr(GError) error = NULL;

      if (!fp_drafts_discard (fp_application_get_drafts (self), draft->id, &error))
        {
          kept++;
          if (first_error == NULL)
            first_error = g_steal_pointer (&error);
        }
    }

  if (kept > 0 && FP_IS_WINDOW (parent))
    {
      g_autofree char *message = NULL;

      /* Translators: %s is the system's reason, naming the file */
      message = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                              "%s\n\nThe unsaved plan is offered again at the "
                                              "next start.",
                                              "%s\n\nThe unsaved plans are offered again at "
                                              "the next start.", kept),
                                 first_error->message);
      fp_window_show_error (FP_WINDOW (parent),
                            g_dngettext (GETTEXT_PACKAGE, "Could Not Discard Unsaved Plan",
                                         "Could Not Discard Unsaved Plans", kept),
                            message);
    }
}

static void
on_recover_dialog_response (AdwMessageDialog *dialog,
                            const char       *response,
                            FpApplication    *self)
{
  GtkWindow *parent = gtk_window_get_transient_for (GTK_WINDOW (dialog));

  if (g_str_equal (response, "recover"))
    fp_application_recover_drafts (self, parent);
  else if (g_str_equal (response, "discard"))
    discard_drafts (self, parent);
  /* "keep": offered again at the next start. */
}

gboolean
fp_application_offer_drafts (FpApplication *self,
                             GtkWindow     *parent)
{
  g_autoptr(GPtrArray) drafts = NULL;
  g_autoptr(GString) body = NULL;
  GtkWidget *dialog;

  g_return_val_if_fail (FP_IS_APPLICATION (self), FALSE);

  drafts = leftover_drafts (self);
  if (drafts->len == 0)
    return FALSE;

  body = g_string_new (g_dngettext (GETTEXT_PACKAGE,
                                    "Funnel Planner closed before this plan was saved:",
                                    "Funnel Planner closed before these plans were saved:",
                                    drafts->len));
  for (guint i = 0; i < drafts->len; i++)
    {
      const FpDraft *draft = g_ptr_array_index (drafts, i);
      g_autoptr(FpPlan) plan = fp_drafts_load (fp_application_get_drafts (self), draft, NULL);
      /* Translators: when a draft was saved, as g_date_time_format() takes
       * it: "23 November 2026, 14:05". The locale's numeric date ("%x",
       * 11/23/26) reads as a code, and in some languages the wrong way
       * round. */
      g_autofree char *when = g_date_time_format (draft->saved, C_("draft saved", "%-d %B %Y, %H:%M"));
      const char *title = plan != NULL ? fp_plan_get_title (plan) : NULL;
      g_autofree char *where = NULL;

      if (title == NULL || title[0] == '\0')
        title = _("Untitled plan");
      if (draft->original != NULL)
        where = _fp_window_display_name (draft->original);
      else
        where = g_strdup (_("not saved yet"));
      /* Translators: "• Q3 plan (q3.funnel.json), 22 November 2026, 10:42" */
      g_string_append_printf (body, _("\n• %s (%s), %s"), title, where, when);
    }

  dialog = adw_message_dialog_new (parent,
                                   g_dngettext (GETTEXT_PACKAGE, "Recover Unsaved Plan?",
                                                "Recover Unsaved Plans?", drafts->len),
                                   body->str);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "discard", _("_Discard"),
                                    "keep", _("_Not Now"),
                                    "recover", _("_Recover"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "discard",
                                              ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "recover",
                                              ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "recover");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "keep");
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_recover_dialog_response), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
  return TRUE;
}

/* Once per process, on the first window: later windows are ours. */
static void
maybe_offer_drafts (FpApplication *self,
                    GtkWindow     *window)
{
  if (self->drafts_offered)
    return;
  self->drafts_offered = TRUE;
  fp_application_offer_drafts (self, window);
}

/* Windows */

static void
fp_application_activate (GApplication *app)
{
  FpApplication *self = FP_APPLICATION (app);
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (self));

  if (window == NULL)
    window = GTK_WINDOW (fp_window_new (GTK_APPLICATION (self), NULL));
  gtk_window_present (window);
  maybe_offer_drafts (self, window);
}

/* The window for @file from a command line (or a file manager): the one
 * that has it already; the one whose page says it did not open, trying
 * again (it may have been mended since) rather than showing one page more;
 * the window in front if that holds an untouched template; else a new one.
 * A file that does not load is said in its window, in place of a plan,
 * with Try Again: a template behind a dialog looked as if the file had
 * opened, and a dialog over another plan's window left nothing to try
 * again from. */
static FpWindow *
window_for_file (FpApplication *self,
                 GFile         *file)
{
  GtkWindow *active = gtk_application_get_active_window (GTK_APPLICATION (self));
  g_autoptr(GError) error = NULL;
  g_autoptr(FpPlan) plan = NULL;
  FpWindow *window;

  if ((window = window_with_file (self, file)) != NULL)
    return window;
  if ((window = window_failed_on (self, file)) != NULL)
    {
      _fp_window_try_again (window);
      return window;
    }
  if (FP_IS_WINDOW (active) && fp_window_get_failed_file (FP_WINDOW (active)) == NULL &&
      fp_window_is_pristine (FP_WINDOW (active)))
    {
      window = FP_WINDOW (active);
      if (!fp_window_load_file (window, file, &error))
        fp_window_show_failed_open (window, file, error);
      return window;
    }
  plan = fp_plan_load_file (file, NULL, &error);
  if (plan != NULL)
    return fp_window_new_for_plan (GTK_APPLICATION (self), plan, file);
  window = fp_window_new (GTK_APPLICATION (self), NULL);
  fp_window_show_failed_open (window, file, error);
  return window;
}

static void
fp_application_open (GApplication  *app,
                     GFile        **files,
                     int            n_files,
                     const char    *hint)
{
  FpApplication *self = FP_APPLICATION (app);
  GtkWindow *first = NULL;

  for (int i = 0; i < n_files; i++)
    {
      GtkWindow *window = GTK_WINDOW (window_for_file (self, files[i]));

      gtk_window_present (window);
      if (first == NULL)
        first = window;
    }
  if (first != NULL)
    maybe_offer_drafts (self, first);
}

/* Actions */

static void
new_window_action (GSimpleAction *action,
                   GVariant      *param,
                   gpointer       user_data)
{
  FpWindow *window = fp_window_new (GTK_APPLICATION (user_data), NULL);

  gtk_window_present (GTK_WINDOW (window));
}

static void
new_from_template_action (GSimpleAction *action,
                          GVariant      *param,
                          gpointer       user_data)
{
  GtkApplication *app = GTK_APPLICATION (user_data);
  GtkWindow *active = gtk_application_get_active_window (app);
  const char *id = g_variant_get_string (param, NULL);

  /* Replace an untouched untitled plan rather than pile up windows. */
  if (FP_IS_WINDOW (active) && fp_window_is_pristine (FP_WINDOW (active)))
    {
      fp_window_load_template (FP_WINDOW (active), id);
      gtk_window_present (active);
      return;
    }
  gtk_window_present (GTK_WINDOW (fp_window_new (app, id)));
}

static void
quit_action (GSimpleAction *action,
             GVariant      *param,
             gpointer       user_data)
{
  /* The application ends when the last window has closed */
  fp_quit_start (FP_APPLICATION (user_data)->quit);
}

static void
about_action (GSimpleAction *action,
              GVariant      *param,
              gpointer       user_data)
{
  const char *authors = _("The Funnel Planner authors");
  const char *developers[] = { authors, NULL };
  GtkWindow *parent = gtk_application_get_active_window (GTK_APPLICATION (user_data));

  adw_show_about_window (parent,
                         "application-name", _("Funnel Planner"),
                         "application-icon", APPLICATION_ID,
                         "version", PACKAGE_VERSION,
                         "developer-name", authors,
                         "developers", developers,
                         "comments", _("Plan a sales and marketing funnel: from a revenue "
                                       "target to the leads, qualified leads and opportunities "
                                       "each month needs, and the agreement marketing and "
                                       "sales make about them."),
                         "website", PACKAGE_WEBSITE,
                         "issue-url", PACKAGE_BUGREPORT,
                         "license-type", GTK_LICENSE_GPL_3_0,
                         /* Translators: the copyright line; translate "The Funnel
                          * Planner authors" as in the developer name */
                         "copyright", _("© 2026 The Funnel Planner authors"),
                         /* Translators: your name, to be credited in the About window */
                         "translator-credits", _("translator-credits"),
                         NULL);
}

static const GActionEntry app_entries[] = {
  { "new-window", new_window_action },
  { "new-from-template", new_from_template_action, "s" },
  { "quit", quit_action },
  { "about", about_action },
};

static void
fp_application_startup (GApplication *app)
{
  static const struct { const char *action; const char *accels[3]; } accels[] = {
    { "app.new-window", { "<Primary>n", NULL } },
    { "app.quit", { "<Primary>q", NULL } },
    { "window.close", { "<Primary>w", NULL } },
    { "win.open", { "<Primary>o", NULL } },
    { "win.save", { "<Primary>s", NULL } },
    { "win.save-as", { "<Primary><Shift>s", NULL } },
    { "win.undo", { "<Primary>z", NULL } },
    { "win.redo", { "<Primary><Shift>z", "<Primary>y", NULL } },
    { "win.show-plan-panel", { "F9", NULL } },
    { "win.show-projections-panel", { "<Shift>F9", NULL } },
    { "win.focus-next-pane", { "F6", NULL } },
    { "win.focus-previous-pane", { "<Shift>F6", NULL } },
    { "win.view::funnel", { "<Alt>1", NULL } },
    { "win.view::timeline", { "<Alt>2", NULL } },
    { "win.show-help-overlay", { "<Primary>question", NULL } },
  };

  G_APPLICATION_CLASS (fp_application_parent_class)->startup (app);
  FP_APPLICATION (app)->accessible_mend_hook = fp_accessible_mend_install ();

  g_action_map_add_action_entries (G_ACTION_MAP (app), app_entries, G_N_ELEMENTS (app_entries),
                                   app);
  for (guint i = 0; i < G_N_ELEMENTS (accels); i++)
    gtk_application_set_accels_for_action (GTK_APPLICATION (app), accels[i].action,
                                           accels[i].accels);
}

static void
fp_application_finalize (GObject *object)
{
  FpApplication *self = FP_APPLICATION (object);

  g_clear_object (&self->drafts);
  g_clear_pointer (&self->quit, fp_quit_free);
  G_OBJECT_CLASS (fp_application_parent_class)->finalize (object);
}

static void
fp_application_shutdown (GApplication *app)
{
  FpApplication *self = FP_APPLICATION (app);

  fp_accessible_mend_uninstall (self->accessible_mend_hook);
  self->accessible_mend_hook = 0;
  G_APPLICATION_CLASS (fp_application_parent_class)->shutdown (app);
}

static void
fp_application_class_init (FpApplicationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);

  object_class->finalize = fp_application_finalize;
  app_class->handle_local_options = fp_application_handle_local_options;
  app_class->command_line = fp_application_command_line;
  app_class->startup = fp_application_startup;
  app_class->shutdown = fp_application_shutdown;
  app_class->activate = fp_application_activate;
  app_class->open = fp_application_open;
}

static void
fp_application_init (FpApplication *self)
{
  self->quit = fp_quit_new (GTK_APPLICATION (self));
  g_application_add_main_option_entries (G_APPLICATION (self), option_entries);
  g_application_set_option_context_summary (G_APPLICATION (self),
                                            _("Plan a sales and marketing funnel."));
}

FpApplication *
fp_application_new (void)
{
  return g_object_new (FP_TYPE_APPLICATION,
                       "application-id", APPLICATION_ID,
                       "flags", G_APPLICATION_HANDLES_COMMAND_LINE | G_APPLICATION_HANDLES_OPEN,
                       "resource-base-path", "/io/github/funnelplanner/FunnelPlanner",
                       NULL);
}

FpDrafts *
fp_application_get_drafts (FpApplication *self)
{
  g_return_val_if_fail (FP_IS_APPLICATION (self), NULL);

  /* Created on first use: `--version` and `--export` need no drafts. */
  if (self->drafts == NULL)
    self->drafts = fp_drafts_new (NULL);
  return self->drafts;
}
