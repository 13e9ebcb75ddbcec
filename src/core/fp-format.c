/* fp-format.c: numbers as the charts, exports and panels show them
 *
 * Digits come from g_ascii_formatd(), which never depends on the locale;
 * the decimal point, the thousands separator and the grouping are then
 * put in from localeconv(). Doing it in two steps keeps rounding identical
 * in every language, and lets the C locale fall back to a comma.
 */

#include "config.h"

#include <glib/gi18n-lib.h>
#include <limits.h>
#include <locale.h>
#include <math.h>
#include <string.h>

#include "fp-bidi.h"
#include "fp-format.h"
#include "fp-round.h"

#define EM_DASH "\xe2\x80\x94"
#define MINUS_SIGN "\xe2\x88\x92"

typedef struct
{
  const char *decimal_point;
  const char *thousands_sep;
  const char *grouping;
} NumericLocale;

static void
numeric_locale (NumericLocale *out)
{
  const struct lconv *conv = localeconv ();

  out->decimal_point = conv->decimal_point;
  if (out->decimal_point == NULL || out->decimal_point[0] == '\0')
    out->decimal_point = ".";

  out->thousands_sep = conv->thousands_sep;
  out->grouping = conv->grouping;
  if (out->thousands_sep == NULL || out->thousands_sep[0] == '\0')
    {
      /* The C locale: group by three, with a comma unless the comma is
       * already the decimal point. */
      out->thousands_sep = g_str_equal (out->decimal_point, ",") ? "." : ",";
      out->grouping = "\3";
    }
  else if (out->grouping == NULL || out->grouping[0] == '\0')
    out->grouping = "\3";
}

/* Appends @len digits, separated as lconv's grouping says: each byte is the
 * size of the next group from the right, the last one repeats, CHAR_MAX
 * ends the grouping ("\3" for 1,234,567; "\3\2" for 12,34,567). */
static void
append_grouped (GString             *out,
                const char          *digits,
                gsize                len,
                const NumericLocale *loc)
{
  gsize sizes[64];
  guint n = 0;
  gsize remaining = len;
  const char *g = loc->grouping;
  gsize size = 3;
  gboolean ungrouped = FALSE;
  gsize pos = 0;

  while (remaining > 0)
    {
      gsize chunk;

      if (*g != '\0')
        {
          if (*g == CHAR_MAX || *g <= 0)
            ungrouped = TRUE;
          else
            size = (guchar) *g;
          g++;
        }
      chunk = ungrouped || n == G_N_ELEMENTS (sizes) - 1 ? remaining : MIN (size, remaining);
      sizes[n++] = chunk;
      remaining -= chunk;
    }

  while (n > 0)
    {
      gsize chunk = sizes[--n];

      g_string_append_len (out, digits + pos, chunk);
      pos += chunk;
      if (n > 0)
        g_string_append (out, loc->thousands_sep);
    }
}

/* Three significant digits, "6.8e+28", as numbers past the exact ones
 * are written: rounded up for a count of people (DOMAIN.md), where "to
 * the nearest" showed 3.33e+16 for 33,333,333,333,333,332 needed. Counts
 * are never negative; a negative amount rounds to the nearest. The
 * mantissa and the exponent are written apart: multiplied back, 1.8 times
 * 10^308 is infinite. */
static char *
format_scientific (double   value,
                   gboolean round_up)
{
  NumericLocale loc;
  char mantissa[G_ASCII_DTOSTR_BUF_SIZE];
  double magnitude = fabs (value);
  int exponent = (int) floor (log10 (magnitude));
  double digits = magnitude / pow (10, exponent - 2);   /* 100 to 1000 */
  char *dot;

  /* The allowance forgives pow()'s error, a few parts in 10^16, and
   * never a person a count needs */
  digits = round_up && value > 0 ? ceil (digits - 1e-12 * digits) : round (digits);
  if (digits >= 1000)
    {
      digits /= 10;
      exponent++;
    }
  g_ascii_formatd (mantissa, sizeof mantissa, "%.3g", digits / 100);
  numeric_locale (&loc);
  dot = strchr (mantissa, '.');
  if (dot != NULL)
    *dot = '\0';
  return g_strdup_printf ("%s%s%s%se%+03d", value < 0 ? "-" : "", mantissa,
                          dot != NULL ? loc.decimal_point : "", dot != NULL ? dot + 1 : "",
                          exponent);
}

/* @decimals fraction digits; trailing zeros dropped when @trim. */
static char *
format_number (double   value,
               int      decimals,
               gboolean trim)
{
  NumericLocale loc;
  char buf[G_ASCII_DTOSTR_BUF_SIZE];
  char format[8];
  const char *digits;
  char *dot;
  GString *out;

  if (!isfinite (value))
    return g_strdup (EM_DASH);

  if (fabs (value) >= FP_FORMAT_SCIENTIFIC_FROM)
    return format_scientific (value, FALSE);
  numeric_locale (&loc);

  decimals = CLAMP (decimals, 0, FP_FORMAT_MAX_DECIMALS);
  g_snprintf (format, sizeof format, "%%.%df", decimals);
  g_ascii_formatd (buf, sizeof buf, format, _fp_round_half_up (fabs (value), decimals));

  dot = strchr (buf, '.');
  if (dot != NULL && trim)
    {
      char *end = buf + strlen (buf);

      while (end > dot + 1 && end[-1] == '0')
        *--end = '\0';
      if (end == dot + 1)
        *dot = '\0';
    }

  out = g_string_new (NULL);
  /* "-0" is not a number anyone wants to read. */
  if (value < 0 && strspn (buf, "0.") != strlen (buf))
    g_string_append_c (out, '-');

  digits = buf;
  dot = strchr (buf, '.');
  append_grouped (out, digits, dot != NULL ? (gsize) (dot - buf) : strlen (buf), &loc);
  if (dot != NULL)
    {
      g_string_append (out, loc.decimal_point);
      g_string_append (out, dot + 1);
    }
  return g_string_free (out, FALSE);
}

char *
_fp_format_decimal (double value,
                    int    max_decimals)
{
  return format_number (value, max_decimals, TRUE);
}

char *
_fp_format_fixed (double value,
                  int    decimals)
{
  return format_number (value, decimals, FALSE);
}

/* Rounds an expected count of people up, forgiving the last bits of
 * floating point noise (40.000000001 deals are 40). The allowance stays
 * far below one person however large the count: 2,757,352,941.2
 * impressions are 2,757,352,942, not 2,757,352,939. */
static double
round_count_up (double value)
{
  return ceil (value - MIN (1e-9 * MAX (1.0, fabs (value)), 1e-3));
}

char *
_fp_format_count (double value)
{
  if (!isfinite (value))
    return g_strdup (EM_DASH);
  if (fabs (value) >= FP_FORMAT_SCIENTIFIC_FROM)
    return format_scientific (value, TRUE);
  return format_number (round_count_up (value), 0, TRUE);
}

/* Parsing */

/* The length of the separator at @p that @seps accepts, or 0. */
static gsize
match_any (const char         *p,
           const char * const *seps)
{
  for (guint i = 0; seps[i] != NULL; i++)
    if (seps[i][0] != '\0' && g_str_has_prefix (p, seps[i]))
      return strlen (seps[i]);
  return 0;
}

/* The size that @grouping gives the @index-th group from the right (0 for
 * the units), or 0 where the grouping stops. */
static gsize
group_size (const char *grouping,
            guint       index)
{
  gsize size = 3;

  for (guint i = 0; i <= index; i++)
    {
      if (*grouping == '\0')
        break;
      if (*grouping == CHAR_MAX || *grouping <= 0)
        return 0;
      size = (guchar) *grouping++;
    }
  return size;
}

/* Reads @text (trimmed, sign removed) with @point as the decimal mark and
 * @seps as thousands separators, which must group the integer part as
 * @grouping says. */
static gboolean
parse_unsigned (const char         *text,
                const char         *point,
                const char * const *seps,
                const char         *grouping,
                double             *value)
{
  g_autoptr(GString) ascii = g_string_new (NULL);
  g_autoptr(GArray) groups = g_array_new (FALSE, FALSE, sizeof (gsize));
  const char *p = text;
  gsize current = 0;
  gboolean seen_point = FALSE;
  gboolean seen_digit = FALSE;
  char *end = NULL;
  double result;

  while (*p != '\0')
    {
      gsize len;

      if (g_ascii_isdigit (*p))
        {
          g_string_append_c (ascii, *p++);
          seen_digit = TRUE;
          if (!seen_point)
            current++;
        }
      else if (!seen_point && g_str_has_prefix (p, point))
        {
          g_string_append_c (ascii, '.');
          seen_point = TRUE;
          p += strlen (point);
        }
      else if (!seen_point && (len = match_any (p, seps)) > 0)
        {
          if (current == 0)
            return FALSE;
          g_array_append_val (groups, current);
          current = 0;
          p += len;
        }
      else
        return FALSE;
    }
  if (!seen_digit)
    return FALSE;

  if (groups->len > 0)
    {
      /* The last group ends the integer part: it cannot be empty. */
      if (current == 0)
        return FALSE;
      g_array_append_val (groups, current);
      for (guint i = 0; i < groups->len; i++)
        {
          gsize size = group_size (grouping, groups->len - 1 - i);
          gsize got = g_array_index (groups, gsize, i);

          /* The leftmost group may be short; every other is exact. */
          if (size == 0 || (i == 0 ? got > size : got != size))
            return FALSE;
        }
    }

  result = g_ascii_strtod (ascii->str, &end);
  if (end == NULL || *end != '\0' || !isfinite (result))
    return FALSE;
  *value = result;
  return TRUE;
}

gboolean
_fp_parse_number (const char *text,
                  double     *value)
{
  NumericLocale loc;
  g_autofree char *copy = NULL;
  const char *p;
  const char *seps[5] = { NULL, };
  const char *other_seps[5] = { NULL, };
  const char *other_point;
  guint n = 0;
  gboolean negative = FALSE;
  double result;

  g_return_val_if_fail (text != NULL, FALSE);
  g_return_val_if_fail (value != NULL, FALSE);

  numeric_locale (&loc);
  copy = g_strstrip (g_strdup (text));
  p = copy;
  if (*p == '-' || *p == '+')
    negative = *p++ == '-';
  else if (g_str_has_prefix (p, "\xe2\x88\x92")) /* U+2212 MINUS SIGN */
    {
      negative = TRUE;
      p += 3;
    }

  /* Where the locale separates with a (narrow) no-break space, a person
   * types a plain one; where with a typographic apostrophe, a straight
   * one. */
  seps[n++] = loc.thousands_sep;
  if (g_str_equal (loc.thousands_sep, "\xc2\xa0") || g_str_equal (loc.thousands_sep, "\xe2\x80\xaf"))
    {
      seps[n++] = " ";
      seps[n++] = "\xc2\xa0";
      seps[n++] = "\xe2\x80\xaf";
    }
  else if (g_str_equal (loc.thousands_sep, "\xe2\x80\x99"))
    seps[n++] = "'";

  if (parse_unsigned (p, loc.decimal_point, seps, loc.grouping, &result))
    {
      *value = negative ? -result : result;
      return TRUE;
    }

  /* "12.5" typed in German: not a grouping, so a decimal point. */
  other_point = g_str_equal (loc.decimal_point, ",") ? "." : ",";
  n = 0;
  for (guint i = 0; seps[i] != NULL; i++)
    if (!g_str_equal (seps[i], other_point))
      other_seps[n++] = seps[i];
  if (parse_unsigned (p, other_point, other_seps, loc.grouping, &result))
    {
      *value = negative ? -result : result;
      return TRUE;
    }
  return FALSE;
}

typedef struct
{
  double unit;
  char *suffix;
} CompactUnit;

static void
compact_unit_clear (gpointer data)
{
  CompactUnit *unit = data;

  g_free (unit->suffix);
}

/* The units of the compact form, largest first, from the translation. */
static GArray *
compact_units (void)
{
  /* Translators: the units of compact numbers such as "1.2M" and "153k",
   * largest first, separated by "|": each is the power of ten it stands
   * for, a colon, and what follows the number (start it with a space if
   * your language puts one there). Chinese, for example, counts in 万 and
   * 亿: "8:亿|4:万". Keep the text short: it labels charts. */
  const char *spec = C_("compact number units", "12:T|9:B|6:M|3:k");
  const char *fallback = "12:T|9:B|6:M|3:k";
  GArray *units = g_array_new (FALSE, FALSE, sizeof (CompactUnit));

  g_array_set_clear_func (units, compact_unit_clear);
  for (guint attempt = 0; attempt < 2 && units->len == 0; attempt++)
    {
      g_auto(GStrv) parts = g_strsplit (attempt == 0 ? spec : fallback, "|", 0);

      for (guint i = 0; parts[i] != NULL; i++)
        {
          char *end = NULL;
          guint64 exponent = g_ascii_strtoull (parts[i], &end, 10);
          CompactUnit unit;

          if (end == parts[i] || *end != ':' || end[1] == '\0' || exponent < 1 || exponent > 15)
            continue;
          unit.unit = pow (10, (double) exponent);
          /* Largest first, or the entry is not one we can use. */
          if (units->len > 0 && g_array_index (units, CompactUnit, units->len - 1).unit <= unit.unit)
            continue;
          unit.suffix = g_strdup (end + 1);
          g_array_append_val (units, unit);
        }
    }
  return units;
}

/* @scaled (a number of @unit) to @decimals: up for a count of people,
 * which the interface never shows below what is needed (DOMAIN.md), else
 * to the nearest. The allowance keeps 12,300 people at "12.3k" over a
 * representation error, and is less than half a person in any unit: a
 * billion and one people are "1.1B", not "1B". */
static double
round_shown (double   scaled,
             double   unit,
             int      decimals,
             gboolean up)
{
  double factor = pow (10, decimals);

  if (!up)
    return _fp_round_half_up (scaled, decimals);
  return ceil (scaled * factor - MIN (1e-6, 0.5 * factor / unit)) / factor;
}

static char *
format_compact (double   value,
                gboolean round_up)
{
  GArray *units;
  double magnitude = fabs (value);
  char *result = NULL;

  if (!isfinite (value))
    return g_strdup (EM_DASH);

  /* Past the exact numbers no unit helps: "2e+19", where "2e+7T" was
   * written, or "2,000,000,000T". Below them a count of the largest unit
   * may have four digits ("9,000T", "5,000亿"). */
  if (magnitude >= FP_FORMAT_SCIENTIFIC_FROM)
    return format_scientific (value, round_up);

  units = compact_units ();
  for (guint i = 0; i < units->len && result == NULL; i++)
    {
      const CompactUnit *unit = &g_array_index (units, CompactUnit, i);
      double shown;
      int decimals;

      if (magnitude < unit->unit)
        continue;
      /* One decimal below 100 units ("12.3k"), none above ("153k"). */
      decimals = magnitude / unit->unit < 100 ? 1 : 0;
      shown = round_shown (magnitude / unit->unit, unit->unit, decimals, round_up);
      /* 999,950 is "1M", not "1000k". */
      if (i > 0)
        {
          const CompactUnit *larger = &g_array_index (units, CompactUnit, i - 1);

          if (shown * unit->unit >= larger->unit)
            {
              unit = larger;
              decimals = 1;
              shown = round_shown (magnitude / unit->unit, unit->unit, decimals, round_up);
            }
        }
      {
        g_autofree char *num = format_number (value < 0 ? -shown : shown, decimals, TRUE);

        result = g_strconcat (num, unit->suffix, NULL);
      }
    }
  g_array_unref (units);

  if (result == NULL)
    result = format_number (round (value), 0, TRUE);
  return result;
}

char *
_fp_format_compact (double value)
{
  return format_compact (value, FALSE);
}

char *
_fp_format_count_compact (double value)
{
  if (!isfinite (value))
    return g_strdup (EM_DASH);
  return format_compact (round_count_up (value), TRUE);
}

char *
_fp_format_money (const char *currency,
                  double      value,
                  gboolean    compact)
{
  g_autofree char *amount = NULL;
  g_autofree char *money = NULL;
  /* The sign goes before the code, "−USD 52,500" as "−$52,500", not
   * between the code and its amount; a minus sign (U+2212), as the
   * sensitivities write it, not a hyphen */
  gboolean negative = isfinite (value) && round (value) < 0;

  if (currency == NULL || currency[0] == '\0')
    currency = "USD";
  if (!isfinite (value))
    amount = g_strdup (EM_DASH);
  else if (compact)
    amount = _fp_format_compact (fabs (round (value)));
  else
    amount = format_number (fabs (round (value)), 0, TRUE);
  /* Translators: an amount of money: %1$s is the ISO 4217 currency code
   * ("USD"), %2$s the amount ("1,200,000"). Reorder them if your language
   * puts the code after the amount ("1.200.000 USD"). */
  money = g_strdup_printf (_("%1$s %2$s"), currency, amount);
  return negative ? g_strconcat (MINUS_SIGN, money, NULL) : g_steal_pointer (&money);
}

char *
_fp_format_percent (double ratio)
{
  double percent = ratio * 100.0;
  g_autofree char *num = NULL;

  if (!isfinite (percent))
    return g_strdup (EM_DASH);
  /* Too small for two decimals, a conversion still is no "0%": it is
   * more than 0, and a 1,000,000:1 ratio read as none. */
  if (percent > 0 && percent < 0.005)
    {
      num = format_number (0.01, 2, TRUE);
      /* Translators: a percentage below the smallest shown, "<0.01%"; as
       * "%s%%", German writes a (no-break) space before the sign. */
      return g_strdup_printf (_("<%s%%"), num);
    }
  num = format_number (percent, fabs (percent) < 1.0 ? 2 : 1, TRUE);
  /* Translators: a percentage, %s is the number ("12.5"). German writes
   * a (no-break) space before the sign. */
  return g_strdup_printf (_("%s%%"), num);
}

char *
_fp_format_percent_change (double ratio)
{
  g_autofree char *num = NULL;
  g_autofree char *percent = NULL;

  if (!isfinite (ratio))
    return g_strdup (EM_DASH);
  /* One decimal always: these stand in a column, "+10.0%" over "+5.1%" */
  num = format_number (fabs (ratio) * 100.0, 1, FALSE);
  percent = g_strdup_printf (_("%s%%"), num);
  /* No change has no sign */
  if (ratio == 0)
    return g_steal_pointer (&percent);
  return g_strconcat (ratio < 0 ? MINUS_SIGN : "+", percent, NULL);
}

char *
_fp_format_ratio (double ratio)
{
  return _fp_format_ratio_decimals (ratio, 1);
}

char *
_fp_format_ratio_decimals (double ratio,
                           int    decimals)
{
  g_autofree char *num = NULL;

  if (!isfinite (ratio))
    return g_strdup (EM_DASH);
  num = format_number (ratio, decimals, FALSE);
  /* Translators: a multiple such as a pipeline coverage, "4.0x" */
  return g_strdup_printf (_("%sx"), num);
}

char *
_fp_format_to_one (double conversion)
{
  double n;
  g_autofree char *num = NULL;

  if (!(conversion > 0) || !isfinite (conversion))
    return g_strdup (EM_DASH);
  n = 1.0 / conversion;
  num = format_number (n, n >= 10 ? 0 : 1, TRUE);
  /* Translators: a conversion spoken as "N:1", e.g. "15:1" */
  return g_strdup_printf (_("%s:1"), num);
}

char *
_fp_format_duration (double   days,
                     gboolean compact)
{
  g_autofree char *num = NULL;

  if (!isfinite (days))
    return g_strdup (EM_DASH);
  num = format_number (days, 1, TRUE);
  if (compact)
    /* Translators: a duration in days, abbreviated, e.g. "14 d" */
    return g_strdup_printf (_("%s d"), num);
  /* Translators: a duration, e.g. "14 days"; %s is the number, which
   * may have a decimal fraction ("2.5 days") */
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s day", "%s days",
                                       _fp_format_plural_n (days, 1)), num);
}

gulong
_fp_format_plural_n (double value,
                     int    decimals)
{
  double shown = _fp_round_half_up (fabs (value), CLAMP (decimals, 0, 6));

  /* "2.5 days": a number with a fraction takes the plural in English and
   * German; 2 says so to ngettext() */
  if (!isfinite (shown) || shown != floor (shown))
    return 2;
  /* The last digits choose the form in every language; past them, none */
  return (gulong) fmod (shown, 1000000.0);
}

char *
_fp_format_month (GDateTime *month,
                  gboolean   abbreviated,
                  gboolean   with_year)
{
  const char *format;

  g_return_val_if_fail (month != NULL, NULL);

  /* The formats are g_date_time_format()'s: the translation puts the year
   * where the language wants it. */
  if (abbreviated && with_year)
    /* Translators: a month and its year, e.g. "Jul 2027"; Chinese uses "%Y年%-m月" */
    /* xgettext:no-c-format */
    format = C_("abbreviated month and year", "%b %Y");
  else if (abbreviated)
    /* Translators: a month in short, e.g. "Jul"; Chinese uses "%-m月" */
    /* xgettext:no-c-format */
    format = C_("abbreviated month", "%b");
  else if (with_year)
    /* Translators: a month and its year, e.g. "July 2027"; Chinese uses "%Y年%-m月" */
    /* xgettext:no-c-format */
    format = C_("month and year", "%B %Y");
  else
    /* Translators: a month on its own, e.g. "July" (%OB is the nominative
     * form where a language has one) */
    /* xgettext:no-c-format */
    format = C_("month", "%OB");
  return g_date_time_format (month, format);
}

char *
_fp_format_period (int   year,
                   int   month,
                   guint months)
{
  g_autoptr(GDateTime) first = g_date_time_new_utc (year, month, 1, 0, 0, 0);
  g_autoptr(GDateTime) last = NULL;
  g_autofree char *from = NULL;
  g_autofree char *to = NULL;

  if (first == NULL)
    return NULL;
  last = g_date_time_add_months (first, MAX (months, 1) - 1);
  if (months <= 1)
    return _fp_format_month (first, TRUE, TRUE);
  if (g_date_time_get_year (first) == g_date_time_get_year (last))
    {
      /* Translators: the first month of a period within one year, as in
       * "Jul–Sep 2027"; Chinese puts the year here: "%Y年%-m月" */
      /* xgettext:no-c-format */
      from = g_date_time_format (first, C_("first month of a period in one year", "%b"));
      /* Translators: the last month of a period within one year, as in
       * "Jul–Sep 2027"; Chinese has the year at the start: "%-m月" */
      /* xgettext:no-c-format */
      to = g_date_time_format (last, C_("last month of a period in one year", "%b %Y"));
      return g_strdup_printf ("%s\xe2\x80\x93%s", from, to);
    }
  from = _fp_format_month (first, TRUE, TRUE);
  to = _fp_format_month (last, TRUE, TRUE);
  return g_strdup_printf ("%s \xe2\x80\x93 %s", from, to);
}

char *
_fp_format_leading_name (const char *name,
                         gboolean    rtl_interface)
{
  g_return_val_if_fail (name != NULL, NULL);

  /* A stray override or isolate's end reached into the phrase: "Leads"
   * and a RIGHT-TO-LEFT OVERRIDE turned "per month" around */
  if (_fp_bidi_has_control (name))
    {
      g_autofree char *isolated = _fp_bidi_isolate (name);

      return g_strconcat (rtl_interface ? "\u200f" : "\u200e", isolated, NULL);
    }

  /* The first letter of a script decides, as the first strong character
   * decides a paragraph's direction: digits, spaces and punctuation are
   * common to all scripts. (Pango's own test is deprecated.) By script,
   * not by bidi class: Arabic-Indic digits count as right to left, which
   * costs an isolate that changes nothing. */
  for (const char *p = name; *p != '\0'; p = g_utf8_next_char (p))
    {
      GUnicodeScript script = g_unichar_get_script (g_utf8_get_char (p));

      if (script == G_UNICODE_SCRIPT_COMMON || script == G_UNICODE_SCRIPT_INHERITED ||
          script == G_UNICODE_SCRIPT_UNKNOWN)
        continue;
      if (_fp_bidi_script_is_rtl (script) == rtl_interface)
        break;
      /* LEFT-TO-RIGHT or RIGHT-TO-LEFT MARK, FIRST STRONG ISOLATE, the
       * name, POP DIRECTIONAL ISOLATE */
      return g_strconcat (rtl_interface ? "\u200f" : "\u200e", "\u2068", name, "\u2069", NULL);
    }
  return g_strdup (name);
}
