/* test-fuzz.c: damaged documents never crash the loader
 *
 * Truncations at every byte, bit flips, punctuation typed wrong and deep
 * nesting of a valid plan:
 * each either loads whole (and then saves and reloads to the same text) or
 * fails with a message, never anything in between.
 */
#include "config.h"

#include "fp-test-util.h"

static char *
load_sample (gsize *length)
{
  g_autofree char *path = fp_test_source_path ("data/samples/q3-demand-plan.funnel.json");
  char *text = NULL;

  g_assert_true (g_file_get_contents (path, &text, length, NULL));
  return text;
}

/* Loads @data; a plan that loads must survive a save and reload unchanged. */
static gboolean
try_load (const char *data,
          gsize       length)
{
  g_autoptr(GBytes) bytes = g_bytes_new (data, length);
  g_autoptr(GError) error = NULL;
  g_autoptr(FpPlan) plan = fp_plan_load_bytes (bytes, "fuzz.funnel.json", &error);
  g_autoptr(GBytes) saved = NULL;
  g_autoptr(GBytes) saved_again = NULL;
  g_autoptr(FpPlan) reloaded = NULL;

  if (plan == NULL)
    {
      g_assert_nonnull (error);
      g_assert_true (error->domain == FP_PLAN_ERROR);
      g_assert_true (g_str_has_prefix (error->message, "fuzz.funnel.json:"));
      /* The app's own words, never json-glib's state of its parser */
      g_assert_null (strstr (error->message, "Parse error"));
      g_assert_null (strstr (error->message, "unexpected"));
      return FALSE;
    }

  g_assert_no_error (error);
  saved = fp_plan_to_bytes (plan);
  reloaded = fp_plan_load_bytes (saved, "saved.funnel.json", &error);
  g_assert_no_error (error);
  saved_again = fp_plan_to_bytes (reloaded);
  g_assert_true (g_bytes_equal (saved, saved_again));
  return TRUE;
}

static void
test_truncations (void)
{
  gsize length;
  g_autofree char *text = load_sample (&length);
  guint loaded = 0;

  for (gsize cut = 0; cut < length; cut++)
    loaded += try_load (text, cut);
  /* Only cuts in the trailing white space leave a whole document. */
  g_assert_cmpuint (loaded, <=, 2);
  g_assert_true (try_load (text, length));
}

static void
test_bit_flips (void)
{
  gsize length;
  g_autofree char *text = load_sample (&length);
  g_autofree char *copy = g_malloc (length);
  g_autoptr(GRand) rand = g_rand_new_with_seed (20261122);
  guint loaded = 0, failed = 0;

  for (guint round = 0; round < 20000; round++)
    {
      guint flips = g_rand_int_range (rand, 1, 4);

      memcpy (copy, text, length);
      for (guint f = 0; f < flips; f++)
        copy[g_rand_int_range (rand, 0, length)] ^= 1 << g_rand_int_range (rand, 0, 8);
      if (try_load (copy, length))
        loaded++;
      else
        failed++;
    }
  g_test_message ("%u loaded, %u refused", loaded, failed);
  /* Both outcomes occur: flips inside names load, flips in syntax do not. */
  g_assert_cmpuint (loaded, >, 0);
  g_assert_cmpuint (failed, >, 0);
}

/* Punctuation left out, doubled or typed in the wrong place: the edits a
 * person makes by hand, which bit flips seldom make */
static void
test_punctuation (void)
{
  static const char typed[] = ",:{}[]\" a1.-";
  gsize length;
  g_autofree char *text = load_sample (&length);
  g_autoptr(GRand) rand = g_rand_new_with_seed (20261123);
  guint loaded = 0, failed = 0;

  for (guint round = 0; round < 20000; round++)
    {
      g_autoptr(GString) copy = g_string_new_len (text, length);
      guint edits = g_rand_int_range (rand, 1, 3);

      for (guint e = 0; e < edits; e++)
        {
          gsize at = g_rand_int_range (rand, 0, copy->len);

          if (g_rand_boolean (rand))
            g_string_erase (copy, at, 1);
          else
            g_string_insert_c (copy, at, typed[g_rand_int_range (rand, 0, strlen (typed))]);
        }
      if (try_load (copy->str, copy->len))
        loaded++;
      else
        failed++;
    }
  g_test_message ("%u loaded, %u refused", loaded, failed);
  g_assert_cmpuint (loaded, >, 0);
  g_assert_cmpuint (failed, >, 0);
}

static void
test_deep_nesting (void)
{
  static const gsize depths[] = { 63, 64, 65, 1000, 200000, 1000000 };

  for (guint i = 0; i < G_N_ELEMENTS (depths); i++)
    {
      gsize depth = depths[i];
      g_autoptr(GString) text = g_string_new (NULL);

      /* Nested arrays, objects and a mix, all unclosed or all closed. */
      for (gsize d = 0; d < depth; d++)
        g_string_append (text, d % 2 ? "{\"k\":" : "[");
      try_load (text->str, text->len);
      for (gsize d = depth; d-- > 0;)
        g_string_append (text, d % 2 ? "}" : "]");
      try_load (text->str, text->len);
    }
}

static void
test_junk (void)
{
  static const char *junk[] = {
    "null", "true", "0", "\"plan\"", "{}", "[]", "{\"format\": null}", "\xef\xbb\xbf{}",
    "{\"format\": \"funnel-planner/plan\", \"version\": 1e308}",
    "{\"format\": \"funnel-planner/plan\", \"version\": -1e400}",
    "{\"format\": \"funnel-planner/plan\", \"version\": 1, \"stages\": {}}",
    "{\"a\": \"\\u0000\"}", "\"\\ud800\"", "[1,]", "{,}", "-", "1e", "--1",
  };

  for (guint i = 0; i < G_N_ELEMENTS (junk); i++)
    g_assert_false (try_load (junk[i], strlen (junk[i])));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/fuzz/truncations", test_truncations);
  g_test_add_func ("/fuzz/bit-flips", test_bit_flips);
  g_test_add_func ("/fuzz/punctuation", test_punctuation);
  g_test_add_func ("/fuzz/deep-nesting", test_deep_nesting);
  g_test_add_func ("/fuzz/junk", test_junk);

  return g_test_run ();
}
