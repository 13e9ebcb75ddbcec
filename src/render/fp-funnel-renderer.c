/* fp-funnel-renderer.c: the funnel chart, drawn from its layout
 *
 * Everything is where FpFunnelLayout put it; this file only decides how it
 * looks. Fills sit on whole pixels and one-pixel lines on half pixels, so
 * edges stay crisp in the PNG and on screen.
 */

#include <math.h>

#include <pango/pangocairo.h>

#include "fp-draw.h"
#include "fp-funnel-layout-private.h"
#include "fp-funnel-renderer.h"

/* A rectangle outline of @width whose edges land on the pixel grid: inset
 * by half the width, so an odd width strokes on half pixels. */
static void
stroke_inside (cairo_t      *cr,
               const FpRect *r,
               double        radius,
               double        width)
{
  FpRect inset = { r->x + width / 2, r->y + width / 2, r->width - width, r->height - width };

  if (inset.width <= 0 || inset.height <= 0)
    return;
  _fp_draw_rounded_rect (cr, &inset, MAX (0, radius - width / 2));
  cairo_set_line_width (cr, width);
  cairo_stroke (cr);
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

static FpColor
band_color (const FpTheme *theme,
            guint          index,
            guint          n)
{
  return fp_color_mix (&theme->band_start, &theme->band_end,
                       n > 1 ? (double) index / (n - 1) : 0);
}

/* The faint trapezoids joining each band to the next, so the eye reads one
 * funnel rather than a bar chart. */
static void
draw_connectors (cairo_t              *cr,
                 const FpFunnelLayout *layout,
                 const FpTheme        *theme)
{
  guint n = layout->stages->len;

  for (guint i = 0; i + 1 < n; i++)
    {
      const FpFunnelStageLayout *a = &g_array_index (layout->stages, FpFunnelStageLayout, i);
      const FpFunnelStageLayout *b = &g_array_index (layout->stages, FpFunnelStageLayout, i + 1);
      double top = a->band.y + a->band.height;
      double bottom = b->band.y;
      FpColor color;

      if (bottom <= top)
        continue;
      color = band_color (theme, i, n);
      color = fp_color_with_alpha (&color, 0.22);
      cairo_move_to (cr, a->band.x, top);
      cairo_line_to (cr, a->band.x + a->band.width, top);
      cairo_line_to (cr, b->band.x + b->band.width, bottom);
      cairo_line_to (cr, b->band.x, bottom);
      cairo_close_path (cr);
      _fp_draw_set_color (cr, &color);
      cairo_fill (cr);
    }
}

static void
draw_bands (cairo_t              *cr,
            const FpFunnelLayout *layout,
            const FpTheme        *theme,
            FpHit                 hover)
{
  guint n = layout->stages->len;
  double s = layout->scale;

  for (guint i = 0; i < n; i++)
    {
      const FpFunnelStageLayout *st = &g_array_index (layout->stages, FpFunnelStageLayout, i);
      gboolean hovered = hover.kind == FP_HIT_BAND && hover.stage == (int) i;
      FpColor fill = band_color (theme, i, n);

      if (hovered)
        fill = fp_color_mix (&fill, &theme->on_band, 0.18);
      _fp_draw_rounded_rect (cr, &st->band, layout->corner_radius);
      _fp_draw_set_color (cr, &fill);
      cairo_fill (cr);

      /* Severity outline: critical the loudest, info none (the marker
       * says enough). */
      if (st->has_warning && st->severity >= FP_SEVERITY_WARNING)
        {
          double width = st->severity == FP_SEVERITY_CRITICAL ? MAX (3, round (3 * s))
                                                              : MAX (2, round (2 * s));

          _fp_draw_set_color (cr, severity_color (theme, st->severity));
          stroke_inside (cr, &st->band, layout->corner_radius, width);
        }

      if (hovered)
        {
          _fp_draw_set_color (cr, &theme->accent);
          stroke_inside (cr, &(FpRect) { st->band.x - 3, st->band.y - 3,
                                         st->band.width + 6, st->band.height + 6 },
                         layout->corner_radius + 3, 2);
        }
    }
}

static void
draw_markers (cairo_t              *cr,
              const FpFunnelLayout *layout,
              const FpTheme        *theme)
{
  for (guint i = 0; i < layout->stages->len; i++)
    {
      const FpFunnelStageLayout *st = &g_array_index (layout->stages, FpFunnelStageLayout, i);

      if (st->has_warning && st->marker.width > 0)
        _fp_draw_severity_marker (cr, &st->marker, st->severity, theme);
    }
}

static void
draw_badges (cairo_t              *cr,
             const FpFunnelLayout *layout,
             const FpTheme        *theme)
{
  for (guint i = 0; i < layout->stages->len; i++)
    {
      const FpFunnelStageLayout *st = &g_array_index (layout->stages, FpFunnelStageLayout, i);

      if (st->handoff_badge.width > 0)
        {
          _fp_draw_rounded_rect (cr, &st->handoff_badge, st->handoff_badge.height / 2);
          _fp_draw_set_color (cr, &theme->handoff);
          cairo_fill (cr);
        }
      if (st->pipeline_badge.width > 0)
        {
          _fp_draw_rounded_rect (cr, &st->pipeline_badge, st->pipeline_badge.height / 2);
          _fp_draw_set_color (cr, &theme->pipeline);
          cairo_fill (cr);
        }
    }
}

static void
draw_segment (cairo_t       *cr,
              double         x0,
              double         x1,
              double         y,
              double         thickness,
              const FpColor *color)
{
  _fp_draw_set_color (cr, color);
  cairo_set_line_width (cr, thickness);
  cairo_set_line_cap (cr, CAIRO_LINE_CAP_ROUND);
  cairo_move_to (cr, x0, y);
  cairo_line_to (cr, MAX (x0, x1), y);
  cairo_stroke (cr);
}

static void
draw_knob (cairo_t              *cr,
           const FpFunnelLayout *layout,
           const FpTheme        *theme,
           double                x,
           double                y,
           const FpColor        *color,
           gboolean              hovered)
{
  double r = layout->handle_radius;

  if (hovered)
    {
      FpColor halo = fp_color_with_alpha (color, 0.25);

      cairo_arc (cr, x, y, r * 1.7, 0, 2 * G_PI);
      _fp_draw_set_color (cr, &halo);
      cairo_fill (cr);
    }
  cairo_arc (cr, x, y, r, 0, 2 * G_PI);
  _fp_draw_set_color (cr, color);
  cairo_fill_preserve (cr);
  /* A ring in the background colour lifts the knob off the track. */
  _fp_draw_set_color (cr, &theme->background);
  cairo_set_line_width (cr, MAX (1, r * 0.25));
  cairo_stroke (cr);
}

/* One track: the benchmark range as a faint wide underlay (the realistic
 * zone), the groove, the part up to the value, and the knob. */
static void
draw_track (cairo_t              *cr,
            const FpFunnelLayout *layout,
            const FpTheme        *theme,
            double                x0,
            double                x1,
            double                y,
            gboolean              has_benchmark,
            double                bench_x0,
            double                bench_x1,
            double                x,
            const FpColor        *color,
            gboolean              hovered)
{
  double t = layout->track_thickness;
  /* Odd thicknesses centre on half pixels, even ones on whole. */
  double cy = round (y) + ((int) t % 2 ? 0.5 : 0);

  if (has_benchmark)
    draw_segment (cr, bench_x0, bench_x1, cy, t + 2 * MAX (2, round (2 * layout->scale)),
                  &theme->benchmark_track);
  draw_segment (cr, x0, x1, cy, t, &theme->track);
  draw_segment (cr, x0, x, cy, t, color);
  draw_knob (cr, layout, theme, x, cy, color, hovered);
}

static void
draw_tracks (cairo_t              *cr,
             const FpFunnelLayout *layout,
             const FpTheme        *theme,
             FpHit                 hover)
{
  for (guint i = 0; i < layout->stages->len; i++)
    {
      const FpFunnelStageLayout *st = &g_array_index (layout->stages, FpFunnelStageLayout, i);
      const FpColor *color;

      if (!st->has_tracks)
        continue;

      color = st->has_conversion_warning && st->conversion_severity >= FP_SEVERITY_WARNING
              ? severity_color (theme, st->conversion_severity) : &theme->accent;
      draw_track (cr, layout, theme, st->conversion_x0, st->conversion_x1, st->conversion_y,
                  st->has_benchmark_conversion,
                  fp_funnel_layout_x_at_conversion (layout, i, st->benchmark_conversion_min),
                  fp_funnel_layout_x_at_conversion (layout, i, st->benchmark_conversion_max),
                  fp_funnel_layout_x_at_conversion (layout, i, st->conversion), color,
                  hover.kind == FP_HIT_CONVERSION_HANDLE && hover.stage == (int) i);

      color = st->has_duration_warning && st->duration_severity >= FP_SEVERITY_WARNING
              ? severity_color (theme, st->duration_severity) : &theme->accent;
      draw_track (cr, layout, theme, st->duration_x0, st->duration_x1, st->duration_y,
                  st->has_benchmark_duration,
                  fp_funnel_layout_x_at_duration (layout, i, st->benchmark_duration_min),
                  fp_funnel_layout_x_at_duration (layout, i, st->benchmark_duration_max),
                  fp_funnel_layout_x_at_duration (layout, i, st->duration), color,
                  hover.kind == FP_HIT_DURATION_HANDLE && hover.stage == (int) i);
    }
}

static void
draw_text (cairo_t              *cr,
           const FpFunnelLayout *layout,
           const FpTheme        *theme)
{
  for (guint i = 0; i < layout->texts->len; i++)
    {
      const FpTextItem *item = &g_array_index (layout->texts, FpTextItem, i);
      PangoRectangle logical;

      pango_layout_get_extents (item->layout, NULL, &logical);
      _fp_draw_set_color (cr, fp_theme_get_color (theme, item->color));
      /* The layout's origin, from where the layout put its logical box */
      cairo_move_to (cr,
                     item->logical.x - (double) logical.x / PANGO_SCALE,
                     item->logical.y - (double) logical.y / PANGO_SCALE);
      pango_cairo_show_layout (cr, item->layout);
    }
}

void
fp_funnel_render (cairo_t              *cr,
                  const FpFunnelLayout *layout,
                  const FpTheme        *theme,
                  FpRenderFlags         flags,
                  FpHit                 hover)
{
  g_return_if_fail (cr != NULL);
  g_return_if_fail (layout != NULL);
  g_return_if_fail (theme != NULL);

  cairo_save (cr);

  if (!(flags & FP_RENDER_SKIP_BACKGROUND))
    {
      _fp_draw_set_color (cr, &theme->background);
      cairo_rectangle (cr, 0, 0, layout->width, layout->height);
      cairo_fill (cr);
    }

  if (isfinite (layout->rule_y))
    {
      FpColor rule = fp_color_with_alpha (&theme->foreground, 0.15);

      _fp_draw_set_color (cr, &rule);
      cairo_set_line_width (cr, 1);
      cairo_move_to (cr, 0, layout->rule_y);
      cairo_line_to (cr, layout->width, layout->rule_y);
      cairo_stroke (cr);
    }

  draw_connectors (cr, layout, theme);
  draw_bands (cr, layout, theme, hover);
  draw_markers (cr, layout, theme);
  draw_badges (cr, layout, theme);
  draw_tracks (cr, layout, theme, hover);

  if (!(flags & FP_RENDER_SKIP_TEXT))
    draw_text (cr, layout, theme);

  cairo_restore (cr);
}
