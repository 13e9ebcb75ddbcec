/* fp-bidi.c: a stage's name written right to left inside a sentence */
#include "config.h"

#include "fp-bidi.h"

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

char *
_fp_bidi_isolate (const char *name)
{
  g_return_val_if_fail (name != NULL, NULL);

  for (const char *p = name; *p != '\0'; p = g_utf8_next_char (p))
    if (_fp_bidi_script_is_rtl (g_unichar_get_script (g_utf8_get_char (p))))
      return g_strconcat ("\u2068", name, "\u2069", NULL);
  return g_strdup (name);
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

      if (c == FIRST_STRONG_ISOLATE)
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
