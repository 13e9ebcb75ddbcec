/* fp-plan-rules.c: the rules of PLAN-FORMAT.md, one place for editor and loader */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>

#include "fp-plan-private.h"

const char *
_fp_check_conversion (double value)
{
  if (!isfinite (value) || value <= 0 || value > 1)
    return _("must be more than 0 and at most 1");
  return NULL;
}

const char *
_fp_check_duration (double value)
{
  if (!isfinite (value) || value < 0 || value > 3650)
    return _("must be from 0 to 3650 days");
  return NULL;
}

const char *
_fp_check_cost (double value)
{
  if (!isfinite (value) || value < 0)
    return _("must be 0 or more");
  return NULL;
}

const char *
_fp_check_positive (double value)
{
  if (!isfinite (value) || value <= 0)
    return _("must be more than 0");
  return NULL;
}

const char *
_fp_check_per_month (double value)
{
  return _fp_check_cost (value);
}

const char *
_fp_check_weight (double value)
{
  return _fp_check_cost (value);
}

const char *
_fp_check_weight_sum (double sum)
{
  if (!(sum > 0))
    return _("must add up to more than 0");
  /* Each weight finite, their sum may not be: 1e308 twice */
  if (!isfinite (sum))
    return _("are too large: their sum is not a finite number");
  return NULL;
}

const char *
_fp_check_months (double value)
{
  if (!isfinite (value) || value != floor (value) || value < 1 || value > FP_PLAN_MAX_MONTHS)
    return _("must be a whole number from 1 to 60");
  return NULL;
}

const char *
_fp_check_period_end (int   start_year,
                      int   start_month,
                      guint months)
{
  /* Dates past 9999 have no calendar in GLib, nor in the document's
   * YYYY-MM-01. */
  if ((gint64) start_year * 12 + (start_month - 1) + (months - 1) > (gint64) 9999 * 12 + 11)
    return _("must end the period by December 9999");
  return NULL;
}

const char *
_fp_check_title (const char *value)
{
  if (value == NULL || !g_utf8_validate (value, -1, NULL))
    return _("must be text");
  if (g_utf8_strlen (value, -1) > 200)
    return _("must be at most 200 characters");
  return NULL;
}

const char *
_fp_check_name (const char *value)
{
  if (value == NULL || !g_utf8_validate (value, -1, NULL))
    return _("must be text");
  if (*value == '\0')
    return _("must not be empty");
  if (g_utf8_strlen (value, -1) > 200)
    return _("must be at most 200 characters");
  return NULL;
}

const char *
_fp_check_id (const char *value)
{
  gsize len;

  if (value == NULL)
    return _("must be text");
  len = strlen (value);
  if (len < 1 || len > 32)
    return _("must be 1 to 32 characters of a-z, 0-9, _ and -");
  for (const char *p = value; *p; p++)
    {
      if (!((*p >= 'a' && *p <= 'z') || (*p >= '0' && *p <= '9') || *p == '_' || *p == '-'))
        return _("must be 1 to 32 characters of a-z, 0-9, _ and -");
    }
  return NULL;
}

const char *
_fp_check_currency (const char *value)
{
  if (value == NULL || strlen (value) != 3 ||
      !g_ascii_isupper (value[0]) || !g_ascii_isupper (value[1]) || !g_ascii_isupper (value[2]))
    return _("must be an ISO 4217 code of 3 upper-case letters");
  return NULL;
}

void
_fp_format_double (char   *buffer,
                   gsize   size,
                   double  value)
{
  /* The shortest of %.15g..%.17g that reads back exactly: 0.2 stays "0.2",
   * and every double survives a save. */
  for (int precision = 15; precision <= 17; precision++)
    {
      g_ascii_formatd (buffer, size, precision == 15 ? "%.15g" : precision == 16 ? "%.16g" : "%.17g",
                       value);
      if (g_ascii_strtod (buffer, NULL) == value)
        return;
    }
}
