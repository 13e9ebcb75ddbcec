/* fp-round.c: numbers rounded as they read in decimal */
#include "config.h"

#include <math.h>

#include "fp-round.h"

double
_fp_round_half_up (double value,
                   int    decimals)
{
  char written[G_ASCII_DTOSTR_BUF_SIZE];
  double magnitude = fabs (value);
  double scale = pow (10, decimals);
  double scaled;

  /* Fifteen digits or more before the last one asked for: fifteen
   * significant digits would cut digits the double holds exactly
   * (987,654,321,098,765.25), and nothing is left to round */
  if (!isfinite (value) || !(magnitude * scale < 1e14))
    return value;
  /* Fifteen significant digits drop the double's noise. Scaling can
   * then leave a half a unit in the last place below itself (0.35 is
   * 3.4999999999999996 tenths): two units up are far less than any
   * decimal digit the fifteen can hold. */
  g_ascii_formatd (written, sizeof written, "%.15g", magnitude);
  scaled = g_ascii_strtod (written, NULL) * scale;
  return copysign (round (nextafter (nextafter (scaled, INFINITY), INFINITY)) / scale, value);
}
