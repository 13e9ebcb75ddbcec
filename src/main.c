/* main.c: the entry point of Funnel Planner */
#include "config.h"

#include <glib/gi18n.h>
#include <locale.h>

#include "fp-application.h"

int
main (int   argc,
      char *argv[])
{
  g_autoptr(FpApplication) app = NULL;

  setlocale (LC_ALL, "");
  /* FP_LOCALEDIR lets a build tree run in the user's language: the build
   * lays its catalogs out as <lang>/LC_MESSAGES/ in po/ (build-aux/dev run). */
  bindtextdomain (GETTEXT_PACKAGE,
                  g_getenv ("FP_LOCALEDIR") != NULL ? g_getenv ("FP_LOCALEDIR") : LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  app = fp_application_new ();
  return g_application_run (G_APPLICATION (app), argc, argv);
}
