/* fp-canvas-overlay.c: focus rings and value bubbles over the charts */

#include <math.h>

#include <pango/pangocairo.h>

#include "fp-draw.h"
#include "fp-canvas-overlay.h"

void
fp_canvas_draw_focus_ring (cairo_t       *cr,
                           const FpTheme *theme,
                           const FpRect  *rect,
                           double         radius,
                           double         scale)
{
  /* libadwaita's focus ring: the accent at half strength, 2 px, kept off
   * the shape by a gap, on a line of the background. */
  double width = MAX (2, round (2 * scale));
  double offset = MAX (2, round (2 * scale)) + width / 2;
  FpRect ring = { rect->x - offset, rect->y - offset,
                  rect->width + 2 * offset, rect->height + 2 * offset };
  FpColor color;

  g_return_if_fail (cr != NULL && theme != NULL && rect != NULL);

  color = fp_color_with_alpha (&theme->accent, 0.6);

  cairo_save (cr);
  _fp_draw_rounded_rect (cr, &ring, radius + offset);
  /* On the background first, a pixel wider each side: over a bar of the
   * accent's own blue (the first stage's) the ring was lost */
  cairo_set_source_rgb (cr, theme->background.r, theme->background.g, theme->background.b);
  cairo_set_line_width (cr, width + 2 * MAX (1, round (scale)));
  cairo_stroke_preserve (cr);
  cairo_set_source_rgba (cr, color.r, color.g, color.b, color.a);
  cairo_set_line_width (cr, width);
  cairo_stroke (cr);
  cairo_restore (cr);
}

FpRect
fp_canvas_draw_value_bubble (cairo_t           *cr,
                             const FpTheme     *theme,
                             const char        *text,
                             const FpRect      *anchor,
                             FpBubblePlacement  placement,
                             double             min_x,
                             double             width,
                             double             height,
                             double             scale)
{
  g_autoptr(PangoLayout) layout = NULL;
  PangoFontDescription *desc;
  PangoRectangle logical;
  double px;
  double pad_x;
  double pad_y;
  double gap = round (MAX (4, 6 * scale));
  double cx;
  double cy;
  FpRect box;

  g_return_val_if_fail (cr != NULL && theme != NULL && text != NULL && anchor != NULL,
                        (FpRect) { 0 });

  px = round (MAX (12, round (13 * scale)) * theme->text_scale);
  pad_x = round (0.7 * px);
  pad_y = round (0.35 * px);

  layout = pango_cairo_create_layout (cr);
  desc = pango_font_description_new ();
  pango_font_description_set_family (desc, theme->font_family);
  pango_font_description_set_weight (desc, PANGO_WEIGHT_BOLD);
  pango_font_description_set_absolute_size (desc, px * PANGO_SCALE);
  pango_layout_set_font_description (layout, desc);
  pango_font_description_free (desc);
  _fp_draw_set_layout_text (layout, text);
  pango_layout_get_extents (layout, NULL, &logical);

  box.width = ceil ((double) logical.width / PANGO_SCALE + 2 * pad_x);
  box.height = ceil ((double) logical.height / PANGO_SCALE + 2 * pad_y);
  cx = anchor->x + anchor->width / 2;
  cy = anchor->y + anchor->height / 2;

  box.x = anchor->x - gap - box.width;
  box.y = cy - box.height / 2;
  /* No room on the left (a bar dragged to the axis's start): on the
   * right, over the bar's own row, rather than over the row above */
  if (placement == FP_BUBBLE_START && box.x < min_x)
    box.x = anchor->x + anchor->width + gap;
  if (placement != FP_BUBBLE_START || box.x < min_x || box.x + box.width > width - 2 ||
      box.y < 2 || box.y + box.height > height - 2)
    {
      box.x = CLAMP (cx - box.width / 2, 2, MAX (2, width - box.width - 2));
      box.y = anchor->y - gap - box.height;
      if (box.y < 2)
        box.y = MIN (anchor->y + anchor->height + gap, height - box.height - 2);
    }
  box.x = round (box.x);
  box.y = round (box.y);

  cairo_save (cr);
  /* Like a GTK tooltip: the foreground colour as the fill. */
  _fp_draw_rounded_rect (cr, &box, MIN (box.height / 2, round (6 * scale)));
  cairo_set_source_rgba (cr, theme->foreground.r, theme->foreground.g, theme->foreground.b,
                         MAX (0.85, theme->foreground.a));
  cairo_fill (cr);
  cairo_set_source_rgba (cr, theme->background.r, theme->background.g, theme->background.b, 1);
  cairo_move_to (cr, box.x + pad_x - (double) logical.x / PANGO_SCALE,
                 box.y + pad_y - (double) logical.y / PANGO_SCALE);
  pango_cairo_show_layout (cr, layout);
  cairo_restore (cr);

  return box;
}
