/* fp-theme-gtk.c: an FpTheme from a widget's style
 *
 * render/ knows no GTK, so the canvases read the colours here and hand
 * render/ a plain struct. The palette of fp_theme_init_light/dark() is the
 * base; the colours a user or the style can change (accent, window
 * background and foreground, warning, error) come from the style context,
 * the font family and text scale from the settings (resolution and
 * interface font size).
 */

#include "config.h"

#include <adwaita.h>

#include "fp-theme-gtk.h"

/* gtk_style_context_lookup_color() is the GTK 4.8 way to read named
 * colours; 4.10 deprecates it with no replacement for named colours. */
G_GNUC_BEGIN_IGNORE_DEPRECATIONS

static gboolean
lookup (GtkStyleContext *context,
        const char      *name,
        FpColor         *color)
{
  GdkRGBA rgba;

  if (!gtk_style_context_lookup_color (context, name, &rgba))
    return FALSE;
  *color = (FpColor) { rgba.red, rgba.green, rgba.blue, rgba.alpha };
  return TRUE;
}

/* In dots per inch; 96 when GTK has not set one */
static double
text_resolution (GtkWidget *widget)
{
  double dpi = pango_cairo_context_get_resolution (gtk_widget_get_pango_context (widget));

  return dpi > 0 ? dpi : 96.0;
}

/* GNOME's interface font is 11 points unless the user picks another
 * size (Tweaks, Fonts): the charts' sizes are drawn for it. */
#define GNOME_INTERFACE_POINTS 11.0

/* How much larger than GNOME's default the interface font is: 1 where it
 * is not larger, so that a smaller one (GTK's own fallback is 10 points)
 * never shrinks the charts' smallest labels below what they were drawn
 * for. */
static double
interface_font_growth (const PangoFontDescription *desc,
                       double                      dpi)
{
  double points = pango_font_description_get_size (desc) / (double) PANGO_SCALE;

  /* A size in pixels is drawn at that size whatever the resolution: in
   * points at this one, which the resolution's own scale then counts */
  if (pango_font_description_get_size_is_absolute (desc))
    points *= 72.0 / dpi;
  return MAX (1.0, points / GNOME_INTERFACE_POINTS);
}

void
fp_theme_init_from_widget (FpTheme   *theme,
                           GtkWidget *widget)
{
  GtkStyleContext *context;
  gboolean dark;
  g_autofree char *font_name = NULL;
  double font_growth = 1.0;

  g_return_if_fail (theme != NULL);
  g_return_if_fail (GTK_IS_WIDGET (widget));

  dark = adw_style_manager_get_dark (adw_style_manager_get_default ());
  if (dark)
    fp_theme_init_dark (theme);
  else
    fp_theme_init_light (theme);

  context = gtk_widget_get_style_context (widget);
  lookup (context, "window_bg_color", &theme->background);
  if (lookup (context, "window_fg_color", &theme->foreground))
    {
      theme->dim_foreground = fp_color_with_alpha (&theme->foreground, 0.68);
      theme->track = fp_color_with_alpha (&theme->foreground, dark ? 0.15 : 0.12);
    }
  lookup (context, "accent_color", &theme->accent);
  if (dark)
    {
      /* The light variants read on a dark background. */
      lookup (context, "warning_color", &theme->warning);
      lookup (context, "error_color", &theme->critical);
    }
  else
    {
      lookup (context, "warning_bg_color", &theme->warning);
      lookup (context, "warning_fg_color", &theme->on_warning);
      lookup (context, "error_bg_color", &theme->critical);
      lookup (context, "error_fg_color", &theme->on_critical);
    }

  g_object_get (gtk_widget_get_settings (widget), "gtk-font-name", &font_name, NULL);
  if (font_name != NULL)
    {
      PangoFontDescription *desc = pango_font_description_from_string (font_name);
      const char *family = pango_font_description_get_family (desc);

      if (family != NULL)
        fp_theme_set_font_family (theme, family);
      font_growth = interface_font_growth (desc, text_resolution (widget));
      pango_font_description_free (desc);
    }

  /* GTK sets the widget's text resolution from gtk-xft-dpi, which
   * GNOME's text scaling (Large Text) raises from 96 dpi; the interface
   * font's size grows the panels' text on top of it. */
  fp_theme_set_text_scale (theme, text_resolution (widget) / 96.0 * font_growth);
}

G_GNUC_END_IGNORE_DEPRECATIONS
