/* fp-round.h: numbers rounded as they read in decimal
 *
 * printf() rounds a half to even, and rounds the double rather than the
 * decimal it stands for: 38.25 days showed as "38.2" beside 163.75 as
 * "163.8", and 73.95 deals (73.9499... as a double) as "73.9". Every
 * figure the app shows rounded to some decimals (counts of people aside,
 * which round up) goes through here, so that a chart, a field and a
 * warning show one number the same way.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* @value to @decimals fraction digits, halves away from zero, as its
 * fifteen significant digits read; the nearest double, which printf()
 * with the same decimals writes as those digits */
double _fp_round_half_up (double value,
                          int    decimals);

G_END_DECLS
