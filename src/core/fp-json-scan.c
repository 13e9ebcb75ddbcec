/* fp-json-scan.c: a guard in front of json-glib's parser */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

#include "fp-error.h"
#include "fp-json-private.h"
#include "fp-plan-io.h"

typedef struct
{
  const char *name;
  guint line;
  guint column; /* in characters, 1-based, as json-glib counts them */
} Position;

static gboolean
fail_at (GError        **error,
         FpPlanError     code,
         const Position *pos,
         const char     *message)
{
  g_set_error (error, FP_PLAN_ERROR, code, "%s:%u:%u: %s",
               pos->name, pos->line, pos->column, message);
  return FALSE;
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

/* Checks the number token at [@start, @end): JSON's grammar, and a range
 * json-glib reads right (it takes 1e400 as infinity, and an integer past
 * 64 bits wraps around: 18446744073709551615 became -1). */
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
  if (strpbrk (token, ".eE") == NULL
      ? !g_ascii_string_to_signed (token, 10, G_MININT64, G_MAXINT64, NULL, NULL)
      : isinf (g_ascii_strtod (token, NULL)))
    {
      g_autofree char *message = g_strdup_printf (_("the number %s is out of range"), token);
      return fail_at (error, FP_PLAN_ERROR_INVALID, pos, message);
    }
  return TRUE;
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

/* json-glib cuts a string at "\\u0000" and turns a lone surrogate
 * ("\\ud800") into bytes that are not UTF-8: the plan would load, and be
 * saved as a file that does not load again. @skip is how far on the scan
 * goes from the backslash (11 over a surrogate pair). */
static gboolean
check_unicode_escape (const char      *p,
                      const char      *end,
                      const Position  *pos,
                      gsize           *skip,
                      GError         **error)
{
  int unit = escaped_unit (p, end);

  if (unit == 0)
    return fail_at (error, FP_PLAN_ERROR_INVALID, pos,
                    _("\\u0000 (a NUL character) cannot be in a plan's text"));
  if (unit >= 0xdc00 && unit <= 0xdfff)
    return fail_at (error, FP_PLAN_ERROR_INVALID, pos,
                    _("a \\u escape names half of a character (a lone low surrogate)"));
  if (unit >= 0xd800 && unit <= 0xdbff)
    {
      int low = escaped_unit (p + 6, end);

      if (low < 0xdc00 || low > 0xdfff)
        return fail_at (error, FP_PLAN_ERROR_INVALID, pos,
                        _("a \\u escape names half of a character (a lone high surrogate)"));
      /* The pair is one character: on past its second half */
      *skip = 11;
    }
  return TRUE;
}

/* The keys seen in each open object, innermost last (NULL for a list),
 * each with the line it was first on. */
static GHashTable *
innermost_keys (GPtrArray *open)
{
  return open->len > 0 ? g_ptr_array_index (open, open->len - 1) : NULL;
}

static void
push_container (GPtrArray *open,
                char       bracket)
{
  g_ptr_array_add (open, bracket == '{' ? g_hash_table_new_full (g_str_hash, g_str_equal,
                                                                  g_free, NULL)
                                        : NULL);
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
          if (unit >= 0)
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
 * would lose the other. */
static gboolean
check_key (GPtrArray       *open,
           const char      *key,
           gsize            key_length,
           const Position  *pos,
           GError         **error)
{
  GHashTable *keys = innermost_keys (open);
  g_autofree char *name = decode_key (key, key_length);
  gpointer first_line;

  if (keys == NULL)
    return TRUE;
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
free_container (gpointer keys)
{
  if (keys != NULL)
    g_hash_table_unref (keys);
}

gboolean
_fp_json_scan (const char  *data,
               gsize        length,
               const char  *display_name,
               GError     **error)
{
  Position pos = { display_name, 1, 1 };
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
  Position key_pos = pos;

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
    }

  for (const char *p = data; p < end; p = g_utf8_next_char (p))
    {
      char c = *p;

      if (c == '\0')
        return fail_at (error, FP_PLAN_ERROR_SYNTAX, &pos, _("the file contains a NUL byte"));

      if (in_string)
        {
          if (c == '\\' && p + 1 < end)
            {
              gsize skip = 1;

              if (p[1] == 'u' && !check_unicode_escape (p, end, &pos, &skip, error))
                return FALSE;
              p += skip;
              pos.column += skip;
            }
          else if (c == '"')
            {
              in_string = FALSE;
              if (string_is_key)
                key_end = p;
            }
        }
      else if (c == '"')
        {
          in_string = TRUE;
          string_is_key = expect_key;
          if (string_is_key)
            {
              key_start = p + 1;
              key_pos = pos;
            }
        }
      else if (c == ':')
        {
          if (key_end != NULL &&
              !check_key (open, key_start, key_end - key_start, &key_pos, error))
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
          push_container (open, c);
        }
      else if (c == '}' || c == ']')
        {
          if (open->len > 0)
            g_ptr_array_remove_index (open, open->len - 1);
        }
      else if (g_ascii_isdigit (c) || c == '-' || c == '+' || c == '.')
        {
          const char *start = p;
          const char *q = p;

          while (q < end && is_token_char (*q))
            q++;
          if (!check_number (start, q, &pos, error))
            return FALSE;
          pos.column += (q - start) - 1;
          p = q - 1;
        }
      else if (c == '/' || c == '$' || c == '\'')
        {
          /* json-glib also reads comments, "$10" as hexadecimal 16 and
           * 'single-quoted' strings. JSON has none of them, and a quote
           * inside a comment would hide what follows from this scan. */
          g_autofree char *message = g_strdup_printf (_("“%c” has no place in JSON here"), c);

          return fail_at (error, FP_PLAN_ERROR_SYNTAX, &pos, message);
        }

      if (!g_ascii_isspace (c))
        {
          only_space = FALSE;
          /* What comes next: a key after "{" or an object's ","; the key
           * stays for the ":" right after it, and for nothing else */
          if (!in_string && c != '"')
            {
              expect_key = (c == '{') || (c == ',' && innermost_keys (open) != NULL);
              key_end = NULL;
            }
          else if (c == '"' && in_string)
            expect_key = FALSE;
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

  if (invalid_utf8 != NULL)
    return fail_at (error, FP_PLAN_ERROR_SYNTAX, &pos, _("the text is not valid UTF-8"));

  if (only_space)
    {
      g_set_error (error, FP_PLAN_ERROR, FP_PLAN_ERROR_EMPTY,
                   _("%s: the file is empty; a plan is a JSON object"), display_name);
      return FALSE;
    }

  return TRUE;
}
