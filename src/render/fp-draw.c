/* fp-draw.c: the small cairo steps every chart and overlay takes */
#include "config.h"

#include <math.h>
#include <string.h>

#include "fp-draw.h"

static gboolean
is_noncharacter (gunichar c)
{
  return (c >= 0xfdd0 && c <= 0xfdef) || (c & 0xfffe) == 0xfffe;
}

char *
_fp_draw_shown_text (const char *text)
{
  GString *shown = g_string_sized_new (strlen (text));

  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    if (is_noncharacter (g_utf8_get_char (p)))
      g_string_append_unichar (shown, 0xfffd);
    else
      g_string_append_len (shown, p, g_utf8_next_char (p) - p);
  return g_string_free (shown, FALSE);
}

void
_fp_draw_set_layout_text (PangoLayout *layout,
                          const char  *text)
{
  g_autofree char *shown = _fp_draw_shown_text (text);

  pango_layout_set_text (layout, shown, -1);
}

void
_fp_draw_set_color (cairo_t       *cr,
                    const FpColor *color)
{
  cairo_set_source_rgba (cr, color->r, color->g, color->b, color->a);
}

void
_fp_draw_rounded_rect (cairo_t      *cr,
                       const FpRect *r,
                       double        radius)
{
  radius = MIN (radius, MIN (r->width, r->height) / 2);
  if (radius <= 0)
    {
      cairo_rectangle (cr, r->x, r->y, r->width, r->height);
      return;
    }
  cairo_new_sub_path (cr);
  cairo_arc (cr, r->x + r->width - radius, r->y + radius, radius, -G_PI / 2, 0);
  cairo_arc (cr, r->x + r->width - radius, r->y + r->height - radius, radius, 0, G_PI / 2);
  cairo_arc (cr, r->x + radius, r->y + r->height - radius, radius, G_PI / 2, G_PI);
  cairo_arc (cr, r->x + radius, r->y + radius, radius, G_PI, 3 * G_PI / 2);
  cairo_close_path (cr);
}

/* An exclamation mark (or an "i") drawn as shapes, so the SVG export's text
 * stays the chart's words only. */
static void
draw_glyph (cairo_t       *cr,
            const FpRect  *box,
            gboolean       info,
            const FpColor *color)
{
  double cx = box->x + box->width / 2;
  double h = box->height;
  double stem = MAX (1.5, h * 0.14);
  double dot_y = info ? box->y + h * 0.28 : box->y + h * 0.76;
  double bar_top = info ? box->y + h * 0.42 : box->y + h * 0.24;
  double bar_bottom = info ? box->y + h * 0.78 : box->y + h * 0.62;

  _fp_draw_set_color (cr, color);
  cairo_set_line_width (cr, stem);
  cairo_set_line_cap (cr, CAIRO_LINE_CAP_ROUND);
  cairo_move_to (cr, cx, bar_top);
  cairo_line_to (cr, cx, bar_bottom);
  cairo_stroke (cr);
  cairo_arc (cr, cx, dot_y, stem * 0.62, 0, 2 * G_PI);
  cairo_fill (cr);
}

void
_fp_draw_severity_marker (cairo_t       *cr,
                          const FpRect  *m,
                          FpSeverity     severity,
                          const FpTheme *theme)
{
  /* Not joined to whatever path came before (text leaves a current point) */
  cairo_new_path (cr);
  switch (severity)
    {
    case FP_SEVERITY_CRITICAL:
      /* A filled octagon, the road sign for stop */
      for (int k = 0; k < 8; k++)
        {
          double angle = G_PI / 8 + k * G_PI / 4;

          cairo_line_to (cr, m->x + m->width / 2 + cos (angle) * m->width / 2 / cos (G_PI / 8),
                         m->y + m->height / 2 + sin (angle) * m->height / 2 / cos (G_PI / 8));
        }
      cairo_close_path (cr);
      _fp_draw_set_color (cr, &theme->critical);
      cairo_fill (cr);
      draw_glyph (cr, m, FALSE, &theme->on_critical);
      break;

    case FP_SEVERITY_WARNING:
      cairo_move_to (cr, m->x + m->width / 2, m->y);
      cairo_line_to (cr, m->x + m->width, m->y + m->height);
      cairo_line_to (cr, m->x, m->y + m->height);
      cairo_close_path (cr);
      _fp_draw_set_color (cr, &theme->warning);
      cairo_set_line_join (cr, CAIRO_LINE_JOIN_ROUND);
      cairo_set_line_width (cr, MAX (1, m->width * 0.1));
      cairo_fill_preserve (cr);
      cairo_stroke (cr);
      draw_glyph (cr, &(FpRect) { m->x, m->y + m->height * 0.12, m->width, m->height * 0.88 },
                  FALSE, &theme->on_warning);
      break;

    case FP_SEVERITY_INFO:
    default:
      cairo_arc (cr, m->x + m->width / 2, m->y + m->height / 2, m->width / 2, 0, 2 * G_PI);
      _fp_draw_set_color (cr, &theme->accent);
      cairo_fill (cr);
      draw_glyph (cr, m, TRUE, &theme->on_accent);
      break;
    }
}
