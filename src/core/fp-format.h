/* fp-format.h: numbers as the charts, exports, panels and warnings show them */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Every function here follows LC_NUMERIC (the decimal point, the thousands
 * separator and its grouping) and the translations (the percent sign, the
 * compact units), so that a German export reads "1.200.000" and "12,5 %".
 * The C locale has no thousands separator; there they use a comma, since a
 * count of people without one is hard to read at a glance. A value that is
 * not finite is shown as an em dash. All return a newly allocated string. */

/* The most fraction digits a number is written with: a field shows 0.000000001 */
#define FP_FORMAT_MAX_DECIMALS 9

/* At most @max_decimals fraction digits, trailing zeros dropped: "12.5", "3". */
char *_fp_format_decimal        (double      value,
                                 int         max_decimals);
/* Exactly @decimals fraction digits: "4.0". */
char *_fp_format_fixed          (double      value,
                                 int         decimals);
/* From this magnitude on, numbers are written with three significant
 * digits, "6.8e+28", in full and compact forms alike: past 2^53 the
 * digits of a double mean nothing. */
#define FP_FORMAT_SCIENTIFIC_FROM 9e15

/* A count of people, rounded up: "12,000"; "3.34e+16". */
char *_fp_format_count          (double      value);
/* A count of people, rounded up, in compact form: "940", "12.3k", "1.5M";
 * 12,340 is "12.4k", never less than the count. */
char *_fp_format_count_compact  (double      value);
/* A whole number in compact form: "153k", "1.2M". */
char *_fp_format_compact        (double      value);
/* Money in the plan's currency (an ISO 4217 code): "USD 1,200,000", or
 * "USD 1.2M" compact; "−USD 1,500" (U+2212) below zero. */
char *_fp_format_money          (const char *currency,
                                 double      value,
                                 gboolean    compact);
/* A share as a percentage: "20%", "6.7%", "0.25%". */
char *_fp_format_percent        (double      ratio);
/* A change as a signed percentage to a tenth: "+9.1%", "−4.0%" (U+2212). */
char *_fp_format_percent_change (double      ratio);
/* A coverage or other multiple: "4.0x". */
char *_fp_format_ratio          (double      ratio);
/* The same with @decimals: "3.96x" */
char *_fp_format_ratio_decimals (double      ratio,
                                 int         decimals);
/* A conversion spoken as N:1: 0.2 -> "5:1", 1/15 -> "15:1". */
char *_fp_format_to_one         (double      conversion);
/* The number that chooses the plural form, for ngettext(), of @value
 * written with at most @decimals decimals: the whole number shown ("1"
 * for 1.04 to a tenth), or 2 for one shown with a fraction ("2.5"). */
gulong _fp_format_plural_n      (double      value,
                                 int         decimals);
/* A duration in days: "14 days", "1 day", or "14 d" compact. */
char *_fp_format_duration       (double      days,
                                 gboolean    compact);

/* Reads a number as a person types it in the user's locale, the inverse of
 * _fp_format_decimal(): "1.200.000" and "12,5" in German, "1,200,000" and
 * "12.5" in English. Thousands separators must fall where the locale's
 * grouping puts them; where they do not, the other of '.' and ',' is read
 * as the decimal mark, so that "12.5" is 12.5 in German too. Blanks around
 * the number and a leading sign are allowed. Returns FALSE, leaving @value
 * alone, for anything else. */
gboolean _fp_parse_number       (const char *text,
                                 double     *value);

/* A calendar month in the user's language: "Jul 2027" (abbreviated, with
 * the year), "Jul", "July 2027" or "July"; Chinese "2027年7月". */
char *_fp_format_month          (GDateTime  *month,
                                 gboolean    abbreviated,
                                 gboolean    with_year);
/* A plan period of @months months from @year-@month: "Jul–Sep 2027",
 * "Nov 2027 – Jan 2028", "Jul 2027"; NULL for an invalid date. */
char *_fp_format_period         (int         year,
                                 int         month,
                                 guint       months);

/* @name for the start of a translated phrase ("%s per month"). A name
 * whose first strong character runs against the interface's direction
 * would set the whole line's: "per month לידים" in an English window.
 * Such a name comes back after a mark of the interface's direction and
 * isolated (U+2068 to U+2069), as does a name holding a character that
 * controls direction, balanced; any other name as it is. */
char *_fp_format_leading_name   (const char *name,
                                 gboolean    rtl_interface);

G_END_DECLS
