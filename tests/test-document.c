/* test-document.c: loading, every rule's message, saving and round trips */
#include "config.h"

#include <fcntl.h>
#ifdef __linux__
#include <linux/capability.h>
#include <sys/syscall.h>
#endif
#include <glib/gstdio.h>
#include <signal.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <unistd.h>
#include <utime.h>

#include "fp-file-version.h"
#include "fp-plan-io.h"
#include "fp-plan-private.h"
#include "fp-test-util.h"

/* Each rule case edits this document in one place. */
static const char *base =
  "{\n"
  "  \"format\": \"funnel-planner/plan\",\n"
  "  \"version\": 1,\n"
  "  \"title\": \"Base\",\n"
  "  \"currency\": \"EUR\",\n"
  "  \"period\": {\"start\": \"2027-07-01\", \"months\": 3, \"weights\": [1, 1, 1.2]},\n"
  "  \"revenue_target\": 1200000,\n"
  "  \"average_deal_size\": 30000,\n"
  "  \"handoff_stage\": \"mql\",\n"
  "  \"pipeline_stage\": \"sql\",\n"
  "  \"inflow\": {\"stage\": \"lead\", \"per_month\": 2500},\n"
  "  \"stages\": [\n"
  "    {\"id\": \"lead\", \"name\": \"Leads\", \"conversion\": 0.2, \"duration_days\": 14,"
  " \"cost_per_unit\": 35, \"benchmark\": {\"conversion\": [0.1, 0.25], \"duration_days\": [7, 30]}},\n"
  "    {\"id\": \"mql\", \"name\": \"MQL\", \"conversion\": 0.5, \"duration_days\": 10},\n"
  "    {\"id\": \"sql\", \"name\": \"Opportunities\", \"conversion\": 0.25, \"duration_days\": 45},\n"
  "    {\"id\": \"won\", \"name\": \"Closed deals\"}\n"
  "  ]\n"
  "}\n";

typedef struct
{
  const char *find;
  const char *replace;
  FpPlanError code;
  const char *message;  /* after "test.funnel.json:LINE:COLUMN: " */
  const char *at;       /* the edited text there, "^" where the message places it */
} RuleCase;

static const RuleCase rule_cases[] = {
  { "\"funnel-planner/plan\"", "\"something/else\"", FP_PLAN_ERROR_INVALID,
    "format: must be \"funnel-planner/plan\": this is not a plan (got \"something/else\")",
    "^\"something/else\"" },
  { "\"version\": 1", "\"version\": 2", FP_PLAN_ERROR_TOO_NEW, NULL,
    NULL },
  { "\"version\": 1", "\"version\": \"1\"", FP_PLAN_ERROR_INVALID,
    "version: must be a whole number from 1 (got \"1\")",
    "\"version\": ^\"1\"" },
  { "\"version\": 1,", "", FP_PLAN_ERROR_INVALID, "version: is required",
    "^{\n  \"format\"" },
  { "\"title\": \"Base\"", "\"title\": 7", FP_PLAN_ERROR_INVALID,
    "title: must be text (got 7)",
    "\"title\": ^7" },
  { "\"currency\": \"EUR\"", "\"currency\": \"eur\"", FP_PLAN_ERROR_INVALID,
    "currency: must be an ISO 4217 code of 3 upper-case letters (got \"eur\")",
    "\"currency\": ^\"eur\"" },
  { "\"start\": \"2027-07-01\"", "\"start\": \"2027-07-15\"", FP_PLAN_ERROR_INVALID,
    "period.start: must be the first day of a month, as YYYY-MM-01 (got \"2027-07-15\")",
    "\"start\": ^\"2027-07-15\"" },
  { "\"start\": \"2027-07-01\"", "\"start\": \"2027-13-01\"", FP_PLAN_ERROR_INVALID,
    "period.start: must be the first day of a month, as YYYY-MM-01 (got \"2027-13-01\")",
    "\"start\": ^\"2027-13-01\"" },
  { "\"months\": 3", "\"months\": 0", FP_PLAN_ERROR_INVALID,
    "period.months: must be a whole number from 1 to 60 (got 0)",
    "\"months\": ^0" },
  { "\"months\": 3", "\"months\": 2.5", FP_PLAN_ERROR_INVALID,
    "period.months: must be a whole number from 1 to 60 (got 2.5)",
    "\"months\": ^2.5" },
  { "\"weights\": [1, 1, 1.2]", "\"weights\": [1, 1]", FP_PLAN_ERROR_INVALID,
    "period.weights: must have one number per month (3 months, 2 numbers)",
    "\"weights\": ^[1, 1]" },
  { "\"weights\": [1, 1, 1.2]", "\"weights\": [1, -1, 1]", FP_PLAN_ERROR_INVALID,
    "period.weights[1]: must be 0 or more (got -1)",
    "[1, ^-1, 1]" },
  { "\"weights\": [1, 1, 1.2]", "\"weights\": [0, 0, 0]", FP_PLAN_ERROR_INVALID,
    "period.weights: must add up to more than 0",
    "\"weights\": ^[0, 0, 0]" },
  { "\"weights\": [1, 1, 1.2]", "\"weights\": [1e308, 1e308, 1]", FP_PLAN_ERROR_INVALID,
    "period.weights: are too large: their sum is not a finite number",
    "\"weights\": ^[1e308" },
  { "\"revenue_target\": 1200000", "\"revenue_target\": 0", FP_PLAN_ERROR_INVALID,
    "revenue_target: must be more than 0 (got 0)",
    "\"revenue_target\": ^0" },
  { "\"revenue_target\": 1200000", "\"revenue_target\": \"lots\"", FP_PLAN_ERROR_INVALID,
    "revenue_target: must be a number (got \"lots\")",
    "\"revenue_target\": ^\"lots\"" },
  { "\"average_deal_size\": 30000,", "", FP_PLAN_ERROR_INVALID,
    "average_deal_size: is required",
    "^{\n  \"format\"" },
  { "\"handoff_stage\": \"mql\"", "\"handoff_stage\": \"won\"", FP_PLAN_ERROR_INVALID,
    "handoff_stage: must be the id of a stage other than the last (got \"won\")",
    "\"handoff_stage\": ^\"won\"" },
  { "\"pipeline_stage\": \"sql\"", "\"pipeline_stage\": \"nope\"", FP_PLAN_ERROR_INVALID,
    "pipeline_stage: must be the id of a stage other than the last (got \"nope\")",
    "\"pipeline_stage\": ^\"nope\"" },
  { "\"per_month\": 2500", "\"per_month\": -1", FP_PLAN_ERROR_INVALID,
    "inflow.per_month: must be 0 or more (got -1)",
    "\"per_month\": ^-1" },
  { "\"inflow\": {\"stage\": \"lead\", \"per_month\": 2500}", "\"inflow\": 5", FP_PLAN_ERROR_INVALID,
    "inflow: must be an object (got 5)",
    "\"inflow\": ^5" },
  { "\"conversion\": 0.5", "\"conversion\": 1.7", FP_PLAN_ERROR_INVALID,
    "stages[1].conversion: must be more than 0 and at most 1 (got 1.7)",
    "\"conversion\": ^1.7" },
  { "\"conversion\": 0.5", "\"conversion\": 0", FP_PLAN_ERROR_INVALID,
    "stages[1].conversion: must be more than 0 and at most 1 (got 0)",
    "\"conversion\": ^0, " },
  { "\"conversion\": 0.5, ", "", FP_PLAN_ERROR_INVALID,
    "stages[1].conversion: is required",
    "^{\"id\": \"mql\"" },
  { "\"duration_days\": 45", "\"duration_days\": 3651", FP_PLAN_ERROR_INVALID,
    "stages[2].duration_days: must be from 0 to 3650 days (got 3651)",
    "\"duration_days\": ^3651" },
  { "\"duration_days\": 45", "\"duration_days\": -2", FP_PLAN_ERROR_INVALID,
    "stages[2].duration_days: must be from 0 to 3650 days (got -2)",
    "\"duration_days\": ^-2" },
  { "\"cost_per_unit\": 35", "\"cost_per_unit\": -35", FP_PLAN_ERROR_INVALID,
    "stages[0].cost_per_unit: must be 0 or more (got -35)",
    "\"cost_per_unit\": ^-35" },
  { "\"name\": \"Closed deals\"}", "\"name\": \"Closed deals\", \"conversion\": 1}",
    FP_PLAN_ERROR_INVALID,
    "stages[3].conversion: the last stage (closed deals) has no conversion (got 1)",
    "\"conversion\": ^1}" },
  { "\"name\": \"Closed deals\"}", "\"name\": \"Closed deals\", \"duration_days\": 3}",
    FP_PLAN_ERROR_INVALID,
    "stages[3].duration_days: the last stage (closed deals) has no duration (got 3)",
    "\"duration_days\": ^3}" },
  { "\"id\": \"mql\"", "\"id\": \"lead\"", FP_PLAN_ERROR_INVALID,
    "stages[1].id: must be unique, but stages[0] has it too (got \"lead\")",
    "\"id\": ^\"lead\", \"name\": \"MQL\"" },
  { "\"id\": \"mql\"", "\"id\": \"MQL\"", FP_PLAN_ERROR_INVALID,
    "stages[1].id: must be 1 to 32 characters of a-z, 0-9, _ and - (got \"MQL\")",
    "\"id\": ^\"MQL\"" },
  { "\"id\": \"mql\"", "\"id\": \"abcdefghijklmnopqrstuvwxyz0123456\"", FP_PLAN_ERROR_INVALID,
    "stages[1].id: must be 1 to 32 characters of a-z, 0-9, _ and - (got \"abcdefghijklmnopqrstuvwxyz0123456\")",
    "\"id\": ^\"abcdefghij" },
  { "\"name\": \"MQL\"", "\"name\": \"\"", FP_PLAN_ERROR_INVALID,
    "stages[1].name: must not be empty (got \"\")",
    "\"name\": ^\"\"" },
  { "{\"id\": \"won\", \"name\": \"Closed deals\"}", "42", FP_PLAN_ERROR_INVALID,
    "stages[3]: must be an object (got 42)",
    "^42" },
  { "\"conversion\": [0.1, 0.25]", "\"conversion\": [0.3, 0.25]", FP_PLAN_ERROR_INVALID,
    "stages[0].benchmark.conversion: must be a range [min, max] with 0 <= min <= max <= 1",
    "\"conversion\": ^[0.3, 0.25]" },
  { "\"conversion\": [0.1, 0.25]", "\"conversion\": [0.1]", FP_PLAN_ERROR_INVALID,
    "stages[0].benchmark.conversion: must be a range [min, max] (got a list of 1 value)",
    "\"conversion\": ^[0.1]" },
  { "\"conversion\": [0.1, 0.25]", "\"conversion\": []", FP_PLAN_ERROR_INVALID,
    "stages[0].benchmark.conversion: must be a range [min, max] (got an empty list)",
    "\"conversion\": ^[]" },
};

static char *
replace_once (const char *text,
              const char *find,
              const char *replacement)
{
  const char *at = strstr (text, find);

  g_assert_nonnull (at);
  return g_strdup_printf ("%.*s%s%s", (int) (at - text), text, replacement, at + strlen (find));
}

/* "LINE:COLUMN" of the "^" in @snippet, where @snippet without it first
 * stands in @text; columns in characters, as the messages count them */
static char *
place_in (const char *text,
          const char *snippet)
{
  const char *caret = strchr (snippet, '^');
  g_autofree char *plain = NULL;
  const char *found;
  const char *at;
  guint line = 1;
  const char *line_start = text;

  g_assert_nonnull (caret);
  plain = g_strdup_printf ("%.*s%s", (int) (caret - snippet), snippet, caret + 1);
  found = strstr (text, plain);
  g_assert_nonnull (found);
  at = found + (caret - snippet);
  for (const char *p = text; p < at; p++)
    if (*p == '\n')
      {
        line++;
        line_start = p + 1;
      }
  return g_strdup_printf ("%u:%ld", line, g_utf8_strlen (line_start, at - line_start) + 1);
}

static void
test_base_loads (void)
{
  g_autoptr(FpPlan) plan = fp_test_plan_from_text (base);

  g_assert_cmpstr (fp_plan_get_title (plan), ==, "Base");
  g_assert_cmpstr (fp_plan_get_currency (plan), ==, "EUR");
  g_assert_cmpuint (fp_plan_get_n_stages (plan), ==, 4);
  g_assert_cmpfloat (fp_plan_get_weight (plan, 2), ==, 1.2);
  g_assert_true (fp_plan_get_stage (plan, 0)->benchmark_conversion.set);
  g_assert_cmpfloat (fp_plan_get_stage (plan, 0)->benchmark_conversion.max, ==, 0.25);
  g_assert_false (fp_plan_get_stage (plan, 1)->benchmark_conversion.set);
}

static void
test_rules (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (rule_cases); i++)
    {
      const RuleCase *rule = &rule_cases[i];
      g_autofree char *text = replace_once (base, rule->find, rule->replace);
      g_autoptr(GError) error = fp_test_load_error (text);

      g_test_message ("case %u: %s -> %s", i, rule->find, rule->replace);
      g_assert_error (error, FP_PLAN_ERROR, (int) rule->code);
      if (rule->message != NULL)
        {
          g_autofree char *place = place_in (text, rule->at);
          g_autofree char *expected = g_strdup_printf ("test.funnel.json:%s: %s", place, rule->message);

          g_assert_cmpstr (error->message, ==, expected);
        }
    }
}

static void
test_too_new (void)
{
  g_autofree char *text = replace_once (base, "\"version\": 1", "\"version\": 2");
  g_autoptr(GError) error = fp_test_load_error (text);

  g_assert_error (error, FP_PLAN_ERROR, FP_PLAN_ERROR_TOO_NEW);
  g_assert_nonnull (strstr (error->message, "made by a newer version of Funnel Planner"));
}

static void
test_defaults (void)
{
  g_autoptr(FpPlan) plan = fp_test_plan_from_text (
    "{\"format\": \"funnel-planner/plan\", \"version\": 1,"
    "\"period\": {\"start\": \"2027-01-01\", \"months\": 2},"
    "\"revenue_target\": 10, \"average_deal_size\": 1,"
    "\"inflow\": {\"per_month\": 3},"
    "\"stages\": [{\"id\": \"a\", \"name\": \"A\", \"conversion\": 1, \"duration_days\": 0},"
    " {\"id\": \"b\", \"name\": \"B\", \"conversion\": 0.5, \"duration_days\": 0},"
    " {\"id\": \"c\", \"name\": \"C\", \"conversion\": 0.5, \"duration_days\": 0},"
    " {\"id\": \"d\", \"name\": \"D\"}]}");
  guint inflow;

  g_assert_cmpstr (fp_plan_get_title (plan), ==, "");
  g_assert_cmpstr (fp_plan_get_currency (plan), ==, "USD");
  g_assert_false (fp_plan_has_weights (plan));
  g_assert_cmpfloat (fp_plan_get_weight (plan, 1), ==, 1);
  g_assert_cmpuint (fp_plan_get_handoff_index (plan), ==, 1);
  g_assert_cmpuint (fp_plan_get_pipeline_index (plan), ==, 2);
  g_assert_true (fp_plan_get_inflow (plan, &inflow, NULL));
  g_assert_cmpuint (inflow, ==, 0);
  g_assert_cmpfloat (fp_plan_get_stage (plan, 0)->cost_per_unit, ==, 0);
}

static void
test_syntax_error (void)
{
  g_autoptr(GError) error = fp_test_load_error ("{\n  \"format\": \"funnel-planner/plan\",\n  \"version\": }");

  g_assert_error (error, FP_PLAN_ERROR, FP_PLAN_ERROR_SYNTAX);
  g_assert_true (g_str_has_prefix (error->message, "test.funnel.json:3:14: "));
}

/* A syntax error says what is wrong in words of JSON, where the fix goes,
 * not json-glib's state of its parser ("unexpected string constant
 * \"funnel-planner/plan\", expected character ','" for a missing comma
 * after that value, placed before its closing quote) */
static void
test_syntax_words (void)
{
  static const struct
  {
    const char *find;
    const char *replace;
    const char *message;  /* after "test.funnel.json:LINE:COLUMN: " */
    const char *at;       /* the edited text there, "^" where the message places it */
    const char *opens;    /* for "%u" and "%u" in the message, the line and column of the "^" */
  } cases[] = {
    { "\"version\": 1,", "\"version\": 1", "a “,” is missing here, after the value of “version”",
      "\"version\": 1^\n" },
    { "[0.1, 0.25]", "[0.1 0.25]", "a “,” is missing here, between two values of a list",
      "[0.1^ 0.25]" },
    { "\"Closed deals\"}\n", "\"Closed deals\"},\n", "a “,” after the last value of a list; JSON has none there",
      "\"Closed deals\"}^,\n" },
    { "\"per_month\": 2500}", "\"per_month\": 2500,}",
      "a “,” after the last value of an object; JSON has none there", "2500^,}" },
    { "\"currency\": \"EUR\"", "\"currency\" \"EUR\"", "a “:” is missing after the key “currency”",
      "\"currency\"^ \"EUR\"" },
    { "\"currency\": \"EUR\"", "currency: \"EUR\"", "a key goes in double quotes: \"currency\"",
      "^currency:" },
    { "\"currency\": \"EUR\",", "\"currency\": ,", "the key “currency” has no value", "\"currency\": ^," },
    { "\"duration_days\": [7, 30]", "\"duration_days\": [7, 30}",
      "“}” cannot close the list that opens at line %u, column %u; a list ends with “]”", "30^}",
      "\"duration_days\": ^[7, 30}" },
    { "\"per_month\": 2500}", "\"per_month\": 2500]",
      "“]” cannot close the object that opens at line %u, column %u; an object ends with “}”", "2500^]",
      "\"inflow\": ^{" },
    { "[0.1, 0.25]", "[0.1,, 0.25]", "a value is missing before this “,”", "[0.1,^, 0.25]" },
    { "\"handoff_stage\": \"mql\",", "\"handoff_stage\": \"mql\",,", "two “,” with nothing between them",
      "\"mql\",^," },
    { "\"title\": \"Base\"", "\"title\": Base", "“Base” is not a JSON value; text goes in double quotes",
      "\"title\": ^Base" },
    { "\"revenue_target\": 1200000", "\"revenue_target\": NaN",
      "JSON has no number “NaN”; a plan's numbers are finite", "^NaN" },
    { "\"title\": \"Base\"", "\"title\": True", "JSON writes “True” in lower case: “true”",
      "\"title\": ^True" },
    { "\"Closed deals\"}", "\"Closed deals}", "this text has no closing quote “\"”",
      "\"name\": ^\"Closed deals}" },
    { "\"title\": \"Base\"", "\"title\": \"Base\" = 1", "“=” has no place in JSON here", "^= 1" },
    /* A quote left out before the end of a line: said where the text
     * starts, not lines later where what it swallowed stops making sense */
    { "\"title\": \"Base\",", "\"title\": \"Base,", "this text has no closing quote “\"”",
      "\"title\": ^\"Base," },
    { "\"title\": \"Base\"", "\"title\": \"Ba\tse\"", "a tab inside a text; JSON writes it as \\t",
      "\"Ba^\tse" },
    { "\"title\": \"Base\"", "\"title\": \"Ba\033se\"",
      "a control character (U+001B) inside a text; JSON writes it as \\u001B", "\"Ba^\033se" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *text = replace_once (base, cases[i].find, cases[i].replace);
      g_autoptr(GError) error = fp_test_load_error (text);
      g_autofree char *place = place_in (text, cases[i].at);
      g_autofree char *message = g_strdup (cases[i].message);
      g_autofree char *expected = NULL;

      if (cases[i].opens != NULL)
        {
          g_autofree char *opens = place_in (text, cases[i].opens);
          guint line, column;

          g_assert_cmpint (sscanf (opens, "%u:%u", &line, &column), ==, 2);
          g_free (message);
          message = g_strdup_printf (cases[i].message, line, column);
        }
      expected = g_strdup_printf ("test.funnel.json:%s: %s", place, message);
      g_test_message ("case %u", i);
      g_assert_error (error, FP_PLAN_ERROR, FP_PLAN_ERROR_SYNTAX);
      g_assert_cmpstr (error->message, ==, expected);
    }
}

/* A file cut off anywhere never loads, and says so at its last character,
 * instead of json-glib's guess at a typo there ("unexpected character
 * ']'" for a list cut after its last element) */
static void
test_cut_off (void)
{
  gsize length = strlen (base);

  for (gsize cut = 1; cut < length - 1; cut++)
    {
      g_autofree char *text = g_strndup (base, cut);
      g_autoptr(GError) error = fp_test_load_error (text);
      g_autofree char *stripped = g_strchomp (g_strdup (text));
      g_auto(GStrv) lines = g_strsplit (stripped, "\n", -1);
      guint n_lines = g_strv_length (lines);
      g_autofree char *where = g_strdup_printf ("test.funnel.json:%u:%ld: ", n_lines,
                                                g_utf8_strlen (lines[n_lines - 1], -1) + 1);

      g_test_message ("cut after %" G_GSIZE_FORMAT " bytes", cut);
      g_assert_error (error, FP_PLAN_ERROR, FP_PLAN_ERROR_SYNTAX);
      g_assert_true (g_str_has_prefix (error->message, where));
      g_assert_true (g_str_has_suffix (error->message, "before the plan does; it may have been cut off"));
    }

  /* Cut between the bytes of a character, it is still a cut */
  {
    g_autofree char *text = replace_once (base, "\"title\": \"Base\"", "\"title\": \"Basé\"");
    g_autoptr(GError) error = NULL;

    text[strstr (text, "é") - text + 1] = '\0';
    error = fp_test_load_error (text);
    g_assert_error (error, FP_PLAN_ERROR, FP_PLAN_ERROR_SYNTAX);
    g_assert_true (g_str_has_suffix (error->message, "before the plan does; it may have been cut off"));
  }
  /* Cut inside an escaped surrogate pair ("\ud83d\ude00"), it is a cut,
   * not half a character */
  for (gsize keep = 0; keep < 6; keep++)
    {
      g_autofree char *text = replace_once (base, "\"title\": \"Base\"",
                                            "\"title\": \"Base \\ud83d\\ude00\"");
      g_autoptr(GError) error = NULL;

      text[strstr (text, "\\ude00") - text + keep] = '\0';
      error = fp_test_load_error (text);
      g_test_message ("cut %" G_GSIZE_FORMAT " bytes into the low surrogate", keep);
      g_assert_error (error, FP_PLAN_ERROR, FP_PLAN_ERROR_SYNTAX);
      g_assert_true (g_str_has_suffix (error->message, "before the plan does; it may have been cut off"));
    }
  /* A closing bracket too many or of the wrong kind is said where it is,
   * not as a cut, nor as "text after the plan" */
  {
    g_autofree char *text = replace_once (base, "[1, 1, 1.2]}", "[1, 1, 1.2]]}");
    g_autoptr(GError) error = fp_test_load_error (text);

    g_assert_error (error, FP_PLAN_ERROR, FP_PLAN_ERROR_SYNTAX);
    g_assert_null (strstr (error->message, "cut off"));
    g_assert_null (strstr (error->message, "after the end"));
    g_assert_true (g_str_has_prefix (error->message, "test.funnel.json:6:"));
  }
}

/* Messages place a value by line and by column in characters, syntax
 * errors too (json-glib counts bytes); a byte-order mark, a key of the
 * same spelling as a path, or a token kept in an unknown key before the
 * value change nothing. */
static void
test_places (void)
{
  static const struct
  {
    const char *find;
    const char *replace;
    const char *at;
  } cases[] = {
    /* Two and three bytes a character before the value */
    { "\"title\": \"Base\"", "\"title\": \"éé中\", \"x\": [}", "\"x\": [^}" },
    { "\"title\": \"Base\",\n  \"currency\": \"EUR\"", "\"title\": \"éé中\", \"currency\": \"eur\"",
      "\"currency\": ^\"eur\"" },
    /* An unknown key spelt as a path, after the value it spells */
    { "\"months\": 3", "\"months\": 0}, \"period.months\": {\"a\": 1",
      "\"months\": ^0}" },
    /* A token json-glib cannot keep, kept in an unknown key on the line */
    { "\"revenue_target\": 1200000", "\"x\": 1e400, \"revenue_target\": -1",
      "\"revenue_target\": ^-1" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *text = replace_once (base, cases[i].find, cases[i].replace);
      g_autoptr(GError) error = fp_test_load_error (text);
      g_autofree char *place = place_in (text, cases[i].at);
      g_autofree char *prefix = g_strdup_printf ("test.funnel.json:%s: ", place);

      g_test_message ("case %u: %s", i, error->message);
      g_assert_true (g_str_has_prefix (error->message, prefix));
    }

  /* After a byte-order mark, the lines and columns as an editor shows them */
  {
    g_autofree char *broken = replace_once (base, "\"months\": 3", "\"months\": 0");
    g_autofree char *text = g_strconcat ("\xef\xbb\xbf", broken, NULL);
    g_autoptr(GError) error = fp_test_load_error (text);
    g_autofree char *place = place_in (broken, "\"months\": ^0");
    g_autofree char *prefix = g_strdup_printf ("test.funnel.json:%s: period.months", place);

    g_assert_true (g_str_has_prefix (error->message, prefix));
  }
}

/* json-glib reads the first value and ignores what follows: a second plan
 * pasted after the first, or a stray bracket, would be lost on save. */
static void
test_text_after_plan (void)
{
  static const char * const after[] = { "{\"revenue_target\": 1}", "}", "\n\n x", "[]" };

  for (guint i = 0; i < G_N_ELEMENTS (after); i++)
    {
      g_autofree char *text = g_strconcat (base, after[i], NULL);
      g_autoptr(GError) error = fp_test_load_error (text);
      g_autofree char *suffix = g_strdup_printf (": text after the end of the plan; "
                                                 "a plan file holds one JSON object");

      g_assert_error (error, FP_PLAN_ERROR, FP_PLAN_ERROR_SYNTAX);
      g_assert_true (g_str_has_suffix (error->message, suffix));
    }
  {
    /* White space after it is no text */
    g_autofree char *text = g_strconcat (base, "\n\t \n", NULL);
    g_autoptr(FpPlan) plan = fp_test_plan_from_text (text);

    g_assert_nonnull (plan);
  }
}

static void
test_empty (void)
{
  g_autoptr(GError) empty = fp_test_load_error ("");
  g_autoptr(GError) blank = fp_test_load_error (" \n\t\n");

  g_assert_error (empty, FP_PLAN_ERROR, FP_PLAN_ERROR_EMPTY);
  g_assert_error (blank, FP_PLAN_ERROR, FP_PLAN_ERROR_EMPTY);
  g_assert_cmpstr (empty->message, ==, "test.funnel.json: the file is empty; a plan is a JSON object");
}

static void
test_not_an_object (void)
{
  g_autoptr(GError) error = fp_test_load_error ("[1, 2]");

  g_assert_error (error, FP_PLAN_ERROR, FP_PLAN_ERROR_INVALID);
  g_assert_cmpstr (error->message, ==, "test.funnel.json:1:1: document: must be a JSON object (got a list of 2 values)");
}

/* A file that is no plan at all (a CSV, a picture, another
 * program's JSON) says so first, where it starts, instead of in JSON's
 * words ("“stage” is not a JSON value") */
static void
test_not_a_plan (void)
{
  static const struct { const char *text; gsize length; const char *message; } cases[] = {
    { "stage,count\nleads,100\n", 0, "1:1: this is not a plan" },
    { "\n\n   # notes\n", 0, "3:4: this is not a plan" },
    { "\xef\xbb\xbf  x", 0, "1:3: this is not a plan" },
    { "\x89PNG\r\n\x1a\n\0\0\0\rIHDR", 16, "1:1: this is not a plan" },
    /* A CSV in UTF-16 is no plan either, whatever its encoding */
    { "\xff\xfes\0,\0c\0\n\0", 10, "1:1: this is not a plan" },
    { "{\"name\": \"package\", \"version\": \"1.0\"}", 0,
      "1:1: format: is required: without it, this is not a plan" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      gsize length = cases[i].length > 0 ? cases[i].length : strlen (cases[i].text);
      g_autoptr(GBytes) bytes = g_bytes_new (cases[i].text, length);
      g_autoptr(GError) error = NULL;
      g_autoptr(FpPlan) plan = fp_plan_load_bytes (bytes, "test.funnel.json", &error);
      g_autofree char *expected = g_strconcat ("test.funnel.json:", cases[i].message, NULL);

      g_test_message ("case %u", i);
      g_assert_null (plan);
      g_assert_nonnull (error);
      g_assert_true (g_str_has_prefix (error->message, expected));
    }
}

/* A plan saved in UTF-16 or UTF-32 says so. It was told that a plan
 * "starts with “{”", which it does, to the eye. */
static void
test_wide_encoding (void)
{
  static const struct { const char *text; gsize length; const char *encoding; } cases[] = {
    { "\xff\xfe{\0}\0", 6, "UTF-16" },
    { "\xfe\xff\0{\0}", 6, "UTF-16" },
    { "{\0\n\0}\0", 6, "UTF-16" },
    { "\0{\0}", 4, "UTF-16" },
    { "\xff\xfe\0\0{\0\0\0", 8, "UTF-32" },
    { "{\0\0\0}\0\0\0", 8, "UTF-32" },
    { "\0\0\0{", 4, "UTF-32" },
    { "\xff\xfe \0\n\0[\0]\0", 10, "UTF-16" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GBytes) bytes = g_bytes_new (cases[i].text, cases[i].length);
      g_autoptr(GError) error = NULL;
      g_autoptr(FpPlan) plan = fp_plan_load_bytes (bytes, "test.funnel.json", &error);
      g_autofree char *expected = g_strdup_printf ("test.funnel.json: the file is written in %s; a plan "
                                                   "is read in UTF-8: save it as UTF-8 in a text editor",
                                                   cases[i].encoding);

      g_test_message ("case %u", i);
      g_assert_null (plan);
      g_assert_error (error, FP_PLAN_ERROR, FP_PLAN_ERROR_SYNTAX);
      g_assert_cmpstr (error->message, ==, expected);
    }
}

/* json-glib reads 1e400 as infinity: refused before it gets the chance. */
static void
test_non_finite (void)
{
  g_autofree char *text = replace_once (base, "\"revenue_target\": 1200000",
                                        "\"revenue_target\": 1e400");
  g_autoptr(GError) error = fp_test_load_error (text);

  g_assert_error (error, FP_PLAN_ERROR, FP_PLAN_ERROR_INVALID);
  g_assert_cmpstr (error->message, ==, "test.funnel.json:7:21: the number 1e400 is out of range");
  /* In a key the app does not know it is kept as written: see
   * /document/unknown-keys/raw-tokens */
}

/* json-glib reads numbers JSON has not: "010" as octal 8, "0x10" as 16,
 * ".5e7"; and an integer past 64 bits wraps around. Each is refused where
 * it stands, never loaded as another value. */
static void
test_json_numbers (void)
{
  static const struct
  {
    const char *number;
    const char *message;
  } cases[] = {
    { "010", "test.funnel.json:7:21: 010 is not a number as JSON writes numbers" },
    { "0x10", "test.funnel.json:7:21: 0x10 is not a number as JSON writes numbers" },
    { ".5e7", "test.funnel.json:7:21: .5e7 is not a number as JSON writes numbers" },
    { "+5", "test.funnel.json:7:21: +5 is not a number as JSON writes numbers" },
    { "1.", "test.funnel.json:7:21: 1. is not a number as JSON writes numbers" },
    { "1e", "test.funnel.json:7:21: 1e is not a number as JSON writes numbers" },
    { "18446744073709551617",
      "test.funnel.json:7:21: the number 18446744073709551617 is out of range" },
    /* json-glib reads "$10" as 16, and comments, whose quotes would hide
     * what follows from the scan */
    { "$10", "test.funnel.json:7:21: “$” has no place in JSON here" },
    { "/* \" */ 010 /* \" */", "test.funnel.json:7:21: “/” has no place in JSON here" },
    { "'5'", "test.funnel.json:7:21: “'” has no place in JSON here" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *replacement = g_strconcat ("\"revenue_target\": ", cases[i].number, NULL);
      g_autofree char *text = replace_once (base, "\"revenue_target\": 1200000", replacement);
      g_autoptr(GError) error = fp_test_load_error (text);

      g_assert_cmpstr (error->message, ==, cases[i].message);
    }

  /* In a key the app does not know, it is kept as written (see
   * /document/unknown-keys/raw-tokens); in a known key's list, refused */
  {
    g_autofree char *text = replace_once (base, "\"weights\": [1, 1, 1.2]",
                                          "\"weights\": [1, 1, 18446744073709551617]");
    g_autoptr(GError) error = fp_test_load_error (text);

    g_assert_error (error, FP_PLAN_ERROR, FP_PLAN_ERROR_INVALID);
    g_assert_nonnull (strstr (error->message, "the number 18446744073709551617 is out of range"));
  }
  /* What JSON does write still loads */
  {
    g_autofree char *text = replace_once (base, "\"revenue_target\": 1200000",
                                          "\"revenue_target\": 1.2E+6, \"x_n\": [-0, 0.5, -9223372036854775808]");
    g_autoptr(FpPlan) plan = fp_test_plan_from_text (text);

    g_assert_cmpfloat (fp_plan_get_revenue_target (plan), ==, 1200000);
  }
}

/* Text json-glib would load wrong: cut at \u0000, or a lone surrogate
 * turned into bytes that are not UTF-8, which Save then wrote into a file
 * that did not load again. A surrogate pair is one character, and loads. */
static void
test_json_string_escapes (void)
{
  static const struct
  {
    const char *title;
    const char *message;
  } cases[] = {
    { "A\\u0000B", "test.funnel.json:4:14: \\u0000 (a NUL character) cannot be in a plan's text" },
    { "\\ud800x", "test.funnel.json:4:13: a \\u escape names half of a character (a lone high surrogate)" },
    { "x\\udc00", "test.funnel.json:4:14: a \\u escape names half of a character (a lone low surrogate)" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *replacement = g_strdup_printf ("\"title\": \"%s\"", cases[i].title);
      g_autofree char *text = replace_once (base, "\"title\": \"Base\"", replacement);
      g_autoptr(GError) error = fp_test_load_error (text);

      g_assert_error (error, FP_PLAN_ERROR, FP_PLAN_ERROR_INVALID);
      g_assert_cmpstr (error->message, ==, cases[i].message);
    }

  {
    g_autofree char *text = replace_once (base, "\"title\": \"Base\"",
                                          "\"title\": \"Launch \\ud83d\\ude80 \\u00e9\"");
    g_autoptr(FpPlan) plan = fp_test_plan_from_text (text);

    g_assert_cmpstr (fp_plan_get_title (plan), ==, "Launch \xf0\x9f\x9a\x80 \xc3\xa9");
  }
}

/* Keys the app does not know are kept as they were and are never an error
 * (PLAN-FORMAT.md): also what json-glib cannot keep, numbers past 64 bits
 * or a double's range (1e400, and 1e-400 that it reads as 0), "\u0000"
 * and half a surrogate pair, in values and
 * in keys, at every level of the document. Saved back token for token,
 * through edits and undo. */
static void
test_unknown_raw_tokens (void)
{
  static const struct { const char *find; const char *replace; } edits[] = {
    { "\"title\": \"Base\"",
      "\"title\": \"Base\", \"x_big\": 18446744073709551617, \"x_list\": [1e400, {\"n\": -1e999}],"
      " \"x_nul\": \"a\\u0000b\", \"x\\u0000key\": \"\\ud800\"" },
    { "\"months\": 3,", "\"months\": 3, \"x_p\": 1e999, \"x_tiny\": [1e-400, -2.5E-999]," },
    { "{\"id\": \"mql\", \"name\": \"MQL\",", "{\"id\": \"mql\", \"name\": \"MQL\", \"x_s\": \"\\udc00\"," },
    { "\"duration_days\": [7, 30]}", "\"duration_days\": [7, 30], \"x_b\": 99999999999999999999}" },
    { "\"per_month\": 2500}", "\"per_month\": 2500, \"x_i\": \"\\u0000\"}" },
  };
  static const char *kept[] = {
    "\"x_big\": 18446744073709551617", "1e400", "\"n\": -1e999", "\"x_nul\": \"a\\u0000b\"",
    "\"x\\u0000key\": \"\\ud800\"", "\"x_p\": 1e999", "\"x_s\": \"\\udc00\"",
    "\"x_b\": 99999999999999999999", "\"x_i\": \"\\u0000\"",
    "1e-400", "-2.5E-999",
  };
  g_autofree char *text = g_strdup (base);
  g_autoptr(FpPlan) plan = NULL;
  g_autoptr(FpPlan) again = NULL;
  g_autoptr(GBytes) saved = NULL;
  g_autoptr(GBytes) saved_again = NULL;
  g_autoptr(GBytes) edited = NULL;
  g_autofree char *saved_text = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (edits); i++)
    {
      char *next = replace_once (text, edits[i].find, edits[i].replace);

      g_free (text);
      text = next;
    }
  plan = fp_test_plan_from_text (text);
  saved = fp_plan_to_bytes (plan);
  saved_text = g_strndup (g_bytes_get_data (saved, NULL), g_bytes_get_size (saved));
  for (guint i = 0; i < G_N_ELEMENTS (kept); i++)
    if (strstr (saved_text, kept[i]) == NULL)
      g_error ("“%s” was not saved as written:\n%s", kept[i], saved_text);
  g_assert_null (strstr (saved_text, "fp-raw-"));

  /* What was saved loads again, and saves the same */
  again = fp_test_plan_from_text (saved_text);
  saved_again = fp_plan_to_bytes (again);
  g_assert_true (g_bytes_equal (saved, saved_again));

  /* An edit and its undo keep them */
  g_assert_true (fp_plan_set_revenue_target (plan, 5, NULL));
  g_assert_true (fp_plan_undo (plan));
  edited = fp_plan_to_bytes (plan);
  g_assert_true (g_bytes_equal (saved, edited));
}

/* The edges of keeping such tokens: an escape JSON has not (json-glib
 * reads "\\145" as "e", so "titl\\145" was the title); a number where a
 * key belongs; a line break inside a kept string, written back escaped;
 * a syntax error after a kept token, said of the text as written; and
 * two spellings of one key. */
static void
test_unknown_raw_edges (void)
{
  static const struct { const char *find; const char *replace; const char *message; } refused[] = {
    { "\"title\": \"Base\"", "\"titl\\145\": \"\\u0000\"",
      "test.funnel.json:4:8: “\\1” is not an escape JSON has" },
    { "\"title\": \"Base\"", "\"title\": \"Base\", \"x\": \"\\u0000\", \"currency\" \"EUR\"", NULL },
    { "\"title\": \"Base\"", "\"title\": \"Base\", \"x\\ud800\": 1, \"x\\uD800\": 2",
      "test.funnel.json:4:34: the key “x\\ud800” appears twice in one object (first on line 4)" },
    { "{\n", "{1e400: 1,\n", NULL },
  };

  for (guint i = 0; i < G_N_ELEMENTS (refused); i++)
    {
      g_autofree char *text = replace_once (base, refused[i].find, refused[i].replace);
      g_autoptr(GError) error = fp_test_load_error (text);

      g_assert_null (strstr (error->message, "fp-raw-"));
      if (refused[i].message != NULL)
        g_assert_cmpstr (error->message, ==, refused[i].message);
    }

  /* The syntax error after a kept token on its line: the column of the
   * text as written (47, where "EUR" follows "currency" without ":") */
  {
    g_autofree char *text = replace_once (base, "\"title\": \"Base\"",
                                          "\"title\": \"Base\", \"x\": \"\\u0000\", \"currency\" \"EUR\"");
    g_autoptr(GError) error = fp_test_load_error (text);
    g_autoptr(GError) plain_error = NULL;
    g_autofree char *plain = replace_once (base, "\"title\": \"Base\"",
                                           "\"title\": \"Base\", \"x\": \"\\u0001\", \"currency\" \"EUR\"");

    plain_error = fp_test_load_error (plain);
    /* As for the same text with a token json-glib keeps */
    g_assert_cmpstr (error->message, ==, plain_error->message);
  }

  /* A line break inside a string, kept or not, is not JSON (other tools
   * refuse it too): refused where the string starts, as a closing quote
   * left out is */
  {
    g_autofree char *text = replace_once (base, "\"title\": \"Base\"",
                                          "\"title\": \"Base\", \"x\": \"a\\u0000\nb\"");
    g_autoptr(GError) error = fp_test_load_error (text);

    g_assert_cmpstr (error->message, ==, "test.funnel.json:4:25: this text has no closing quote “\"”");
  }
}

/* Two equal keys in one object: json-glib kept the last and dropped the
 * first without a word. Refused, naming both places; equal keys in
 * different objects, and a value that reads like a key, are fine. */
static void
test_duplicate_keys (void)
{
  {
    g_autofree char *text = replace_once (base, "  \"average_deal_size\": 30000,\n",
                                          "  \"average_deal_size\": 30000,\n"
                                          "  \"revenue_target\": 5,\n");
    g_autoptr(GError) error = fp_test_load_error (text);

    g_assert_error (error, FP_PLAN_ERROR, FP_PLAN_ERROR_SYNTAX);
    g_assert_cmpstr (error->message, ==,
                     "test.funnel.json:9:3: the key “revenue_target” appears twice in one "
                     "object (first on line 7)");
  }
  {
    g_autofree char *text = replace_once (base, "{\"id\": \"mql\", \"name\": \"MQL\",",
                                          "{\"id\": \"mql\", \"name\": \"MQL\", \"id\": \"x\",");
    g_autoptr(GError) error = fp_test_load_error (text);

    g_assert_error (error, FP_PLAN_ERROR, FP_PLAN_ERROR_SYNTAX);
    g_assert_nonnull (strstr (error->message, "the key “id” appears twice"));
  }
  {
    g_autofree char *text = replace_once (base, "\"title\": \"Base\"", "\"title\": \"title\"");
    g_autoptr(FpPlan) plan = fp_test_plan_from_text (text);

    g_assert_cmpstr (fp_plan_get_title (plan), ==, "title");
  }
  /* Equal once their escapes are read, as json-glib reads them */
  {
    static const char *const twins[] = {
      "\"titl\\u0065\": \"Other\"",
      "\"\\u0074itle\": \"Other\"",
      "\"t\\/itle\": \"A\", \"t/itle\": \"B\"",
      "\"\\ud83d\\ude80\": 1, \"\xf0\x9f\x9a\x80\": 2",
    };

    for (guint i = 0; i < G_N_ELEMENTS (twins); i++)
      {
        g_autofree char *replacement = g_strdup_printf ("\"title\": \"Base\", %s", twins[i]);
        g_autofree char *text = replace_once (base, "\"title\": \"Base\"", replacement);
        g_autoptr(GError) error = fp_test_load_error (text);

        g_assert_error (error, FP_PLAN_ERROR, FP_PLAN_ERROR_SYNTAX);
        g_assert_nonnull (strstr (error->message, "appears twice"));
      }
  }
  /* A string followed by ":" where no key can be is JSON's error to
   * report, not a duplicate */
  {
    g_autofree char *text = replace_once (base, "\"title\": \"Base\"",
                                          "\"title\": \"Base\", \"x\": \"title\": 2");
    g_autoptr(GError) error = fp_test_load_error (text);

    g_assert_null (strstr (error->message, "appears twice"));
  }
}

/* A period past December 9999 has no calendar to show it in ("Dec 9999 –
 * (null)" in the funnel's header): refused on load and on edit. */
static void
test_period_end (void)
{
  g_autofree char *late = replace_once (base, "\"start\": \"2027-07-01\"", "\"start\": \"9999-10-01\"");
  g_autoptr(FpPlan) plan = fp_test_plan_from_text (late);   /* Oct to Dec 9999: fits */
  g_autofree char *later = replace_once (base, "\"start\": \"2027-07-01\"", "\"start\": \"9999-12-01\"");
  g_autoptr(GError) error = fp_test_load_error (later);
  g_autoptr(GError) edit_error = NULL;

  g_assert_cmpuint (fp_plan_get_n_stages (plan), >, 0);
  g_assert_error (error, FP_PLAN_ERROR, FP_PLAN_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "period.months: must end the period by December 9999"));
  g_assert_false (fp_plan_set_period (plan, 9999, 12, 2, &edit_error));
  g_assert_error (edit_error, FP_PLAN_ERROR, FP_PLAN_ERROR_INVALID);
}

/* A device or a pipe is refused before it is read: /dev/zero would fill
 * the memory, a pipe without a writer block for ever. */
static void
test_load_special_file (void)
{
  g_autofree char *dir = g_dir_make_tmp ("fp-test-XXXXXX", NULL);
  g_autofree char *fifo = g_build_filename (dir, "pipe.funnel.json", NULL);
  const char *paths[] = { "/dev/zero", fifo };

  g_assert_cmpint (mkfifo (fifo, 0600), ==, 0);
  for (guint i = 0; i < G_N_ELEMENTS (paths); i++)
    {
      g_autoptr(GFile) file = g_file_new_for_path (paths[i]);
      g_autoptr(GError) error = NULL;
      g_autoptr(FpPlan) plan = fp_plan_load_file (file, NULL, &error);

      g_assert_null (plan);
      g_assert_error (error, FP_PLAN_ERROR, FP_PLAN_ERROR_TOO_LARGE);
      g_assert_true (g_str_has_suffix (error->message, "not a file but a device or a pipe; a plan is a file"));
    }
  g_unlink (fifo);
  g_rmdir (dir);
}

/* json-glib overflows the C stack at about 200,000 levels. */
static void
test_deep_nesting (void)
{
  gsize depth = 300000;
  g_autoptr(GString) text = g_string_new ("{\"format\": \"funnel-planner/plan\", \"x\": ");
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(FpPlan) plan = NULL;

  for (gsize i = 0; i < depth; i++)
    g_string_append_c (text, '[');
  for (gsize i = 0; i < depth; i++)
    g_string_append_c (text, ']');
  g_string_append_c (text, '}');
  bytes = g_bytes_new (text->str, text->len);

  plan = fp_plan_load_bytes (bytes, "deep.funnel.json", &error);
  g_assert_null (plan);
  g_assert_error (error, FP_PLAN_ERROR, FP_PLAN_ERROR_TOO_LARGE);
  g_assert_true (g_str_has_prefix (error->message, "deep.funnel.json:1:"));
}

/* A file of a few megabytes of values (here empty lists, kept as a key
 * the app does not know) is refused once they pass the limit: json-glib
 * would keep each as a node, 2.6 GB for 64 MiB of them. Half as many
 * load. */
static void
test_too_many_values (void)
{
  static const guint n_lists[] = { FP_PLAN_MAX_VALUES / 2, FP_PLAN_MAX_VALUES + 1 };

  for (guint k = 0; k < G_N_ELEMENTS (n_lists); k++)
    {
      g_autoptr(GString) text = g_string_new (base);
      g_autoptr(GBytes) bytes = NULL;
      g_autoptr(GError) error = NULL;
      g_autoptr(FpPlan) plan = NULL;
      const char *brace = strrchr (base, '}');

      g_assert_nonnull (brace);
      g_string_truncate (text, brace - base);
      g_string_append (text, ", \"x_lists\": [[]");
      for (guint i = 1; i < n_lists[k]; i++)
        g_string_append (text, ",[]");
      g_string_append (text, "]}");
      bytes = g_bytes_new (text->str, text->len);

      plan = fp_plan_load_bytes (bytes, "many.funnel.json", &error);
      if (k == 0)
        {
          g_assert_no_error (error);
          g_assert_nonnull (plan);
          continue;
        }
      g_assert_null (plan);
      g_assert_error (error, FP_PLAN_ERROR, FP_PLAN_ERROR_TOO_LARGE);
      g_assert_true (g_str_has_prefix (error->message, "many.funnel.json:"));
      g_assert_true (g_str_has_suffix (error->message, ": holds more than 500,000 values; a plan never does"));
    }
}

static void
test_invalid_utf8 (void)
{
  g_autoptr(GError) error = fp_test_load_error ("{\"title\": \"caf\xe9\"}");

  g_assert_error (error, FP_PLAN_ERROR, FP_PLAN_ERROR_SYNTAX);
  g_assert_cmpstr (error->message, ==, "test.funnel.json:1:15: the text is not valid UTF-8");
}

static void
test_too_large (void)
{
  g_autofree char *dir = g_dir_make_tmp ("fp-test-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "huge.funnel.json", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  g_autoptr(FpPlan) plan = NULL;
  FILE *f = fopen (path, "w");

  /* A sparse file: the size is checked before anything is read. */
  g_assert_nonnull (f);
  g_assert_cmpint (fseek (f, FP_PLAN_MAX_FILE_SIZE + 1, SEEK_SET), ==, 0);
  g_assert_cmpint (fputc (' ', f), ==, ' ');
  fclose (f);

  plan = fp_plan_load_file (file, NULL, &error);
  g_assert_null (plan);
  g_assert_error (error, FP_PLAN_ERROR, FP_PLAN_ERROR_TOO_LARGE);
  g_unlink (path);
  g_rmdir (dir);
}

/* A file that is not there, or a folder: said as the plan's messages are,
 * "NAME: what", not in GIO's words ("Error when getting information for
 * file", "Error opening file ...: Is a directory") */
static void
test_missing_file (void)
{
  g_autoptr(GFile) file = g_file_new_for_path ("/nonexistent/plan.funnel.json");
  g_autoptr(GError) error = NULL;
  g_autoptr(FpPlan) plan = fp_plan_load_file (file, NULL, &error);
  g_autofree char *dir = g_dir_make_tmp ("fp-test-XXXXXX.funnel.json", NULL);
  g_autoptr(GFile) folder = g_file_new_for_path (dir);
  g_autoptr(GError) folder_error = NULL;
  g_autoptr(FpPlan) folder_plan = fp_plan_load_file (folder, NULL, &folder_error);
  g_autofree char *folder_message = g_strdup_printf ("%s: a folder, not a plan file", dir);

  g_assert_null (plan);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
  g_assert_cmpstr (error->message, ==, "/nonexistent/plan.funnel.json: there is no such file");
  g_assert_null (folder_plan);
  g_assert_error (folder_error, G_IO_ERROR, G_IO_ERROR_IS_DIRECTORY);
  g_assert_cmpstr (folder_error->message, ==, folder_message);
  g_rmdir (dir);
}

/* Generated by glib-compile-resources: calling it links the app's
 * resources in, which registers them */
GResource *fp_get_resource (void);

/* A location that is no local file (a GVfs share; here the app's own
 * resources, which GIO reads the same way): a plan there opens, read up to
 * a plan's size, and a folder there is said as a local one is */
static void
test_load_location (void)
{
  const char *base = "resource:///io/github/funnelplanner/FunnelPlanner/templates";
  g_autofree char *uri = g_strconcat (base, "/web-funnel.funnel.json", NULL);
  g_autoptr(GFile) file = g_file_new_for_uri (uri);
  g_autoptr(GFile) folder = g_file_new_for_uri (base);
  g_autoptr(GError) error = NULL;
  g_autoptr(GError) folder_error = NULL;
  g_autoptr(FpPlan) plan = NULL;
  g_autoptr(FpPlan) folder_plan = NULL;
  g_autofree char *folder_message = NULL;

  g_assert_nonnull (fp_get_resource ());
  g_assert_null (g_file_get_path (file));
  plan = fp_plan_load_file (file, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (plan);
  g_assert_cmpuint (fp_plan_get_n_stages (plan), >=, 2);

  folder_plan = fp_plan_load_file (folder, NULL, &folder_error);
  folder_message = g_strdup_printf ("%s: a folder, not a plan file", base);
  g_assert_null (folder_plan);
  g_assert_error (folder_error, G_IO_ERROR, G_IO_ERROR_IS_DIRECTORY);
  g_assert_cmpstr (folder_error->message, ==, folder_message);
}

/* A location GIO cannot read (a web address where no GVfs serves it)
 * is named, with what to do: the message was GIO's "Operation not
 * supported" alone. */
static void
test_load_unsupported_location (void)
{
  const char *uri = "fp-no-such-scheme://host/plan.funnel.json";
  g_autoptr(GFile) file = g_file_new_for_uri (uri);
  g_autoptr(GError) error = NULL;
  g_autoptr(FpPlan) plan = fp_plan_load_file (file, NULL, &error);
  g_autofree char *expected = g_strdup_printf ("%s: plans cannot be opened from this kind of "
                                               "location; copy the plan into a folder first", uri);

  g_assert_null (plan);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED);
  g_assert_cmpstr (error->message, ==, expected);
}

static char *
save_text (FpPlan *plan)
{
  g_autoptr(GBytes) bytes = fp_plan_to_bytes (plan);

  return g_strndup (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
}

static void
test_unknown_keys_round_trip (void)
{
  const char *text =
    "{\"format\": \"funnel-planner/plan\", \"version\": 1, \"title\": \"Keep\","
    "\"x_top\": {\"nested\": [1, \"two\", null, true, {\"deep\": 0.1}]},"
    "\"period\": {\"start\": \"2027-01-01\", \"months\": 1, \"x_period\": \"p\"},"
    "\"revenue_target\": 10, \"average_deal_size\": 1,"
    "\"inflow\": {\"per_month\": 3, \"x_inflow\": 4},"
    "\"stages\": [{\"id\": \"a\", \"name\": \"A\", \"conversion\": 1, \"duration_days\": 0,"
    "  \"x_stage\": [], \"benchmark\": {\"conversion\": [0, 1], \"x_bench\": \"b\"}},"
    " {\"id\": \"b\", \"name\": \"B\", \"owner\": \"sales\"}],"
    "\"x_last\": \"é ☃ \\\" \\\\ \\n\"}";
  g_autoptr(FpPlan) plan = fp_test_plan_from_text (text);
  g_autoptr(GError) error = NULL;
  g_autofree char *saved = NULL;
  g_autofree char *saved_again = NULL;
  g_autoptr(FpPlan) reloaded = NULL;

  /* An edit must not lose them either. */
  g_assert_true (fp_plan_set_stage_conversion (plan, 0, 0.5, &error));
  g_assert_true (fp_plan_insert_stage (plan, 0, "New", &error));
  saved = save_text (plan);
  g_assert_nonnull (strstr (saved, "\"x_top\": {\n    \"nested\": [\n      1,\n      \"two\",\n      null,\n      true,\n      {\n"));
  g_assert_nonnull (strstr (saved, "\"deep\": 0.1"));
  g_assert_nonnull (strstr (saved, "\"x_period\": \"p\""));
  g_assert_nonnull (strstr (saved, "\"x_inflow\": 4"));
  g_assert_nonnull (strstr (saved, "\"x_stage\": []"));
  g_assert_nonnull (strstr (saved, "\"x_bench\": \"b\""));
  g_assert_nonnull (strstr (saved, "\"owner\": \"sales\""));
  g_assert_nonnull (strstr (saved, "\"x_last\": \"é ☃ \\\" \\\\ \\n\""));

  reloaded = fp_test_plan_from_text (saved);
  saved_again = save_text (reloaded);
  g_assert_cmpstr (saved, ==, saved_again);
}

static void
test_doubles_round_trip (void)
{
  static const double values[] = {
    0.1 + 0.2, 1.0 / 3, 2.0 / 3, 0.2, 1e-300, 4.9e-324, 0.9999999999999999,
    123456789.12345679, 1e21, 5e-324 * 3, 1234567890123456789.0, 1.7976931348623157e308,
  };
  g_autoptr(FpPlan) plan = fp_plan_new ();
  g_autoptr(GError) error = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (values); i++)
    {
      g_autofree char *text = NULL;
      g_autoptr(FpPlan) reloaded = NULL;
      double conversion = fmin (values[i], 1);

      g_assert_true (fp_plan_set_revenue_target (plan, values[i], &error));
      g_assert_true (fp_plan_set_average_deal_size (plan, values[i], &error));
      g_assert_true (fp_plan_set_stage_cost (plan, 0, values[i], &error));
      g_assert_true (fp_plan_set_stage_conversion (plan, 0, conversion, &error));
      g_assert_no_error (error);
      text = save_text (plan);
      reloaded = fp_test_plan_from_text (text);
      g_assert_cmpfloat (fp_plan_get_revenue_target (reloaded), ==, values[i]);
      g_assert_cmpfloat (fp_plan_get_average_deal_size (reloaded), ==, values[i]);
      g_assert_cmpfloat (fp_plan_get_stage (reloaded, 0)->cost_per_unit, ==, values[i]);
      g_assert_cmpfloat (fp_plan_get_stage (reloaded, 0)->conversion, ==, conversion);
    }
}

static void
test_readable_numbers (void)
{
  g_autoptr(FpPlan) plan = fp_test_plan_from_text (base);
  g_autofree char *text = save_text (plan);

  g_assert_nonnull (strstr (text, "\"conversion\": 0.2,"));
  g_assert_nonnull (strstr (text, "\"revenue_target\": 1200000,"));
  g_assert_nonnull (strstr (text, "\"weights\": [1, 1, 1.2]"));
}

static guint
count_files (const char *dir)
{
  g_autoptr(GDir) listing = g_dir_open (dir, 0, NULL);
  guint n = 0;

  while (g_dir_read_name (listing) != NULL)
    n++;
  return n;
}

static void
test_save_atomic (void)
{
  g_autofree char *dir = g_dir_make_tmp ("fp-test-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "plan.funnel.json", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(FpPlan) plan = fp_test_plan_from_text (base);
  g_autoptr(FpPlan) reloaded = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_true (fp_plan_set_title (plan, "Saved", &error));
  g_assert_true (fp_plan_get_modified (plan));
  g_assert_true (fp_plan_save_file (plan, file, NULL, &error));
  g_assert_no_error (error);
  g_assert_false (fp_plan_get_modified (plan));

  reloaded = fp_plan_load_file (file, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (fp_plan_get_title (reloaded), ==, "Saved");

  /* Saving over it again leaves only the document: no temporary files. */
  g_assert_true (fp_plan_save_file (plan, file, NULL, &error));
  g_assert_cmpuint (count_files (dir), ==, 1);

  g_unlink (path);
  g_rmdir (dir);
}

/* A save goes over a file or where there is none. A link to a pipe (or a
 * device: a link to /dev/null, for root) was followed and the pipe
 * replaced by the plan; over a folder GIO said "Can’t copy over
 * directory". And a name near the file system's 255 bytes saves: its
 * temporary file, 11 bytes longer, was "File name too long". */
/* A name not in UTF-8 (a disk from an old system, an archive): messages
 * named it as a URI, "file:///tmp/fp-test-X/%FF%20plan.funnel.json"; now
 * as a path, the byte that cannot be read shown as U+FFFD. */
static void
test_undecodable_name_in_messages (void)
{
  g_autofree char *dir = g_dir_make_tmp ("fp-test-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "\xff plan.funnel.json", NULL);
  g_autofree char *gone = g_build_filename (dir, "\xff gone", "plan.funnel.json", NULL);
  g_autofree char *shown = g_build_filename (dir, "\uFFFD plan.funnel.json", NULL);
  g_autofree char *shown_folder = g_build_filename (dir, "\uFFFD gone", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GFile) nowhere = g_file_new_for_path (gone);
  g_autoptr(FpPlan) plan = fp_test_plan_from_text (base);
  g_autoptr(GError) error = NULL;
  g_autofree char *display = fp_file_get_display_path (file);

  g_assert_cmpstr (display, ==, shown);
  g_assert_true (g_file_set_contents (path, "{ broken", -1, NULL));
  g_assert_null (fp_plan_load_file (file, NULL, &error));
  g_assert_nonnull (error);
  g_assert_true (g_str_has_prefix (error->message, shown));
  g_assert_null (strstr (error->message, "%FF"));
  g_clear_error (&error);

  g_assert_false (fp_plan_save_file (plan, nowhere, NULL, &error));
  g_assert_nonnull (error);
  g_assert_nonnull (strstr (error->message, shown_folder));
  g_assert_null (strstr (error->message, "file://"));

  g_assert_cmpint (g_unlink (path), ==, 0);
  g_assert_cmpint (g_rmdir (dir), ==, 0);
}

static gboolean
run_quietly (const char *command_line)
{
  int status;

  return g_spawn_command_line_sync (command_line, NULL, NULL, &status, NULL) &&
         g_spawn_check_wait_status (status, NULL);
}

/* A plan on a disk or share that is read-only (mounted so, or remounted
 * after an error): another name in the same folder would fail as well,
 * and the message said to save under one. Needs a tmpfs mount (root,
 * outside a locked-down container). */
static void
test_save_read_only_disk (void)
{
  g_autofree char *dir = g_dir_make_tmp ("fp-test-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "plan.funnel.json", NULL);
  g_autofree char *mount = g_strdup_printf ("mount -t tmpfs -o size=1m tmpfs %s", dir);
  g_autofree char *read_only = g_strdup_printf ("mount -o remount,ro %s", dir);
  g_autofree char *unmount = g_strdup_printf ("umount %s", dir);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(FpPlan) plan = fp_test_plan_from_text (base);
  g_autoptr(GError) error = NULL;
  g_autofree char *expected = NULL;

  if (!run_quietly (mount))
    {
      g_rmdir (dir);
      g_test_skip ("no tmpfs mount here");
      return;
    }
  g_assert_true (fp_plan_save_file (plan, file, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (run_quietly (read_only));

  g_assert_true (fp_plan_set_revenue_target (plan, 2000000, NULL));
  g_assert_false (fp_plan_save_file (plan, file, NULL, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_READ_ONLY);
  expected = g_strdup_printf ("The folder “%s” cannot be written to: save the plan in another "
                              "folder", dir);
  g_assert_cmpstr (error->message, ==, expected);
  g_assert_true (fp_plan_get_modified (plan));

  g_assert_true (run_quietly (unmount));
  g_assert_cmpint (g_rmdir (dir), ==, 0);
}

static void
test_save_where_a_file_goes (void)
{
  g_autofree char *dir = g_dir_make_tmp ("fp-test-XXXXXX", NULL);
  g_autofree char *folder = g_build_filename (dir, "folder.funnel.json", NULL);
  g_autofree char *pipe = g_build_filename (dir, "pipe.funnel.json", NULL);
  g_autofree char *link = g_build_filename (dir, "link.funnel.json", NULL);
  g_autofree char *long_name = g_strnfill (255 - strlen (".funnel.json"), 'L');
  g_autofree char *long_path = NULL;
  g_autoptr(FpPlan) plan = fp_test_plan_from_text (base);
  GStatBuf st;

  g_assert_cmpint (g_mkdir (folder, 0700), ==, 0);
  g_assert_cmpint (mkfifo (pipe, 0600), ==, 0);
  g_assert_cmpint (symlink (pipe, link), ==, 0);
  for (guint i = 0; i < 3; i++)
    {
      const char *path = i == 0 ? folder : i == 1 ? pipe : link;
      g_autoptr(GFile) file = g_file_new_for_path (path);
      g_autoptr(GError) error = NULL;
      GIOErrorEnum expected = i == 0 ? G_IO_ERROR_IS_DIRECTORY : G_IO_ERROR_NOT_REGULAR_FILE;

      g_assert_false (fp_plan_save_file (plan, file, NULL, &error));
      g_assert_error (error, G_IO_ERROR, (int) expected);
      g_test_message ("%s", error->message);
      g_assert_true (g_str_has_prefix (error->message, path));
    }
  g_assert_cmpint (g_stat (pipe, &st), ==, 0);
  g_assert_true (S_ISFIFO (st.st_mode));
  g_assert_cmpuint (count_files (dir), ==, 3);

  long_path = g_strconcat (dir, "/", long_name, ".funnel.json", NULL);
  {
    g_autoptr(GFile) file = g_file_new_for_path (long_path);
    g_autoptr(GError) error = NULL;

    g_assert_true (fp_plan_save_file (plan, file, NULL, &error));
    g_assert_no_error (error);
    g_assert_true (fp_plan_save_file (plan, file, NULL, &error));
    g_assert_no_error (error);
  }
  g_assert_cmpuint (count_files (dir), ==, 4);

  g_unlink (long_path);
  g_unlink (link);
  g_unlink (pipe);
  g_rmdir (folder);
  g_rmdir (dir);
}

/* A save killed between its write and its rename leaves its hidden
 * temporary file, perhaps truncated; the next save removes those of the
 * plan's that are old, and keeps a fresh one (another instance may be
 * saving) and every other file. */
static void
test_save_removes_stale_temporaries (void)
{
  static const char *const names[] = {
    ".plan.funnel.json.0badf00d~",   /* stale: removed */
    ".plan.funnel.json.12345678~",   /* fresh: kept */
    ".plan.funnel.json.notmine~",    /* not one of ours */
    ".other.funnel.json.0badf00d~",  /* another plan's */
  };
  g_autofree char *dir = g_dir_make_tmp ("fp-test-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "plan.funnel.json", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(FpPlan) plan = fp_test_plan_from_text (base);
  g_autoptr(GError) error = NULL;
  struct utimbuf old = { time (NULL) - 3600, time (NULL) - 3600 };

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_autofree char *name = g_build_filename (dir, names[i], NULL);

      g_assert_true (g_file_set_contents (name, "{\"format\": \"funnel-pl", -1, NULL));
      if (i != 1)
        g_assert_cmpint (utime (name, &old), ==, 0);
    }
  g_assert_true (fp_plan_save_file (plan, file, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (count_files (dir), ==, 4);
  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_autofree char *name = g_build_filename (dir, names[i], NULL);

      g_assert_cmpint (g_file_test (name, G_FILE_TEST_EXISTS), ==, i != 0);
      g_unlink (name);
    }
  g_unlink (path);
  g_rmdir (dir);
}

/* The SHA-256 of the file's bytes as they are now */
static char *
query_checksum (GFile *file)
{
  g_autoptr(GBytes) bytes = g_file_load_bytes (file, NULL, NULL, NULL);

  g_assert_nonnull (bytes);
  return g_compute_checksum_for_bytes (G_CHECKSUM_SHA256, bytes);
}

/* A plan knows the version of the file it was read from or written to
 * (the window tells its own saves from others' by it); a plan made in
 * memory knows none. */
static void
test_file_version (void)
{
  g_autofree char *dir = g_dir_make_tmp ("fp-test-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "plan.funnel.json", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(FpPlan) plan = fp_test_plan_from_text (base);
  g_autoptr(FpPlan) read = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *checksum = NULL;

  g_assert_null (fp_plan_get_file_checksum (plan));

  g_assert_true (fp_plan_save_file (plan, file, NULL, &error));
  g_assert_no_error (error);
  checksum = query_checksum (file);
  g_assert_cmpstr (fp_plan_get_file_checksum (plan), ==, checksum);

  /* Read: the version read, kept after another program's write */
  read = fp_plan_load_file (file, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (fp_plan_get_file_checksum (read), ==, checksum);

  g_unlink (path);
  g_rmdir (dir);
}

/* The version of what is on disk: a plan's bytes; for what gives none to
 * compare, a marker no checksum equals and that tells one such thing from
 * the next; nothing when nothing is there. A pipe is never read: open()
 * would have waited for a writer for good. */
static void
test_file_version_query (void)
{
  g_autofree char *dir = g_dir_make_tmp ("fp-test-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "plan.funnel.json", NULL);
  g_autofree char *folder = g_build_filename (dir, "folder.funnel.json", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GFile) folder_file = g_file_new_for_path (folder);
  g_autofree char *plan_version = NULL;
  g_autofree char *pipe_version = NULL;
  g_autofree char *folder_version = NULL;
  g_autofree char *large_version = NULL;
  g_autofree char *expected = g_compute_checksum_for_string (G_CHECKSUM_SHA256, base, -1);

  g_assert_null (fp_file_version_query (file));

  g_assert_true (g_file_set_contents (path, base, -1, NULL));
  plan_version = fp_file_version_query (file);
  g_assert_cmpstr (plan_version, ==, expected);

  g_assert_cmpint (g_unlink (path), ==, 0);
  g_assert_cmpint (mkfifo (path, 0600), ==, 0);
  pipe_version = fp_file_version_query (file);
  g_assert_true (g_str_has_prefix (pipe_version, "no-plan:"));

  g_assert_cmpint (g_mkdir (folder, 0700), ==, 0);
  folder_version = fp_file_version_query (folder_file);
  g_assert_true (g_str_has_prefix (folder_version, "no-plan:"));
  g_assert_cmpstr (folder_version, !=, pipe_version);

  /* Larger than any plan: not read (a sparse file costs nothing) */
  g_assert_cmpint (g_unlink (path), ==, 0);
  {
    int fd = g_open (path, O_WRONLY | O_CREAT, 0600);

    g_assert_cmpint (fd, >=, 0);
    g_assert_cmpint (ftruncate (fd, FP_PLAN_MAX_FILE_SIZE + 1), ==, 0);
    g_close (fd, NULL);
  }
  large_version = fp_file_version_query (file);
  g_assert_true (g_str_has_prefix (large_version, "no-plan:"));

  g_unlink (path);
  g_rmdir (folder);
  g_rmdir (dir);
}

/* Root reads every file whatever its mode: gives up that right (the
 * effective CAP_DAC_OVERRIDE and CAP_DAC_READ_SEARCH) for this process,
 * so that a mode of 000 keeps even root out, as it does a user. */
#ifdef __linux__
static void
give_up_reading_everything (void)
{
  struct __user_cap_header_struct header = { _LINUX_CAPABILITY_VERSION_3, 0 };
  struct __user_cap_data_struct data[_LINUX_CAPABILITY_U32S_3] = { { 0 } };

  g_assert_cmpint (syscall (SYS_capget, &header, data), ==, 0);
  data[0].effective &= ~((1u << CAP_DAC_OVERRIDE) | (1u << CAP_DAC_READ_SEARCH));
  g_assert_cmpint (syscall (SYS_capset, &header, data), ==, 0);
}
#endif

/* A plan that is there but cannot be read (a colleague's save with umask
 * 077 in a shared folder): opening it says so and names it, and its
 * version on disk is "unreadable", not gone, so a Save asks before it
 * replaces the file. In a subprocess, which gives up root's right to read
 * everything: the tests run as root in CI. */
static void
test_file_unreadable (void)
{
  g_autofree char *dir = NULL;
  g_autofree char *path = NULL;
  g_autofree char *expected = NULL;
  g_autofree char *version = NULL;
  g_autoptr(GFile) file = NULL;
  g_autoptr(FpPlan) plan = NULL;
  g_autoptr(GError) error = NULL;

#ifndef __linux__
  /* Elsewhere, a mode of 000 stops anyone but root */
  if (geteuid () == 0)
    {
      g_test_skip ("root's right to read everything is given up through Linux capabilities");
      return;
    }
#endif
  if (!g_test_subprocess ())
    {
      g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_DEFAULT);
      g_test_trap_assert_passed ();
      return;
    }

  dir = g_dir_make_tmp ("fp-test-XXXXXX", NULL);
  path = g_build_filename (dir, "colleague.funnel.json", NULL);
  file = g_file_new_for_path (path);
  g_assert_true (g_file_set_contents (path, base, -1, NULL));
  g_assert_cmpint (g_chmod (path, 0000), ==, 0);
#ifdef __linux__
  give_up_reading_everything ();
#endif

  version = fp_file_version_query (file);
  g_assert_nonnull (version);
  g_assert_true (g_str_has_prefix (version, "unreadable:"));

  plan = fp_plan_load_file (file, NULL, &error);
  g_assert_null (plan);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_PERMISSION_DENIED);
  expected = g_strdup_printf ("%s: you are not allowed to read this file", path);
  g_assert_cmpstr (error->message, ==, expected);

  g_unlink (path);
  g_rmdir (dir);
}

/* A read-only plan is refused, not renamed over, and the message names it;
 * a folder that cannot be written names the folder, not the hidden
 * temporary file of the save. */
static void
test_save_refuses_read_only (void)
{
  g_autofree char *dir = g_dir_make_tmp ("fp-test-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "kept.funnel.json", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(FpPlan) plan = fp_test_plan_from_text (base);
  g_autoptr(GError) error = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;

  g_assert_true (fp_plan_save_file (plan, file, NULL, &error));
  g_assert_cmpint (g_chmod (path, 0444), ==, 0);
  g_assert_true (g_file_get_contents (path, &before, NULL, NULL));
  g_assert_true (fp_plan_set_title (plan, "Changed", NULL));

  g_assert_false (fp_plan_save_file (plan, file, NULL, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_PERMISSION_DENIED);
  g_assert_nonnull (strstr (error->message, "kept.funnel.json"));
  g_assert_nonnull (strstr (error->message, "read-only"));
  g_assert_true (g_file_get_contents (path, &after, NULL, NULL));
  g_assert_cmpstr (after, ==, before);
  g_assert_true (fp_plan_get_modified (plan));
  g_assert_cmpuint (count_files (dir), ==, 1);
  g_clear_error (&error);

  /* Writable again: saved */
  g_assert_cmpint (g_chmod (path, 0644), ==, 0);
  g_assert_true (fp_plan_save_file (plan, file, NULL, &error));
  g_assert_no_error (error);

  /* A folder that is not there (removed since, or typed wrong) is named,
   * not the temporary file the save would have made in it */
  {
    g_autofree char *gone = g_build_filename (dir, "gone", "plan.funnel.json", NULL);
    g_autoptr(GFile) in_gone = g_file_new_for_path (gone);

    g_assert_false (fp_plan_save_file (plan, in_gone, NULL, &error));
    g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
    g_assert_true (g_str_has_prefix (error->message, "There is no folder “"));
    g_assert_nonnull (strstr (error->message, "gone”"));
    g_assert_null (strstr (error->message, "~"));
    g_clear_error (&error);
  }

  /* sysfs takes no new files, not even from root */
  if (g_file_test ("/sys/kernel", G_FILE_TEST_IS_DIR))
    {
      g_autoptr(GFile) in_sys = g_file_new_for_path ("/sys/kernel/plan.funnel.json");

      g_assert_false (fp_plan_save_file (plan, in_sys, NULL, &error));
      g_assert_nonnull (error);
      g_assert_nonnull (strstr (error->message, "/sys/kernel"));
      g_assert_null (strstr (error->message, "~"));
    }

  g_unlink (path);
  g_rmdir (dir);
}

/* Saving replaces the document's content, not what it is: its permissions
 * stay (private, or writable by a group whatever the umask), and a
 * symbolic link stays a link, with the document it points to saved. */
static void
test_save_keeps_file (void)
{
  g_autofree char *dir = g_dir_make_tmp ("fp-test-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "plan.funnel.json", NULL);
  g_autofree char *link = g_build_filename (dir, "link.funnel.json", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GFile) link_file = g_file_new_for_path (link);
  g_autoptr(FpPlan) plan = fp_test_plan_from_text (base);
  g_autoptr(FpPlan) reloaded = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *target = NULL;
  const guint modes[] = { 0600, 0664, 0640 };
  GStatBuf st;
  mode_t old_umask = umask (022);

  g_assert_true (fp_plan_save_file (plan, file, NULL, &error));
  for (guint i = 0; i < G_N_ELEMENTS (modes); i++)
    {
      g_assert_cmpint (g_chmod (path, modes[i]), ==, 0);
      g_assert_true (fp_plan_save_file (plan, file, NULL, &error));
      g_assert_no_error (error);
      g_assert_cmpint (g_stat (path, &st), ==, 0);
      g_assert_cmpuint (st.st_mode & 07777, ==, modes[i]);
    }

  /* Saved through a relative link */
  g_assert_cmpint (symlink ("plan.funnel.json", link), ==, 0);
  g_assert_true (fp_plan_set_title (plan, "Through the link", &error));
  g_assert_true (fp_plan_save_file (plan, link_file, NULL, &error));
  g_assert_no_error (error);
  target = g_file_read_link (link, NULL);
  g_assert_cmpstr (target, ==, "plan.funnel.json");
  reloaded = fp_plan_load_file (file, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (fp_plan_get_title (reloaded), ==, "Through the link");
  g_assert_cmpuint (count_files (dir), ==, 2);

  /* A link whose ".." starts from a folder reached through another link:
   * the system's reading of the path, not the text's, finds the plan */
  {
    g_autofree char *real = g_build_filename (dir, "real", NULL);
    g_autofree char *sub = g_build_filename (dir, "real", "sub", NULL);
    g_autofree char *alias = g_build_filename (dir, "alias", NULL);
    g_autofree char *plan_path = g_build_filename (real, "nested.funnel.json", NULL);
    g_autofree char *inner = g_build_filename (sub, "nested.funnel.json", NULL);
    g_autofree char *via = g_build_filename (alias, "nested.funnel.json", NULL);
    g_autoptr(GFile) plan_file = g_file_new_for_path (plan_path);
    g_autoptr(GFile) via_file = g_file_new_for_path (via);
    g_autoptr(FpPlan) nested = NULL;

    g_assert_cmpint (g_mkdir_with_parents (sub, 0700), ==, 0);
    g_assert_cmpint (symlink ("real/sub", alias), ==, 0);
    g_assert_cmpint (symlink ("../nested.funnel.json", inner), ==, 0);
    g_assert_true (fp_plan_save_file (plan, plan_file, NULL, &error));
    g_assert_true (fp_plan_set_title (plan, "Through two links", &error));
    g_assert_true (fp_plan_save_file (plan, via_file, NULL, &error));
    g_assert_no_error (error);
    nested = fp_plan_load_file (plan_file, NULL, &error);
    g_assert_no_error (error);
    g_assert_cmpstr (fp_plan_get_title (nested), ==, "Through two links");
    g_assert_cmpuint (count_files (dir), ==, 4);   /* no new plan beside them */

    g_unlink (inner);
    g_unlink (alias);
    g_unlink (plan_path);
    g_rmdir (sub);
    g_rmdir (real);
  }

  umask (old_umask);
  g_unlink (link);
  g_unlink (path);
  g_rmdir (dir);
}

/* A disk that fills up mid-write: the file size limit makes write() fail
 * with EFBIG, as ENOSPC would, even for root. */
static void
save_over_limit (const char *target)
{
  g_autoptr(GFile) file = g_file_new_for_path (target);
  g_autoptr(FpPlan) plan = fp_test_plan_from_text (base);
  g_autoptr(GError) error = NULL;
  struct rlimit limit = { 200, 200 };

  g_autofree char *named = g_strdup_printf ("“%s” was not saved: ", target);

  g_assert_true (fp_plan_set_title (plan, "Does not fit", &error));
  signal (SIGXFSZ, SIG_IGN);
  g_assert_cmpint (setrlimit (RLIMIT_FSIZE, &limit), ==, 0);
  g_assert_false (fp_plan_save_file (plan, file, NULL, &error));
  g_assert_nonnull (error);
  /* The plan's file, not GLib's "Error writing to file: ..." alone */
  g_assert_true (g_str_has_prefix (error->message, named));
  g_assert_true (fp_plan_get_modified (plan));
}

static void
test_save_full_disk (void)
{
  g_autofree char *dir = NULL;
  g_autofree char *path = NULL;
  g_autofree char *after = NULL;

  if (g_test_subprocess ())
    {
      save_over_limit (g_getenv ("FP_TEST_SAVE_PATH"));
      return;
    }

  dir = g_dir_make_tmp ("fp-test-XXXXXX", NULL);
  path = g_build_filename (dir, "plan.funnel.json", NULL);
  g_assert_true (g_file_set_contents (path, base, -1, NULL));
  g_setenv ("FP_TEST_SAVE_PATH", path, TRUE);
  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_INHERIT_STDERR);
  g_test_trap_assert_passed ();

  g_assert_true (g_file_get_contents (path, &after, NULL, NULL));
  g_assert_cmpstr (after, ==, base);
  g_assert_cmpuint (count_files (dir), ==, 1);

  g_unlink (path);
  g_rmdir (dir);
}

/* A write that fails names the plan's file: GLib's messages name none
 * ("Error writing to file: No space left on device") or the hidden
 * temporary file. A full disk says so in words. */
static void
test_save_error_words (void)
{
  g_autoptr(GFile) file = g_file_new_for_path ("/plans/q3.funnel.json");
  g_autoptr(GError) full = g_error_new_literal (G_IO_ERROR, G_IO_ERROR_NO_SPACE,
                                                "Error opening file “/plans/.q3.funnel.json.1a2b~”: "
                                                "No space left on device");
  g_autoptr(GError) other = g_error_new_literal (G_IO_ERROR, G_IO_ERROR_FAILED,
                                                 "Error writing to file: Disk quota exceeded");
  g_autoptr(GError) error = NULL;

  _fp_plan_explain_write_error (file, full, &error);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NO_SPACE);
  g_assert_cmpstr (error->message, ==, "The disk is full: “/plans/q3.funnel.json” was not saved. "
                                       "Free some space, or save the plan in another folder.");
  g_clear_error (&error);

  _fp_plan_explain_write_error (file, other, &error);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_FAILED);
  g_assert_cmpstr (error->message, ==, "“/plans/q3.funnel.json” was not saved: "
                                       "Error writing to file: Disk quota exceeded");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/document/load/base", test_base_loads);
  g_test_add_func ("/document/load/rules", test_rules);
  g_test_add_func ("/document/load/too-new", test_too_new);
  g_test_add_func ("/document/load/defaults", test_defaults);
  g_test_add_func ("/document/load/syntax-error", test_syntax_error);
  g_test_add_func ("/document/load/undecodable-name", test_undecodable_name_in_messages);
  g_test_add_func ("/document/load/syntax-words", test_syntax_words);
  g_test_add_func ("/document/load/cut-off", test_cut_off);
  g_test_add_func ("/document/load/places", test_places);
  g_test_add_func ("/document/load/text-after-plan", test_text_after_plan);
  g_test_add_func ("/document/load/empty", test_empty);
  g_test_add_func ("/document/load/not-an-object", test_not_an_object);
  g_test_add_func ("/document/load/not-a-plan", test_not_a_plan);
  g_test_add_func ("/document/load/wide-encoding", test_wide_encoding);
  g_test_add_func ("/document/load/non-finite", test_non_finite);
  g_test_add_func ("/document/load/deep-nesting", test_deep_nesting);
  g_test_add_func ("/document/load/too-many-values", test_too_many_values);
  g_test_add_func ("/document/load/invalid-utf8", test_invalid_utf8);
  g_test_add_func ("/document/load/too-large", test_too_large);
  g_test_add_func ("/document/load/missing-file", test_missing_file);
  g_test_add_func ("/document/load/location", test_load_location);
  g_test_add_func ("/document/load/unsupported-location", test_load_unsupported_location);
  g_test_add_func ("/document/save/unknown-keys", test_unknown_keys_round_trip);
  g_test_add_func ("/document/save/doubles", test_doubles_round_trip);
  g_test_add_func ("/document/save/readable-numbers", test_readable_numbers);
  g_test_add_func ("/document/load/json-numbers", test_json_numbers);
  g_test_add_func ("/document/load/period-end", test_period_end);
  g_test_add_func ("/document/load/special-file", test_load_special_file);
  g_test_add_func ("/document/load/json-string-escapes", test_json_string_escapes);
  g_test_add_func ("/document/load/duplicate-keys", test_duplicate_keys);
  g_test_add_func ("/document/unknown-keys/raw-tokens", test_unknown_raw_tokens);
  g_test_add_func ("/document/unknown-keys/raw-edges", test_unknown_raw_edges);
  g_test_add_func ("/document/save/atomic", test_save_atomic);
  g_test_add_func ("/document/save/where-a-file-goes", test_save_where_a_file_goes);
  g_test_add_func ("/document/save/stale-temporaries", test_save_removes_stale_temporaries);
  g_test_add_func ("/document/save/read-only-disk", test_save_read_only_disk);
  g_test_add_func ("/document/file-version", test_file_version);
  g_test_add_func ("/document/file-version-query", test_file_version_query);
  g_test_add_func ("/document/file-unreadable", test_file_unreadable);
  g_test_add_func ("/document/save/keeps-file", test_save_keeps_file);
  g_test_add_func ("/document/save/read-only", test_save_refuses_read_only);
  g_test_add_func ("/document/save/error-words", test_save_error_words);
  g_test_add_func ("/document/save/full-disk", test_save_full_disk);

  return g_test_run ();
}
