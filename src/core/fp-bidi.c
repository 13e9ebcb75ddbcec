/* fp-bidi.c: a stage's name written right to left inside a sentence */
#include "config.h"

#include "fp-bidi.h"

#define LEFT_TO_RIGHT_ISOLATE 0x2066
#define FIRST_STRONG_ISOLATE 0x2068
#define POP_DIRECTIONAL_ISOLATE 0x2069

gboolean
_fp_bidi_script_is_rtl (GUnicodeScript script)
{
  switch ((int) script)
    {
    case G_UNICODE_SCRIPT_ARABIC:
    case G_UNICODE_SCRIPT_HEBREW:
    case G_UNICODE_SCRIPT_SYRIAC:
    case G_UNICODE_SCRIPT_THAANA:
    case G_UNICODE_SCRIPT_NKO:
    case G_UNICODE_SCRIPT_SAMARITAN:
    case G_UNICODE_SCRIPT_MANDAIC:
    case G_UNICODE_SCRIPT_ADLAM:
    case G_UNICODE_SCRIPT_HANIFI_ROHINGYA:
      return TRUE;
    default:
      return FALSE;
    }
}

/* Digits, spaces and punctuation are common to all scripts: by script,
 * not by bidi class, which GLib does not give */
static gboolean
is_letter_script (GUnicodeScript script)
{
  return script != G_UNICODE_SCRIPT_COMMON && script != G_UNICODE_SCRIPT_INHERITED &&
         script != G_UNICODE_SCRIPT_UNKNOWN;
}

/* The characters that set a direction or open or close an embedding, an
 * override or an isolate: a name holding one (a stray RIGHT-TO-LEFT
 * OVERRIDE, an isolate's end) would reach into the sentence around it */
static gboolean
is_bidi_control (gunichar c)
{
  return (c >= 0x202a && c <= 0x202e) || (c >= 0x2066 && c <= 0x2069) ||
         c == 0x200e || c == 0x200f || c == 0x061c;
}

gboolean
_fp_bidi_has_control (const char *text)
{
  g_return_val_if_fail (text != NULL, FALSE);

  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    if (is_bidi_control (g_utf8_get_char (p)))
      return TRUE;
  return FALSE;
}

char *
_fp_bidi_isolate (const char *name)
{
  gboolean isolate = FALSE;
  guint open = 0;       /* isolates the name opens and leaves open */
  guint unopened = 0;   /* isolate ends in the name with no start in it */
  GString *isolated;

  g_return_val_if_fail (name != NULL, NULL);

  for (const char *p = name; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      isolate = isolate || _fp_bidi_script_is_rtl (g_unichar_get_script (c)) ||
                is_bidi_control (c);
      if (c >= LEFT_TO_RIGHT_ISOLATE && c <= FIRST_STRONG_ISOLATE)
        open++;
      else if (c == POP_DIRECTIONAL_ISOLATE && open > 0)
        open--;
      else if (c == POP_DIRECTIONAL_ISOLATE)
        unopened++;
    }
  if (!isolate)
    return g_strdup (name);

  /* Balanced, so that the name's own isolate marks neither end the
   * isolate around it early nor leave the sentence inside one */
  isolated = g_string_new (NULL);
  for (guint i = 0; i <= unopened; i++)
    g_string_append (isolated, "\u2068");
  g_string_append (isolated, name);
  for (guint i = 0; i <= open; i++)
    g_string_append (isolated, "\u2069");
  return g_string_free (isolated, FALSE);
}

char *
_fp_bidi_lead (char *sentence)
{
  gboolean rtl = FALSE;
  guint depth = 0;
  char *led;

  g_return_val_if_fail (sentence != NULL, NULL);

  if (g_utf8_get_char (sentence) != FIRST_STRONG_ISOLATE)
    return sentence;
  for (const char *p = sentence; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);
      GUnicodeScript script = g_unichar_get_script (c);

      if (c >= LEFT_TO_RIGHT_ISOLATE && c <= FIRST_STRONG_ISOLATE)
        depth++;
      else if (c == POP_DIRECTIONAL_ISOLATE && depth > 0)
        depth--;
      else if (depth == 0 && is_letter_script (script))
        {
          rtl = _fp_bidi_script_is_rtl (script);
          break;
        }
    }
  /* RIGHT-TO-LEFT or LEFT-TO-RIGHT MARK */
  led = g_strconcat (rtl ? "\u200f" : "\u200e", sentence, NULL);
  g_free (sentence);
  return led;
}
