/* fp-resave.c: loads each plan and saves it with the app's writer into a
 * folder, so that an independent validator can check what the app writes.
 *
 *   fp-resave OUTDIR PLAN...
 */
#include "config.h"

#include <locale.h>

#include "fp-plan-io.h"

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "");

  if (argc < 3)
    {
      g_printerr ("usage: fp-resave OUTDIR PLAN...\n");
      return 2;
    }

  for (int i = 2; i < argc; i++)
    {
      g_autoptr(GFile) in = g_file_new_for_commandline_arg (argv[i]);
      g_autofree char *name = g_file_get_basename (in);
      g_autofree char *out_path = g_build_filename (argv[1], name, NULL);
      g_autoptr(GFile) out = g_file_new_for_path (out_path);
      g_autoptr(GError) error = NULL;
      g_autoptr(FpPlan) plan = fp_plan_load_file (in, NULL, &error);

      /* An edit of every kind first, so the writer's own output is checked
       * and not just a copy of the input. */
      if (plan == NULL ||
          !fp_plan_insert_stage (plan, 1, "Added by the test", &error) ||
          !fp_plan_set_inflow (plan, TRUE, 0, 1234.5, &error) ||
          !fp_plan_set_weights (plan, NULL, 0, &error) ||
          !fp_plan_save_file (plan, out, NULL, &error))
        {
          g_printerr ("%s\n", error->message);
          return 1;
        }
      g_print ("%s\n", out_path);
    }
  return 0;
}
