/* fp-text-fit.h: fonts measured once, text measured and shortened to fit
 *
 * Shared by the funnel and timeline layouts, which place every label
 * themselves and must agree on how wide a text is.
 */
#pragma once

#include <pango/pango.h>

#include "fp-funnel-layout.h"

G_BEGIN_DECLS

#define FP_ELLIPSIS "\xe2\x80\xa6"

typedef struct
{
  PangoFontDescription *desc;
  char *string;         /* desc as text, for SVG export and tests */
  double px;
  PangoWeight weight;
  double height;        /* logical line height */
  double baseline;      /* from the top of the line */
} FpFont;

/* @family at an absolute size of @px pixels; replaces what @font held. */
void         _fp_font_init       (FpFont       *font,
                                  PangoContext *pango,
                                  const char   *family,
                                  double        px,
                                  PangoWeight   weight);
void         _fp_font_clear      (FpFont       *font);
/* From one line of @font to the next: whole pixels, so that the rounded
 * positions of two lines never overlap. */
double       _fp_font_line_advance (const FpFont *font);
/* One line of @text in @font. */
PangoLayout *_fp_font_new_layout (const FpFont *font,
                                  PangoContext *pango,
                                  const char   *text);
/* The width @text takes, its ink included (some glyphs overhang). Kept on
 * @pango with the line metrics of _fp_font_init(), until @pango changes. */
double       _fp_font_text_width (const FpFont *font,
                                  PangoContext *pango,
                                  const char   *text);
/* How many measurements @pango keeps now: for tests */
guint        _fp_text_measures_kept (PangoContext *pango);
/* @text, or its start with an ellipsis, in at most @max_width; NULL when
 * not even three characters would be left. */
char        *_fp_font_fit_text   (const FpFont *font,
                                  PangoContext *pango,
                                  const char   *text,
                                  double        max_width);

/* The narrowest width in which @text fits on at most two lines, broken
 * where its language allows (between words, or between the characters of
 * Chinese): its one-line width when it cannot be broken. */
double       _fp_font_two_line_width (const FpFont *font,
                                      PangoContext *pango,
                                      const char   *text);
/* @text on two lines of at most @max_width: as much as fits on the first
 * line, broken where the language allows (else inside a word of Latin,
 * Greek or Cyrillic letters, with a hyphen, between syllables where both
 * lines then fit), and the rest on the second, shortened with an ellipsis
 * when still too long. FALSE, with nothing set, when @text fits on one
 * line, or when no first line fits or no second line keeps three
 * characters. */
gboolean     _fp_font_wrap_two_lines (const FpFont *font,
                                      PangoContext *pango,
                                      const char   *text,
                                      double        max_width,
                                      char        **first,
                                      char        **second);

/* What a text covers: its logical box and its ink together (some glyphs
 * overhang); a text without ink (a space) covers its logical box. */
FpRect       _fp_text_bounds     (const FpRect *logical,
                                  const FpRect *ink);
gboolean     _fp_rects_overlap   (const FpRect *a,
                                  const FpRect *b);
/* Moves a text (its @logical and @ink boxes) down by whole pixels until
 * what it covers is clear of @above: a second line whose marks stack
 * higher than its font's line height says. */
void         _fp_text_move_below (FpRect       *logical,
                                  FpRect       *ink,
                                  const FpRect *above);

/* Rows too short for a line of @font: how many rows a line spans, so that
 * every so many rows can be named, its line reaching into the unnamed
 * rows beside it. */
guint        _fp_rows_per_name   (const FpFont *font,
                                  double        row_h);
/* The height a chart @data needs on a canvas @height tall, at the unit of
 * size that height gives it */
typedef double (*FpHeightNeededFunc) (double   height,
                                      gpointer data);
/* The shortest canvas that holds what @needed measures at its own unit of
 * size, found between 0 and @enough (a height that holds it), to a pixel.
 * A shorter canvas takes a smaller unit and needs less, down to the fonts'
 * floors: a chart that fits a 16:9 canvas fits a shorter one. */
double       _fp_shortest_height (FpHeightNeededFunc  needed,
                                  gpointer            data,
                                  double              enough);
/* Whether row @i of @n is named when every @stride-th is: from the first,
 * and the last, whose line would otherwise run into the one named before
 * it. */
gboolean     _fp_row_is_named    (guint         i,
                                  guint         n,
                                  guint         stride);

G_END_DECLS
