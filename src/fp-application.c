/* fp-application.c: the application, its command line and its actions */
#include "config.h"

#include <glib/gi18n.h>

#include "fp-application.h"
#include "fp-command-line.h"

struct _FpApplication
{
  AdwApplication parent_instance;
};

G_DEFINE_FINAL_TYPE (FpApplication, fp_application, ADW_TYPE_APPLICATION)

static const GOptionEntry option_entries[] = {
  { "project", 'p', 0, G_OPTION_ARG_NONE, NULL,
    N_("Print the projection of a plan as JSON and exit"), NULL },
  { "export", 'e', 0, G_OPTION_ARG_FILENAME, NULL,
    N_("Draw the funnel of a plan to OUT (.png, .svg or .pdf) and exit"), N_("OUT") },
  { "size", 's', 0, G_OPTION_ARG_STRING, NULL,
    N_("The size of an export in pixels (default 1600x900)"), N_("WIDTHxHEIGHT") },
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

  if (g_variant_dict_contains (options, "version"))
    {
      g_print ("funnel-planner %s\n", PACKAGE_VERSION);
      return 0;
    }

  g_variant_dict_lookup (options, G_OPTION_REMAINING, "^a&ay", &files);
  g_variant_dict_lookup (options, "size", "&s", &size);

  if (g_variant_dict_contains (options, "project"))
    return fp_command_line_project (files);
  if (g_variant_dict_lookup (options, "export", "^&ay", &export_path))
    return fp_command_line_export (export_path, size, files);
  if (size != NULL)
    {
      g_printerr (_("--size goes with --export\n"));
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

static GtkWindow *
new_window (FpApplication *self)
{
  GtkWidget *window = adw_application_window_new (GTK_APPLICATION (self));

  gtk_window_set_title (GTK_WINDOW (window), _("Funnel Planner"));
  gtk_window_set_default_size (GTK_WINDOW (window), 1200, 800);
  return GTK_WINDOW (window);
}

static void
fp_application_activate (GApplication *app)
{
  FpApplication *self = FP_APPLICATION (app);

  gtk_window_present (new_window (self));
}

static void
fp_application_open (GApplication  *app,
                     GFile        **files,
                     int            n_files,
                     const char    *hint)
{
  FpApplication *self = FP_APPLICATION (app);

  for (int i = 0; i < n_files; i++)
    gtk_window_present (new_window (self));
}

static void
fp_application_class_init (FpApplicationClass *klass)
{
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);

  app_class->handle_local_options = fp_application_handle_local_options;
  app_class->command_line = fp_application_command_line;
  app_class->activate = fp_application_activate;
  app_class->open = fp_application_open;
}

static void
fp_application_init (FpApplication *self)
{
  g_application_add_main_option_entries (G_APPLICATION (self), option_entries);
  g_application_set_option_context_parameter_string (G_APPLICATION (self), _("[FILE…]"));
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
