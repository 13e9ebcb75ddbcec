/* fp-json-scan.c: a guard in front of json-glib's parser */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>

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

static gboolean
is_number_char (char c)
{
  return g_ascii_isdigit (c) || c == '-' || c == '+' || c == '.' || c == 'e' || c == 'E';
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
  guint depth = 0;

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
              p++;
              pos.column++;
            }
          else if (c == '"')
            in_string = FALSE;
        }
      else if (c == '"')
        {
          in_string = TRUE;
        }
      else if (c == '{' || c == '[')
        {
          if (++depth > FP_PLAN_MAX_DEPTH)
            {
              g_autofree char *message =
                g_strdup_printf (_("nested deeper than %u levels; a plan never is"),
                                 FP_PLAN_MAX_DEPTH);
              return fail_at (error, FP_PLAN_ERROR_TOO_LARGE, &pos, message);
            }
        }
      else if (c == '}' || c == ']')
        {
          if (depth > 0)
            depth--;
        }
      else if (g_ascii_isdigit (c) || c == '-')
        {
          /* json-glib reads 1e400 as infinity and -1e400 as -infinity. */
          const char *start = p;
          const char *q = p;
          g_autofree char *token = NULL;
          double value;

          while (q < end && is_number_char (*q))
            q++;
          token = g_strndup (start, q - start);
          value = g_ascii_strtod (token, NULL);
          if (isinf (value))
            {
              g_autofree char *message =
                g_strdup_printf (_("the number %s is out of range"), token);
              return fail_at (error, FP_PLAN_ERROR_INVALID, &pos, message);
            }
          pos.column += (q - start) - 1;
          p = q - 1;
        }

      if (!g_ascii_isspace (c))
        only_space = FALSE;

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
