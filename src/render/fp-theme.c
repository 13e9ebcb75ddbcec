/* fp-theme.c: the GNOME (libadwaita 1.2) palette for light and dark */

#include "fp-theme.h"

#include <math.h>
#include <string.h>

static FpColor
rgb (guint32 hex)
{
  return (FpColor) {
    ((hex >> 16) & 0xff) / 255.0,
    ((hex >> 8) & 0xff) / 255.0,
    (hex & 0xff) / 255.0,
    1.0,
  };
}

static FpColor
rgba (guint32 hex,
      double  alpha)
{
  FpColor c = rgb (hex);

  c.a = alpha;
  return c;
}

void
fp_theme_set_font_family (FpTheme    *theme,
                          const char *family)
{
  g_return_if_fail (theme != NULL);

  if (family == NULL || family[0] == '\0')
    family = "Cantarell";
  g_strlcpy (theme->font_family, family, sizeof theme->font_family);
}

/* Held to the 0.5 to 3 that GNOME offers (org.gnome.desktop.interface
 * text-scaling-factor); what is not a number is read as no scaling. */
void
fp_theme_set_text_scale (FpTheme *theme,
                         double   scale)
{
  g_return_if_fail (theme != NULL);

  theme->text_scale = isfinite (scale) ? CLAMP (scale, 0.5, 3.0) : 1.0;
}

void
fp_theme_init_light (FpTheme *theme)
{
  g_return_if_fail (theme != NULL);

  memset (theme, 0, sizeof *theme);
  theme->background = rgb (0xfafafa);        /* window_bg_color */
  theme->foreground = rgba (0x000000, 0.8);  /* window_fg_color */
  theme->dim_foreground = rgba (0x000000, 0.55);
  /* Blue 4, not 3: white counts on Blue 3 read at 3.8:1, under WCAG AA */
  theme->band_start = rgb (0x1c71d8);        /* Blue 4 */
  theme->band_end = rgb (0x1a5fb4);          /* Blue 5 */
  theme->on_band = rgb (0xffffff);
  theme->accent = rgb (0x1c71d8);            /* accent_color */
  theme->on_accent = rgb (0xffffff);
  theme->handoff = rgb (0x813d9c);           /* Purple 4 */
  /* success_color: white on success_bg_color read at 3.3:1 */
  theme->pipeline = rgb (0x1b8553);
  theme->on_badge = rgb (0xffffff);
  theme->warning = rgb (0xe5a50a);           /* warning_bg_color */
  theme->on_warning = rgba (0x000000, 0.8);
  theme->critical = rgb (0xe01b24);          /* error_bg_color */
  theme->on_critical = rgb (0xffffff);
  theme->track = rgba (0x000000, 0.12);
  theme->benchmark_track = rgba (0x26a269, 0.25);
  theme->benchmark_edge = rgb (0x26a269);
  theme->cell_shade_max = 0.48;
  fp_theme_set_font_family (theme, "Cantarell");
  theme->text_scale = 1.0;
}

void
fp_theme_init_dark (FpTheme *theme)
{
  g_return_if_fail (theme != NULL);

  memset (theme, 0, sizeof *theme);
  theme->background = rgb (0x242424);
  theme->foreground = rgb (0xffffff);
  theme->dim_foreground = rgba (0xffffff, 0.6);
  theme->band_start = rgb (0x1c71d8);
  theme->band_end = rgb (0x1c5fb0);
  theme->on_band = rgb (0xffffff);
  theme->accent = rgb (0x78aeed);
  theme->on_accent = rgb (0x000000);
  theme->handoff = rgb (0x9141ac);
  theme->pipeline = rgb (0x1b8553);
  theme->on_badge = rgb (0xffffff);
  theme->warning = rgb (0xf8e45c);           /* warning_color */
  theme->on_warning = rgba (0x000000, 0.8);
  theme->critical = rgb (0xff7b63);          /* error_color */
  theme->on_critical = rgba (0x000000, 0.8);
  theme->track = rgba (0xffffff, 0.15);
  theme->benchmark_track = rgba (0x57e389, 0.25);
  theme->benchmark_edge = rgba (0x57e389, 0.6);
  theme->cell_shade_max = 0.8;
  fp_theme_set_font_family (theme, "Cantarell");
  theme->text_scale = 1.0;
}

const FpColor *
fp_theme_get_color (const FpTheme *theme,
                    FpColorRole    role)
{
  g_return_val_if_fail (theme != NULL, NULL);

  switch (role)
    {
    case FP_COLOR_ROLE_DIM:
      return &theme->dim_foreground;
    case FP_COLOR_ROLE_ON_BAND:
      return &theme->on_band;
    case FP_COLOR_ROLE_ACCENT:
      return &theme->accent;
    case FP_COLOR_ROLE_ON_BADGE:
      return &theme->on_badge;
    case FP_COLOR_ROLE_WARNING:
      return &theme->warning;
    case FP_COLOR_ROLE_CRITICAL:
      return &theme->critical;
    case FP_COLOR_ROLE_FOREGROUND:
    default:
      return &theme->foreground;
    }
}

static const FpColor opaque_black = { 0, 0, 0, 1 };

FpColor
fp_color_mix (const FpColor *a,
              const FpColor *b,
              double         t)
{
  g_return_val_if_fail (a != NULL && b != NULL, opaque_black);

  t = CLAMP (t, 0.0, 1.0);
  return (FpColor) {
    a->r + (b->r - a->r) * t,
    a->g + (b->g - a->g) * t,
    a->b + (b->b - a->b) * t,
    a->a + (b->a - a->a) * t,
  };
}

FpColor
fp_color_with_alpha (const FpColor *color,
                     double         alpha)
{
  FpColor c;

  g_return_val_if_fail (color != NULL, opaque_black);

  c = *color;
  c.a *= alpha;
  return c;
}
