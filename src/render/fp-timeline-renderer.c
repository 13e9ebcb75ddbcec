/* fp-timeline-renderer.c: the timeline chart, drawn from its layout
 *
 * Everything is where FpTimelineLayout put it; this file only decides how it
 * looks, in the funnel's colours: bars and cells in the band gradient, the
 * grips in the accent colour (or the warning's), the plan period in a faint
 * accent wash. Fills sit on whole pixels and hairlines on half pixels.
 */

#include <math.h>

#include <pango/pangocairo.h>

#include "fp-draw.h"
#include "fp-timeline-renderer.h"

/* The benchmark bands behind the bars, and their legend: faint, behind,
 * inside an edge of the benchmark's own green. The fill alone stood out
 * from the background at 1.1:1 (1.3:1 dark), and was the only sign of
 * where a duration sits against its benchmark; the edge reaches 3:1
 * (4.7:1 dark). */
#define BENCHMARK_BAND_ALPHA 0.45

/* Fills @zone as a benchmark band, with its edge */
static void
draw_benchmark_band (cairo_t       *cr,
                     const FpTheme *theme,
                     const FpRect  *zone,
                     double         radius,
                     double         edge_width)
{
  FpColor faint = fp_color_with_alpha (&theme->benchmark_track, BENCHMARK_BAND_ALPHA);
  FpRect inside = { zone->x + edge_width / 2, zone->y + edge_width / 2,
                    zone->width - edge_width, zone->height - edge_width };

  _fp_draw_rounded_rect (cr, zone, radius);
  _fp_draw_set_color (cr, &faint);
  cairo_fill (cr);
  _fp_draw_rounded_rect (cr, &inside, MAX (0, radius - edge_width / 2));
  _fp_draw_set_color (cr, &theme->benchmark_edge);
  cairo_set_line_width (cr, edge_width);
  cairo_stroke (cr);
}

static FpColor
band_color (const FpTheme *theme,
            guint          index,
            guint          n)
{
  return fp_color_mix (&theme->band_start, &theme->band_end,
                       n > 1 ? (double) index / (n - 1) : 0);
}

static const FpColor *
severity_color (const FpTheme *theme,
                FpSeverity     severity)
{
  switch (severity)
    {
    case FP_SEVERITY_CRITICAL:
      return &theme->critical;
    case FP_SEVERITY_WARNING:
      return &theme->warning;
    case FP_SEVERITY_INFO:
    default:
      return &theme->accent;
    }
}

static void
draw_axis (cairo_t                *cr,
           const FpTimelineLayout *layout,
           const FpTheme          *theme)
{
  const FpTimelineTick *ticks;
  guint n_ticks;
  FpRect bars;
  FpColor grid = fp_color_with_alpha (&theme->foreground, 0.08);
  FpColor close = fp_color_with_alpha (&theme->foreground, 0.35);
  double x1;
  double dash[] = { 3, 3 };

  fp_timeline_layout_get_areas (layout, &bars, NULL, NULL);
  fp_timeline_layout_get_axis (layout, NULL, &x1);
  ticks = fp_timeline_layout_get_ticks (layout, &n_ticks);
  if (bars.height <= 0)
    return;

  cairo_save (cr);
  cairo_set_line_width (cr, 1);
  _fp_draw_set_color (cr, &grid);
  for (guint k = 0; k < n_ticks; k++)
    {
      double x = floor (ticks[k].x) + 0.5;

      if (ticks[k].days == 0)
        continue;
      cairo_move_to (cr, x, bars.y);
      cairo_line_to (cr, x, bars.y + bars.height);
    }
  cairo_stroke (cr);

  /* The close, where every bar is counted back from */
  _fp_draw_set_color (cr, &close);
  cairo_set_dash (cr, dash, G_N_ELEMENTS (dash), 0);
  cairo_move_to (cr, floor (x1) + 0.5, bars.y);
  cairo_line_to (cr, floor (x1) + 0.5, bars.y + bars.height);
  cairo_stroke (cr);
  cairo_restore (cr);
}

static void
draw_bars (cairo_t                *cr,
           const FpTimelineLayout *layout,
           const FpTheme          *theme,
           FpHit                   hover,
           int                     active)
{
  guint n = fp_timeline_layout_get_n_stages (layout);
  double s = fp_timeline_layout_get_scale (layout);

  for (guint i = 0; i < n; i++)
    {
      const FpTimelineStageLayout *st = fp_timeline_layout_get_stage (layout, i);
      FpColor fill = band_color (theme, i, n);
      gboolean bar_hovered = hover.kind == FP_HIT_BAND && hover.stage == (int) i;
      gboolean grip_hot = (hover.kind == FP_HIT_DURATION_HANDLE && hover.stage == (int) i)
                          || active == (int) i;
      double radius = MIN (4 * s, st->bar.height / 4);

      if (st->is_close)
        {
          const FpRect *m = &st->marker;

          cairo_move_to (cr, m->x + m->width / 2, m->y);
          cairo_line_to (cr, m->x + m->width, m->y + m->height / 2);
          cairo_line_to (cr, m->x + m->width / 2, m->y + m->height);
          cairo_line_to (cr, m->x, m->y + m->height / 2);
          cairo_close_path (cr);
          if (bar_hovered)
            fill = fp_color_mix (&fill, &theme->on_band, 0.18);
          _fp_draw_set_color (cr, &fill);
          cairo_fill (cr);
          continue;
        }

      /* The benchmark: where the enter end would sit for a duration in it */
      if (st->has_benchmark)
        {
          double pad = MAX (2, round (3 * s));
          double x0 = round (MIN (st->benchmark_x0, st->benchmark_x1));
          double x1 = round (MAX (st->benchmark_x0, st->benchmark_x1));
          FpRect zone = { x0, st->bar.y - pad, MAX (2, x1 - x0), st->bar.height + 2 * pad };

          draw_benchmark_band (cr, theme, &zone, radius + pad, MAX (1, round (s)));
        }

      if (bar_hovered)
        fill = fp_color_mix (&fill, &theme->on_band, 0.18);
      _fp_draw_rounded_rect (cr, &st->bar, radius);
      _fp_draw_set_color (cr, &fill);
      cairo_fill (cr);

      if (st->has_warning && st->severity >= FP_SEVERITY_WARNING)
        {
          double width = MAX (2, round (2 * s));
          FpRect inset = { st->bar.x + width / 2, st->bar.y + width / 2,
                           st->bar.width - width, st->bar.height - width };

          if (inset.width > 0 && inset.height > 0)
            {
              _fp_draw_rounded_rect (cr, &inset, MAX (0, radius - width / 2));
              _fp_draw_set_color (cr, severity_color (theme, st->severity));
              cairo_set_line_width (cr, width);
              cairo_stroke (cr);
            }
        }

      if (st->has_warning && st->warning_marker.width > 0)
        _fp_draw_severity_marker (cr, &st->warning_marker, st->severity, theme);

      if (st->has_handle)
        {
          const FpColor *color = st->has_warning && st->severity >= FP_SEVERITY_WARNING
                                 ? severity_color (theme, st->severity) : &theme->accent;
          FpRect grip = st->grip;

          if (grip_hot)
            {
              FpColor halo = fp_color_with_alpha (color, 0.25);
              double grow = MAX (3, round (4 * s));
              FpRect around = { grip.x - grow, grip.y - grow / 2,
                                grip.width + 2 * grow, grip.height + grow };

              _fp_draw_rounded_rect (cr, &around, around.width / 2);
              _fp_draw_set_color (cr, &halo);
              cairo_fill (cr);
            }
          _fp_draw_rounded_rect (cr, &grip, grip.width / 2);
          _fp_draw_set_color (cr, color);
          cairo_fill_preserve (cr);
          /* A ring in the background colour lifts the grip off the bar. */
          _fp_draw_set_color (cr, &theme->background);
          cairo_set_line_width (cr, MAX (1, round (1.5 * s)));
          cairo_stroke (cr);
        }
    }
}

static void
draw_grid (cairo_t                *cr,
           const FpTimelineLayout *layout,
           const FpTheme          *theme)
{
  guint n = fp_timeline_layout_get_n_stages (layout);
  double s = fp_timeline_layout_get_scale (layout);
  const FpTimelineCell *cells;
  guint n_cells;
  FpRect period;
  FpRect view;
  gboolean scrolled = fp_timeline_layout_get_grid_scroll (layout, &view, NULL, NULL);

  /* A scrolled grid shows what is in its window */
  cairo_save (cr);
  if (scrolled)
    {
      cairo_rectangle (cr, view.x, view.y, view.width, view.height);
      cairo_clip (cr);
    }

  fp_timeline_layout_get_areas (layout, NULL, NULL, &period);
  if (period.width > 0 && period.height > 0)
    {
      FpColor wash = fp_color_with_alpha (&theme->accent, 0.08);
      FpColor edge = fp_color_with_alpha (&theme->accent, 0.45);
      double radius = round (6 * s);

      _fp_draw_rounded_rect (cr, &period, radius);
      _fp_draw_set_color (cr, &wash);
      cairo_fill_preserve (cr);
      _fp_draw_set_color (cr, &edge);
      cairo_set_line_width (cr, 1);
      cairo_save (cr);
      cairo_translate (cr, 0.5, 0.5);
      cairo_new_path (cr);
      _fp_draw_rounded_rect (cr,
                             &(FpRect) { period.x, period.y, period.width - 1, period.height - 1 },
                             radius);
      cairo_stroke (cr);
      cairo_restore (cr);
    }

  cells = fp_timeline_layout_get_cells (layout, &n_cells);
  for (guint k = 0; k < n_cells; k++)
    {
      const FpTimelineCell *cell = &cells[k];
      double inset = cell->rect.width >= 8 ? 1 : 0;
      FpRect r = { cell->rect.x + inset, cell->rect.y + inset,
                   cell->rect.width - 2 * inset, cell->rect.height - 2 * inset };
      FpColor color;

      if (!(cell->volume > 0) || r.width <= 0 || r.height <= 0 ||
          (scrolled && (r.x >= view.x + view.width || r.x + r.width <= view.x)))
        continue;
      /* Shade by the share of the stage's busiest month; light enough
       * that the count on it reads in the foreground colour. */
      color = band_color (theme, cell->stage, n);
      color = fp_color_with_alpha (&color, 0.10 + (theme->cell_shade_max - 0.10) * cell->level);
      _fp_draw_rounded_rect (cr, &r, MIN (3 * s, r.width / 4));
      _fp_draw_set_color (cr, &color);
      cairo_fill (cr);
    }
  cairo_restore (cr);
}

/* A scrolled grid's bar: a faint track, the thumb where the window is,
 * darker under the pointer as a scrollbar's slider is */
static void
draw_scroll_bar (cairo_t                *cr,
                 const FpTimelineLayout *layout,
                 const FpTheme          *theme,
                 FpHit                   hover)
{
  FpRect track;
  FpRect thumb;
  FpColor faint = fp_color_with_alpha (&theme->foreground, 0.08);
  FpColor dim = fp_color_with_alpha (&theme->foreground,
                                     hover.kind == FP_HIT_SCROLL_BAR ? 0.60 : 0.40);

  if (!fp_timeline_layout_get_scroll_bar (layout, &track, &thumb))
    return;
  _fp_draw_rounded_rect (cr, &track, track.height / 2);
  _fp_draw_set_color (cr, &faint);
  cairo_fill (cr);
  _fp_draw_rounded_rect (cr, &thumb, thumb.height / 2);
  _fp_draw_set_color (cr, &dim);
  cairo_fill (cr);
}

static gboolean
is_grid_text (FpTimelineTextKind kind)
{
  return kind == FP_TIMELINE_TEXT_SPAN || kind == FP_TIMELINE_TEXT_MONTH ||
         kind == FP_TIMELINE_TEXT_YEAR || kind == FP_TIMELINE_TEXT_VOLUME;
}

static void
draw_text (cairo_t                *cr,
           const FpTimelineLayout *layout,
           const FpTheme          *theme)
{
  const FpTimelineText *texts;
  guint n_texts;
  FpRect view;
  gboolean scrolled;

  texts = fp_timeline_layout_get_texts (layout, &n_texts);
  scrolled = fp_timeline_layout_get_grid_scroll (layout, &view, NULL, NULL);
  for (guint i = 0; i < n_texts; i++)
    {
      PangoRectangle logical;
      gboolean clipped = scrolled && is_grid_text (texts[i].kind);

      if (!fp_timeline_layout_text_shows (layout, &texts[i]))
        continue;
      /* The grid's text scrolls with it, under the same window */
      if (clipped)
        {
          cairo_save (cr);
          cairo_rectangle (cr, view.x, view.y, view.width, view.height);
          cairo_clip (cr);
        }
      pango_layout_get_extents (texts[i].layout, NULL, &logical);
      _fp_draw_set_color (cr, fp_theme_get_color (theme, texts[i].color));
      cairo_move_to (cr,
                     texts[i].logical.x - (double) logical.x / PANGO_SCALE,
                     texts[i].logical.y - (double) logical.y / PANGO_SCALE);
      pango_cairo_show_layout (cr, texts[i].layout);
      if (clipped)
        cairo_restore (cr);
    }
}

/* The swatch of the benchmark bands' legend, drawn as the bands are */
static void
draw_legend (cairo_t                *cr,
             const FpTimelineLayout *layout,
             const FpTheme          *theme)
{
  FpRect swatch;

  if (!fp_timeline_layout_get_legend (layout, &swatch))
    return;
  draw_benchmark_band (cr, theme, &swatch, MIN (3, swatch.height / 3), 1);
}

void
fp_timeline_render (cairo_t                *cr,
                    const FpTimelineLayout *layout,
                    const FpTheme          *theme,
                    FpRenderFlags           flags,
                    FpHit                   hover,
                    int                     active)
{
  double width;
  double height;

  g_return_if_fail (cr != NULL);
  g_return_if_fail (layout != NULL);
  g_return_if_fail (theme != NULL);

  fp_timeline_layout_get_size (layout, &width, &height);
  cairo_save (cr);

  if (!(flags & FP_RENDER_SKIP_BACKGROUND))
    {
      _fp_draw_set_color (cr, &theme->background);
      cairo_rectangle (cr, 0, 0, width, height);
      cairo_fill (cr);
    }

  draw_axis (cr, layout, theme);
  draw_legend (cr, layout, theme);
  draw_bars (cr, layout, theme, hover, active);
  draw_grid (cr, layout, theme);
  draw_scroll_bar (cr, layout, theme, hover);

  if (!(flags & FP_RENDER_SKIP_TEXT))
    draw_text (cr, layout, theme);

  cairo_restore (cr);
}
