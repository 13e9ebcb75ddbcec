/* fp-json-scan.c: a guard in front of json-glib's parser */
#include "config.h"

#include <errno.h>
#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

#include "fp-error.h"
#include "fp-format.h"
#include "fp-json-private.h"
#include "fp-plan-io.h"
#include "fp-plan-private.h"

typedef struct
{
  const char *name;
  guint line;
  guint column; /* in characters, 1-based */
} Position;

gboolean
_fp_json_fail_at (GError               **error,
                  int                    code,
                  const char            *display_name,
                  const FpJsonPosition  *at,
                  const char            *message)
{
  g_set_error (error, FP_PLAN_ERROR, code, "%s:%u:%u: %s",
               display_name, at->line, at->column, message);
  return FALSE;
}

static gboolean
fail_at (GError        **error,
         FpPlanError     code,
         const Position *pos,
         const char     *message)
{
  FpJsonPosition at = { pos->line, pos->column };

  return _fp_json_fail_at (error, code, pos->name, &at, message);
}

/* What may follow on from a number before a separator: json-glib reads
 * on into "0x10" (hexadecimal) and "010" (octal), which JSON has not. */
static gboolean
is_token_char (char c)
{
  return g_ascii_isalnum (c) || c == '-' || c == '+' || c == '.' || c == '_';
}

static const char *
skip_digits (const char *p,
             const char *end)
{
  while (p < end && g_ascii_isdigit (*p))
    p++;
  return p;
}

/* The length of the JSON number at @p, or 0 if none starts there:
 * -?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)? */
static gsize
json_number_length (const char *p,
                    const char *end)
{
  const char *q = p;
  const char *digits;

  if (q < end && *q == '-')
    q++;
  if (q < end && *q == '0')
    q++;
  else if (q < end && *q >= '1' && *q <= '9')
    q = skip_digits (q, end);
  else
    return 0;
  if (q < end && *q == '.')
    {
      digits = ++q;
      q = skip_digits (q, end);
      if (q == digits)
        return 0;
    }
  if (q < end && (*q == 'e' || *q == 'E'))
    {
      q++;
      if (q < end && (*q == '+' || *q == '-'))
        q++;
      digits = q;
      q = skip_digits (q, end);
      if (q == digits)
        return 0;
    }
  return q - p;
}

/* Checks the number token at [@start, @end) against JSON's grammar. */
static gboolean
check_number (const char      *start,
              const char      *end,
              const Position  *pos,
              GError         **error)
{
  g_autofree char *token = g_strndup (start, end - start);
  gsize length = json_number_length (start, end);

  if (length != (gsize) (end - start))
    {
      g_autofree char *message = g_strdup_printf (_("%s is not a number as JSON writes "
                                                    "numbers"), token);
      return fail_at (error, FP_PLAN_ERROR_SYNTAX, pos, message);
    }
  return TRUE;
}

/* Why json-glib would not read the number token at [@start, @end) right,
 * or NULL: it takes 1e400 as infinity, and an integer past 64 bits wraps
 * around (18446744073709551615 became -1). */
static char *
number_problem (const char *start,
                const char *end)
{
  g_autofree char *token = g_strndup (start, end - start);

  if (strpbrk (token, ".eE") == NULL
      ? !g_ascii_string_to_signed (token, 10, G_MININT64, G_MAXINT64, NULL, NULL)
      : isinf (g_ascii_strtod (token, NULL)))
    return g_strdup_printf (_("the number %s is out of range"), token);
  return NULL;
}

/* Whether json-glib would read the number token at [@start, @end) as 0
 * though it is not ("1e-400"): fine as a value the plan checks, but a key
 * the plan does not know keeps what was written. */
static gboolean
number_underflows (const char *start,
                   const char *end)
{
  g_autofree char *token = g_strndup (start, end - start);
  double value;

  if (strpbrk (token, ".eE") == NULL)
    return FALSE;
  errno = 0;
  value = g_ascii_strtod (token, NULL);
  return value == 0 && errno == ERANGE;
}

/* The code unit of the "\\uXXXX" at @p, or -1 if it is not one */
static int
escaped_unit (const char *p,
              const char *end)
{
  int unit = 0;

  if (end - p < 6 || p[0] != '\\' || p[1] != 'u')
    return -1;
  for (int i = 2; i < 6; i++)
    {
      if (!g_ascii_isxdigit (p[i]))
        return -1;
      unit = unit * 16 + g_ascii_xdigit_value (p[i]);
    }
  return unit;
}

/* Whether [@p, @end) is the start of a "\\uXXXX" escape and all the
 * file has left */
static gboolean
ends_in_escape (const char *p,
                const char *end)
{
  static const char pattern[] = "\\uxxxx";

  if (end - p >= (gssize) strlen (pattern))
    return FALSE;
  for (gsize i = 0; p + i < end; i++)
    if (pattern[i] == 'x' ? !g_ascii_isxdigit (p[i]) : p[i] != pattern[i])
      return FALSE;
  return TRUE;
}

/* json-glib cuts a string at "\\u0000" and turns a lone surrogate
 * ("\\ud800") into bytes that are not UTF-8: the plan would load, and be
 * saved as a file that does not load again. Returns why, or NULL; @skip is
 * how far on the scan goes from the backslash (11 over a surrogate pair). */
static const char *
unicode_escape_problem (const char *p,
                        const char *end,
                        gsize      *skip)
{
  int unit = escaped_unit (p, end);

  if (unit == 0)
    return _("\\u0000 (a NUL character) cannot be in a plan's text");
  if (unit >= 0xdc00 && unit <= 0xdfff)
    return _("a \\u escape names half of a character (a lone low surrogate)");
  if (unit >= 0xd800 && unit <= 0xdbff)
    {
      int low = escaped_unit (p + 6, end);

      /* The file ends inside the pair: said after the scan, as a cut */
      if (low < 0 && ends_in_escape (p + 6, end))
        return NULL;
      if (low < 0xdc00 || low > 0xdfff)
        return _("a \\u escape names half of a character (a lone high surrogate)");
      /* The pair is one character: on past its second half */
      *skip = 11;
    }
  return NULL;
}

/* Where a value sits in a plan document. A token json-glib cannot keep is
 * refused where the format knows the value, and kept as it was in a key
 * the format does not know, which is never an error. */
typedef enum
{
  PLACE_ROOT,
  PLACE_PERIOD,
  PLACE_STAGES,
  PLACE_STAGE,
  PLACE_BENCHMARK,
  PLACE_INFLOW,
  PLACE_KNOWN,    /* any other value of a known key, and all it holds */
  PLACE_UNKNOWN,  /* the value of a key the format does not know, and all it holds */
} Place;

/* The keys the format knows in an object at @place, or NULL */
static const char * const *
known_keys (Place place)
{
  switch (place)
    {
    case PLACE_ROOT: return _fp_plan_root_keys;
    case PLACE_PERIOD: return _fp_plan_period_keys;
    case PLACE_STAGE: return _fp_plan_stage_keys;
    case PLACE_BENCHMARK: return _fp_plan_benchmark_keys;
    case PLACE_INFLOW: return _fp_plan_inflow_keys;
    default: return NULL;
    }
}

/* Where the value of @key, a key the format knows in an object at
 * @place, sits */
static Place
known_value_place (Place       place,
                   const char *key)
{
  if (place == PLACE_ROOT && g_str_equal (key, "period"))
    return PLACE_PERIOD;
  if (place == PLACE_ROOT && g_str_equal (key, "stages"))
    return PLACE_STAGES;
  if (place == PLACE_ROOT && g_str_equal (key, "inflow"))
    return PLACE_INFLOW;
  if (place == PLACE_STAGE && g_str_equal (key, "benchmark"))
    return PLACE_BENCHMARK;
  return PLACE_KNOWN;
}

/* An open object or list */
typedef struct
{
  GHashTable *keys;  /* an object's keys so far, each with its first line; NULL in a list */
  Place place;
  char *key;         /* the key whose value comes next; NULL when json-glib cannot keep it */
  char *path;        /* its own path, when value positions are asked for; NULL when not */
  guint n_values;    /* a list's values so far */
  char closer;       /* "}" or "]" */
} Container;

static Container *
innermost (GPtrArray *open)
{
  return open->len > 0 ? g_ptr_array_index (open, open->len - 1) : NULL;
}

static GHashTable *
innermost_keys (GPtrArray *open)
{
  Container *container = innermost (open);

  return container != NULL ? container->keys : NULL;
}

/* Where the value that starts next sits */
static Place
value_place (GPtrArray *open)
{
  Container *parent = innermost (open);

  if (parent == NULL)
    return PLACE_ROOT;
  if (parent->place == PLACE_KNOWN || parent->place == PLACE_UNKNOWN)
    return parent->place;
  if (parent->place == PLACE_STAGES)
    return parent->keys == NULL ? PLACE_STAGE : PLACE_KNOWN;
  if (parent->keys == NULL)  /* a list where the format has an object */
    return PLACE_KNOWN;
  if (parent->key == NULL || !g_strv_contains (known_keys (parent->place), parent->key))
    return PLACE_UNKNOWN;
  return known_value_place (parent->place, parent->key);
}

/* Where a key that starts next sits: a key json-glib cannot keep is none
 * of the format's, so it is unknown in the format's objects too. */
static Place
key_place (GPtrArray *open)
{
  Container *object = innermost (open);

  if (object == NULL || object->place == PLACE_KNOWN || object->place == PLACE_STAGES)
    return PLACE_KNOWN;
  return PLACE_UNKNOWN;
}

static void
push_container (GPtrArray  *open,
                char        bracket,
                const char *path)
{
  Container *container = g_new0 (Container, 1);

  container->path = g_strdup (path);
  container->closer = bracket == '{' ? '}' : ']';
  container->place = value_place (open);
  if (bracket == '{')
    container->keys = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_ptr_array_add (open, container);
}

/* The key as json-glib reads it: "titl\u0065" is "title". The escapes are
 * valid here, as the scan checked them on its way. */
static char *
decode_key (const char *key,
            gsize       length)
{
  const char *end = key + length;
  GString *name;

  if (memchr (key, '\\', length) == NULL)
    return g_strndup (key, length);

  name = g_string_sized_new (length);
  for (const char *p = key; p < end; p++)
    {
      int unit;

      if (*p != '\\' || p + 1 >= end)
        {
          g_string_append_c (name, *p);
          continue;
        }
      p++;
      switch (*p)
        {
        case 'b': g_string_append_c (name, '\b'); break;
        case 'f': g_string_append_c (name, '\f'); break;
        case 'n': g_string_append_c (name, '\n'); break;
        case 'r': g_string_append_c (name, '\r'); break;
        case 't': g_string_append_c (name, '\t'); break;
        case 'u':
          unit = escaped_unit (p - 1, end);
          if (unit >= 0xd800 && unit <= 0xdbff)
            {
              int low = escaped_unit (p + 5, end);

              if (low >= 0xdc00 && low <= 0xdfff)
                {
                  unit = 0x10000 + ((unit - 0xd800) << 10) + (low - 0xdc00);
                  p += 6;
                }
            }
          if (unit == 0 || (unit >= 0xd800 && unit <= 0xdfff))
            {
              /* A key json-glib cannot keep: the escape itself, so that
               * "\\uD800" and "\\ud800" are the same key */
              g_string_append_printf (name, "\\u%04x", (guint) unit);
              p += 4;
            }
          else if (unit >= 0)
            {
              g_string_append_unichar (name, (gunichar) unit);
              p += 4;
            }
          break;
        default: /* '"', '\\', '/' */
          g_string_append_c (name, *p);
          break;
        }
    }
  return g_string_free (name, FALSE);
}

/* json-glib keeps the last of two equal keys and drops the first without a
 * word: which value the file means is anybody's guess, and the next save
 * would lose the other. A key json-glib cannot keep (@raw) is none of the
 * format's. Notes the key for the value after it. */
static gboolean
check_key (GPtrArray       *open,
           const char      *key,
           gsize            key_length,
           gboolean         raw,
           const Position  *pos,
           GError         **error)
{
  Container *object = innermost (open);
  GHashTable *keys = innermost_keys (open);
  g_autofree char *name = decode_key (key, key_length);
  gpointer first_line;

  if (keys == NULL)
    return TRUE;
  g_free (object->key);
  object->key = raw ? NULL : g_strdup (name);
  if (g_hash_table_lookup_extended (keys, name, NULL, &first_line))
    {
      g_autofree char *message =
        /* Translators: %s is a key of the JSON file, %u a line number */
        g_strdup_printf (_("the key “%s” appears twice in one object (first on line %u)"),
                         name, GPOINTER_TO_UINT (first_line));
      return fail_at (error, FP_PLAN_ERROR_SYNTAX, pos, message);
    }
  g_hash_table_insert (keys, g_steal_pointer (&name), GUINT_TO_POINTER (pos->line));
  return TRUE;
}

static void
free_container (gpointer data)
{
  Container *container = data;

  g_clear_pointer (&container->keys, g_hash_table_unref);
  g_free (container->key);
  g_free (container->path);
  g_free (container);
}

/* Whether the bytes from @p to @end are the start of a character that
 * the end of the file cut short */
static gboolean
is_cut_character (const char *p,
                  const char *end)
{
  guchar lead = (guchar) *p;
  gsize needed = lead > 0xf4 ? 0 : lead >= 0xf0 ? 4 : lead >= 0xe0 ? 3 : lead >= 0xc2 ? 2 : 0;

  if (needed == 0 || (gsize) (end - p) >= needed)
    return FALSE;
  for (const char *q = p + 1; q < end; q++)
    if (((guchar) *q & 0xc0) != 0x80)
      return FALSE;
  return TRUE;
}

/* Notes where the value that starts at @pos is, by its path; returns the
 * path, or NULL where it has none (under a key json-glib cannot keep). */
static char *
note_value (GPtrArray      *open,
            GHashTable     *value_positions,
            const Position *pos)
{
  Container *parent = innermost (open);
  FpJsonPosition *at;
  char *path;

  /* The reader has nothing to say about those, and their keys may hold
   * "." or "[": "period.start" as a key of its own */
  if (value_place (open) == PLACE_UNKNOWN)
    return NULL;
  if (parent == NULL)
    path = g_strdup ("");
  else if (parent->path == NULL)
    return NULL;
  else if (parent->keys == NULL)
    path = g_strdup_printf ("%s[%u]", parent->path, parent->n_values++);
  else if (parent->key == NULL)
    return NULL;
  else if (parent->path[0] == '\0')
    path = g_strdup (parent->key);
  else
    path = g_strdup_printf ("%s.%s", parent->path, parent->key);

  at = g_new (FpJsonPosition, 1);
  *at = (FpJsonPosition) { pos->line, pos->column };
  g_hash_table_replace (value_positions, g_strdup (path), at);
  return path;
}

static void
add_span (GArray     *spans,
          const char *data,
          const char *start,
          const char *end)
{
  FpJsonSpan span = { start - data, end - data };

  g_array_append_val (spans, span);
}

gboolean
_fp_json_scan (const char  *data,
               gsize        length,
               const char  *display_name,
               GArray      *raw_spans,
               GHashTable  *value_positions,
               GError     **error)
{
  Position pos = { display_name, 1, 1 };
  const char *begin = data;
  const char *end = data + length;
  const char *invalid_utf8 = NULL;
  const char *valid_end = NULL;
  gboolean only_space = TRUE;
  gboolean in_string = FALSE;
  g_autoptr(GPtrArray) open = g_ptr_array_new_with_free_func (free_container);
  /* A string in an object right after "{" or "," is a key: where the
   * last one starts and ends, until the ":" after it */
  gboolean expect_key = FALSE;
  gboolean string_is_key = FALSE;
  const char *key_start = NULL;
  const char *key_end = NULL;
  gboolean key_raw = FALSE;
  Position key_pos = pos;
  /* The string being read: where it starts, whether it is in a key the
   * format does not know, and whether json-glib could not keep it */
  const char *string_start = NULL;
  Position string_pos = pos;
  Place string_place = PLACE_KNOWN;
  gboolean string_raw = FALSE;
  /* The document's first value has been closed: a plan is one object */
  gboolean root_closed = FALSE;
  /* A closing bracket that closes nothing or the wrong kind: past it,
   * the structure is _fp_json_check_grammar()'s to judge */
  gboolean mismatched = FALSE;
  /* The file ends inside a character: cut off between its bytes */
  gboolean cut_in_character = FALSE;
  /* A value starts at the next character that is not white space (after
   * ":", "[" or a list's ","), and the path of the last one that did */
  gboolean value_next = TRUE;
  g_autofree char *value_path = NULL;
  /* Just after the last character that is not white space */
  Position after_last = pos;
  char last = '\0';
  guint n_values = 0;

  if (length > FP_PLAN_MAX_FILE_SIZE)
    {
      g_set_error (error, FP_PLAN_ERROR, FP_PLAN_ERROR_TOO_LARGE,
                   _("%s: the file is larger than %u MiB; it cannot be a plan"),
                   display_name, FP_PLAN_MAX_FILE_SIZE / (1024 * 1024));
      return FALSE;
    }

  if (!g_utf8_validate_len (data, length, &valid_end))
    {
      /* Scan up to the first bad byte, to give its position. */
      invalid_utf8 = valid_end;
      end = invalid_utf8;
      cut_in_character = is_cut_character (valid_end, data + length);
    }

  /* A byte-order mark, as some editors on Windows write: json-glib skips it */
  if (end - begin >= 3 && memcmp (begin, "\xef\xbb\xbf", 3) == 0)
    begin += 3;

  for (const char *p = begin; p < end; p = g_utf8_next_char (p))
    {
      char c = *p;

      if (c == '\0')
        return fail_at (error, FP_PLAN_ERROR_SYNTAX, &pos, _("the file contains a NUL byte"));
      /* json-glib reads the first value and ignores the rest: a second
       * object pasted after the plan would vanish on the next save */
      if (root_closed && !g_ascii_isspace (c))
        return fail_at (error, FP_PLAN_ERROR_SYNTAX, &pos,
                        _("text after the end of the plan; a plan file holds one JSON object"));
      if (!in_string && value_next && !g_ascii_isspace (c) && c != ']' && c != '}')
        {
          if (++n_values > FP_PLAN_MAX_VALUES)
            {
              g_autofree char *limit = _fp_format_count (FP_PLAN_MAX_VALUES);
              /* Translators: %s is a number, "500,000" */
              g_autofree char *message = g_strdup_printf (_("holds more than %s values; a plan "
                                                            "never does"), limit);

              return fail_at (error, FP_PLAN_ERROR_TOO_LARGE, &pos, message);
            }
          if (value_positions != NULL)
            {
              g_free (value_path);
              value_path = note_value (open, value_positions, &pos);
            }
        }

      /* JSON has no raw line breaks or tabs in a string, and other tools
       * refuse them. A line break in one is a closing quote left out: said
       * where the string starts, as the end of the file says it, rather
       * than at whatever the string swallowed after it. */
      if (in_string && (c == '\n' || c == '\r'))
        return fail_at (error, FP_PLAN_ERROR_SYNTAX, &string_pos,
                        _("this text has no closing quote “\"”"));
      if (in_string && (guchar) c < 0x20)
        {
          g_autofree char *message = NULL;

          if (c == '\t')
            message = g_strdup (_("a tab inside a text; JSON writes it as \\t"));
          else
            /* Translators: %04X is the character's code, twice */
            message = g_strdup_printf (_("a control character (U+%04X) inside a text; JSON "
                                         "writes it as \\u%04X"), (guint) c, (guint) c);
          return fail_at (error, FP_PLAN_ERROR_SYNTAX, &pos, message);
        }
      if (in_string)
        {
          if (c == '\\' && p + 1 < end)
            {
              gsize skip = 1;
              const char *problem = p[1] == 'u' ? unicode_escape_problem (p, end, &skip) : NULL;

              /* json-glib also reads "\\145" (octal) as "e": a key "titl\\145"
               * would be the title, which this scan would not know */
              if (strchr ("\"\\/bfnrtu", p[1]) == NULL || p[1] == '\0')
                {
                  g_autofree char *message =
                    g_strdup_printf (_("“\\%.*s” is not an escape JSON has"),
                                     (int) (g_utf8_next_char (p + 1) - (p + 1)), p + 1);

                  return fail_at (error, FP_PLAN_ERROR_SYNTAX, &pos, message);
                }

              if (problem != NULL && (raw_spans == NULL || string_place != PLACE_UNKNOWN))
                return fail_at (error, FP_PLAN_ERROR_INVALID, &pos, problem);
              string_raw = string_raw || problem != NULL;
              p += skip;
              pos.column += skip;
            }
          else if (c == '"')
            {
              in_string = FALSE;
              if (string_raw)
                add_span (raw_spans, data, string_start, p + 1);
              if (string_is_key)
                {
                  key_end = p;
                  key_raw = string_raw;
                }
            }
        }
      else if (c == '"')
        {
          in_string = TRUE;
          string_is_key = expect_key;
          string_start = p;
          string_pos = pos;
          string_place = string_is_key ? key_place (open) : value_place (open);
          string_raw = FALSE;
          if (string_is_key)
            {
              key_start = p + 1;
              key_pos = pos;
            }
        }
      else if (c == ':')
        {
          if (key_end != NULL &&
              !check_key (open, key_start, key_end - key_start, key_raw, &key_pos, error))
            return FALSE;
        }
      else if (c == '{' || c == '[')
        {
          if (open->len >= FP_PLAN_MAX_DEPTH)
            {
              g_autofree char *message =
                g_strdup_printf (_("nested deeper than %u levels; a plan never is"),
                                 FP_PLAN_MAX_DEPTH);
              return fail_at (error, FP_PLAN_ERROR_TOO_LARGE, &pos, message);
            }
          push_container (open, c, value_next ? value_path : NULL);
        }
      else if (c == '}' || c == ']')
        {
          Container *closed = innermost (open);

          if (closed == NULL || closed->closer != c)
            mismatched = TRUE;
          else if (!mismatched)
            {
              g_ptr_array_remove_index (open, open->len - 1);
              root_closed = open->len == 0;
            }
        }
      else if (g_ascii_isdigit (c) || c == '-' || c == '+' || c == '.')
        {
          const char *start = p;
          const char *q = p;
          gboolean cut_short;

          g_autofree char *problem = NULL;

          while (q < end && is_token_char (*q))
            q++;
          /* A number the file ends in may have been cut short ("1." of
           * "1.5"): that is said after the loop */
          cut_short = q == end && open->len > 0;
          if (!cut_short && !check_number (start, q, &pos, error))
            return FALSE;
          /* Where a key belongs, json-glib says a number is no key */
          problem = expect_key || cut_short ? NULL : number_problem (start, q);
          if (problem != NULL && (raw_spans == NULL || value_place (open) != PLACE_UNKNOWN))
            return fail_at (error, FP_PLAN_ERROR_INVALID, &pos, problem);
          if (problem != NULL ||
              (raw_spans != NULL && !expect_key && !cut_short &&
               value_place (open) == PLACE_UNKNOWN && number_underflows (start, q)))
            add_span (raw_spans, data, start, q);
          pos.column += (q - start) - 1;
          p = q - 1;
        }
      else if (c == '/' || c == '$' || c == '\'')
        {
          /* json-glib also reads comments, "$10" as hexadecimal 16 and
           * 'single-quoted' strings. JSON has none of them, and a quote
           * inside a comment would hide what follows from this scan. */
          const char text[] = { c, '\0' };
          /* Translators: %s is a character of the file, such as ":" or "=" */
          g_autofree char *message = g_strdup_printf (_("“%s” has no place in JSON here"), text);

          return fail_at (error, FP_PLAN_ERROR_SYNTAX, &pos, message);
        }

      if (!g_ascii_isspace (c))
        {
          only_space = FALSE;
          last = c;
          after_last = (Position) { pos.name, pos.line, pos.column + 1 };
          /* What comes next: a key after "{" or an object's ","; the key
           * stays for the ":" right after it, and for nothing else */
          if (!in_string && c != '"')
            {
              expect_key = (c == '{') || (c == ',' && innermost_keys (open) != NULL);
              value_next = c == ':' || c == '['
                           || (c == ',' && innermost (open) != NULL && innermost_keys (open) == NULL);
              key_end = NULL;
            }
          else if (c == '"' && in_string)
            expect_key = value_next = FALSE;
        }

      if (c == '\n')
        {
          pos.line++;
          pos.column = 1;
        }
      else
        {
          pos.column++;
        }
    }

  if (invalid_utf8 != NULL && !(cut_in_character && open->len > 0))
    return fail_at (error, FP_PLAN_ERROR_SYNTAX, &pos, _("the text is not valid UTF-8"));

  if (only_space)
    {
      g_set_error (error, FP_PLAN_ERROR, FP_PLAN_ERROR_EMPTY,
                   _("%s: the file is empty; a plan is a JSON object"), display_name);
      return FALSE;
    }

  /* A file cut off: a parser names whatever it read last (json-glib:
   * "unexpected character ','"), which reads as a typo there. Every
   * bracket matched and some still open at the end is a cut, or a closing
   * bracket left out, which the message fits too. Open inside a string, it is a cut
   * unless the file ends with a bracket: then a stray quote before it is
   * likelier, which the grammar check places at that string. */
  if (!mismatched && open->len > 0 &&
      (!in_string || cut_in_character || (last != '}' && last != ']')))
    return fail_at (error, FP_PLAN_ERROR_SYNTAX, &after_last,
                    _("the file ends here, before the plan does; it may have been cut off"));

  return TRUE;
}
