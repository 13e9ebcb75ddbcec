/* fp-tornado-renderer.c: the sensitivity ("tornado") chart with cairo */
#include "config.h"

#include <math.h>
#include <pango/pangocairo.h>
#include <stdlib.h>

#include "fp-draw.h"
#include "fp-format.h"
#include "fp-tornado-renderer.h"

#define FONT_PX        12.0 /* at 96 dpi: the theme's text_scale applies */
#define BAR_FRACTION   0.6 /* of a row of one line, at 96 dpi */
#define BAR_SHARE      0.3 /* of the width, at least, for the bars */
#define GAP            6.0

/* A row grows with the text it holds */
static double
row_height (gboolean two_lines,
            double   text_scale)
{
  return (two_lines ? FP_TORNADO_TWO_LINE_ROW_HEIGHT : FP_TORNADO_ROW_HEIGHT) * text_scale;
}

double
fp_tornado_get_height (guint    n_bars,
                       gboolean two_lines,
                       double   text_scale)
{
  return MAX (n_bars, 1) * row_height (two_lines, text_scale) + 2 * FP_TORNADO_PADDING;
}

double
fp_tornado_get_label_width (double width,
                            double label_needed,
                            double value_width,
                            double shortest)
{
  double room = floor (width - 2 * GAP - value_width - floor (width * BAR_SHARE));

  /* A column that cannot hold the shortest name holds none: an ellipsis
   * alone would be drawn over the bars */
  if (room < shortest || room <= 0)
    return 0;
  return MIN (label_needed, room);
}

int
fp_tornado_compare_bars (gconstpointer a,
                         gconstpointer b)
{
  double va = fabs (((const FpTornadoBar *) a)->value);
  double vb = fabs (((const FpTornadoBar *) b)->value);

  if (isnan (va))
    va = -1;
  if (isnan (vb))
    vb = -1;
  return (va < vb) - (va > vb);
}

static PangoLayout *
make_layout (PangoContext  *context,
             const FpTheme *theme,
             const char    *text)
{
  PangoLayout *layout = pango_layout_new (context);
  PangoFontDescription *font = pango_font_description_new ();

  pango_font_description_set_family (font, theme->font_family[0] ? theme->font_family : "Sans");
  pango_font_description_set_absolute_size (font, FONT_PX * theme->text_scale * PANGO_SCALE);
  pango_layout_set_font_description (layout, font);
  pango_font_description_free (font);
  _fp_draw_set_layout_text (layout, text);
  pango_layout_set_single_paragraph_mode (layout, TRUE);
  return layout;
}

typedef struct
{
  double label_needed;  /* the longest name */
  double label_width;   /* the names' column */
  double value_width;   /* the widest value, or of ±10.0% if wider */
} Columns;

/* Measure before placing: the label column takes what the longest name
 * needs, leaving the bars BAR_SHARE of the width; longer names wrap or
 * are ellipsized. The values' column is at least as wide as ±10.0%, the
 * most a 10% better conversion brings: the columns, and with them whether
 * names take two lines, do not change as a drag changes the values. */
static double
text_width (PangoContext  *context,
            const FpTheme *theme,
            const char    *text)
{
  g_autoptr(PangoLayout) layout = make_layout (context, theme, text);
  int width;

  pango_layout_get_pixel_size (layout, &width, NULL);
  return width;
}

/* A value as the chart writes it, measured */
static double
value_width (PangoContext  *context,
             const FpTheme *theme,
             double         value)
{
  g_autofree char *text = _fp_format_percent_change (value);

  return text_width (context, theme, text);
}

static Columns
measure_columns (PangoContext       *context,
                 const FpTheme      *theme,
                 double              width,
                 const FpTornadoBar *bars,
                 guint               n_bars)
{
  Columns columns = { 0 };

  columns.value_width = MAX (value_width (context, theme, -0.1), value_width (context, theme, 0.1));
  for (guint i = 0; i < n_bars; i++)
    {
      columns.label_needed = MAX (columns.label_needed, text_width (context, theme, bars[i].label));
      columns.value_width = MAX (columns.value_width, value_width (context, theme, bars[i].value));
    }
  columns.label_width = fp_tornado_get_label_width (width, columns.label_needed,
                                                    columns.value_width,
                                                    text_width (context, theme, "Abc\xe2\x80\xa6"));
  return columns;
}

/* Whether the names' column is narrower than its longest name (and there
 * is a column) */
static gboolean
names_wrap (const Columns *columns)
{
  return columns->label_width > 0 && columns->label_width < columns->label_needed;
}

gboolean
fp_tornado_needs_two_lines (PangoContext       *context,
                            const FpTheme      *theme,
                            double              width,
                            const FpTornadoBar *bars,
                            guint               n_bars)
{
  Columns columns;

  g_return_val_if_fail (PANGO_IS_CONTEXT (context), FALSE);
  g_return_val_if_fail (theme != NULL, FALSE);
  g_return_val_if_fail (n_bars == 0 || bars != NULL, FALSE);

  columns = measure_columns (context, theme, width, bars, n_bars);
  return names_wrap (&columns);
}

void
fp_tornado_render (cairo_t            *cr,
                   PangoContext       *context,
                   double              width,
                   double              height,
                   const FpTornadoBar *bars,
                   guint               n_bars,
                   const FpTheme      *theme,
                   const FpColor      *helps,
                   const FpColor      *hurts)
{
  g_autofree FpTornadoBar *sorted = NULL;
  Columns columns;
  double label_width, value_width, max_value = 0;
  double row_h, chart_x, chart_width, axis_x;
  gboolean two_lines;
  gboolean any_negative = FALSE, any_positive = FALSE;

  g_return_if_fail (cr != NULL);
  g_return_if_fail (PANGO_IS_CONTEXT (context));
  g_return_if_fail (theme != NULL);
  g_return_if_fail (n_bars == 0 || bars != NULL);

  if (n_bars == 0 || width < 40 || height < 10)
    return;

  sorted = g_memdup2 (bars, sizeof *bars * n_bars);
  qsort (sorted, n_bars, sizeof *sorted, fp_tornado_compare_bars);
  for (guint i = 0; i < n_bars; i++)
    if (isfinite (sorted[i].value))
      {
        max_value = MAX (max_value, fabs (sorted[i].value));
        any_negative |= sorted[i].value < 0;
        any_positive |= sorted[i].value > 0;
      }

  columns = measure_columns (context, theme, width, sorted, n_bars);
  label_width = columns.label_width;
  value_width = columns.value_width;
  /* Names wrap where they need it and the height gives them rows of two
   * lines (the widget asks for those with fp_tornado_needs_two_lines(),
   * in the same context) */
  two_lines = names_wrap (&columns)
              && height + 0.5 >= fp_tornado_get_height (n_bars, TRUE, theme->text_scale);
  row_h = row_height (two_lines, theme->text_scale);

  chart_x = label_width + GAP;
  chart_width = width - chart_x - GAP - value_width;
  if (chart_width < 10)
    return;
  /* One-sided when every effect has the same sign, which is the usual case:
   * a better conversion never hurts. */
  if (any_negative && any_positive)
    axis_x = chart_x + chart_width / 2;
  else if (any_negative)
    axis_x = chart_x + chart_width;
  else
    axis_x = chart_x;

  for (guint i = 0; i < n_bars; i++)
    {
      double row_y = FP_TORNADO_PADDING + i * row_h;
      double centre_y = row_y + row_h / 2;
      double value = sorted[i].value;
      double span = (any_negative && any_positive) ? chart_width / 2 : chart_width;
      double length = (max_value > 0 && isfinite (value)) ? fabs (value) / max_value * span : 0;
      double bar_height = FP_TORNADO_ROW_HEIGHT * BAR_FRACTION;
      double bar_x = value < 0 ? axis_x - length : axis_x;
      g_autoptr(PangoLayout) label = make_layout (context, theme, sorted[i].label);
      g_autofree char *text = _fp_format_percent_change (value);
      g_autoptr(PangoLayout) value_layout = make_layout (context, theme, text);
      int w, h;

      if (row_y + row_h > height + 0.5)
        break;

      /* The stage name, right-aligned against the chart. */
      if (label_width > 0)
        {
          pango_layout_set_width (label, (int) label_width * PANGO_SCALE);
          pango_layout_set_ellipsize (label, PANGO_ELLIPSIZE_END);
          if (two_lines)
            {
              pango_layout_set_wrap (label, PANGO_WRAP_WORD_CHAR);
              pango_layout_set_height (label, -2);
            }
          pango_layout_set_alignment (label, PANGO_ALIGN_RIGHT);
          pango_layout_get_pixel_size (label, &w, &h);
          _fp_draw_set_color (cr, fabs (fabs (value) - max_value) <= 1e-9 * MAX (1, max_value)
                         ? &theme->foreground : &theme->dim_foreground);
          cairo_move_to (cr, 0, round (centre_y - h / 2.0));
          pango_cairo_show_layout (cr, label);
        }

      /* The bar; the largest effect is drawn at full strength. */
      if (length > 0)
        {
          /* Full strength for the largest effect (all of them on a tie):
           * the answer to "which stage helps most". */
          gboolean largest = fabs (fabs (value) - max_value) <= 1e-9 * MAX (1, max_value);
          FpColor color = fp_color_with_alpha (value < 0 ? hurts : helps, largest ? 1.0 : 0.55);

          _fp_draw_set_color (cr, &color);
          cairo_rectangle (cr, round (bar_x), round (centre_y - bar_height / 2),
                           MAX (1, round (length)), round (bar_height));
          cairo_fill (cr);
        }

      /* The value beside the end of the bar, outside it so it never clips. */
      pango_layout_get_pixel_size (value_layout, &w, &h);
      _fp_draw_set_color (cr, &theme->foreground);
      if (value < 0)
        cairo_move_to (cr, MAX (chart_x - GAP - w, bar_x - GAP - w), round (centre_y - h / 2.0));
      else
        cairo_move_to (cr, bar_x + length + GAP, round (centre_y - h / 2.0));
      /* With a negative bar the value sits left of it, over the label
       * column's gap; keep it inside the chart area. */
      if (value < 0 && bar_x - GAP - w < chart_x)
        cairo_move_to (cr, bar_x + length + GAP, round (centre_y - h / 2.0));
      pango_cairo_show_layout (cr, value_layout);
    }

  /* The zero axis: a hairline on a half pixel. */
  _fp_draw_set_color (cr, &theme->track);
  cairo_set_line_width (cr, 1);
  cairo_move_to (cr, floor (axis_x) + 0.5, FP_TORNADO_PADDING);
  cairo_line_to (cr, floor (axis_x) + 0.5,
                 MIN (height, fp_tornado_get_height (n_bars, two_lines, theme->text_scale))
                 - FP_TORNADO_PADDING);
  cairo_stroke (cr);
}
