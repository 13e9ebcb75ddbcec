/* fp-funnel-layout.c: geometry and text placement of the funnel chart
 *
 * The chart, top to bottom: a header (title, then a line or two of summary
 * figures), a hairline, optional column headers, then one row per stage. A
 * row has four columns:
 *
 *   stage name + badges | band, centred (volume inside or beside) |
 *   conversion label + track | duration label + track
 *
 * Band widths follow the required volumes on a logarithmic scale: the first
 * stage's band is as wide as the funnel column allows, and every decade less
 * volume takes the same width off, with the scale spanning at least two
 * decades and never going below a minimum width. That keeps a funnel whose
 * top is 300 times its bottom readable (the bottom band is still a band with
 * its number beside it), and keeps a funnel with a 2:1 top to bottom from
 * looking steeper than it is.
 *
 * Text is measured with Pango before it is placed. When space runs short,
 * text is shortened, moved or dropped in this order, first to last:
 *
 *   Header summary (flows onto at most two lines, never one item alone
 *   under three or more; one line on short canvases):
 *     1. the period
 *     2. money written compactly ("USD 1.2M" for "USD 1,200,000")
 *     3. the forecast
 *     4. the budget
 *     5. the planned coverage ("4.0x required" alone)
 *     6. the coverage
 *     7. the deals required
 *     then the title is shortened with an ellipsis; the target stays.
 *   Columns (when the funnel column would get narrower than 30%):
 *     1. the "N:1" form of conversions ("20% · 5:1" becomes "20%")
 *     2. "days" becomes "d"
 *     3. the stage name column narrows: to what the names need on two
 *        lines where a row has room for two lines of name and its badges
 *        (a name too long for two lines at 26% asks for 16%: it is
 *        shortened anyway), else to 16% (names shortened with an ellipsis)
 *     4. the tracks shrink to their minimum length
 *     5. the value labels move above their tracks, where a row has room
 *        above its knobs; else the duration labels are dropped; then a
 *        column of names on two lines narrows further, as far as the
 *        funnel needs and to 16% at most (names broken inside words, or
 *        shortened with an ellipsis): "Opportuni-/ties" read worse than
 *        values above their tracks
 *     6. the conversion labels (a knob's tooltip still tells its value)
 *   Rows (when a row is too short for its text):
 *     1. the column headers
 *     2. the track range labels ("0%", "25%" under the track ends)
 *     3. badges move from under the name to beside it
 *     4. badges lose their words: "Handoff (SLA)" becomes "Handoff", then
 *        both become coloured dots
 *     5. row fonts shrink, down to 9 px
 *     6. all row text but names, and those of all but every 2nd, 3rd, ...
 *        stage and the last (a named row's line reaches into the unnamed
 *        rows beside it); bands, markers and handles stay, and a knob's
 *        tooltip still tells its value
 *     7. all row text
 *   A name too long for its column takes a second line where the row has
 *   room for it, broken between words, else inside a word with a hyphen
 *   (between syllables where both lines then fit);
 *   what is still too long is shortened with an ellipsis. A stage name
 *   that cannot keep three characters before its ellipsis is dropped. A
 *   volume goes inside its band, else beside it; every volume is written
 *   in compact form ("12.3k") when one fits only so; one that fits in
 *   neither form is dropped.
 *
 * A pinned layout (fp_funnel_layout_new_pinned(), while a handle is
 * dragged) makes none of these choices again: it takes the header's number
 * of summary lines, the rows, the columns, the fonts and every track's range
 * and x from the layout it is pinned to, and fits the new text into them. A
 * dragged conversion is labelled without its "N:1"; a value label still too
 * wide for its column takes the shorter form, else it is dropped; the
 * summary drops items as above to stay on its lines.
 *
 * Finally, as a safety net, a text item that would still leave the canvas or
 * overlap an item placed before it (volumes first, then names, title, summary,
 * conversions, durations, badges, column headers, range labels) is dropped.
 */

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

#include "fp-chart-size.h"
#include "fp-funnel-layout-private.h"
#include "fp-text-fit.h"

typedef enum
{
  ROW_TEXT_NONE,
  ROW_TEXT_SOME_NAMES,  /* rows too short for a line: every name_stride-th name */
  ROW_TEXT_ONE_LINE,
  ROW_TEXT_TWO_LINES,
} RowText;

typedef FpFont Font;

typedef struct
{
  FpTextItem item;
  int priority;         /* lower is kept first by the safety net */
  int group;            /* items of a group are kept or dropped together */
} TextEntry;

typedef struct
{
  FpFunnelLayout *self;
  FpPlan *plan;
  const FpProjection *projection;
  const FpTheme *theme;
  PangoContext *pango;
  const FpFunnelLayout *pin; /* the layout whose grid and tracks to keep, or NULL */
  guint min_summary_lines;   /* lines the header keeps even when fewer do */
  FpFunnelKeptTrack kept;    /* the range a steady layout keeps, if it fits */
  GArray *entries;
  int n_groups;

  double s;             /* scale: 1 at 1280x720 */
  double pad;           /* canvas margin */
  double gap;           /* between columns */
  double content_width;

  Font title;
  Font summary;
  Font summary_bold;
  Font name;
  Font volume;
  Font value;
  Font small;
  Font small_bold;

  /* For text_width_any_digits(): the digit that @digits_font draws
   * widest, found once per layout */
  const Font *digits_font;
  char widest_digit;
} Builder;

enum
{
  PRIORITY_VOLUME,
  PRIORITY_NAME,
  PRIORITY_TITLE,
  PRIORITY_SUMMARY,
  PRIORITY_CONVERSION,
  PRIORITY_DURATION,
  PRIORITY_BADGE,
  PRIORITY_COLUMN_HEADER,
  PRIORITY_RANGE,
};

#define MIN_ROW_FONT_PX 9.0
#define ELLIPSIS FP_ELLIPSIS
#define MIDDLE_DOT " \xc2\xb7 "

/* Number formatting: fp-format.c, which follows the locale */

static char *
format_conversion (double   conversion,
                   gboolean with_ratio)
{
  g_autofree char *percent = _fp_format_percent (conversion);
  g_autofree char *ratio = NULL;

  /* N:1 helps for the steep steps only; "1.3:1" says nothing to anyone. */
  if (!with_ratio || !(conversion > 0) || conversion > 0.5)
    return g_steal_pointer (&percent);
  ratio = _fp_format_to_one (conversion);
  return g_strconcat (percent, MIDDLE_DOT, ratio, NULL);
}

static char *
format_period (FpPlan *plan)
{
  int year;
  int month;
  guint months;

  fp_plan_get_period (plan, &year, &month, &months);
  return _fp_format_period (year, month, months);
}

/* Fonts and text measurement */

/* @px as the user's text scaling asks: the sizes below are for 96 dpi */
static double
text_px (Builder *b,
         double   px)
{
  return px * b->theme->text_scale;
}

static void
font_init (Builder     *b,
           Font        *font,
           double       px,
           PangoWeight  weight)
{
  _fp_font_init (font, b->pango, b->theme->font_family, px, weight);
  if (b->digits_font == font)
    b->digits_font = NULL;
}

static PangoLayout *
make_layout (Builder    *b,
             const char *text,
             const Font *font)
{
  return _fp_font_new_layout (font, b->pango, text);
}

static double
text_width (Builder    *b,
            const char *text,
            const Font *font)
{
  return _fp_font_text_width (font, b->pango, text);
}

/* The digit @font draws widest ('0' when they are alike) */
static char
widest_digit (Builder    *b,
              const Font *font)
{
  if (b->digits_font != font)
    {
      double widest = -1;

      for (char digit = '0'; digit <= '9'; digit++)
        {
          char text[2] = { digit, '\0' };
          double width = text_width (b, text, font);

          if (width > widest)
            {
              widest = width;
              b->widest_digit = digit;
            }
        }
      b->digits_font = font;
    }
  return b->widest_digit;
}

/* The width of @text with its digits any digits: fonts whose digits
 * differ in width make "730 d" wider than "180 d". Measured with every
 * digit the widest one, which a layout does dozens of times: one text
 * instead of ten. */
static double
text_width_any_digits (Builder    *b,
                       const char *text,
                       const Font *font)
{
  g_autofree char *copy = g_strdup (text);
  char digit = widest_digit (b, font);

  for (char *c = copy; *c != '\0'; c++)
    if (g_ascii_isdigit (*c))
      *c = digit;
  return text_width (b, copy, font);
}

static char *
fit_text (Builder    *b,
          const char *text,
          const Font *font,
          double      max_width)
{
  return _fp_font_fit_text (font, b->pango, text, max_width);
}

static void
text_item_clear (FpTextItem *item)
{
  g_clear_pointer (&item->text, g_free);
  g_clear_pointer (&item->font, g_free);
  g_clear_pointer (&item->family, g_free);
  g_clear_object (&item->layout);
}

static void
text_entry_clear (gpointer data)
{
  text_item_clear (&((TextEntry *) data)->item);
}

static int
new_group (Builder *b)
{
  return b->n_groups++;
}

/* Places @text with its baseline at @baseline and @x as @align says. */
static FpTextItem *
add_text (Builder     *b,
          FpTextKind   kind,
          int          stage,
          const char  *text,
          const Font  *font,
          FpColorRole  color,
          FpTextAlign  align,
          double       x,
          double       baseline,
          int          priority,
          int          group)
{
  TextEntry entry = { 0 };
  FpTextItem *item = &entry.item;
  PangoRectangle ink;
  PangoRectangle logical;
  double left;
  double top;
  double width;

  item->text = g_strdup (text);
  item->kind = kind;
  item->stage = stage;
  item->align = align;
  item->font = g_strdup (font->string);
  item->family = g_strdup (b->theme->font_family);
  item->size_px = font->px;
  item->weight = font->weight;
  item->color = color;
  item->layout = make_layout (b, text, font);

  pango_layout_get_extents (item->layout, &ink, &logical);
  width = (double) logical.width / PANGO_SCALE;
  switch (align)
    {
    case FP_TEXT_ALIGN_CENTER:
      left = x - width / 2;
      break;
    case FP_TEXT_ALIGN_END:
      left = x - width;
      break;
    case FP_TEXT_ALIGN_START:
    default:
      left = x;
      break;
    }
  /* Whole pixels keep glyphs crisp in the PNG and the view. */
  left = round (left);
  top = round (baseline - (double) pango_layout_get_baseline (item->layout) / PANGO_SCALE);

  item->logical = (FpRect) { left + (double) logical.x / PANGO_SCALE,
                             top + (double) logical.y / PANGO_SCALE,
                             width,
                             (double) logical.height / PANGO_SCALE };
  item->ink = (FpRect) { left + (double) ink.x / PANGO_SCALE,
                         top + (double) ink.y / PANGO_SCALE,
                         (double) ink.width / PANGO_SCALE,
                         (double) ink.height / PANGO_SCALE };
  /* x and y as an SVG <text> with this anchor wants them */
  item->x = align == FP_TEXT_ALIGN_CENTER ? left + width / 2
          : align == FP_TEXT_ALIGN_END ? left + width
          : left;
  item->y = top + (double) pango_layout_get_baseline (item->layout) / PANGO_SCALE;

  entry.priority = priority;
  entry.group = group < 0 ? new_group (b) : group;
  g_array_append_val (b->entries, entry);
  return &g_array_index (b->entries, TextEntry, b->entries->len - 1).item;
}

/* The baseline that centres a line of @font on @center_y. */
static double
centered_baseline (const Font *font,
                   double      center_y)
{
  return center_y - font->height / 2 + font->baseline;
}

/* Header */

typedef struct
{
  const char *label;
  char *value;
  FpColorRole color;
} SummaryItem;

enum
{
  SUMMARY_LEVELS = 8,
  SUMMARY_MAX_ITEMS = 8,
};

/* Fills @items for @level of the drop order in the comment at the top and
 * returns how many there are. */
static guint
summary_items (Builder     *b,
               guint        level,
               SummaryItem *items)
{
  const FpProjection *p = b->projection;
  const char *currency = fp_plan_get_currency (b->plan);
  gboolean compact_money = level >= 2;
  guint n = 0;

  for (guint i = 0; i < SUMMARY_MAX_ITEMS; i++)
    items[i].color = FP_COLOR_ROLE_FOREGROUND;

  items[n].label = _("Target");
  items[n++].value = _fp_format_money (currency, fp_plan_get_revenue_target (b->plan), compact_money);

  if (level < 7)
    {
      items[n].label = _("Deals");
      items[n++].value = _fp_format_count (p->deals_required);
    }

  if (level < 6 && isfinite (p->coverage_required))
    {
      int decimals = fp_projection_coverage_decimals (p);
      g_autofree char *required = _fp_format_fixed (p->coverage_required, decimals);
      items[n].label = _("Coverage");
      /* A plan whose inflow cannot build the pipeline it needs is short:
       * that is what the SLA meeting must see first. */
      if (fp_projection_is_coverage_short (p))
        items[n].color = FP_COLOR_ROLE_CRITICAL;
      if (level < 5 && p->has_inflow && isfinite (p->coverage_planned))
        {
          g_autofree char *planned = _fp_format_fixed (p->coverage_planned, decimals);

          /* Translators: pipeline coverage, e.g. "4.0x required · 3.2x planned" */
          items[n++].value = g_strdup_printf (_("%sx required · %sx planned"), required, planned);
        }
      else
        {
          /* Translators: pipeline coverage, e.g. "4.0x required" */
          items[n++].value = g_strdup_printf (_("%sx required"), required);
        }
    }

  if (level < 4)
    {
      items[n].label = _("Budget");
      items[n++].value = _fp_format_money (currency, p->budget, compact_money);
    }

  /* What the inflow brings in: the number the meeting on the projector
   * asks for, with the side panels folded away. */
  if (level < 3 && p->has_inflow && isfinite (p->projected_revenue))
    {
      double target = fp_plan_get_revenue_target (b->plan);
      char *forecast = _fp_format_money (currency, p->projected_revenue, compact_money);

      if (fp_projection_is_coverage_short (p))
        items[n].color = FP_COLOR_ROLE_CRITICAL;
      /* A forecast short of the target never reads as the target:
       * 1,170,450 against 1,200,000 is not "USD 1.2M" against "USD 1.2M". */
      if (compact_money && p->projected_revenue != target)
        {
          g_autofree char *compact_target = _fp_format_money (currency, target, TRUE);

          if (g_str_equal (forecast, compact_target))
            {
              g_free (forecast);
              forecast = _fp_format_money (currency, p->projected_revenue, FALSE);
            }
        }
      /* Translators: the projected revenue, in the canvas's header */
      items[n].label = _("Forecast");
      items[n++].value = forecast;
    }

  if (level < 1)
    {
      char *period = format_period (b->plan);

      if (period != NULL)
        {
          items[n].label = _("Period");
          items[n++].value = period;
        }
    }

  return n;
}

static double
layout_header (Builder *b)
{
  FpFunnelLayout *self = b->self;
  const char *title = fp_plan_get_title (b->plan);
  g_autofree char *fitted_title = NULL;
  double y = b->pad;
  double cw = b->content_width;
  double max_header = self->height * 0.3;
  guint max_lines;
  double line_h;
  double space;
  double sep;

  if (title == NULL || title[0] == '\0')
    title = _("Untitled plan");

  if (b->title.height > max_header || cw < 4 * b->title.px)
    return y;

  fitted_title = fit_text (b, title, &b->title, cw);
  if (fitted_title != NULL)
    {
      add_text (b, FP_TEXT_TITLE, -1, fitted_title, &b->title, FP_COLOR_ROLE_FOREGROUND,
                FP_TEXT_ALIGN_START, b->pad, y + b->title.baseline, PRIORITY_TITLE, -1);
      y += b->title.height;
    }

  /* Whole pixels: each label's top is rounded to a pixel, and a fractional
   * step let two lines land closer than a line is tall, so the overlap
   * check dropped the second line's first item (the coverage). */
  line_h = ceil (MAX (b->summary.height, b->summary_bold.height));
  y += 0.2 * b->summary.px;
  if (b->pin != NULL)
    max_lines = b->pin->header_lines; /* the rows below stay where they are */
  else if (y - b->pad + 2 * line_h <= max_header && self->height >= 360)
    max_lines = 2;
  else if (y - b->pad + line_h <= max_header)
    max_lines = 1;
  else
    max_lines = 0;

  space = 0.35 * b->summary.px;
  sep = 1.6 * b->summary.px;

  for (guint level = 0; max_lines > 0 && level < SUMMARY_LEVELS; level++)
    {
      SummaryItem items[SUMMARY_MAX_ITEMS];
      double label_w[SUMMARY_MAX_ITEMS];
      double value_w[SUMMARY_MAX_ITEMS];
      double item_x[SUMMARY_MAX_ITEMS];
      guint item_line[SUMMARY_MAX_ITEMS];
      guint n = summary_items (b, level, items);
      gboolean fits = TRUE;
      guint line = 0;
      double x = 0;

      for (guint i = 0; i < n && fits; i++)
        {
          double w;

          label_w[i] = text_width (b, items[i].label, &b->summary);
          value_w[i] = text_width (b, items[i].value, &b->summary_bold);
          w = label_w[i] + space + value_w[i];
          if (x > 0 && x + sep + w > cw)
            {
              line++;
              x = 0;
            }
          else if (x > 0)
            x += sep;
          item_x[i] = x;
          item_line[i] = line;
          x += w;
          if (w > cw || line >= max_lines)
            fits = FALSE;
        }

      /* No item alone under a line of three or more: the one before it
       * goes down too, if the two fit */
      if (fits && line == 1 && n >= 4 && item_line[n - 2] == 0)
        {
          double w_before = label_w[n - 2] + space + value_w[n - 2];
          double w_last = label_w[n - 1] + space + value_w[n - 1];

          if (w_before + sep + w_last <= cw)
            {
              item_line[n - 2] = 1;
              item_x[n - 2] = 0;
              item_x[n - 1] = w_before + sep;
            }
        }

      if (fits)
        {
          for (guint i = 0; i < n; i++)
            {
              double baseline = y + item_line[i] * line_h + b->summary.baseline;
              int group = new_group (b);

              add_text (b, FP_TEXT_SUMMARY_LABEL, -1, items[i].label, &b->summary,
                        FP_COLOR_ROLE_DIM, FP_TEXT_ALIGN_START,
                        b->pad + item_x[i], baseline, PRIORITY_SUMMARY, group);
              add_text (b, FP_TEXT_SUMMARY_VALUE, -1, items[i].value, &b->summary_bold,
                        items[i].color, FP_TEXT_ALIGN_START,
                        b->pad + item_x[i] + label_w[i] + space, baseline,
                        PRIORITY_SUMMARY, group);
            }
          y += (line + 1) * line_h;
          self->header_lines = line + 1;
        }

      for (guint i = 0; i < n; i++)
        g_free (items[i].value);
      if (fits)
        break;
    }

  /* A steady layout: a summary that an edit made a line shorter keeps the
   * line's room, so the rows below do not jump up and down as a value is
   * stepped across the width where the summary wraps. */
  if (b->pin == NULL && self->header_lines > 0 && self->header_lines < b->min_summary_lines &&
      b->min_summary_lines <= max_lines)
    {
      y += (b->min_summary_lines - self->header_lines) * line_h;
      self->header_lines = b->min_summary_lines;
    }

  if (b->pin != NULL)
    {
      /* The pin's lines, used or not: a drag that shortened the summary
       * hands them on to the layout after the release (see
       * fp_funnel_layout_new_steady()), so the rows stay put then too. */
      self->header_lines = b->pin->header_lines;
      self->rule_y = b->pin->rule_y;
      return b->pin->grid.top;
    }
  y += 0.6 * b->summary.px;
  self->rule_y = floor (y) + 0.5;
  y += 0.6 * b->summary.px;
  return y;
}

/* Rows */

typedef struct
{
  const char *full;
  const char *shorter;
  double full_w;
  double shorter_w;
} BadgeText;

/* The ranges a track can span, the smallest that leaves headroom above its
 * value (and benchmark) chosen: a conversion of 2% gets a fine track, one
 * of 60% a coarse one. Durations share one range, for all stages. */
static const double conversion_ranges[] = { 0.05, 0.1, 0.25, 0.5, 1.0 };
static const double duration_ranges[] = { 30, 60, 90, 180, 365, 730, 1825, 3650 };

/* The smallest of @ranges that holds @need, else the widest */
static double
range_for (const double *ranges,
           guint         n_ranges,
           double        need)
{
  for (guint i = 0; i < n_ranges; i++)
    if (need <= ranges[i])
      return ranges[i];
  return ranges[n_ranges - 1];
}

/* The range after @max in @ranges, or 0 when @max is the widest */
static double
next_range (const double *ranges,
            guint         n_ranges,
            double        max)
{
  for (guint i = 0; i < n_ranges; i++)
    if (ranges[i] > max)
      return ranges[i];
  return 0;
}

static double
conversion_range_max (const FpStage *stage)
{
  double need = stage->conversion;

  if (stage->benchmark_conversion.set)
    need = MAX (need, stage->benchmark_conversion.max);
  /* Headroom so the handle can move up from where it is. */
  return range_for (conversion_ranges, G_N_ELEMENTS (conversion_ranges), need * 1.25);
}

/* The longest duration or duration benchmark: the duration tracks show it */
static double
longest_duration (FpPlan *plan)
{
  guint n = fp_plan_get_n_stages (plan);
  double need = 0;

  for (guint i = 0; i + 1 < n; i++)
    {
      const FpStage *stage = fp_plan_get_stage (plan, i);

      need = MAX (need, stage->duration_days);
      if (stage->benchmark_duration_days.set)
        need = MAX (need, stage->benchmark_duration_days.max);
    }
  return need;
}

static double
duration_range_max (FpPlan *plan)
{
  return range_for (duration_ranges, G_N_ELEMENTS (duration_ranges), longest_duration (plan) * 1.25);
}

/* Stage @i's conversion range: the kept one where the value and its
 * benchmark fit in it (FpFunnelKeptTrack), else its own */
static double
track_conversion_max (Builder       *b,
                      guint          i,
                      const FpStage *stage)
{
  const FpFunnelKeptTrack *kept = &b->kept;

  if (kept->kind == FP_HIT_CONVERSION_HANDLE && kept->stage == (int) i
      && stage->conversion <= kept->max
      && (!stage->benchmark_conversion.set || stage->benchmark_conversion.max <= kept->max))
    return kept->max;
  return conversion_range_max (stage);
}

/* The durations' range, kept as track_conversion_max() keeps a conversion's */
static double
track_duration_max (Builder *b)
{
  if (b->kept.kind == FP_HIT_DURATION_HANDLE && longest_duration (b->plan) <= b->kept.max)
    return b->kept.max;
  return duration_range_max (b->plan);
}

/* The wider of the labels at the top of a conversion track ending at
 * @range and one step below it ("50%", "49.9%") */
static double
conversion_top_width (Builder *b,
                      double   range)
{
  g_autofree char *top = _fp_format_percent (range);
  g_autofree char *near_top = _fp_format_percent (range - FP_FUNNEL_MIN_CONVERSION);

  return MAX (text_width_any_digits (b, top, &b->value),
              text_width_any_digits (b, near_top, &b->value));
}

static void
note_warnings (Builder *b)
{
  GPtrArray *warnings = b->projection->warnings;
  GArray *stages = b->self->stages;

  for (guint i = 0; warnings != NULL && i < warnings->len; i++)
    {
      const FpWarning *w = g_ptr_array_index (warnings, i);
      FpFunnelStageLayout *st;

      if (w->stage < 0 || (guint) w->stage >= stages->len)
        continue;
      st = &g_array_index (stages, FpFunnelStageLayout, w->stage);
      if (!st->has_warning || w->severity > st->severity)
        st->severity = w->severity;
      st->has_warning = TRUE;

      if (w->code != NULL && strstr (w->code, "conversion") != NULL)
        {
          if (!st->has_conversion_warning || w->severity > st->conversion_severity)
            st->conversion_severity = w->severity;
          st->has_conversion_warning = TRUE;
        }
      if (w->code != NULL && strstr (w->code, "duration") != NULL)
        {
          if (!st->has_duration_warning || w->severity > st->duration_severity)
            st->duration_severity = w->severity;
          st->has_duration_warning = TRUE;
        }
    }
}

static double
band_width_for (double volume,
                double v_max,
                double span_decades,
                double w_min,
                double w_max)
{
  double decades;

  if (!isfinite (volume) || volume >= v_max)
    return w_max;
  if (!(volume > 0))
    return w_min;
  decades = log10 (v_max / volume);
  return CLAMP (w_max - (w_max - w_min) * decades / span_decades, w_min, w_max);
}

static void
set_row_fonts (Builder *b,
               double   factor)
{
  double s = b->s;

  font_init (b, &b->name, text_px (b, MAX (MIN_ROW_FONT_PX, MAX (11, 15 * s) * factor)),
             PANGO_WEIGHT_BOLD);
  font_init (b, &b->volume, text_px (b, MAX (MIN_ROW_FONT_PX, MAX (11, 16 * s) * factor)),
             PANGO_WEIGHT_BOLD);
  font_init (b, &b->value, text_px (b, MAX (MIN_ROW_FONT_PX, MAX (11, 14 * s) * factor)),
             PANGO_WEIGHT_NORMAL);
  font_init (b, &b->small, text_px (b, MAX (MIN_ROW_FONT_PX, MAX (10, 12 * s) * factor)),
             PANGO_WEIGHT_NORMAL);
  font_init (b, &b->small_bold, b->small.px, PANGO_WEIGHT_BOLD);
}

static double
one_line_need (Builder *b,
               double   radius)
{
  double h = MAX (b->name.height, MAX (b->volume.height, b->value.height));

  return MAX (h, 2 * radius) + 2;
}

static double
badge_height (Builder *b)
{
  return b->small_bold.height + 0.2 * b->small_bold.px;
}

static double
two_line_need (Builder *b,
               double   radius)
{
  return MAX (b->name.height + 2 + badge_height (b), one_line_need (b, radius)) + 4;
}

/* A row with a name on two lines and badges under it */
static double
two_name_lines_need (Builder *b,
                     double   radius)
{
  return MAX (_fp_font_line_advance (&b->name) + b->name.height + 2 + badge_height (b),
              one_line_need (b, radius)) + 4;
}

/* The name column's width when every name takes two lines, and the badges
 * (@badges_need wide) a line under them. A name too long for two lines of
 * the widest column (@widest) is shortened anyway: it asks for no more than
 * the column of shortened names (@shortened), or one such name would
 * squeeze every row's tracks. */
static double
names_on_two_lines_need (Builder *b,
                         double   badges_need,
                         double   widest,
                         double   shortened)
{
  double need = badges_need;

  for (guint i = 0; i < fp_plan_get_n_stages (b->plan); i++)
    {
      double name_need = _fp_font_two_line_width (&b->name, b->pango,
                                                  fp_plan_get_stage (b->plan, i)->name);

      need = MAX (need, name_need > widest ? shortened : name_need);
    }
  return need;
}

/* Places the badges of @st from @x at vertical centre @cy; returns the width
 * they took. @form: 0 full words, 1 shorter words, 2 dots. */
static double
place_badges (Builder             *b,
              FpFunnelStageLayout *st,
              guint                stage,
              const BadgeText     *handoff,
              const BadgeText     *pipeline,
              guint                form,
              double               x,
              double               cy,
              gboolean             measure_only)
{
  double pad_x = 0.5 * b->small_bold.px;
  double h = badge_height (b);
  double dot = ceil (0.8 * b->small_bold.px);
  double start = x;

  for (guint k = 0; k < 2; k++)
    {
      gboolean on = k == 0 ? st->is_handoff : st->is_pipeline;
      const BadgeText *text = k == 0 ? handoff : pipeline;
      FpRect *rect = k == 0 ? &st->handoff_badge : &st->pipeline_badge;
      const char *words = form == 0 ? text->full : text->shorter;
      double words_w = form == 0 ? text->full_w : text->shorter_w;
      double w;

      if (!on)
        continue;
      if (x > start)
        x += 0.4 * b->small_bold.px;
      w = form == 2 ? dot : ceil (words_w + 2 * pad_x);
      if (!measure_only)
        {
          if (form == 2)
            *rect = (FpRect) { round (x), round (cy - dot / 2), dot, dot };
          else
            {
              *rect = (FpRect) { round (x), round (cy - h / 2), w, round (h) };
              add_text (b, FP_TEXT_BADGE, stage, words, &b->small_bold, FP_COLOR_ROLE_ON_BADGE,
                        FP_TEXT_ALIGN_CENTER, rect->x + w / 2,
                        centered_baseline (&b->small_bold, rect->y + rect->height / 2),
                        PRIORITY_BADGE, -1);
            }
        }
      x += w;
    }
  return x - start;
}

static void
badge_texts (Builder   *b,
             BadgeText *handoff,
             BadgeText *pipeline)
{
  handoff->full = _("Handoff (SLA)");
  handoff->shorter = _("Handoff");
  pipeline->full = _("Pipeline");
  pipeline->shorter = _("Pipeline");
  handoff->full_w = text_width (b, handoff->full, &b->small_bold);
  handoff->shorter_w = text_width (b, handoff->shorter, &b->small_bold);
  pipeline->full_w = text_width (b, pipeline->full, &b->small_bold);
  pipeline->shorter_w = text_width (b, pipeline->shorter, &b->small_bold);
}

/* What every stage has whatever the grid: its volume, roles and warnings. */
static void
init_stages (Builder *b)
{
  FpFunnelLayout *self = b->self;
  const FpProjection *p = b->projection;
  guint n = fp_plan_get_n_stages (b->plan);

  g_array_set_size (self->stages, n);
  for (guint i = 0; i < n; i++)
    {
      FpFunnelStageLayout *st = &g_array_index (self->stages, FpFunnelStageLayout, i);

      memset (st, 0, sizeof *st);
      st->volume = i < p->n_stages ? p->required[i] : NAN;
      st->is_handoff = i == fp_plan_get_handoff_index (b->plan);
      st->is_pipeline = i == fp_plan_get_pipeline_index (b->plan);
      st->has_tracks = i + 1 < n;
    }
  note_warnings (b);
}

/* The widest value labels a grid's columns make room for */
typedef struct
{
  double conv_full;
  double conv_short;
  double dur_full;
  double dur_short;
} ValueWidths;

/* The columns of one shortening level */
typedef struct
{
  guint level;
  gboolean values_above;
  double label_w;
  double conv_label_w;
  double dur_label_w;
  double conv_track_w;
  double dur_track_w;
  double conv_w;
  double dur_w;
  double funnel_w;
} Columns;

/* Shortens the columns in the stated order (the top of this file) until
 * the funnel has room for labels of @values, and returns them in @cols.
 * @wrapped_need caches what the names need on two lines, -1 until known. */
static void
fit_columns (Builder            *b,
             const FpFunnelGrid *g,
             RowText             mode,
             gboolean            room_above_knobs,
             double              label_need,
             double              badges_need,
             double             *wrapped_need,
             const ValueWidths  *values,
             Columns            *cols)
{
  double s = b->s;
  double cw = b->content_width;
  double radius = g->radius;
  guint level;

  memset (cols, 0, sizeof *cols);
  for (level = 0; ; level++)
    {
      double track_min = MAX (48, 90 * s);
      double dur_track_min = MAX (36, 60 * s);

      cols->values_above = FALSE;
      cols->label_w = cols->conv_label_w = cols->dur_label_w = 0;
      if (mode == ROW_TEXT_SOME_NAMES)
        {
          /* Names only, in the narrow column of shortened names: the
           * values are left to the knobs' tooltips */
          cols->label_w = ceil (MIN (label_need, 0.16 * cw));
        }
      else if (mode != ROW_TEXT_NONE)
        {
          double label_w = MIN (label_need, 0.26 * cw);

          if (level >= 3 && g->names_wrap)
            {
              if (*wrapped_need < 0)
                *wrapped_need = names_on_two_lines_need (b, badges_need, 0.26 * cw, 0.16 * cw);
              label_w = MIN (label_w, *wrapped_need);
            }
          else if (level >= 3)
            label_w = MIN (label_w, 0.16 * cw);
          cols->label_w = ceil (label_w);
          cols->values_above = level >= 5 && room_above_knobs;
          cols->conv_label_w = ceil (level >= 6 || cols->values_above ? 0
                                     : level >= 1 ? values->conv_short : values->conv_full);
          cols->dur_label_w = ceil (level >= 5 ? 0 : level >= 2 ? values->dur_short : values->dur_full);
        }
      cols->conv_track_w = level >= 4 ? track_min : CLAMP (0.17 * cw, track_min, 300 * s);
      cols->dur_track_w = level >= 4 ? dur_track_min : CLAMP (0.10 * cw, dur_track_min, 180 * s);
      cols->conv_w = cols->conv_label_w + (cols->conv_label_w > 0 ? g->label_gap : 0)
                     + cols->conv_track_w + 2 * radius;
      cols->dur_w = cols->dur_label_w + (cols->dur_label_w > 0 ? g->label_gap : 0)
                    + cols->dur_track_w + 2 * radius;
      cols->funnel_w = cw - cols->label_w - cols->conv_w - cols->dur_w
                       - (cols->label_w > 0 ? 3 : 2) * b->gap;
      if (level >= 5 && cols->funnel_w < 0.3 * cw && cols->label_w > 0)
        {
          /* The names give up what the funnel lacks, down to 16%. */
          double narrowest = ceil (MIN (cols->label_w, 0.16 * cw));
          double narrower = MAX (narrowest, cols->label_w - ceil (0.3 * cw - cols->funnel_w));

          cols->funnel_w += cols->label_w - narrower;
          cols->label_w = narrower;
        }
      if (cols->funnel_w >= 0.3 * cw || level >= 6)
        break;
    }
  cols->level = level;
}

/* Decides the rows and columns below @top: the row fonts, how much text a
 * row holds, and how far the columns are shortened (the order at the top). */
static void
compute_grid (Builder      *b,
              double        top,
              FpFunnelGrid *g)
{
  FpFunnelLayout *self = b->self;
  FpPlan *plan = b->plan;
  guint n = fp_plan_get_n_stages (plan);
  double s = b->s;
  double cw = b->content_width;
  double avail = MAX (0, self->height - b->pad - top);
  double radius = MAX (6, 8 * s);
  double header_h;
  RowText mode;
  BadgeText handoff;
  BadgeText pipeline;
  double label_need = 0;
  double wrapped_need = -1; /* the names on two lines; -1 until needed */
  double badges_need = 0;
  ValueWidths now = { 0 };
  ValueWidths reach[2] = { { 0 } };
  double reach_conv_w = 0;
  Columns cols;
  gboolean any_tracks = FALSE;
  gboolean room_above_knobs;

  memset (g, 0, sizeof *g);
  g->top = top;
  g->duration_max = track_duration_max (b);

  /* Vertical first: it decides the fonts the columns are measured in. */
  g->font_factor = 1.0;
  set_row_fonts (b, g->font_factor);
  header_h = b->small.height + 0.5 * b->small.px;
  g->column_headers = (avail - header_h) / n >= two_line_need (b, radius);
  g->row_h = (avail - (g->column_headers ? header_h : 0)) / n;

  if (g->row_h >= two_line_need (b, radius))
    mode = ROW_TEXT_TWO_LINES;
  else if (g->row_h >= one_line_need (b, radius))
    mode = ROW_TEXT_ONE_LINE;
  else
    {
      /* Line heights do not scale exactly with the size, so step down
       * until a line fits or the fonts reach their floor. */
      double factor = g->row_h / one_line_need (b, radius);

      radius = MIN (radius, MAX (2, g->row_h * 0.4));
      mode = ROW_TEXT_NONE;
      for (guint tries = 0; tries < 20; tries++, factor *= 0.93)
        {
          g->font_factor = factor;
          set_row_fonts (b, factor);
          if (g->row_h >= one_line_need (b, radius))
            {
              mode = ROW_TEXT_ONE_LINE;
              break;
            }
          if (b->name.px <= text_px (b, MIN_ROW_FONT_PX))
            break;
        }
      if (mode == ROW_TEXT_NONE)
        {
          mode = ROW_TEXT_SOME_NAMES;
          g->name_stride = _fp_rows_per_name (&b->name, g->row_h);
        }
    }
  if (cw < 120)
    mode = ROW_TEXT_NONE;
  radius = MIN (radius, MAX (2, g->row_h * 0.4));
  g->radius = radius;
  g->names_wrap = mode == ROW_TEXT_TWO_LINES && g->row_h >= two_name_lines_need (b, radius);

  badge_texts (b, &handoff, &pipeline);
  for (guint i = 0; i < n; i++)
    {
      const FpStage *stage = fp_plan_get_stage (plan, i);
      FpFunnelStageLayout *st = &g_array_index (self->stages, FpFunnelStageLayout, i);
      double name_w = text_width (b, stage->name, &b->name);
      double badges_w = place_badges (b, st, i, &handoff, &pipeline, 0, 0, 0, TRUE);

      if (mode == ROW_TEXT_TWO_LINES)
        {
          label_need = MAX (label_need, MAX (name_w, badges_w));
          badges_need = MAX (badges_need, badges_w);
        }
      else
        label_need = MAX (label_need, name_w + (badges_w > 0 ? 0.6 * b->name.px + badges_w : 0));

      if (st->has_tracks)
        {
          double range = track_conversion_max (b, i, stage);
          g_autofree char *conv_full = format_conversion (stage->conversion, TRUE);
          g_autofree char *conv_short = format_conversion (stage->conversion, FALSE);
          g_autofree char *dur_full = _fp_format_duration (stage->duration_days, FALSE);
          g_autofree char *dur_short = _fp_format_duration (stage->duration_days, TRUE);
          double top_w = conversion_top_width (b, range);
          double wider = next_range (conversion_ranges, G_N_ELEMENTS (conversion_ranges), range);

          /* Room for any value a drag can reach on the track as well (a
           * dragged conversion shows without "N:1"), so that a pinned
           * layout keeps the label of the value being dragged. */
          now.conv_full = MAX (now.conv_full, MAX (top_w, text_width (b, conv_full, &b->value)));
          now.conv_short = MAX (now.conv_short, MAX (top_w, text_width (b, conv_short, &b->value)));
          now.dur_full = MAX (now.dur_full, text_width (b, dur_full, &b->value));
          now.dur_short = MAX (now.dur_short, text_width (b, dur_short, &b->value));
          if (wider > 0)
            reach_conv_w = MAX (reach_conv_w, conversion_top_width (b, wider));
          any_tracks = TRUE;
        }
    }
  if (any_tracks)
    {
      double longest = g->duration_max;
      double wider = next_range (duration_ranges, G_N_ELEMENTS (duration_ranges), longest);
      g_autofree char *longest_full = _fp_format_duration (longest, FALSE);
      g_autofree char *longest_short = _fp_format_duration (longest, TRUE);
      g_autofree char *ratio_floor = format_conversion (0.005, TRUE);

      now.dur_full = MAX (now.dur_full, text_width (b, longest_full, &b->value));
      now.dur_short = MAX (now.dur_short, text_width (b, longest_short, &b->value));

      /* What a drag reaches besides, so that the columns stay where they
       * are when it ends rather than moving the funnel: anything (the
       * tracks widened to the widest), else the tracks widened once past
       * their end. A drag's conversion shows with its ratio down to the
       * plain drag's floor, 0.5% (200:1); a smaller one takes the shorter
       * form. */
      for (guint k = 0; k < G_N_ELEMENTS (reach); k++)
        {
          double dur_top = k == 0 ? duration_ranges[G_N_ELEMENTS (duration_ranges) - 1]
                                  : wider > 0 ? wider : longest;
          double conv_top_w = k == 0 ? conversion_top_width (b, 1.0) : reach_conv_w;
          g_autofree char *dur_top_full = _fp_format_duration (dur_top, FALSE);
          g_autofree char *dur_top_short = _fp_format_duration (dur_top, TRUE);

          reach[k] = now;
          reach[k].conv_short = MAX (reach[k].conv_short, conv_top_w);
          reach[k].conv_full = MAX (reach[k].conv_full,
                                    MAX (conv_top_w, text_width_any_digits (b, ratio_floor, &b->value)));
          reach[k].dur_full = MAX (reach[k].dur_full, text_width_any_digits (b, dur_top_full, &b->value));
          reach[k].dur_short = MAX (reach[k].dur_short, text_width_any_digits (b, dur_top_short, &b->value));
        }
    }

  /* Horizontal: shorten in the stated order until the funnel has room.
   * Room for the values a drag reaches is kept where it costs nothing
   * but the "N:1" forms, which would otherwise come and go with the
   * values: a narrow canvas rather keeps its names and tracks. */
  g->label_gap = 0.6 * b->value.px;
  room_above_knobs = mode == ROW_TEXT_TWO_LINES && g->row_h / 2 >= radius + 2 + b->value.height;
  fit_columns (b, g, mode, room_above_knobs, label_need, badges_need, &wrapped_need, &now, &cols);
  for (guint k = 0; any_tracks && k < G_N_ELEMENTS (reach); k++)
    {
      Columns roomier;

      fit_columns (b, g, mode, room_above_knobs, label_need, badges_need, &wrapped_need,
                   &reach[k], &roomier);
      if (roomier.level <= MAX (cols.level, 1) && roomier.label_w >= cols.label_w)
        {
          cols = roomier;
          break;
        }
    }

  /* A canvas too narrow for everything: give up labels, then shrink tracks
   * proportionally, so geometry stays inside the canvas. */
  if (cols.funnel_w < 0.2 * cw)
    {
      cols.label_w = cols.conv_label_w = cols.dur_label_w = 0;
      cols.values_above = FALSE;
      cols.conv_w = MAX (0, 0.25 * cw - b->gap);
      cols.dur_w = MAX (0, 0.15 * cw - b->gap);
      cols.conv_track_w = MAX (0, cols.conv_w - 2 * radius);
      cols.dur_track_w = MAX (0, cols.dur_w - 2 * radius);
      cols.funnel_w = MAX (0, cw - cols.conv_w - cols.dur_w - 2 * b->gap);
      mode = ROW_TEXT_NONE;
      g->column_headers = FALSE;
    }

  g->mode = mode;
  g->level = cols.level;
  g->values_above = cols.values_above;
  g->label_w = cols.label_w;
  g->conv_label_w = cols.conv_label_w;
  g->dur_label_w = cols.dur_label_w;
  g->conv_track_w = cols.conv_track_w;
  g->dur_track_w = cols.dur_track_w;
  g->conv_w = cols.conv_w;
  g->dur_w = cols.dur_w;
  g->funnel_w = cols.funnel_w;
  g->x_label = b->pad;
  g->x_funnel = g->x_label + (cols.label_w > 0 ? cols.label_w + b->gap : 0);
  g->x_conv = g->x_funnel + cols.funnel_w + b->gap;
  g->x_dur = g->x_conv + cols.conv_w + b->gap;
  g->rows_top = top + (g->column_headers && mode != ROW_TEXT_NONE ? header_h : 0);
}

/* The first of @texts (most wanted first) that fits in @width, or NULL. */
static const char *
first_fitting (Builder     *b,
               const char **texts,
               guint        n_texts,
               const Font  *font,
               double       width)
{
  for (guint k = 0; k < n_texts; k++)
    if (texts[k] != NULL && text_width (b, texts[k], font) <= width)
      return texts[k];
  return NULL;
}

/* Value labels above their tracks, at the tracks' start, in the short form
 * (a narrow canvas whose rows have room above the knobs). */
static void
layout_values_above (Builder                   *b,
                     const FpFunnelGrid        *g,
                     const FpFunnelStageLayout *st,
                     guint                      stage_index,
                     double                     cy)
{
  const FpStage *stage = fp_plan_get_stage (b->plan, stage_index);
  double radius = g->radius;
  double baseline = cy - radius - 2 - (b->value.height - b->value.baseline);
  g_autofree char *conversion = format_conversion (stage->conversion, FALSE);
  g_autofree char *duration = _fp_format_duration (stage->duration_days, TRUE);

  if (text_width (b, conversion, &b->value) <= g->conv_w)
    add_text (b, FP_TEXT_CONVERSION, stage_index, conversion, &b->value, FP_COLOR_ROLE_FOREGROUND,
              FP_TEXT_ALIGN_START, st->conversion_x0 - radius, baseline, PRIORITY_CONVERSION, -1);
  if (text_width (b, duration, &b->value) <= g->dur_w)
    add_text (b, FP_TEXT_DURATION, stage_index, duration, &b->value, FP_COLOR_ROLE_FOREGROUND,
              FP_TEXT_ALIGN_START, st->duration_x0 - radius, baseline, PRIORITY_DURATION, -1);
}

typedef enum
{
  COUNT_NOWHERE,
  COUNT_INSIDE,  /* centred in the band */
  COUNT_BESIDE,  /* right of the band, up to the funnel column's end */
} CountPlace;

/* Where a count beside band @st starts */
static double
count_beside_x (Builder                   *b,
                const FpFunnelStageLayout *st)
{
  return st->band.x + st->band.width + MAX (4, 8 * b->s);
}

/* Where a count @text_w wide goes by band @st (its rows' bands @band_h
 * high, the funnel column ending at @limit): inside the band, else beside
 * it, else inside with less room at its ends: a band too narrow for its
 * count with the usual margins, where the room beside it ends at the
 * conversion column, lost its count ("40 Mio." in German). */
static CountPlace
count_place (Builder                   *b,
             const FpFunnelStageLayout *st,
             double                     text_w,
             double                     band_h,
             double                     limit)
{
  gboolean fits_high = b->volume.height <= band_h + 2;

  if (fits_high && text_w + 2 * 0.6 * b->volume.px <= st->band.width)
    return COUNT_INSIDE;
  if (count_beside_x (b, st) + text_w <= limit)
    return COUNT_BESIDE;
  if (fits_high && text_w + 2 * 0.15 * b->volume.px <= st->band.width)
    return COUNT_INSIDE;
  return COUNT_NOWHERE;
}

/* Each band's count, inside the band or beside it, every one in one form:
 * "404,923,875", "203M", "85,034,014" down one column read as different
 * kinds of number. Compact ("203M") when that places more counts than in
 * full; a count that fits only in the other form (a wider compact unit in
 * a translation) takes it; one that fits in neither is left out. A pinned
 * layout keeps its pin's form, or every count would change form under the
 * pointer when one crossed the line. */
static void
place_counts (Builder *b,
              double   band_h,
              double   limit)
{
  FpFunnelLayout *self = b->self;
  guint n = self->stages->len;
  g_autoptr(GPtrArray) texts = g_ptr_array_new_with_free_func (g_free);
  g_autofree CountPlace *places = g_new (CountPlace, 2 * n);
  guint placed[2] = { 0, 0 };  /* in full, compact */

  for (guint i = 0; i < n; i++)
    {
      const FpFunnelStageLayout *st = &g_array_index (self->stages, FpFunnelStageLayout, i);

      g_ptr_array_add (texts, _fp_format_count (st->volume));
      g_ptr_array_add (texts, _fp_format_count_compact (st->volume));
      for (guint form = 0; form < 2; form++)
        {
          const char *text = texts->pdata[2 * i + form];

          places[2 * i + form] = count_place (b, st, text_width (b, text, &b->volume), band_h, limit);
          placed[form] += places[2 * i + form] != COUNT_NOWHERE;
        }
    }
  self->counts_compact = b->pin != NULL ? b->pin->counts_compact : placed[1] > placed[0];

  for (guint i = 0; i < n; i++)
    {
      const FpFunnelStageLayout *st = &g_array_index (self->stages, FpFunnelStageLayout, i);
      guint form = self->counts_compact ? 1 : 0;
      double baseline = centered_baseline (&b->volume, st->band.y + band_h / 2);
      const char *text;

      if (places[2 * i + form] == COUNT_NOWHERE)
        form = 1 - form;
      text = texts->pdata[2 * i + form];
      switch (places[2 * i + form])
        {
        case COUNT_INSIDE:
          add_text (b, FP_TEXT_VOLUME, i, text, &b->volume, FP_COLOR_ROLE_ON_BAND,
                    FP_TEXT_ALIGN_CENTER, st->band.x + st->band.width / 2, baseline,
                    PRIORITY_VOLUME, -1);
          break;
        case COUNT_BESIDE:
          add_text (b, FP_TEXT_VOLUME, i, text, &b->volume, FP_COLOR_ROLE_FOREGROUND,
                    FP_TEXT_ALIGN_START, count_beside_x (b, st), baseline, PRIORITY_VOLUME, -1);
          break;
        case COUNT_NOWHERE:
          break;
        }
    }
}

/* Places everything of the rows in the grid: bands, tracks and their text.
 * Called with a grid of its own or one taken over from a pinned layout,
 * whose tracks (ranges and x) every stage then keeps. */
static void
layout_rows (Builder            *b,
             const FpFunnelGrid *g)
{
  FpFunnelLayout *self = b->self;
  FpPlan *plan = b->plan;
  const FpFunnelLayout *pin = b->pin;
  guint n = fp_plan_get_n_stages (plan);
  double s = b->s;
  RowText mode = g->mode;
  double radius = g->radius;
  double row_h = g->row_h;
  double x_label = g->x_label;
  double label_w = g->label_w;
  double x_funnel = g->x_funnel;
  double funnel_w = g->funnel_w;
  BadgeText handoff;
  BadgeText pipeline;
  double marker_size;
  double gutter;
  double w_min;
  double w_max;
  double v_max = 0;
  double v_min = G_MAXDOUBLE;
  double span;
  double band_h;

  self->grid = *g;
  self->handle_radius = radius;
  self->track_thickness = MAX (2, round (MIN (4 * s, radius * 0.6)));
  badge_texts (b, &handoff, &pipeline);

  if (g->column_headers && mode != ROW_TEXT_NONE)
    {
      struct { const char *full; const char *shorter; double x; double w; FpTextAlign align; } heads[] = {
        { _("Stage"), _("Stage"), x_label, label_w, FP_TEXT_ALIGN_START },
        { _("Required"), _("Required"), x_funnel + funnel_w / 2, funnel_w, FP_TEXT_ALIGN_CENTER },
        { _("Conversion to next stage"), _("Conversion"), g->x_conv, g->conv_w, FP_TEXT_ALIGN_START },
        { _("Days in stage"), _("Days"), g->x_dur, g->dur_w, FP_TEXT_ALIGN_START },
      };
      double baseline = g->top + b->small.baseline;

      for (guint k = 0; k < G_N_ELEMENTS (heads); k++)
        {
          const char *forms[] = { heads[k].full, heads[k].shorter };
          const char *text = first_fitting (b, forms, G_N_ELEMENTS (forms), &b->small, heads[k].w);

          if (text != NULL)
            add_text (b, FP_TEXT_COLUMN_HEADER, -1, text, &b->small, FP_COLOR_ROLE_DIM,
                      heads[k].align, heads[k].x, baseline, PRIORITY_COLUMN_HEADER, -1);
        }
    }

  /* Band widths on the logarithmic scale described at the top. */
  for (guint i = 0; i < n; i++)
    {
      const FpFunnelStageLayout *st = &g_array_index (self->stages, FpFunnelStageLayout, i);

      if (isfinite (st->volume) && st->volume > 0)
        {
          v_max = MAX (v_max, st->volume);
          v_min = MIN (v_min, st->volume);
        }
    }
  marker_size = floor (MIN (MAX (14, 20 * s), row_h * 0.8));
  gutter = marker_size + MAX (4, 6 * s);
  w_max = MAX (0, funnel_w - 2 * gutter);
  w_min = MAX (w_max * 0.14, MIN (w_max, 20.0));
  if (v_max <= 0)
    v_max = v_min = 1;
  span = MAX (log10 (v_max / v_min), 2.0);
  band_h = MAX (1, floor (MIN (row_h * 0.72, 110 * s)));
  self->corner_radius = MIN (6 * s, band_h / 4);

  for (guint i = 0; i < n; i++)
    {
      const FpStage *stage = fp_plan_get_stage (plan, i);
      FpFunnelStageLayout *st = &g_array_index (self->stages, FpFunnelStageLayout, i);
      double row_y = g->rows_top + i * row_h;
      double cy;
      double w = band_width_for (st->volume, v_max, span, w_min, w_max);
      double center_x = x_funnel + funnel_w / 2;
      double hit_r = radius + MAX (3, 4 * s);
      double half_h;
      double knob_x;

      st->row = (FpRect) { b->pad, row_y, b->content_width, row_h };
      w = MAX (1, round (w));
      st->band = (FpRect) { round (center_x - w / 2), round (row_y + (row_h - band_h) / 2), w, band_h };
      cy = st->band.y + band_h / 2;

      if (st->has_warning)
        st->marker = (FpRect) { st->band.x - gutter + round ((gutter - marker_size) / 4),
                                round (cy - marker_size / 2), marker_size, marker_size };

      if (st->has_tracks)
        {
          const FpFunnelStageLayout *kept = pin != NULL
                                            ? &g_array_index (pin->stages, FpFunnelStageLayout, i)
                                            : NULL;

          st->conversion = stage->conversion;
          st->conversion_y = cy;
          st->has_benchmark_conversion = stage->benchmark_conversion.set;
          st->benchmark_conversion_min = stage->benchmark_conversion.min;
          st->benchmark_conversion_max = stage->benchmark_conversion.max;
          st->duration = stage->duration_days;
          st->duration_y = cy;
          st->has_benchmark_duration = stage->benchmark_duration_days.set;
          st->benchmark_duration_min = stage->benchmark_duration_days.min;
          st->benchmark_duration_max = stage->benchmark_duration_days.max;

          if (kept != NULL && kept->has_tracks)
            {
              /* The value moves on the track of the press. */
              st->conversion_min = kept->conversion_min;
              st->conversion_max = kept->conversion_max;
              st->conversion_x0 = kept->conversion_x0;
              st->conversion_x1 = kept->conversion_x1;
              st->duration_max = kept->duration_max;
              st->duration_x0 = kept->duration_x0;
              st->duration_x1 = kept->duration_x1;
            }
          else
            {
              st->conversion_min = 0;
              st->conversion_max = track_conversion_max (b, i, stage);
              st->conversion_x0 = g->x_conv + g->conv_label_w
                                  + (g->conv_label_w > 0 ? g->label_gap : 0) + radius;
              st->conversion_x1 = st->conversion_x0 + g->conv_track_w;
              st->duration_max = g->duration_max;
              st->duration_x0 = g->x_dur + g->dur_label_w
                                + (g->dur_label_w > 0 ? g->label_gap : 0) + radius;
              st->duration_x1 = st->duration_x0 + g->dur_track_w;
            }

          /* The grab areas are a little larger than the knobs, but never
           * reach into the next row. */
          half_h = MIN (hit_r, row_h / 2);
          knob_x = fp_funnel_layout_x_at_conversion (self, i, stage->conversion);
          st->conversion_handle = (FpRect) { knob_x - hit_r, cy - half_h, 2 * hit_r, 2 * half_h };
          knob_x = fp_funnel_layout_x_at_duration (self, i, stage->duration_days);
          st->duration_handle = (FpRect) { knob_x - hit_r, cy - half_h, 2 * hit_r, 2 * half_h };
        }

      if (mode == ROW_TEXT_NONE)
        continue;
      if (mode == ROW_TEXT_SOME_NAMES)
        {
          if (_fp_row_is_named (i, n, g->name_stride))
            {
              g_autofree char *name = fit_text (b, stage->name, &b->name, label_w);

              if (name != NULL)
                add_text (b, FP_TEXT_STAGE_NAME, i, name, &b->name, FP_COLOR_ROLE_FOREGROUND,
                          FP_TEXT_ALIGN_START, x_label, centered_baseline (&b->name, cy),
                          PRIORITY_NAME, -1);
            }
          continue;
        }

      /* Stage name and badges */
      if (mode == ROW_TEXT_TWO_LINES)
        {
          g_autofree char *name = NULL;
          g_autofree char *second_line = NULL;
          gboolean has_badges = st->is_handoff || st->is_pipeline;
          double advance;
          double lines_h;
          double block;
          double block_top;
          guint form = 0;

          if (!g->names_wrap ||
              !_fp_font_wrap_two_lines (&b->name, b->pango, stage->name, label_w,
                                        &name, &second_line))
            name = fit_text (b, stage->name, &b->name, label_w);
          advance = _fp_font_line_advance (&b->name);
          lines_h = (second_line != NULL ? advance : 0) + b->name.height;
          block = lines_h + (has_badges ? 2 + badge_height (b) : 0);
          block_top = cy - block / 2;

          if (name != NULL)
            {
              /* Both lines of a name are kept, or neither. */
              int group = second_line != NULL ? new_group (b) : -1;
              FpTextItem *first = add_text (b, FP_TEXT_STAGE_NAME, i, name, &b->name,
                                            FP_COLOR_ROLE_FOREGROUND, FP_TEXT_ALIGN_START,
                                            x_label, block_top + b->name.baseline,
                                            PRIORITY_NAME, group);
              FpRect above = _fp_text_bounds (&first->logical, &first->ink);

              if (second_line != NULL)
                {
                  FpTextItem *second = add_text (b, FP_TEXT_STAGE_NAME, i, second_line, &b->name,
                                                 FP_COLOR_ROLE_FOREGROUND, FP_TEXT_ALIGN_START,
                                                 x_label, block_top + advance + b->name.baseline,
                                                 PRIORITY_NAME, group);

                  _fp_text_move_below (&second->logical, &second->ink, &above);
                }
            }
          while (form < 2 && place_badges (b, st, i, &handoff, &pipeline, form, 0, 0, TRUE) > label_w)
            form++;
          if (has_badges)
            place_badges (b, st, i, &handoff, &pipeline, form, x_label,
                          block_top + lines_h + 2 + badge_height (b) / 2, FALSE);
        }
      else
        {
          g_autofree char *name = NULL;
          guint form = 0;
          double badges_w = 0;
          double spacing = 0.6 * b->name.px;

          for (form = 0; form <= 2; form++)
            {
              badges_w = place_badges (b, st, i, &handoff, &pipeline, form, 0, 0, TRUE);
              g_clear_pointer (&name, g_free);
              name = fit_text (b, stage->name, &b->name,
                               label_w - (badges_w > 0 ? badges_w + spacing : 0));
              if (name != NULL)
                break;
            }
          if (form > 2)
            form = 2;
          if (name != NULL)
            {
              FpTextItem *item = add_text (b, FP_TEXT_STAGE_NAME, i, name, &b->name,
                                           FP_COLOR_ROLE_FOREGROUND, FP_TEXT_ALIGN_START, x_label,
                                           centered_baseline (&b->name, cy), PRIORITY_NAME, -1);

              if (badges_w > 0)
                place_badges (b, st, i, &handoff, &pipeline, form,
                              item->logical.x + item->logical.width + spacing, cy, FALSE);
            }
          else if (badges_w > 0 && badges_w <= label_w)
            place_badges (b, st, i, &handoff, &pipeline, form, x_label, cy, FALSE);
        }

      if (!st->has_tracks)
        continue;

      /* Value labels, in the form of the grid's level. A value that a
       * pinned grid was not measured for takes the shorter form if that
       * fits its column, else it is left to the knob's bubble. A dragged
       * conversion shows no "N:1" until the release: with it, the label
       * would flip between forms as the ratio gains and loses digits. */
      if (g->values_above)
        layout_values_above (b, g, st, i, cy);
      else if (g->conv_label_w > 0)
        {
          const FpFunnelStageLayout *at_press = pin != NULL
                                                ? &g_array_index (pin->stages, FpFunnelStageLayout, i)
                                                : NULL;
          gboolean dragged = at_press != NULL && at_press->conversion != stage->conversion;
          g_autofree char *full = format_conversion (stage->conversion, g->level < 1 && !dragged);
          g_autofree char *shorter = format_conversion (stage->conversion, FALSE);
          const char *forms[] = { full, shorter };
          const char *text = first_fitting (b, forms, G_N_ELEMENTS (forms), &b->value,
                                            g->conv_label_w);

          if (text != NULL)
            add_text (b, FP_TEXT_CONVERSION, i, text, &b->value, FP_COLOR_ROLE_FOREGROUND,
                      FP_TEXT_ALIGN_END, g->x_conv + g->conv_label_w,
                      centered_baseline (&b->value, cy), PRIORITY_CONVERSION, -1);
        }
      if (g->dur_label_w > 0)
        {
          g_autofree char *full = _fp_format_duration (stage->duration_days, g->level >= 2);
          g_autofree char *shorter = _fp_format_duration (stage->duration_days, TRUE);
          const char *forms[] = { full, shorter };
          const char *text = first_fitting (b, forms, G_N_ELEMENTS (forms), &b->value,
                                            g->dur_label_w);

          if (text != NULL)
            add_text (b, FP_TEXT_DURATION, i, text, &b->value, FP_COLOR_ROLE_FOREGROUND,
                      FP_TEXT_ALIGN_END, g->x_dur + g->dur_label_w,
                      centered_baseline (&b->value, cy), PRIORITY_DURATION, -1);
        }

      /* Range labels under the track ends, where the row has room below
       * the knob. */
      if (mode == ROW_TEXT_TWO_LINES
          && cy + radius + 1 + b->small.height <= row_y + row_h)
        {
          for (guint k = 0; k < 2; k++)
            {
              g_autofree char *lo = k == 0 ? _fp_format_percent (st->conversion_min)
                                           : _fp_format_decimal (0, 0);
              g_autofree char *hi = k == 0 ? _fp_format_percent (st->conversion_max)
                                           : _fp_format_duration (st->duration_max, TRUE);
              double x0 = k == 0 ? st->conversion_x0 : st->duration_x0;
              double x1 = k == 0 ? st->conversion_x1 : st->duration_x1;
              double lo_w = text_width (b, lo, &b->small);
              double hi_w = text_width (b, hi, &b->small);
              double baseline = cy + radius + 1 + b->small.baseline;
              int group = new_group (b);

              if ((x0 - radius) + lo_w + 0.5 * b->small.px > (x1 + radius) - hi_w)
                continue;
              add_text (b, FP_TEXT_CONVERSION_RANGE, i, lo, &b->small, FP_COLOR_ROLE_DIM,
                        FP_TEXT_ALIGN_START, x0 - radius, baseline, PRIORITY_RANGE, group);
              add_text (b, FP_TEXT_CONVERSION_RANGE, i, hi, &b->small, FP_COLOR_ROLE_DIM,
                        FP_TEXT_ALIGN_END, x1 + radius, baseline, PRIORITY_RANGE, group);
            }
        }
    }
  if (mode != ROW_TEXT_NONE && mode != ROW_TEXT_SOME_NAMES)
    place_counts (b, band_h, x_funnel + funnel_w);
}

/* The safety net */

static int
compare_priority (gconstpointer a,
                  gconstpointer b)
{
  const TextEntry *const *ea = a;
  const TextEntry *const *eb = b;

  if ((*ea)->priority != (*eb)->priority)
    return (*ea)->priority < (*eb)->priority ? -1 : 1;
  return *ea < *eb ? -1 : *ea > *eb ? 1 : 0;
}

static void
resolve_collisions (Builder *b)
{
  FpFunnelLayout *self = b->self;
  GArray *entries = b->entries;
  g_autoptr(GPtrArray) order = g_ptr_array_new ();
  g_autofree gboolean *dropped_group = g_new0 (gboolean, b->n_groups + 1);
  g_autoptr(GArray) kept_bounds = g_array_new (FALSE, FALSE, sizeof (FpRect));

  for (guint i = 0; i < entries->len; i++)
    g_ptr_array_add (order, &g_array_index (entries, TextEntry, i));
  g_ptr_array_sort (order, compare_priority);

  /* First find which groups lose an item, then keep whole groups only. */
  for (guint pass = 0; pass < 2; pass++)
    {
      g_array_set_size (kept_bounds, 0);
      for (guint i = 0; i < order->len; i++)
        {
          TextEntry *e = g_ptr_array_index (order, i);
          FpRect r = _fp_text_bounds (&e->item.logical, &e->item.ink);
          gboolean ok = !dropped_group[e->group];

          ok = ok && r.x >= 0 && r.y >= 0
                  && r.x + r.width <= self->width && r.y + r.height <= self->height;
          for (guint k = 0; ok && k < kept_bounds->len; k++)
            if (_fp_rects_overlap (&r, &g_array_index (kept_bounds, FpRect, k)))
              ok = FALSE;
          if (!ok)
            dropped_group[e->group] = TRUE;
          else
            g_array_append_val (kept_bounds, r);
        }
    }

  for (guint i = 0; i < entries->len; i++)
    {
      TextEntry *e = &g_array_index (entries, TextEntry, i);

      if (dropped_group[e->group])
        text_item_clear (&e->item);
      else
        {
          g_array_append_val (self->texts, e->item);
          memset (&e->item, 0, sizeof e->item);
        }
    }
}

/* A layout of @width x @height with nothing in it, and @b ready to fill it:
 * the unit of size, the margins and the header's fonts */
static FpFunnelLayout *
builder_begin (Builder            *b,
               FpPlan             *plan,
               const FpProjection *projection,
               PangoContext       *pango,
               const FpTheme      *theme,
               double              width,
               double              height)
{
  FpFunnelLayout *self = g_new0 (FpFunnelLayout, 1);

  self->width = MAX (0, width);
  self->height = MAX (0, height);
  self->rule_y = NAN;
  self->stages = g_array_new (FALSE, TRUE, sizeof (FpFunnelStageLayout));
  self->texts = g_array_new (FALSE, TRUE, sizeof (FpTextItem));
  g_array_set_clear_func (self->texts, (GDestroyNotify) text_item_clear);

  b->self = self;
  b->plan = plan;
  b->projection = projection;
  b->theme = theme;
  b->pango = pango;
  b->kept = FP_FUNNEL_KEPT_TRACK_NONE;
  b->entries = g_array_new (FALSE, TRUE, sizeof (TextEntry));
  g_array_set_clear_func (b->entries, text_entry_clear);

  /* One unit of size for the whole chart, so that it reads the same on a
   * laptop and a 4K projector. */
  _fp_chart_size (self->width, self->height, &b->s, &b->pad);
  self->scale = b->s;
  b->gap = round (MAX (10, 22 * b->s));
  b->content_width = MAX (0, self->width - 2 * b->pad);

  font_init (b, &b->title, text_px (b, MAX (15, 26 * b->s)), PANGO_WEIGHT_BOLD);
  font_init (b, &b->summary, text_px (b, MAX (11, 15 * b->s)), PANGO_WEIGHT_NORMAL);
  font_init (b, &b->summary_bold, b->summary.px, PANGO_WEIGHT_BOLD);
  return self;
}

static void
builder_end (Builder *b)
{
  _fp_font_clear (&b->title);
  _fp_font_clear (&b->summary);
  _fp_font_clear (&b->summary_bold);
  _fp_font_clear (&b->name);
  _fp_font_clear (&b->volume);
  _fp_font_clear (&b->value);
  _fp_font_clear (&b->small);
  _fp_font_clear (&b->small_bold);
  g_array_unref (b->entries);
}

/* The whole layout: the header, then the grid (its own or the pin's), the
 * rows in it, then the safety net. @min_summary_lines and @kept_track:
 * see fp_funnel_layout_new_steady(). */
static FpFunnelLayout *
layout_new (FpPlan                  *plan,
            const FpProjection      *projection,
            PangoContext            *pango,
            const FpTheme           *theme,
            double                   width,
            double                   height,
            const FpFunnelLayout    *keep_tracks_from,
            guint                    min_summary_lines,
            const FpFunnelKeptTrack *kept_track)
{
  FpFunnelLayout *self;
  Builder b = { 0 };
  FpFunnelGrid grid;
  double top;

  g_return_val_if_fail (FP_IS_PLAN (plan), NULL);
  g_return_val_if_fail (projection != NULL, NULL);
  g_return_val_if_fail (PANGO_IS_CONTEXT (pango), NULL);
  g_return_val_if_fail (theme != NULL, NULL);

  self = builder_begin (&b, plan, projection, pango, theme, width, height);
  b.min_summary_lines = min_summary_lines;
  if (kept_track != NULL)
    b.kept = *kept_track;
  /* A grid is only worth keeping for the same canvas and stages. */
  if (keep_tracks_from != NULL
      && keep_tracks_from->width == self->width
      && keep_tracks_from->height == self->height
      && keep_tracks_from->stages->len == fp_plan_get_n_stages (plan))
    b.pin = keep_tracks_from;

  top = layout_header (&b);
  init_stages (&b);
  if (b.pin != NULL)
    {
      grid = b.pin->grid;
      set_row_fonts (&b, grid.font_factor);
    }
  else
    compute_grid (&b, top, &grid);
  layout_rows (&b, &grid);
  resolve_collisions (&b);
  builder_end (&b);

  return self;
}

/* Public API */

FpFunnelLayout *
fp_funnel_layout_new (FpPlan             *plan,
                      const FpProjection *projection,
                      PangoContext       *pango,
                      const FpTheme      *theme,
                      double              width,
                      double              height)
{
  return layout_new (plan, projection, pango, theme, width, height, NULL, 0, NULL);
}

FpFunnelLayout *
fp_funnel_layout_new_steady (FpPlan                  *plan,
                             const FpProjection      *projection,
                             PangoContext            *pango,
                             const FpTheme           *theme,
                             double                   width,
                             double                   height,
                             guint                    min_summary_lines,
                             const FpFunnelKeptTrack *kept_track)
{
  return layout_new (plan, projection, pango, theme, width, height, NULL, min_summary_lines,
                     kept_track);
}

FpFunnelLayout *
fp_funnel_layout_new_pinned (FpPlan               *plan,
                             const FpProjection   *projection,
                             PangoContext         *pango,
                             const FpTheme        *theme,
                             double                width,
                             double                height,
                             const FpFunnelLayout *keep_tracks_from)
{
  return layout_new (plan, projection, pango, theme, width, height, keep_tracks_from, 0, NULL);
}

/* A chart whose full height is sought, and the width it gets */
typedef struct
{
  FpPlan *plan;
  const FpProjection *projection;
  PangoContext *pango;
  const FpTheme *theme;
  double width;
} FullHeight;

/* The height a canvas of f->width x @height needs for every row's full
 * text at the unit of size it gets (see fp_funnel_layout_get_full_height()) */
static double
height_needed (double   height,
               gpointer data)
{
  const FullHeight *f = data;
  FpPlan *plan = f->plan;
  FpFunnelLayout *self;
  Builder b = { 0 };
  guint n = fp_plan_get_n_stages (plan);
  double top;
  double radius;
  double header_h;
  double widest = 0;
  double row_h;
  double needed;

  self = builder_begin (&b, plan, f->projection, f->pango, f->theme, f->width, height);
  /* Room for both lines of summary, whether the figures take them or not:
   * a figure's width changes in a drag, the full height must not. */
  b.min_summary_lines = 2;
  top = layout_header (&b);
  set_row_fonts (&b, 1.0);
  radius = MAX (6, 8 * b.s);
  header_h = b.small.height + 0.5 * b.small.px;
  /* A second line of name only where a name is wider than the narrowest
   * column the names may get */
  for (guint i = 0; i < n; i++)
    widest = MAX (widest, text_width (&b, fp_plan_get_stage (plan, i)->name, &b.name));
  row_h = widest <= 0.16 * b.content_width ? two_line_need (&b, radius)
                                           : two_name_lines_need (&b, radius);
  /* and the track's ends under its knob, centred in the row; a pixel
   * more each side, or rounding drops them from every few rows */
  row_h = MAX (row_h, 2 * (radius + 2 + b.small.height));
  needed = ceil (top + header_h + n * row_h + b.pad);
  builder_end (&b);
  fp_funnel_layout_free (self);
  return needed;
}

double
fp_funnel_layout_get_full_height (FpPlan             *plan,
                                  const FpProjection *projection,
                                  PangoContext       *pango,
                                  const FpTheme      *theme,
                                  double              width)
{
  FullHeight f = { plan, projection, pango, theme, width };

  g_return_val_if_fail (FP_IS_PLAN (plan), 0);
  g_return_val_if_fail (projection != NULL, 0);
  g_return_val_if_fail (PANGO_IS_CONTEXT (pango), 0);
  g_return_val_if_fail (theme != NULL, 0);

  /* As tall as need be, the width alone sets the unit of size: enough.
   * The shortest that still holds the rows, so that a wide window of 12
   * stages does not scroll. */
  return _fp_shortest_height (height_needed, &f, height_needed (G_MAXINT, &f));
}

guint
fp_funnel_layout_get_summary_lines (const FpFunnelLayout *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return self->header_lines;
}

void
fp_funnel_layout_free (FpFunnelLayout *self)
{
  if (self == NULL)
    return;
  g_array_unref (self->stages);
  g_array_unref (self->texts);
  g_free (self);
}

void
fp_funnel_layout_get_size (const FpFunnelLayout *self,
                           double               *width,
                           double               *height)
{
  g_return_if_fail (self != NULL);

  if (width != NULL)
    *width = self->width;
  if (height != NULL)
    *height = self->height;
}

double
fp_funnel_layout_get_scale (const FpFunnelLayout *self)
{
  g_return_val_if_fail (self != NULL, 1.0);

  return self->scale;
}

guint
fp_funnel_layout_get_n_stages (const FpFunnelLayout *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return self->stages->len;
}

const FpFunnelStageLayout *
fp_funnel_layout_get_stage (const FpFunnelLayout *self,
                            guint                 stage)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (stage < self->stages->len, NULL);

  return &g_array_index (self->stages, FpFunnelStageLayout, stage);
}

void
fp_funnel_layout_get_column_headers (const FpFunnelLayout *self,
                                     FpRect               *band,
                                     double               *rows_end)
{
  const FpFunnelGrid *g;

  g_return_if_fail (self != NULL);

  g = &self->grid;
  if (band != NULL)
    *band = (FpRect) { 0, g->top, self->width, MAX (0, g->rows_top - g->top) };
  if (rows_end != NULL)
    *rows_end = g->rows_top + self->stages->len * g->row_h;
}

double
fp_funnel_layout_get_handle_radius (const FpFunnelLayout *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return self->handle_radius;
}

const FpTextItem *
fp_funnel_layout_get_text_items (const FpFunnelLayout *self,
                                 guint                *n_items)
{
  g_return_val_if_fail (self != NULL, NULL);

  if (n_items != NULL)
    *n_items = self->texts->len;
  return (const FpTextItem *) (gpointer) self->texts->data;
}

static gboolean
rect_contains (const FpRect *r,
               double        x,
               double        y)
{
  return r->width > 0 && r->height > 0
      && x >= r->x && x < r->x + r->width
      && y >= r->y && y < r->y + r->height;
}

FpHit
fp_funnel_layout_hit_test (const FpFunnelLayout *self,
                           double                x,
                           double                y)
{
  FpHit hit = FP_HIT_INIT_NONE;

  g_return_val_if_fail (self != NULL, hit);

  /* Handles win over bands: they are small and what a press means. */
  for (guint i = 0; i < self->stages->len; i++)
    {
      const FpFunnelStageLayout *st = &g_array_index (self->stages, FpFunnelStageLayout, i);

      if (!st->has_tracks)
        continue;
      if (rect_contains (&st->conversion_handle, x, y))
        return (FpHit) { FP_HIT_CONVERSION_HANDLE, (int) i };
      if (rect_contains (&st->duration_handle, x, y))
        return (FpHit) { FP_HIT_DURATION_HANDLE, (int) i };
    }
  for (guint i = 0; i < self->stages->len; i++)
    {
      const FpFunnelStageLayout *st = &g_array_index (self->stages, FpFunnelStageLayout, i);

      /* The warning marker beside a band stands for its stage too */
      if (rect_contains (&st->band, x, y) || (st->has_warning && rect_contains (&st->marker, x, y)))
        return (FpHit) { FP_HIT_BAND, (int) i };
    }
  return hit;
}

/* A handle's track maps [min, max] onto [x0, x1]: the value under x, and
 * the x of a value, both clamped to the track. */
static double
track_value_at_x (double x0,
                  double x1,
                  double min,
                  double max,
                  double x)
{
  double t = x1 > x0 ? (x - x0) / (x1 - x0) : 0;

  return min + CLAMP (t, 0.0, 1.0) * (max - min);
}

static double
track_x_at_value (double x0,
                  double x1,
                  double min,
                  double max,
                  double value)
{
  if (!(max > min))
    return x0;
  return x0 + CLAMP ((value - min) / (max - min), 0.0, 1.0) * (x1 - x0);
}

gboolean
fp_funnel_layout_get_conversion_track (const FpFunnelLayout *self,
                                       guint                 stage,
                                       double               *x0,
                                       double               *x1,
                                       double               *y)
{
  const FpFunnelStageLayout *st;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (stage < self->stages->len, FALSE);

  st = &g_array_index (self->stages, FpFunnelStageLayout, stage);
  if (!st->has_tracks)
    return FALSE;
  if (x0 != NULL)
    *x0 = st->conversion_x0;
  if (x1 != NULL)
    *x1 = st->conversion_x1;
  if (y != NULL)
    *y = st->conversion_y;
  return TRUE;
}

double
fp_funnel_layout_conversion_at_x (const FpFunnelLayout *self,
                                  guint                 stage,
                                  double                x)
{
  const FpFunnelStageLayout *st;
  double value;

  g_return_val_if_fail (self != NULL, FP_FUNNEL_MIN_CONVERSION);
  g_return_val_if_fail (stage < self->stages->len, FP_FUNNEL_MIN_CONVERSION);

  st = &g_array_index (self->stages, FpFunnelStageLayout, stage);
  g_return_val_if_fail (st->has_tracks, FP_FUNNEL_MIN_CONVERSION);

  value = track_value_at_x (st->conversion_x0, st->conversion_x1,
                            st->conversion_min, st->conversion_max, x);
  return CLAMP (value, FP_FUNNEL_MIN_CONVERSION, 1.0);
}

double
fp_funnel_layout_x_at_conversion (const FpFunnelLayout *self,
                                  guint                 stage,
                                  double                conversion)
{
  const FpFunnelStageLayout *st;

  g_return_val_if_fail (self != NULL, 0);
  g_return_val_if_fail (stage < self->stages->len, 0);

  st = &g_array_index (self->stages, FpFunnelStageLayout, stage);
  return track_x_at_value (st->conversion_x0, st->conversion_x1,
                           st->conversion_min, st->conversion_max, conversion);
}

gboolean
fp_funnel_layout_get_duration_track (const FpFunnelLayout *self,
                                     guint                 stage,
                                     double               *x0,
                                     double               *x1,
                                     double               *y)
{
  const FpFunnelStageLayout *st;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (stage < self->stages->len, FALSE);

  st = &g_array_index (self->stages, FpFunnelStageLayout, stage);
  if (!st->has_tracks)
    return FALSE;
  if (x0 != NULL)
    *x0 = st->duration_x0;
  if (x1 != NULL)
    *x1 = st->duration_x1;
  if (y != NULL)
    *y = st->duration_y;
  return TRUE;
}

double
fp_funnel_layout_duration_at_x (const FpFunnelLayout *self,
                                guint                 stage,
                                double                x)
{
  const FpFunnelStageLayout *st;

  g_return_val_if_fail (self != NULL, 0);
  g_return_val_if_fail (stage < self->stages->len, 0);

  st = &g_array_index (self->stages, FpFunnelStageLayout, stage);
  g_return_val_if_fail (st->has_tracks, 0);

  return track_value_at_x (st->duration_x0, st->duration_x1, 0, st->duration_max, x);
}

double
fp_funnel_layout_x_at_duration (const FpFunnelLayout *self,
                                guint                 stage,
                                double                days)
{
  const FpFunnelStageLayout *st;

  g_return_val_if_fail (self != NULL, 0);
  g_return_val_if_fail (stage < self->stages->len, 0);

  st = &g_array_index (self->stages, FpFunnelStageLayout, stage);
  return track_x_at_value (st->duration_x0, st->duration_x1, 0, st->duration_max, days);
}

/* Moves a handle's grab area to where its value sits now. */
static void
move_handle (FpRect *handle,
             double  knob_x)
{
  handle->x = knob_x - handle->width / 2;
}

FpFunnelKeptTrack
fp_funnel_layout_get_track (const FpFunnelLayout *self,
                            FpHit                 handle)
{
  const FpFunnelStageLayout *st;

  g_return_val_if_fail (self != NULL, FP_FUNNEL_KEPT_TRACK_NONE);
  g_return_val_if_fail (handle.stage >= 0 && (guint) handle.stage < self->stages->len,
                        FP_FUNNEL_KEPT_TRACK_NONE);

  st = &g_array_index (self->stages, FpFunnelStageLayout, handle.stage);
  if (!st->has_tracks)
    return FP_FUNNEL_KEPT_TRACK_NONE;
  if (handle.kind == FP_HIT_CONVERSION_HANDLE)
    return (FpFunnelKeptTrack) { handle.kind, handle.stage, st->conversion_max };
  if (handle.kind == FP_HIT_DURATION_HANDLE)
    return (FpFunnelKeptTrack) { handle.kind, handle.stage, st->duration_max };
  return FP_FUNNEL_KEPT_TRACK_NONE;
}

gboolean
fp_funnel_layout_widen_conversion_track (FpFunnelLayout *self,
                                         guint           stage)
{
  FpFunnelStageLayout *st;
  double wider;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (stage < self->stages->len, FALSE);

  st = &g_array_index (self->stages, FpFunnelStageLayout, stage);
  g_return_val_if_fail (st->has_tracks, FALSE);

  wider = next_range (conversion_ranges, G_N_ELEMENTS (conversion_ranges), st->conversion_max);
  if (wider == 0)
    return FALSE;
  st->conversion_max = wider;
  move_handle (&st->conversion_handle, fp_funnel_layout_x_at_conversion (self, stage, st->conversion));
  return TRUE;
}

gboolean
fp_funnel_layout_widen_duration_tracks (FpFunnelLayout *self)
{
  double wider = 0;

  g_return_val_if_fail (self != NULL, FALSE);

  for (guint i = 0; i < self->stages->len; i++)
    {
      FpFunnelStageLayout *st = &g_array_index (self->stages, FpFunnelStageLayout, i);

      if (!st->has_tracks)
        continue;
      if (wider == 0)
        wider = next_range (duration_ranges, G_N_ELEMENTS (duration_ranges), st->duration_max);
      if (wider == 0)
        return FALSE;
      st->duration_max = wider;
      move_handle (&st->duration_handle, fp_funnel_layout_x_at_duration (self, i, st->duration));
    }
  return wider != 0;
}
