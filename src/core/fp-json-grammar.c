/* fp-json-grammar.c: where a JSON text first breaks JSON's grammar, in words */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "fp-error.h"
#include "fp-json-private.h"

/* A key longer than this is cut short in a message */
#define KEY_SHOWN_MAX 40

typedef enum
{
  TOKEN_END,
  TOKEN_OPEN,    /* "{" or "[" */
  TOKEN_CLOSE,   /* "}" or "]" */
  TOKEN_COLON,
  TOKEN_COMMA,
  TOKEN_STRING,
  TOKEN_NUMBER,
  TOKEN_WORD,    /* letters: true, false, null, or a mistake */
  TOKEN_OTHER,   /* one character JSON has no use for */
} TokenKind;

typedef struct
{
  TokenKind kind;
  const char *start;
  const char *end;
  FpJsonPosition at;     /* where it starts */
  FpJsonPosition after;  /* just after it */
  gboolean closed;       /* a string found its closing quote */
} Token;

typedef struct
{
  const char *p;
  const char *end;
  FpJsonPosition at;  /* of p */
} Cursor;

/* What may come next */
typedef enum
{
  EXPECT_VALUE,           /* the document, or after ":" or a list's "," */
  EXPECT_VALUE_OR_CLOSE,  /* after "[" */
  EXPECT_KEY,             /* after an object's "," */
  EXPECT_KEY_OR_CLOSE,    /* after "{" */
  EXPECT_COLON,           /* after a key */
  EXPECT_COMMA_OR_CLOSE,  /* after a value in an object or a list */
  EXPECT_END,             /* after the document */
} Expect;

/* An object or a list not closed yet */
typedef struct
{
  char opener;
  FpJsonPosition at;
  Token key;  /* an object's last key */
} Open;

static char
closer_of (const Open *open)
{
  return open->opener == '{' ? '}' : ']';
}

static void
advance_to (Cursor     *cursor,
            const char *to)
{
  while (cursor->p < to)
    {
      if (*cursor->p == '\n')
        {
          cursor->at.line++;
          cursor->at.column = 1;
        }
      else
        cursor->at.column++;
      cursor->p = MIN (g_utf8_next_char (cursor->p), cursor->end);
    }
}

static gboolean
is_word_char (char c)
{
  return g_ascii_isalnum (c) || c == '_';
}

/* Reads the token at the cursor, after white space, and moves past it.
 * Strings may hold what json-glib takes in them, line breaks too. */
static void
read_token (Cursor *cursor,
            Token  *token)
{
  const char *q;

  while (cursor->p < cursor->end && g_ascii_isspace (*cursor->p))
    advance_to (cursor, cursor->p + 1);

  *token = (Token) { TOKEN_END, cursor->p, cursor->p, cursor->at, cursor->at, FALSE };
  if (cursor->p == cursor->end)
    return;

  q = cursor->p;
  switch (*q)
    {
    case '{': case '[': token->kind = TOKEN_OPEN; q++; break;
    case '}': case ']': token->kind = TOKEN_CLOSE; q++; break;
    case ':': token->kind = TOKEN_COLON; q++; break;
    case ',': token->kind = TOKEN_COMMA; q++; break;
    case '"':
      token->kind = TOKEN_STRING;
      for (q++; q < cursor->end && !token->closed; q++)
        {
          if (*q == '\\' && q + 1 < cursor->end)
            q++;
          else if (*q == '"')
            token->closed = TRUE;
        }
      break;
    default:
      if (g_ascii_isdigit (*q) || *q == '-' || *q == '+' || *q == '.')
        {
          token->kind = TOKEN_NUMBER;
          while (q < cursor->end && (is_word_char (*q) || strchr ("+-.", *q) != NULL))
            q++;
        }
      else if (g_ascii_isalpha (*q) || *q == '_')
        {
          token->kind = TOKEN_WORD;
          while (q < cursor->end && is_word_char (*q))
            q++;
        }
      else
        {
          token->kind = TOKEN_OTHER;
          q = MIN (g_utf8_next_char (q), cursor->end);
        }
      break;
    }
  advance_to (cursor, q);
  token->end = q;
  token->after = cursor->at;
}

static gboolean
fail_at (GError               **error,
         const char            *display_name,
         const FpJsonPosition  *at,
         const char            *message)
{
  return _fp_json_fail_at (error, FP_PLAN_ERROR_SYNTAX, display_name, at, message);
}

/* fail_at() with a message made from @format */
static gboolean G_GNUC_PRINTF (4, 5)
fail_printf (GError               **error,
             const char            *display_name,
             const FpJsonPosition  *at,
             const char            *format,
             ...)
{
  g_autofree char *message = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);
  return fail_at (error, display_name, at, message);
}

/* A key as written, without its quotes, cut short if long */
static char *
key_shown (const Token *key)
{
  const char *text = key->start + 1;
  const char *text_end = key->end - (key->closed ? 1 : 0);

  if (g_utf8_strlen (text, text_end - text) <= KEY_SHOWN_MAX)
    return g_strndup (text, text_end - text);
  return g_strdup_printf ("%.*s…", (int) (g_utf8_offset_to_pointer (text, KEY_SHOWN_MAX) - text),
                          text);
}

static char *
token_text (const Token *token)
{
  return g_strndup (token->start, token->end - token->start);
}

static gboolean
fail_no_place (GError      **error,
               const char   *display_name,
               const Token  *token)
{
  g_autofree char *text = token_text (token);

  /* Translators: %s is a character of the file, such as ":" or "=" */
  return fail_printf (error, display_name, &token->at, _("“%s” has no place in JSON here"), text);
}

static gboolean
fail_cut_off (GError               **error,
              const char            *display_name,
              const FpJsonPosition  *after_last)
{
  return fail_at (error, display_name, after_last,
                  _("the file ends here, before the plan does; it may have been cut off"));
}

/* A closing bracket of the other kind than what it would close, or with
 * nothing open */
static gboolean
fail_mismatch (GError      **error,
               const char   *display_name,
               const Token  *token,
               const Open   *open)
{
  g_autofree char *message = NULL;

  if (open == NULL)
    {
      g_autofree char *text = token_text (token);

      /* Translators: %s is "}" or "]" */
      message = g_strdup_printf (_("“%s” closes nothing: no object or list is open here"), text);
    }
  else if (open->opener == '{')
    /* Translators: the numbers are the line and column of the "{" */
    message = g_strdup_printf (_("“]” cannot close the object that opens at line %u, column %u; "
                                 "an object ends with “}”"), open->at.line, open->at.column);
  else
    /* Translators: the numbers are the line and column of the "[" */
    message = g_strdup_printf (_("“}” cannot close the list that opens at line %u, column %u; "
                                 "a list ends with “]”"), open->at.line, open->at.column);
  return fail_at (error, display_name, &token->at, message);
}

/* After "KEY:", where its value belongs */
static gboolean
fail_no_value (GError      **error,
               const char   *display_name,
               const Token  *token,
               const Open   *object)
{
  g_autofree char *key = key_shown (&object->key);

  /* Translators: %s is a key of the file */
  return fail_printf (error, display_name, &token->at, _("the key “%s” has no value"), key);
}

/* A word where a value belongs that is none of JSON's three */
static gboolean
fail_word (GError      **error,
           const char   *display_name,
           const Token  *token)
{
  static const char * const literals[] = { "true", "false", "null" };
  g_autofree char *text = token_text (token);
  g_autofree char *message = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (literals) && message == NULL; i++)
    if (g_ascii_strcasecmp (text, literals[i]) == 0)
      /* Translators: "%1$s" is a word of the file such as "True", "%2$s" the same in JSON: "true" */
      message = g_strdup_printf (_("JSON writes “%1$s” in lower case: “%2$s”"), text, literals[i]);
  if (message == NULL && (g_ascii_strcasecmp (text, "NaN") == 0 ||
                          g_ascii_strcasecmp (text, "Infinity") == 0))
    /* Translators: %s is "NaN" or "Infinity" as the file writes it */
    message = g_strdup_printf (_("JSON has no number “%s”; a plan's numbers are finite"), text);
  if (message == NULL)
    /* Translators: %s is a word of the file outside quotes */
    message = g_strdup_printf (_("“%s” is not a JSON value; text goes in double quotes"), text);
  return fail_at (error, display_name, &token->at, message);
}

static gboolean
is_literal (const Token *token)
{
  gsize length = token->end - token->start;

  return (length == 4 && memcmp (token->start, "true", 4) == 0) ||
         (length == 5 && memcmp (token->start, "false", 5) == 0) ||
         (length == 4 && memcmp (token->start, "null", 4) == 0);
}

gboolean
_fp_json_check_grammar (const char  *data,
                        gsize        length,
                        const char  *display_name,
                        GError     **error)
{
  Cursor cursor = { data, data + length, { 1, 1 } };
  g_autoptr(GArray) open = g_array_new (FALSE, FALSE, sizeof (Open));
  Expect expect = EXPECT_VALUE;
  FpJsonPosition value_end = cursor.at;  /* just after the last value */
  FpJsonPosition comma_at = cursor.at;   /* the last "," */
  FpJsonPosition after_last = cursor.at; /* just after the last token */

  g_return_val_if_fail (data != NULL || length == 0, FALSE);
  g_return_val_if_fail (display_name != NULL, FALSE);

  /* A byte-order mark, as json-glib skips it */
  if (length >= 3 && memcmp (data, "\xef\xbb\xbf", 3) == 0)
    cursor.p += 3;

  for (;;)
    {
      Open *inner = open->len > 0 ? &g_array_index (open, Open, open->len - 1) : NULL;
      gboolean value_done = FALSE;
      Token token;

      read_token (&cursor, &token);
      if (token.kind == TOKEN_END)
        {
          if (expect == EXPECT_END)
            return TRUE;
          return fail_cut_off (error, display_name, &after_last);
        }
      after_last = token.after;

      switch (expect)
        {
        case EXPECT_END:
          return fail_at (error, display_name, &token.at,
                          _("text after the end of the plan; a plan file holds one JSON object"));

        case EXPECT_VALUE:
        case EXPECT_VALUE_OR_CLOSE:
          switch (token.kind)
            {
            case TOKEN_OPEN:
              {
                Open opened = { *token.start, token.at, { 0 } };

                g_array_append_val (open, opened);
                expect = opened.opener == '{' ? EXPECT_KEY_OR_CLOSE : EXPECT_VALUE_OR_CLOSE;
              }
              break;
            case TOKEN_STRING:
              if (!token.closed)
                return fail_at (error, display_name, &token.at,
                                _("this text has no closing quote “\"”"));
              value_done = TRUE;
              break;
            case TOKEN_NUMBER:
              value_done = TRUE;
              break;
            case TOKEN_WORD:
              if (!is_literal (&token))
                return fail_word (error, display_name, &token);
              value_done = TRUE;
              break;
            case TOKEN_CLOSE:
              if (inner == NULL || *token.start != closer_of (inner))
                return fail_mismatch (error, display_name, &token, inner);
              if (expect == EXPECT_VALUE_OR_CLOSE)
                {
                  g_array_set_size (open, open->len - 1);
                  value_done = TRUE;
                  break;
                }
              if (inner->opener == '{')
                return fail_no_value (error, display_name, &token, inner);
              return fail_at (error, display_name, &comma_at,
                              /* Translators: a list is a JSON array */
                              _("a “,” after the last value of a list; JSON has none there"));
            case TOKEN_COMMA:
              if (inner != NULL && inner->opener == '{')
                return fail_no_value (error, display_name, &token, inner);
              if (inner != NULL)
                return fail_at (error, display_name, &token.at,
                                _("a value is missing before this “,”"));
              return fail_no_place (error, display_name, &token);
            case TOKEN_COLON:
            case TOKEN_OTHER:
            case TOKEN_END:
            default:
              return fail_no_place (error, display_name, &token);
            }
          break;

        case EXPECT_KEY:
        case EXPECT_KEY_OR_CLOSE:
          switch (token.kind)
            {
            case TOKEN_STRING:
              if (!token.closed)
                return fail_at (error, display_name, &token.at,
                                _("this text has no closing quote “\"”"));
              inner->key = token;
              expect = EXPECT_COLON;
              break;
            case TOKEN_CLOSE:
              if (*token.start != '}')
                return fail_mismatch (error, display_name, &token, inner);
              if (expect == EXPECT_KEY_OR_CLOSE)
                {
                  g_array_set_size (open, open->len - 1);
                  value_done = TRUE;
                  break;
                }
              return fail_at (error, display_name, &comma_at,
                              _("a “,” after the last value of an object; JSON has none there"));
            case TOKEN_WORD:
            case TOKEN_NUMBER:
              {
                g_autofree char *text = token_text (&token);

                return fail_printf (error, display_name, &token.at,
                                    /* Translators: %s is a key the file writes without quotes */
                                    _("a key goes in double quotes: \"%s\""), text);
              }
            case TOKEN_COMMA:
              if (expect == EXPECT_KEY)
                return fail_at (error, display_name, &token.at,
                                _("two “,” with nothing between them"));
              G_GNUC_FALLTHROUGH;
            case TOKEN_OPEN:
            case TOKEN_COLON:
              return fail_at (error, display_name, &token.at,
                              _("a key in double quotes belongs here"));
            case TOKEN_OTHER:
            case TOKEN_END:
            default:
              return fail_no_place (error, display_name, &token);
            }
          break;

        case EXPECT_COLON:
          if (token.kind != TOKEN_COLON)
            {
              g_autofree char *key = key_shown (&inner->key);

              return fail_printf (error, display_name, &inner->key.after,
                                  /* Translators: %s is a key of the file */
                                  _("a “:” is missing after the key “%s”"), key);
            }
          expect = EXPECT_VALUE;
          break;

        case EXPECT_COMMA_OR_CLOSE:
          switch (token.kind)
            {
            case TOKEN_COMMA:
              comma_at = token.at;
              expect = inner->opener == '{' ? EXPECT_KEY : EXPECT_VALUE;
              break;
            case TOKEN_CLOSE:
              if (*token.start != closer_of (inner))
                return fail_mismatch (error, display_name, &token, inner);
              g_array_set_size (open, open->len - 1);
              value_done = TRUE;
              break;
            case TOKEN_OPEN:
            case TOKEN_STRING:
            case TOKEN_NUMBER:
            case TOKEN_WORD:
              if (inner->opener == '{')
                {
                  g_autofree char *key = key_shown (&inner->key);

                  return fail_printf (error, display_name, &value_end,
                                      /* Translators: %s is a key of the file */
                                      _("a “,” is missing here, after the value of “%s”"), key);
                }
              return fail_at (error, display_name, &value_end,
                              _("a “,” is missing here, between two values of a list"));
            case TOKEN_COLON:
            case TOKEN_OTHER:
            case TOKEN_END:
            default:
              return fail_no_place (error, display_name, &token);
            }
          break;

        default:
          g_assert_not_reached ();
        }

      if (value_done)
        {
          value_end = token.after;
          expect = open->len > 0 ? EXPECT_COMMA_OR_CLOSE : EXPECT_END;
        }
    }
}
