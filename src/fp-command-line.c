/* fp-command-line.c: --project and --export, before any display is needed */
#include "config.h"

#include <glib/gi18n.h>
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "fp-command-line.h"
#include "fp-export.h"
#include "fp-plan-io.h"
#include "fp-projection.h"
#include "fp-report.h"

/* @usage: the whole command, as an example to copy */
static gboolean
one_file (const char * const *files,
          const char         *option,
          const char         *usage)
{
  if (files == NULL || files[0] == NULL || files[1] != NULL)
    {
      /* Translators: the first %s is an option, the second a whole
       * command, e.g. "funnel-planner --export funnel.png plan.funnel.json" */
      g_printerr (_("%s takes exactly one plan file, e.g. %s\n"), option, usage);
      return FALSE;
    }
  return TRUE;
}

static FpPlan *
load (const char *path)
{
  g_autoptr(GFile) file = g_file_new_for_commandline_arg (path);
  g_autoptr(GError) error = NULL;
  FpPlan *plan;

  plan = fp_plan_load_file (file, NULL, &error);
  if (plan == NULL)
    g_printerr ("%s\n", error->message);
  return plan;
}

int
fp_command_line_project (const char * const *files)
{
  g_autoptr(FpPlan) plan = NULL;
  g_autoptr(FpProjection) projection = NULL;
  g_autofree char *report = NULL;

  if (!one_file (files, "--project", "funnel-planner --project plan.funnel.json"))
    return 2;
  if ((plan = load (files[0])) == NULL)
    return 1;

  projection = fp_projection_new (plan);
  report = fp_report_to_json (plan, projection);
  if (fputs (report, stdout) == EOF || fflush (stdout) != 0)
    {
      g_printerr (_("Could not write the report: %s\n"), g_strerror (errno));
      return 1;
    }
  return 0;
}

/* The view's name as the window's view switcher has it */
static gboolean
parse_view (const char    *view,
            FpExportChart *chart)
{
  if (view == NULL || g_str_equal (view, "funnel"))
    *chart = FP_EXPORT_FUNNEL;
  else if (g_str_equal (view, "timeline"))
    *chart = FP_EXPORT_TIMELINE;
  else
    return FALSE;
  return TRUE;
}

/* The path --export writes to: a file:// URI is taken as its path, as a
 * plan given as one is read; it was taken for a folder "file:". NULL,
 * said, for a URI of another kind ("sftp://…"), which the export cannot
 * write. */
static char *
output_path (const char *output)
{
  g_autofree char *scheme = g_uri_parse_scheme (output);

  /* "plan:v2.png" is a name with a colon in it */
  if (scheme == NULL || !g_str_has_prefix (output + strlen (scheme), "://"))
    return g_strdup (output);
  if (g_ascii_strcasecmp (scheme, "file") == 0)
    {
      g_autofree char *host = NULL;
      char *path = g_filename_from_uri (output, &host, NULL);

      /* file://otherhost/p is not this computer's /p */
      if (path != NULL && (host == NULL || g_ascii_strcasecmp (host, "localhost") == 0))
        return path;
      g_free (path);
    }
  g_printerr (_("--export writes to a file on this computer: give its path (got “%s”)\n"), output);
  return NULL;
}

int
fp_command_line_export (const char         *uri_or_path,
                        const char         *size,
                        const char         *view,
                        const char * const *files)
{
  g_autoptr(FpPlan) plan = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *output = NULL;
  FpExportChart chart;
  int width, height;

  if (!one_file (files, "--export", "funnel-planner --export funnel.png plan.funnel.json"))
    return 2;
  if (!fp_export_parse_size (size, &width, &height))
    {
      g_printerr (_("--size takes WIDTHxHEIGHT in pixels, e.g. 1600x900 (got “%s”)\n"), size);
      return 2;
    }
  if (!parse_view (view, &chart))
    {
      g_printerr (_("--view takes funnel or timeline (got “%s”)\n"), view);
      return 2;
    }
  if ((output = output_path (uri_or_path)) == NULL)
    return 2;
  if (!fp_export_check (output, width, height, &error))
    {
      g_printerr ("%s\n", error->message);
      return 2;
    }
  if ((plan = load (files[0])) == NULL)
    return 1;
  /* Not told a size: taller where the default would leave stages without
   * their names and figures */
  if (size == NULL)
    height = fp_export_fitting_height (plan, chart, width, height);

  if (!fp_export_chart (plan, chart, output, width, height, &error))
    {
      g_printerr ("%s\n", error->message);
      return 1;
    }
  return 0;
}
