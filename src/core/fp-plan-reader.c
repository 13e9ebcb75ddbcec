/* fp-plan-reader.c: *.funnel.json text to a plan, every rule checked
 *
 * A document either loads whole or not at all: the state is built aside and
 * becomes a plan only once every rule holds.
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

#include "fp-error.h"
#include "fp-file-read.h"
#include "fp-json-private.h"
#include "fp-plan-io.h"
#include "fp-plan-private.h"

typedef struct
{
  const char *file;
  GError **error;
  const char *data;       /* the text as written */
  gsize length;
  GHashTable *positions;  /* path to FpJsonPosition, scanned on the first message */
} Reader;

/* A short description of what was found, for "(got ...)". */
static char *
describe (JsonNode *node)
{
  char buffer[G_ASCII_DTOSTR_BUF_SIZE];

  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return g_strdup ("null");
  if (JSON_NODE_HOLDS_OBJECT (node))
    return g_strdup (_("an object"));
  /* How many: "[0.5]" for a range [min, max] was "a list" */
  if (JSON_NODE_HOLDS_ARRAY (node))
    {
      guint n = json_array_get_length (json_node_get_array (node));

      if (n == 0)
        return g_strdup (_("an empty list"));
      return g_strdup_printf (ngettext ("a list of %u value", "a list of %u values", n), n);
    }

  switch (json_node_get_value_type (node))
    {
    case G_TYPE_BOOLEAN:
      return g_strdup (json_node_get_boolean (node) ? "true" : "false");

    case G_TYPE_INT64:
      return g_strdup_printf ("%" G_GINT64_FORMAT, json_node_get_int (node));

    case G_TYPE_DOUBLE:
      _fp_format_double (buffer, sizeof buffer, json_node_get_double (node));
      return g_strdup (buffer);

    case G_TYPE_STRING:
      {
        const char *text = json_node_get_string (node);

        if (g_utf8_strlen (text, -1) > 40)
          {
            g_autofree char *start = g_utf8_substring (text, 0, 40);
            return g_strdup_printf ("\"%s…\"", start);
          }
        return g_strdup_printf ("\"%s\"", text);
      }

    default:
      return g_strdup ("?");
    }
}

/* "FILE:LINE:COLUMN" where the value at @path starts; for a value that is
 * missing, where the object that lacks it does ("period.months" at
 * "period"), and the document's start for the document. */
static char *
place_of (Reader     *reader,
          const char *path)
{
  g_autofree char *lookup = g_strdup (path);
  const FpJsonPosition *at = NULL;

  /* Only a document with a message pays for its values' places */
  if (reader->positions == NULL)
    {
      g_autoptr(GArray) raw_spans = g_array_new (FALSE, FALSE, sizeof (FpJsonSpan));

      reader->positions = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
      _fp_json_scan (reader->data, reader->length, reader->file, raw_spans, reader->positions, NULL);
    }
  while ((at = g_hash_table_lookup (reader->positions, lookup)) == NULL && lookup[0] != '\0')
    {
      char *dot = strrchr (lookup, '.');
      char *bracket = strrchr (lookup, '[');
      char *cut = MAX (dot, bracket);

      if (cut != NULL)
        *cut = '\0';
      else
        lookup[0] = '\0';
    }
  if (at == NULL)
    return g_strdup (reader->file);
  return g_strdup_printf ("%s:%u:%u", reader->file, at->line, at->column);
}

static gboolean
fail (Reader     *reader,
      const char *path,
      const char *reason,
      JsonNode   *got)
{
  g_autofree char *found = got != NULL ? describe (got) : NULL;
  g_autofree char *place = place_of (reader, path);

  if (found != NULL)
    g_set_error (reader->error, FP_PLAN_ERROR, FP_PLAN_ERROR_INVALID,
                 /* Translators: the place ("plan.funnel.json:3:16"), the field,
                  * the rule broken, the value found. Keep the two colons as
                  * they are, ASCII: the other messages of the reader, not
                  * translated, have them so, and tools read "FILE:LINE:COLUMN: " */
                 _("%s: %s: %s (got %s)"), place, path, reason, found);
  else
    g_set_error (reader->error, FP_PLAN_ERROR, FP_PLAN_ERROR_INVALID,
                 "%s: %s: %s", place, path, reason);
  return FALSE;
}

/* "stages[2]" + "conversion" is "stages[2].conversion"; no prefix, the key. */
static char *
member_path (const char *prefix,
             const char *key)
{
  return prefix != NULL ? g_strdup_printf ("%s.%s", prefix, key) : g_strdup (key);
}

static gboolean
is_number (JsonNode *node)
{
  GType type;

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node))
    return FALSE;
  type = json_node_get_value_type (node);
  return type == G_TYPE_INT64 || type == G_TYPE_DOUBLE;
}

static double
number_of (JsonNode *node)
{
  if (json_node_get_value_type (node) == G_TYPE_INT64)
    return (double) json_node_get_int (node);
  return json_node_get_double (node);
}

/* Reads member @key of @object as a number that @check allows. */
static gboolean
read_number (Reader      *reader,
             JsonObject  *object,
             const char  *prefix,
             const char  *key,
             gboolean     required,
             const char *(*check) (double),
             double      *value)
{
  g_autofree char *path = member_path (prefix, key);
  JsonNode *node = json_object_get_member (object, key);
  const char *reason;

  if (node == NULL)
    {
      if (required)
        return fail (reader, path, _("is required"), NULL);
      return TRUE;
    }
  if (!is_number (node))
    return fail (reader, path, _("must be a number"), node);
  if ((reason = check (number_of (node))) != NULL)
    return fail (reader, path, reason, node);

  *value = number_of (node);
  return TRUE;
}

/* Reads member @key as a string; NULL in *value when absent and optional. */
static gboolean
read_string (Reader      *reader,
             JsonObject  *object,
             const char  *prefix,
             const char  *key,
             gboolean     required,
             const char  *(*check) (const char *),
             const char **value)
{
  g_autofree char *path = member_path (prefix, key);
  JsonNode *node = json_object_get_member (object, key);
  const char *reason;

  *value = NULL;
  if (node == NULL)
    {
      if (required)
        return fail (reader, path, _("is required"), NULL);
      return TRUE;
    }
  if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
    return fail (reader, path, _("must be text"), node);
  if (check != NULL && (reason = check (json_node_get_string (node))) != NULL)
    return fail (reader, path, reason, node);

  *value = json_node_get_string (node);
  return TRUE;
}

static JsonObject *
read_object (Reader     *reader,
             JsonObject *parent,
             const char *path,
             const char *key)
{
  JsonNode *node = json_object_get_member (parent, key);

  if (node == NULL)
    return NULL;
  if (!JSON_NODE_HOLDS_OBJECT (node))
    {
      fail (reader, path, _("must be an object"), node);
      return NULL;
    }
  return json_node_get_object (node);
}

const char * const _fp_plan_root_keys[] = {
  "format", "version", "title", "currency", "period", "revenue_target",
  "average_deal_size", "handoff_stage", "pipeline_stage", "inflow", "stages", NULL
};
const char * const _fp_plan_period_keys[] = { "start", "months", "weights", NULL };
const char * const _fp_plan_stage_keys[] = {
  "id", "name", "conversion", "duration_days", "cost_per_unit", "benchmark", NULL
};
const char * const _fp_plan_benchmark_keys[] = { "conversion", "duration_days", NULL };
const char * const _fp_plan_inflow_keys[] = { "stage", "per_month", NULL };

/* The members of @object whose keys are not in @known, or NULL. */
static JsonObject *
collect_unknown (JsonObject         *object,
                 const char * const *known)
{
  JsonObject *unknown = NULL;
  JsonObjectIter iter;
  const char *key;
  JsonNode *member;

  json_object_iter_init_ordered (&iter, object);
  while (json_object_iter_next_ordered (&iter, &key, &member))
    {
      if (g_strv_contains (known, key))
        continue;
      if (unknown == NULL)
        unknown = json_object_new ();
      json_object_set_member (unknown, key, json_node_copy (member));
    }
  return unknown;
}

static gboolean
read_period (Reader      *reader,
             JsonObject  *root,
             FpPlanState *state)
{
  JsonObject *period;
  JsonNode *weights;
  const char *start;
  double months = 0;
  double sum = 0;
  int year, month;

  if (json_object_get_member (root, "period") == NULL)
    return fail (reader, "period", _("is required"), NULL);
  if ((period = read_object (reader, root, "period", "period")) == NULL)
    return FALSE;

  if (!read_string (reader, period, "period", "start", TRUE, NULL, &start))
    return FALSE;
  if (strlen (start) != 10 || start[4] != '-' || start[7] != '-' ||
      start[8] != '0' || start[9] != '1' ||
      !g_ascii_isdigit (start[0]) || !g_ascii_isdigit (start[1]) ||
      !g_ascii_isdigit (start[2]) || !g_ascii_isdigit (start[3]) ||
      !g_ascii_isdigit (start[5]) || !g_ascii_isdigit (start[6]) ||
      (year = atoi (start)) < 1 ||
      (month = (start[5] - '0') * 10 + (start[6] - '0')) < 1 || month > 12)
    return fail (reader, "period.start",
                 _("must be the first day of a month, as YYYY-MM-01"),
                 json_object_get_member (period, "start"));
  state->start_year = year;
  state->start_month = month;

  if (!read_number (reader, period, "period", "months", TRUE, _fp_check_months, &months))
    return FALSE;
  state->months = (guint) months;
  {
    const char *problem = _fp_check_period_end (year, month, state->months);

    if (problem != NULL)
      return fail (reader, "period.months", problem, json_object_get_member (period, "months"));
  }

  weights = json_object_get_member (period, "weights");
  if (weights != NULL)
    {
      JsonArray *array;

      if (!JSON_NODE_HOLDS_ARRAY (weights))
        return fail (reader, "period.weights", _("must be a list of numbers"), weights);
      array = json_node_get_array (weights);
      if (json_array_get_length (array) != state->months)
        {
          g_autofree char *reason =
            g_strdup_printf (_("must have one number per month (%u months, %u numbers)"),
                             state->months, json_array_get_length (array));
          return fail (reader, "period.weights", reason, NULL);
        }
      state->weights = g_array_sized_new (FALSE, FALSE, sizeof (double), state->months);
      for (guint i = 0; i < state->months; i++)
        {
          g_autofree char *path = g_strdup_printf ("period.weights[%u]", i);
          JsonNode *element = json_array_get_element (array, i);
          double weight;

          if (!is_number (element))
            return fail (reader, path, _("must be a number"), element);
          weight = number_of (element);
          if (_fp_check_weight (weight) != NULL)
            return fail (reader, path, _fp_check_weight (weight), element);
          g_array_append_val (state->weights, weight);
          sum += weight;
        }
      if (_fp_check_weight_sum (sum) != NULL)
        return fail (reader, "period.weights", _fp_check_weight_sum (sum), NULL);
    }

  state->period_unknown = collect_unknown (period, _fp_plan_period_keys);
  return TRUE;
}

static gboolean
read_range (Reader      *reader,
            JsonObject  *benchmark,
            const char  *prefix,
            const char  *key,
            double       lowest,
            double       highest,
            FpRange     *range)
{
  g_autofree char *path = member_path (prefix, key);
  JsonNode *node = json_object_get_member (benchmark, key);
  JsonArray *array;
  JsonNode *low, *high;

  if (node == NULL)
    return TRUE;
  if (!JSON_NODE_HOLDS_ARRAY (node) || json_array_get_length (json_node_get_array (node)) != 2)
    return fail (reader, path, _("must be a range [min, max]"), node);

  array = json_node_get_array (node);
  low = json_array_get_element (array, 0);
  high = json_array_get_element (array, 1);
  if (!is_number (low) || !is_number (high) ||
      number_of (low) < lowest || number_of (high) > highest || number_of (low) > number_of (high))
    {
      g_autofree char *reason =
        g_strdup_printf (_("must be a range [min, max] with %g <= min <= max <= %g"),
                         lowest, highest);
      return fail (reader, path, reason, NULL);
    }

  range->min = number_of (low);
  range->max = number_of (high);
  range->set = TRUE;
  return TRUE;
}

static gboolean
read_stage (Reader      *reader,
            JsonNode    *node,
            guint        index,
            gboolean     last,
            FpPlanState *state)
{
  g_autofree char *prefix = g_strdup_printf ("stages[%u]", index);
  g_autoptr(FpStage) stage = NULL;
  JsonObject *object, *benchmark;
  const char *id, *name;

  if (!JSON_NODE_HOLDS_OBJECT (node))
    return fail (reader, prefix, _("must be an object"), node);
  object = json_node_get_object (node);

  if (!read_string (reader, object, prefix, "id", TRUE, _fp_check_id, &id) ||
      !read_string (reader, object, prefix, "name", TRUE, _fp_check_name, &name))
    return FALSE;
  stage = fp_stage_new (id, name);

  if (last)
    {
      /* The closed deals convert to nothing and wait for nothing. */
      if (json_object_has_member (object, "conversion"))
        {
          g_autofree char *path = g_strdup_printf ("%s.conversion", prefix);
          return fail (reader, path, _("the last stage (closed deals) has no conversion"),
                       json_object_get_member (object, "conversion"));
        }
      if (json_object_has_member (object, "duration_days"))
        {
          g_autofree char *path = g_strdup_printf ("%s.duration_days", prefix);
          return fail (reader, path, _("the last stage (closed deals) has no duration"),
                       json_object_get_member (object, "duration_days"));
        }
    }
  else if (!read_number (reader, object, prefix, "conversion", TRUE, _fp_check_conversion,
                         &stage->conversion) ||
           !read_number (reader, object, prefix, "duration_days", TRUE, _fp_check_duration,
                         &stage->duration_days))
    {
      return FALSE;
    }

  if (!read_number (reader, object, prefix, "cost_per_unit", FALSE, _fp_check_cost,
                    &stage->cost_per_unit))
    return FALSE;

  if (json_object_has_member (object, "benchmark"))
    {
      g_autofree char *path = g_strdup_printf ("%s.benchmark", prefix);

      if ((benchmark = read_object (reader, object, path, "benchmark")) == NULL)
        return FALSE;
      if (!read_range (reader, benchmark, path, "conversion", 0, 1,
                       &stage->benchmark_conversion) ||
          !read_range (reader, benchmark, path, "duration_days", 0, 3650,
                       &stage->benchmark_duration_days))
        return FALSE;
      stage->benchmark_unknown = collect_unknown (benchmark, _fp_plan_benchmark_keys);
    }

  for (guint i = 0; i < state->stages->len; i++)
    {
      FpStage *other = g_ptr_array_index (state->stages, i);

      if (g_str_equal (other->id, id))
        {
          g_autofree char *path = g_strdup_printf ("%s.id", prefix);
          g_autofree char *reason =
            g_strdup_printf (_("must be unique, but stages[%u] has it too"), i);
          return fail (reader, path, reason, json_object_get_member (object, "id"));
        }
    }

  stage->unknown = collect_unknown (object, _fp_plan_stage_keys);
  g_ptr_array_add (state->stages, g_steal_pointer (&stage));
  return TRUE;
}

/* Reads the id of a role (handoff_stage, ...) into a stage index. */
static gboolean
read_role (Reader      *reader,
           JsonObject  *object,
           const char  *prefix,
           const char  *key,
           guint        fallback,
           FpPlanState *state,
           guint       *index)
{
  g_autofree char *path = member_path (prefix, key);
  const char *id;

  *index = fallback;
  if (!read_string (reader, object, prefix, key, FALSE, NULL, &id))
    return FALSE;
  if (id == NULL)
    return TRUE;

  for (guint i = 0; i + 1 < state->stages->len; i++)
    if (g_str_equal (((FpStage *) g_ptr_array_index (state->stages, i))->id, id))
      {
        *index = i;
        return TRUE;
      }
  return fail (reader, path, _("must be the id of a stage other than the last"),
               json_object_get_member (object, key));
}

static gboolean
read_plan (Reader      *reader,
           JsonNode    *root_node,
           FpPlanState *state)
{
  JsonObject *root, *inflow;
  JsonNode *version, *stages;
  const char *format, *title, *currency;
  JsonArray *array;
  guint n;

  if (!JSON_NODE_HOLDS_OBJECT (root_node))
    return fail (reader, _("document"), _("must be a JSON object"), root_node);
  root = json_node_get_object (root_node);

  /* Some other program's JSON */
  if (!json_object_has_member (root, "format"))
    return fail (reader, "format", _("is required: without it, this is not a plan"), NULL);
  if (!read_string (reader, root, NULL, "format", TRUE, NULL, &format))
    return FALSE;
  if (!g_str_equal (format, FP_PLAN_FORMAT))
    return fail (reader, "format", _("must be \"funnel-planner/plan\": this is not a plan"),
                 json_object_get_member (root, "format"));

  version = json_object_get_member (root, "version");
  if (version == NULL)
    return fail (reader, "version", _("is required"), NULL);
  if (!is_number (version) || number_of (version) != floor (number_of (version)) ||
      number_of (version) < 1)
    return fail (reader, "version", _("must be a whole number from 1"), version);
  if (number_of (version) > FP_PLAN_FORMAT_VERSION)
    {
      g_set_error (reader->error, FP_PLAN_ERROR, FP_PLAN_ERROR_TOO_NEW,
                   _("%s: made by a newer version of Funnel Planner (plan version %g; this "
                     "version reads up to %d). Update Funnel Planner to open it."),
                   reader->file, number_of (version), FP_PLAN_FORMAT_VERSION);
      return FALSE;
    }

  if (!read_string (reader, root, NULL, "title", FALSE, _fp_check_title, &title) ||
      !read_string (reader, root, NULL, "currency", FALSE, _fp_check_currency, &currency))
    return FALSE;
  if (title != NULL)
    {
      g_free (state->title);
      state->title = g_strdup (title);
    }
  if (currency != NULL)
    g_strlcpy (state->currency, currency, sizeof state->currency);

  if (!read_period (reader, root, state) ||
      !read_number (reader, root, NULL, "revenue_target", TRUE, _fp_check_positive,
                    &state->revenue_target) ||
      !read_number (reader, root, NULL, "average_deal_size", TRUE, _fp_check_positive,
                    &state->average_deal_size))
    return FALSE;

  stages = json_object_get_member (root, "stages");
  if (stages == NULL)
    return fail (reader, "stages", _("is required"), NULL);
  if (!JSON_NODE_HOLDS_ARRAY (stages))
    return fail (reader, "stages", _("must be a list of stages"), stages);
  array = json_node_get_array (stages);
  n = json_array_get_length (array);
  if (n < FP_PLAN_MIN_STAGES || n > FP_PLAN_MAX_STAGES)
    {
      g_autofree char *reason = g_strdup_printf (_("must have 2 to 64 stages (got %u)"), n);
      return fail (reader, "stages", reason, NULL);
    }
  for (guint i = 0; i < n; i++)
    if (!read_stage (reader, json_array_get_element (array, i), i, i == n - 1, state))
      return FALSE;

  /* Defaults of PLAN-FORMAT.md: the second stage and the second-to-last. */
  if (!read_role (reader, root, NULL, "handoff_stage", MIN (1, n - 2), state,
                  &state->handoff_index) ||
      !read_role (reader, root, NULL, "pipeline_stage", n - 2, state, &state->pipeline_index))
    return FALSE;

  if (json_object_has_member (root, "inflow"))
    {
      if ((inflow = read_object (reader, root, "inflow", "inflow")) == NULL)
        return FALSE;
      if (!read_role (reader, inflow, "inflow", "stage", 0, state, &state->inflow_index) ||
          !read_number (reader, inflow, "inflow", "per_month", TRUE, _fp_check_per_month,
                        &state->inflow_per_month))
        return FALSE;
      state->has_inflow = TRUE;
      state->inflow_unknown = collect_unknown (inflow, _fp_plan_inflow_keys);
    }

  state->unknown = collect_unknown (root, _fp_plan_root_keys);
  return TRUE;
}

/* @data with each of @raw_spans, a token json-glib cannot keep, replaced
 * by the placeholder string "fp-raw-NONCE-N"; the tokens go into @state,
 * for saving to write back. The nonce is new for every load, so a
 * document cannot hold a placeholder of its own making. */
static char *
with_raw_placeholders (const char        *data,
                       gsize              length,
                       const GArray      *raw_spans,
                       FpPlanState       *state)
{
  GString *text = g_string_sized_new (length + raw_spans->len * 64);
  g_autofree char *uuid = g_uuid_string_random ();
  gsize done = 0;

  state->raw_nonce = g_strdup (uuid);
  state->raw_tokens = g_ptr_array_new_with_free_func (g_free);
  for (guint i = 0; i < raw_spans->len; i++)
    {
      const FpJsonSpan *span = &g_array_index (raw_spans, FpJsonSpan, i);
      GString *token = g_string_sized_new (span->end - span->start);
      g_autofree char *placeholder = _fp_plan_raw_placeholder (uuid, i);

      g_string_append_len (text, data + done, span->start - done);
      g_string_append_printf (text, "\"%s\"", placeholder);
      /* json-glib takes a tab or a line break as written inside a string;
       * JSON writes them escaped, and so does the saved token. The line
       * breaks follow the placeholder, to keep the lines where they were. */
      for (const char *c = data + span->start; c < data + span->end; c++)
        {
          if ((guchar) *c >= 0x20)
            g_string_append_c (token, *c);
          else
            g_string_append_printf (token, "\\u%04x", (guint) (guchar) *c);
          if (*c == '\n')
            g_string_append_c (text, '\n');
        }
      g_ptr_array_add (state->raw_tokens, g_string_free (token, FALSE));
      done = span->end;
    }
  g_string_append_len (text, data + done, length - done);
  return g_string_free (text, FALSE);
}

/* Whether @data starts as a JSON object or list does, past white space and
 * a byte-order mark; if not, where it starts. A CSV, a picture or a text
 * given for a plan was told in JSON's words ("“stage” is not a JSON
 * value"), which left the reader to work out that the file was no plan. */
static gboolean
starts_as_json (const char *data,
                gsize       length,
                guint      *line,
                guint      *column)
{
  const char *p = data;
  const char *end = data + length;

  *line = 1;
  *column = 1;
  if (length >= 3 && memcmp (p, "\xef\xbb\xbf", 3) == 0)
    p += 3;
  for (; p < end && g_ascii_isspace (*p); p++)
    {
      if (*p == '\n')
        {
          (*line)++;
          *column = 1;
        }
      else
        (*column)++;
    }
  /* Empty: that has its own message */
  return p == end || *p == '{' || *p == '[';
}

/* "UTF-16" or "UTF-32" when @data is JSON in one of them: its first
 * character, after a byte-order mark and white space, is "{" or "[" in
 * one of their forms. NULL otherwise: a CSV in UTF-16 is told it is no
 * plan, as in UTF-8. Such a plan was told that a plan "starts with “{”",
 * which it does, to the eye. */
static const char *
wide_encoding (const guint8 *data,
               gsize         length)
{
  static const struct { const char *name; guint width; gboolean big_endian; } forms[] = {
    { "UTF-32", 4, FALSE }, { "UTF-32", 4, TRUE }, { "UTF-16", 2, FALSE }, { "UTF-16", 2, TRUE },
  };

  for (guint f = 0; f < G_N_ELEMENTS (forms); f++)
    {
      guint width = forms[f].width;

      for (gsize at = 0; at + width <= length; at += width)
        {
          guint32 c = 0;

          for (guint b = 0; b < width; b++)
            c |= (guint32) data[at + b] << (8 * (forms[f].big_endian ? width - 1 - b : b));
          if (at == 0 && c == 0xfeff)
            continue;
          if (c == ' ' || c == '\t' || c == '\n' || c == '\r')
            continue;
          if (c == '{' || c == '[')
            return forms[f].name;
          break;
        }
    }
  return NULL;
}

FpPlan *
fp_plan_load_bytes (GBytes      *bytes,
                    const char  *display_name,
                    GError     **error)
{
  g_autoptr(JsonParser) parser = NULL;
  g_autoptr(FpPlanState) state = NULL;
  g_autoptr(GError) parse_error = NULL;
  g_autoptr(GArray) raw_spans = g_array_new (FALSE, FALSE, sizeof (FpJsonSpan));
  Reader reader = { display_name, error };
  g_autofree char *with_placeholders = NULL;
  const char *data;
  gsize length;
  gboolean read;
  guint line, column;
  const char *encoding;

  g_return_val_if_fail (bytes != NULL, NULL);
  g_return_val_if_fail (display_name != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  data = g_bytes_get_data (bytes, &length);
  if ((encoding = wide_encoding ((const guint8 *) data, length)) != NULL)
    {
      /* Translators: %1$s is the file, %2$s "UTF-16" or "UTF-32" */
      g_set_error (error, FP_PLAN_ERROR, FP_PLAN_ERROR_SYNTAX,
                   _("%1$s: the file is written in %2$s; a plan is read in UTF-8: save it "
                     "as UTF-8 in a text editor"),
                   display_name, encoding);
      return NULL;
    }
  if (!starts_as_json (data, length, &line, &column))
    {
      g_set_error (error, FP_PLAN_ERROR, FP_PLAN_ERROR_SYNTAX, "%s:%u:%u: %s", display_name, line,
                   column, _("this is not a plan: a plan is a JSON object, which starts with “{”"));
      return NULL;
    }
  if (!_fp_json_scan (data, length, display_name, raw_spans, NULL, error))
    return NULL;
  /* Before json-glib: it names the state of its parser ("unexpected
   * string constant") near a problem, where the grammar check names the
   * problem where it is; and json-glib 1.6 leaks the tree it was building
   * on some of them. */
  if (!_fp_json_check_grammar (data, length, display_name, error))
    return NULL;
  reader.data = data;
  reader.length = length;

  state = _fp_plan_state_new ();
  parser = json_parser_new_immutable ();
  /* Placeholders keep every line where it was; a syntax error's column
   * is counted back to the text as written. */
  if (raw_spans->len > 0)
    {
      with_placeholders = with_raw_placeholders (data, length, raw_spans, state);
      json_parser_load_from_data (parser, with_placeholders, -1, &parse_error);
    }
  else
    json_parser_load_from_data (parser, data, length, &parse_error);
  /* Not seen: the grammar check finds what json-glib refuses. Its words
   * then, with its place, in bytes of what it read. */
  if (parse_error != NULL)
    {
      const char *what = g_str_has_prefix (parse_error->message, "<data>")
                         ? parse_error->message + strlen ("<data>") : parse_error->message;

      g_set_error (error, FP_PLAN_ERROR, FP_PLAN_ERROR_SYNTAX, "%s%s%s", display_name,
                   what[0] == ':' ? "" : ": ", what);
      return NULL;
    }
  read = read_plan (&reader, json_parser_get_root (parser), state);
  g_clear_pointer (&reader.positions, g_hash_table_unref);
  if (!read)
    return NULL;
  if (!_fp_plan_state_validate (state, error))
    {
      g_prefix_error (error, "%s: ", display_name);
      return NULL;
    }

  return _fp_plan_new_from_state (g_steal_pointer (&state));
}

/* The failure to read @name, said as the plan's messages are: "NAME:
 * what", in words for the common cases. The domain and code stay GIO's. */
static void
set_read_error (GError     **error,
                const char  *name,
                GError      *io_error)
{
  /* Whole sentences, not "%s: %s": a translator moves the name and writes
   * the punctuation their language uses (a full-width colon in Chinese). */
  if (g_error_matches (io_error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND))
    /* Translators: %s is a file's name or location */
    g_set_error (error, io_error->domain, io_error->code, _("%s: there is no such file"), name);
  else if (g_error_matches (io_error, G_IO_ERROR, G_IO_ERROR_PERMISSION_DENIED))
    g_set_error (error, io_error->domain, io_error->code,
                 /* Translators: %s is a file's name or location */
                 _("%s: you are not allowed to read this file"), name);
  else if (g_error_matches (io_error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED))
    g_set_error (error, io_error->domain, io_error->code,
                 /* Translators: %s is a location, such as a web address */
                 _("%s: plans cannot be opened from this kind of location; copy the plan "
                   "into a folder first"), name);
  /* GIO's words for the rest, which name the file when they come from the
   * file system ("NAME: Input/output error") and not always otherwise */
  else if (strstr (io_error->message, name) == NULL)
    g_set_error (error, io_error->domain, io_error->code, "%s: %s", name, io_error->message);
  else
    g_propagate_error (error, g_error_copy (io_error));
}

FpPlan *
fp_plan_load_file (GFile         *file,
                   GCancellable  *cancellable,
                   GError       **error)
{
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) io_error = NULL;
  g_autofree char *name = NULL;
  FpPlan *plan;

  g_return_val_if_fail (G_IS_FILE (file), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  name = fp_file_get_display_path (file);

  switch (_fp_file_read (file, cancellable, &bytes, &io_error))
    {
    case FP_FILE_READ_OK:
      break;
    case FP_FILE_READ_GONE:
    case FP_FILE_READ_FAILED:
      set_read_error (error, name, io_error);
      return NULL;
    /* GIO would say "Error opening file NAME: Is a directory" */
    case FP_FILE_READ_FOLDER:
      /* Translators: %s is a folder's name or location */
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_IS_DIRECTORY, _("%s: a folder, not a plan file"),
                   name);
      return NULL;
    case FP_FILE_READ_SPECIAL:
      /* /dev/zero would be read until memory runs out, a pipe with no
       * writer forever */
      g_set_error (error, FP_PLAN_ERROR, FP_PLAN_ERROR_TOO_LARGE,
                   _("%s: not a file but a device or a pipe; a plan is a file"), name);
      return NULL;
    /* A network share or a shortcut to one, as GVfs lists them */
    case FP_FILE_READ_PLACE:
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_REGULAR_FILE,
                   /* Translators: %s is a location, such as a network share */
                   _("%s: a place to open, not a plan file"), name);
      return NULL;
    case FP_FILE_READ_TOO_LARGE:
    default:
      g_set_error (error, FP_PLAN_ERROR, FP_PLAN_ERROR_TOO_LARGE,
                   _("%s: the file is larger than %u MiB; it cannot be a plan"),
                   name, FP_PLAN_MAX_FILE_SIZE / (1024 * 1024));
      return NULL;
    }

  plan = fp_plan_load_bytes (bytes, name, error);
  if (plan != NULL)
    _fp_plan_set_file_version (plan, bytes);
  return plan;
}
