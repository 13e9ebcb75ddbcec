/* fp-test-util.h: small helpers shared by the unit tests */
#pragma once

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

/* Relative comparison for values that are computed, not typed in. */
#define fp_assert_close(a, b) \
  g_assert_cmpfloat_with_epsilon ((a), (b), 1e-9 * MAX (1.0, fabs ((double) (b))))
