/* fp-theme.h: the colours and font the funnel is drawn with
 *
 * A plain struct so that render/ stays free of GTK: the window fills one from
 * its CSS colours, export uses fp_theme_init_light().
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define FP_THEME_FONT_FAMILY_MAX 128

typedef struct
{
  double r;
  double g;
  double b;
  double a;
} FpColor;

typedef struct
{
  FpColor background;
  FpColor foreground;
  FpColor dim_foreground;
  /* Bands are filled along a gradient from the first stage to the last. */
  FpColor band_start;
  FpColor band_end;
  FpColor on_band;          /* text on a band */
  FpColor accent;           /* handles, hover */
  FpColor on_accent;
  FpColor handoff;          /* the "Handoff (SLA)" badge */
  FpColor pipeline;         /* the "Pipeline" badge */
  FpColor on_badge;
  FpColor warning;
  FpColor on_warning;
  FpColor critical;
  FpColor on_critical;
  FpColor track;            /* the groove a handle slides in */
  FpColor benchmark_track;  /* the benchmark range on that groove */
  FpColor benchmark_edge;   /* around the timeline's benchmark bands, at 3:1 or more */
  /* How much of its band's colour the busiest month's cell takes (the
   * quietest takes 0.1): more on a dark background, where the shades
   * otherwise all read as one navy */
  double cell_shade_max;
  char font_family[FP_THEME_FONT_FAMILY_MAX];
  /* How much larger than at 96 dpi the user asked text to be (GNOME's
   * Large Text is 1.25): the charts' fonts grow by it, their shapes do
   * not. 1 for exports, which are documents of a set size. */
  double text_scale;
} FpTheme;

/* Which theme colour a text item is drawn in. */
typedef enum
{
  FP_COLOR_ROLE_FOREGROUND,
  FP_COLOR_ROLE_DIM,
  FP_COLOR_ROLE_ON_BAND,
  FP_COLOR_ROLE_ACCENT,
  FP_COLOR_ROLE_ON_BADGE,
  FP_COLOR_ROLE_WARNING,
  FP_COLOR_ROLE_CRITICAL,
} FpColorRole;

void           fp_theme_init_light      (FpTheme       *theme);
void           fp_theme_init_dark       (FpTheme       *theme);
void           fp_theme_set_font_family (FpTheme       *theme,
                                         const char    *family);
void           fp_theme_set_text_scale  (FpTheme       *theme,
                                         double         scale);
const FpColor *fp_theme_get_color       (const FpTheme *theme,
                                         FpColorRole    role);

/* Helpers for drawing code. */
FpColor        fp_color_mix             (const FpColor *a,
                                         const FpColor *b,
                                         double         t);
FpColor        fp_color_with_alpha      (const FpColor *color,
                                         double         alpha);

G_END_DECLS
