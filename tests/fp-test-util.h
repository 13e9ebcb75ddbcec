/* fp-test-util.h: small helpers shared by the unit tests */
#pragma once

#include <libintl.h>
#include <locale.h>
#include <math.h>

#include "fp-error.h"
#include "fp-plan-io.h"

/* Loads a plan from JSON text; the test fails with the loader's message. */
static inline FpPlan *
fp_test_plan_from_text (const char *text)
{
  g_autoptr(GBytes) bytes = g_bytes_new (text, strlen (text));
  g_autoptr(GError) error = NULL;
  FpPlan *plan = fp_plan_load_bytes (bytes, "test.funnel.json", &error);

  g_assert_no_error (error);
  g_assert_nonnull (plan);
  return plan;
}

/* The loader's error for JSON text that must not load. */
static inline GError *
fp_test_load_error (const char *text)
{
  g_autoptr(GBytes) bytes = g_bytes_new (text, strlen (text));
  GError *error = NULL;
  FpPlan *plan = fp_plan_load_bytes (bytes, "test.funnel.json", &error);

  g_assert_null (plan);
  g_assert_nonnull (error);
  return error;
}

static inline char *
fp_test_source_path (const char *relative)
{
  const char *root = g_getenv ("FP_SOURCE_ROOT");

  g_assert_nonnull (root);
  return g_build_filename (root, relative, NULL);
}

/* Switches the whole locale for one test, or skips the test when the
 * locale is not installed. With @language, the catalogue built in po/ is
 * used (the test is skipped without it); without, none, so that only the
 * locale's number format shows. Returns the locale to go back to, for
 * fp_test_pop_locale(). Needs config.h's GETTEXT_PACKAGE. */
static inline char *
fp_test_push_locale (const char *locale,
                     const char *language)
{
  g_autofree char *po_dir = g_test_build_filename (G_TEST_BUILT, "..", "po", NULL);
  g_autofree char *saved = g_strdup (setlocale (LC_ALL, NULL));

  if (language != NULL)
    {
      g_autofree char *mo = g_build_filename (po_dir, language, "LC_MESSAGES",
                                              GETTEXT_PACKAGE ".mo", NULL);

      if (!g_file_test (mo, G_FILE_TEST_EXISTS))
        {
          g_autofree char *message = g_strdup_printf ("%s is not built", mo);

          g_test_skip (message);
          return NULL;
        }
    }
  if (setlocale (LC_ALL, locale) == NULL)
    {
      g_autofree char *message = g_strdup_printf ("locale %s is not installed", locale);

      g_test_skip (message);
      return NULL;
    }
  /* LANGUAGE would override the locale's language. */
  g_unsetenv ("LANGUAGE");
  bindtextdomain (GETTEXT_PACKAGE, language != NULL ? po_dir : "/nonexistent");
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  return g_steal_pointer (&saved);
}

static inline void
fp_test_pop_locale (char *saved)
{
  setlocale (LC_ALL, saved);
  bindtextdomain (GETTEXT_PACKAGE, "/nonexistent");
  g_free (saved);
}

/* Relative comparison for values that are computed, not typed in. */
#define fp_assert_close(a, b) \
  g_assert_cmpfloat_with_epsilon ((a), (b), 1e-9 * MAX (1.0, fabs ((double) (b))))
