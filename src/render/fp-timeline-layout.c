/* fp-timeline-layout.c: geometry and text placement of the timeline chart
 *
 * Top to bottom:
 *
 *   the plan's title | its period ("Jul–Sep 2027"): an exported chart says
 *   which plan it shows, as the funnel's header does
 *   heading "Days in each stage, counted back from the close" (or without
 *   "counted back ...", where there is no room for it) | lead to close
 *   one row per stage: name | bar on the day axis (grip at the enter end)
 *   the axis labels ("90 d" ... "Close")
 *   heading "Volume needed per month, each rounded up" (or without the
 *   rounding, where there is no room for it)
 *   "Lead time" over the months before the period, "Plan period" over it
 *   month names (and the year under the first month and every January)
 *   one row per stage: name | one cell per month, its count rounded up
 *
 * Both parts share the name column and the row height. The day axis and the
 * name column depend only on the canvas, the names and axis_days, never on
 * a duration, so that a view that keeps axis_days for a drag keeps every x.
 *
 * Text is measured with Pango before it is placed. When space runs short,
 * text is shortened or dropped in this order, first to last:
 *
 *   Vertically (rows too short for their text):
 *     1. the year line under the month names (the first month and each
 *        January then say the year themselves, where that fits)
 *     2. the two headings
 *     3. the title line: an exported chart keeps saying which plan it
 *        shows longest, as the funnel's header does
 *     4. row fonts shrink, down to 9 px
 *     5. all row text but names, and those of all but every 2nd, 3rd, ...
 *        stage and the last (a named row's line reaches into the unnamed
 *        rows beside it); bars and cells stay
 *     6. all row text
 *   Horizontally:
 *     0. a title too long for the line is shortened with an ellipsis, and
 *        the period beside it is dropped before the title is
 *     1. stage names too long for the name column (at most 22% of the
 *        width) take a second line where the rows have room for it, broken
 *        between words, else inside a word with a hyphen; what is still too
 *        long is shortened with an ellipsis, and dropped below three
 *        characters
 *     2. a bar's duration goes inside the bar, else beside it, else in
 *        short form ("14 d"), else it is dropped
 *     3. month counts are written compactly ("1.2k"), then dropped (the
 *        cell's shade stays); in a view's layout the months scroll
 *        instead, in columns wide enough for the counts in full, under a
 *        thin bar that shows which part is in view
 *     4. month names become their first letter, then only every 2nd, 3rd,
 *        4th, 6th or 12th month is named
 *     5. axis labels thin out to wider steps
 *     6. "Lead time before the period" becomes "Lead time", "Plan period"
 *        becomes "Period", then they are dropped
 *
 * As a safety net, a text item that would leave the canvas or overlap one
 * placed before it (names, durations, counts, month names, axis labels,
 * years, spans, headings, the title and its period, in that order) is
 * dropped.
 */

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

#include "fp-chart-size.h"
#include "fp-text-fit.h"
#include "fp-timeline-layout.h"

struct _FpTimelineLayout
{
  double width;
  double height;
  double scale;
  double axis_days;
  double ax0;
  double ax1;
  FpRect bars_area;
  FpRect grid_area;
  FpRect period_area;
  /* The months' window: the spans, month names and cells, drawn clipped
   * to it. When their columns are scrolled, grid_scroll_max > 0 and the
   * columns start grid_scroll px to the left of it. */
  FpRect grid_view;
  double grid_scroll;
  double grid_scroll_max;
  double month_w;         /* a month's column, unrounded */
  double period_scroll;   /* fp_timeline_layout_get_period_scroll() */
  FpRect scroll_track;
  FpRect scroll_thumb;
  FpRect scroll_bar_hit;  /* the track, tall enough to take a pointer */
  FpRect axis_labels;     /* the axis's labels under the bars, full width */
  FpRect months_header;   /* the spans and month names over the cells, full width */
  FpRect months_bar;      /* a scrolled grid's bar with a gap each side, full width */
  gboolean has_legend;
  FpRect legend_swatch; /* the benchmark bands' colour, by its words */
  GArray *stages;       /* FpTimelineStageLayout */
  GArray *months;       /* FpTimelineMonthLayout */
  GArray *cells;        /* FpTimelineCell */
  GArray *ticks;        /* FpTimelineTick */
  GArray *texts;        /* FpTimelineText */
};

typedef FpFont Font;

typedef struct
{
  FpTimelineText text;
  int priority;
} Entry;

enum
{
  PRIORITY_NAME,
  PRIORITY_DURATION,
  PRIORITY_VOLUME,
  PRIORITY_MONTH,
  PRIORITY_AXIS,
  PRIORITY_YEAR,
  PRIORITY_SPAN,
  PRIORITY_HEADING,
  PRIORITY_HEADING_VALUE,
  PRIORITY_TITLE,
  PRIORITY_PERIOD,
};

typedef struct
{
  FpTimelineLayout *self;
  FpPlan *plan;
  const FpProjection *p;
  const FpTheme *theme;
  PangoContext *pango;
  GArray *entries;
  double s;
  double sv;     /* the vertical unit: a tall, narrow canvas may use its height */
  gboolean grid_scrolls; /* a view's: months too narrow for a count scroll */
  double grid_scroll;
  double pad;
  double gap;
  Font title;
  Font heading;
  Font name;
  Font value;
  Font count;    /* a month's count: the value's font, smaller in an export
                  * whose months are too narrow for it
                  * (count_form_in_smaller_font()) */
  Font small;
} Builder;

#define MIN_FONT_PX 9.0
#define ELLIPSIS FP_ELLIPSIS

/* Fonts and text */

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

static char *
fit_text (Builder    *b,
          const char *text,
          const Font *font,
          double      max_width)
{
  return _fp_font_fit_text (font, b->pango, text, max_width);
}

static void
text_clear (FpTimelineText *text)
{
  g_clear_pointer (&text->text, g_free);
  g_clear_object (&text->layout);
}

static void
entry_clear (gpointer data)
{
  text_clear (&((Entry *) data)->text);
}

/* Places @string with its line centred on @cy. */
static FpTimelineText *
add_text (Builder            *b,
          FpTimelineTextKind  kind,
          int                 stage,
          int                 month,
          const char         *string,
          const Font         *font,
          FpColorRole         color,
          FpTextAlign         align,
          double              x,
          double              cy,
          int                 priority)
{
  Entry entry = { 0 };
  FpTimelineText *t = &entry.text;
  PangoRectangle ink;
  PangoRectangle logical;
  double left;
  double top;
  double width;

  t->text = g_strdup (string);
  t->kind = kind;
  t->stage = stage;
  t->month = month;
  t->color = color;
  t->align = align;
  t->layout = make_layout (b, string, font);
  pango_layout_get_extents (t->layout, &ink, &logical);
  width = (double) logical.width / PANGO_SCALE;
  left = align == FP_TEXT_ALIGN_CENTER ? x - width / 2
       : align == FP_TEXT_ALIGN_END ? x - width
       : x;
  /* Whole pixels keep glyphs crisp. */
  left = round (left);
  top = round (cy - (double) logical.height / PANGO_SCALE / 2);
  t->logical = (FpRect) { left, top, width, (double) logical.height / PANGO_SCALE };
  t->ink = (FpRect) { left + (double) (ink.x - logical.x) / PANGO_SCALE,
                      top + (double) (ink.y - logical.y) / PANGO_SCALE,
                      (double) ink.width / PANGO_SCALE,
                      (double) ink.height / PANGO_SCALE };
  entry.priority = priority;
  g_array_append_val (b->entries, entry);
  return &g_array_index (b->entries, Entry, b->entries->len - 1).text;
}

/* Stage @i's name in the name column, @name_w wide, centred on @cy: on two
 * lines where it is too long for the column and a row @row_h tall has room
 * for them. */
static void
place_name (Builder *b,
            guint    i,
            double   name_w,
            double   cy,
            double   row_h)
{
  const char *name = fp_plan_get_stage (b->plan, i)->name;
  double advance = _fp_font_line_advance (&b->name);
  g_autofree char *first = NULL;
  g_autofree char *second = NULL;

  if (row_h >= advance + b->name.height &&
      _fp_font_wrap_two_lines (&b->name, b->pango, name, name_w, &first, &second))
    {
      FpTimelineText *line = add_text (b, FP_TIMELINE_TEXT_STAGE_NAME, i, -1, first, &b->name,
                                       FP_COLOR_ROLE_FOREGROUND, FP_TEXT_ALIGN_START, b->pad,
                                       cy - advance / 2, PRIORITY_NAME);
      FpRect above = _fp_text_bounds (&line->logical, &line->ink);

      line = add_text (b, FP_TIMELINE_TEXT_STAGE_NAME, i, -1, second, &b->name,
                       FP_COLOR_ROLE_FOREGROUND, FP_TEXT_ALIGN_START, b->pad, cy + advance / 2,
                       PRIORITY_NAME);
      _fp_text_move_below (&line->logical, &line->ink, &above);
      return;
    }
  first = fit_text (b, name, &b->name, name_w);
  if (first != NULL)
    add_text (b, FP_TIMELINE_TEXT_STAGE_NAME, i, -1, first, &b->name, FP_COLOR_ROLE_FOREGROUND,
              FP_TEXT_ALIGN_START, b->pad, cy, PRIORITY_NAME);
}

/* The day axis */

static double
auto_axis_days (double lead_days)
{
  static const double nice[] = {
    7, 14, 30, 45, 60, 90, 120, 150, 180, 240, 300, 365, 450, 540, 730, 1095, 1460, 1825,
    2555, 3650,
  };
  /* Room to grow, so that a drag rarely reaches the axis's start. */
  double need = MAX (lead_days, 0) * 1.2 + 1;

  for (guint i = 0; i < G_N_ELEMENTS (nice); i++)
    if (need <= nice[i])
      return nice[i];
  return ceil (need / 365) * 365;
}

static void
layout_ticks (Builder *b)
{
  /* Weeks and months read as time; 5-day steps do not. */
  static const double steps[] = { 1, 7, 14, 30, 60, 90, 180, 365, 730, 1825, 3650 };
  FpTimelineLayout *self = b->self;
  double px_per_day = (self->ax1 - self->ax0) / self->axis_days;
  g_autofree char *widest = _fp_format_duration (self->axis_days, TRUE);
  double label_w = MAX (text_width (b, widest, &b->small), text_width (b, _("Close"), &b->small));
  double step = 0;

  if (!(px_per_day > 0))
    return;
  for (guint i = 0; i < G_N_ELEMENTS (steps); i++)
    if (steps[i] * px_per_day >= MAX (2 * label_w, label_w + 3 * b->small.px)
        && self->axis_days / steps[i] <= 24)
      {
        step = steps[i];
        break;
      }
  if (step == 0)
    step = ceil (self->axis_days / 365) * 365;

  for (double days = 0; days <= self->axis_days + 1e-9; days += step)
    {
      FpTimelineTick tick = { fp_timeline_layout_x_at_days (self, days), days };

      g_array_append_val (self->ticks, tick);
    }
}

/* Bars */

static void
note_warnings (Builder *b)
{
  GPtrArray *warnings = b->p->warnings;

  for (guint i = 0; warnings != NULL && i < warnings->len; i++)
    {
      const FpWarning *w = g_ptr_array_index (warnings, i);
      FpTimelineStageLayout *st;

      if (w->stage < 0 || (guint) w->stage >= b->self->stages->len)
        continue;
      if (w->code == NULL || strstr (w->code, "duration") == NULL)
        continue;
      st = &g_array_index (b->self->stages, FpTimelineStageLayout, w->stage);
      if (!st->has_warning || w->severity > st->severity)
        st->severity = w->severity;
      st->has_warning = TRUE;
    }
}

static void
place_duration (Builder               *b,
                FpTimelineStageLayout *st,
                guint                  i,
                double                 names_end)
{
  FpTimelineLayout *self = b->self;
  double cy = st->bar.y + st->bar.height / 2;
  double inset = 0.5 * b->value.px;

  for (guint form = 0; form < 2; form++)
    {
      g_autofree char *text = _fp_format_duration (st->duration, form == 1);
      double w = text_width (b, text, &b->value);
      double inside_x0 = st->grip.x + st->grip.width + inset;
      double inside_x1 = st->bar.x + st->bar.width - inset;
      double right_x = st->bar.x + st->bar.width + inset;
      double left_x = st->handle.x - inset / 2;

      if (b->value.height > st->row.height)
        return;
      if (inside_x1 - inside_x0 >= w && b->value.height <= st->bar.height + 2)
        {
          add_text (b, FP_TIMELINE_TEXT_DURATION, i, -1, text, &b->value, FP_COLOR_ROLE_ON_BAND,
                    FP_TEXT_ALIGN_CENTER, (inside_x0 + inside_x1) / 2, cy, PRIORITY_DURATION);
          return;
        }
      /* Beside on the right, short of the close line */
      if (right_x + w <= self->ax1 - inset)
        {
          add_text (b, FP_TIMELINE_TEXT_DURATION, i, -1, text, &b->value, FP_COLOR_ROLE_FOREGROUND,
                    FP_TEXT_ALIGN_START, right_x, cy, PRIORITY_DURATION);
          return;
        }
      if (left_x - w >= names_end)
        {
          add_text (b, FP_TIMELINE_TEXT_DURATION, i, -1, text, &b->value, FP_COLOR_ROLE_FOREGROUND,
                    FP_TEXT_ALIGN_END, left_x, cy, PRIORITY_DURATION);
          return;
        }
    }
}

/* Month names */

static char *
month_name (int      year,
            int      month,
            gboolean with_year)
{
  g_autoptr(GDateTime) dt = g_date_time_new_utc (year, month, 1, 0, 0, 0);

  if (dt == NULL)
    return g_strdup ("?");
  return _fp_format_month (dt, TRUE, with_year);
}

/* A year under its first month or beside it: "2027"; Chinese "2027年" */
static char *
year_name (int year)
{
  /* Translators: a year on the timeline, under or beside its first
   * month; Chinese uses "%d年" */
  return g_strdup_printf (C_("year on the timeline", "%d"), year);
}

/* The narrowest form of a month's short name: its first letter ("O" for
 * "Oct"), or, where months are numbered ("10月", "10월"), the number: a
 * first character would turn October to December into January. */
static char *
narrow_name (const char *name)
{
  const char *next = g_utf8_next_char (name);
  g_autofree char *head = NULL;

  if (g_ascii_isdigit (*name))
    while (g_ascii_isdigit (*next))
      next++;
  head = g_strndup (name, next - name);
  return g_utf8_strup (head, -1);
}

/* The safety net */

static int
compare_priority (gconstpointer a,
                  gconstpointer b)
{
  const Entry *const *ea = a;
  const Entry *const *eb = b;

  if ((*ea)->priority != (*eb)->priority)
    return (*ea)->priority < (*eb)->priority ? -1 : 1;
  return *ea < *eb ? -1 : *ea > *eb ? 1 : 0;
}

static void
resolve_collisions (Builder *b)
{
  FpTimelineLayout *self = b->self;
  g_autoptr(GPtrArray) order = g_ptr_array_new ();
  g_autoptr(GArray) kept = g_array_new (FALSE, FALSE, sizeof (FpRect));
  g_autofree gboolean *keep = g_new0 (gboolean, b->entries->len + 1);

  for (guint i = 0; i < b->entries->len; i++)
    g_ptr_array_add (order, &g_array_index (b->entries, Entry, i));
  g_ptr_array_sort (order, compare_priority);

  for (guint i = 0; i < order->len; i++)
    {
      Entry *e = g_ptr_array_index (order, i);
      FpRect r = _fp_text_bounds (&e->text.logical, &e->text.ink);
      gboolean ok = r.x >= 0 && r.y >= 0
                    && r.x + r.width <= self->width && r.y + r.height <= self->height;

      for (guint k = 0; ok && k < kept->len; k++)
        if (_fp_rects_overlap (&r, &g_array_index (kept, FpRect, k)))
          ok = FALSE;
      if (ok)
        {
          g_array_append_val (kept, r);
          keep[e - (Entry *) (gpointer) b->entries->data] = TRUE;
        }
    }

  /* Kept in the order they were placed, which is drawing order. */
  for (guint i = 0; i < b->entries->len; i++)
    {
      Entry *e = &g_array_index (b->entries, Entry, i);

      if (keep[i])
        {
          g_array_append_val (self->texts, e->text);
          memset (&e->text, 0, sizeof e->text);
        }
      else if (e->text.kind == FP_TIMELINE_TEXT_LEGEND)
        self->has_legend = FALSE; /* a swatch without its words says nothing */
    }
}

/* The plan's title, and its period at the end of the line, centred on
 * @cy: the period goes first when the line is short, then the title is
 * shortened. */
static void
layout_title (Builder *b,
              double   cy,
              double   cw)
{
  const char *title = fp_plan_get_title (b->plan);
  g_autofree char *period = NULL;
  g_autofree char *fitted = NULL;
  double period_w = 0;
  int year;
  int month;
  guint months;

  if (title == NULL || title[0] == '\0')
    title = _("Untitled plan");
  fp_plan_get_period (b->plan, &year, &month, &months);
  period = _fp_format_period (year, month, months);
  if (period != NULL)
    period_w = text_width (b, period, &b->small);
  if (period != NULL && text_width (b, title, &b->title) + b->gap + period_w > cw)
    g_clear_pointer (&period, g_free);

  fitted = fit_text (b, title, &b->title, period != NULL ? cw - b->gap - period_w : cw);
  if (fitted != NULL)
    add_text (b, FP_TIMELINE_TEXT_TITLE, -1, -1, fitted, &b->title, FP_COLOR_ROLE_FOREGROUND,
              FP_TEXT_ALIGN_START, b->pad, cy, PRIORITY_TITLE);
  if (period != NULL)
    add_text (b, FP_TIMELINE_TEXT_PERIOD, -1, -1, period, &b->small, FP_COLOR_ROLE_DIM,
              FP_TEXT_ALIGN_END, b->self->width - b->pad, cy, PRIORITY_PERIOD);
}

/* The whole layout */

static void
set_row_fonts (Builder *b,
               double   factor)
{
  double s = b->s;

  font_init (b, &b->name, text_px (b, MAX (MIN_FONT_PX, MAX (11, 14 * s) * factor)),
             PANGO_WEIGHT_BOLD);
  font_init (b, &b->value, text_px (b, MAX (MIN_FONT_PX, MAX (10, 13 * s) * factor)),
             PANGO_WEIGHT_NORMAL);
  font_init (b, &b->count, b->value.px, PANGO_WEIGHT_NORMAL);
  font_init (b, &b->small, text_px (b, MAX (MIN_FONT_PX, MAX (10, 12 * s) * factor)),
             PANGO_WEIGHT_NORMAL);
}

typedef struct
{
  gboolean title;
  gboolean year_line;
  gboolean headings;
  gboolean row_text;
  guint name_stride;    /* every name_stride-th stage is named: 1 with row text */
  double title_h;
  double heading_h;
  double axis_h;
  double section_gap;
  double span_h;
  double month_h;
  double row_h;
} Vertical;

static double
fixed_height (Builder  *b,
              Vertical *v)
{
  v->title_h = v->title ? ceil (b->title.height + 0.4 * b->title.px) : 0;
  v->heading_h = v->headings ? ceil (b->heading.height + 0.5 * b->heading.px) : 0;
  v->axis_h = ceil (b->small.height + 0.4 * b->small.px);
  v->section_gap = round (1.4 * b->small.px);
  v->span_h = ceil (b->small.height + 0.3 * b->small.px);
  v->month_h = ceil ((v->year_line ? 2 : 1) * b->small.height + 0.3 * b->small.px);
  return v->title_h + 2 * v->heading_h + v->axis_h + v->section_gap + v->span_h + v->month_h;
}

static void
plan_vertical (Builder  *b,
               guint     n,
               Vertical *v)
{
  double avail = MAX (0, b->self->height - 2 * b->pad);
  /* A tall, narrow canvas (beside the side panels) may use its height. */
  double row_max = round (MAX (40, 46 * b->sv));
  double need;

  set_row_fonts (b, 1.0);
  need = MAX (b->name.height, b->value.height) + 4;

  /* Drop in the stated order until a row holds its text. */
  for (guint level = 0; level < 4; level++)
    {
      v->year_line = level < 1;
      v->headings = level < 2;
      v->title = level < 3;
      v->row_text = TRUE;
      v->row_h = floor ((avail - fixed_height (b, v)) / (2 * n));
      if (v->row_h >= need || level == 3)
        break;
    }

  if (v->row_h < need)
    {
      /* Shrink the row fonts; a couple of rounds settle the fixed parts. */
      for (guint round_ = 0; round_ < 3; round_++)
        {
          set_row_fonts (b, MAX (0.1, v->row_h / need));
          v->row_h = floor ((avail - fixed_height (b, v)) / (2 * n));
        }
      need = MAX (b->name.height, b->value.height) + 2;
      v->row_text = v->row_h >= need;
    }

  v->row_h = CLAMP (v->row_h, 1, row_max);
  v->name_stride = v->row_text ? 1 : _fp_rows_per_name (&b->name, v->row_h);
}

/* Whether a stage with a duration has a benchmark for it, drawn as a band */
static gboolean
plan_has_duration_benchmark (FpPlan *plan)
{
  for (guint i = 0; i + 1 < fp_plan_get_n_stages (plan); i++)
    if (fp_plan_get_stage (plan, i)->benchmark_duration_days.set)
      return TRUE;
  return FALSE;
}

/* The legend of the benchmark bands, ending at @end_x: a swatch drawn as
 * the bands are, then its words */
static void
place_legend (Builder    *b,
              const char *words,
              double      words_w,
              double      swatch_w,
              double      swatch_h,
              double      end_x,
              double      cy)
{
  FpTimelineLayout *self = b->self;

  self->has_legend = TRUE;
  self->legend_swatch = (FpRect) { round (end_x - words_w - 0.4 * b->small.px - swatch_w),
                                   round (cy - swatch_h / 2), swatch_w, swatch_h };
  add_text (b, FP_TIMELINE_TEXT_LEGEND, -1, -1, words, &b->small, FP_COLOR_ROLE_DIM,
            FP_TEXT_ALIGN_END, end_x, cy, PRIORITY_HEADING_VALUE);
}

/* @longer, else @shorter, whichever fits @width whole first; NULL when
 * neither does */
static char *
whole_heading (Builder    *b,
               const char *longer,
               const char *shorter,
               double      width)
{
  if (text_width (b, longer, &b->heading) <= width)
    return g_strdup (longer);
  if (text_width (b, shorter, &b->heading) <= width)
    return g_strdup (shorter);
  return NULL;
}

/* The bar chart's heading line, centred on @cy: the heading, the legend of
 * the benchmark bands where a whole heading leaves room for it, and the
 * lead time at the end. The shorter heading whole says more than the
 * longer one cut short. */
static void
layout_bars_heading (Builder *b,
                     double   cy,
                     double   cw)
{
  FpTimelineLayout *self = b->self;
  g_autofree char *lead = _fp_format_duration (b->p->lead_to_close_days, FALSE);
  /* Translators: the days from entering the funnel to closing, e.g. "Lead to close: 76 days" */
  g_autofree char *value = g_strdup_printf (_("Lead to close: %s"), lead);
  double value_w = text_width (b, value, &b->small);
  const char *longer = _("Days in each stage, counted back from the close");
  const char *shorter = _("Days in each stage");
  /* Translators: the legend of the faint bands behind the duration bars */
  const char *legend = _("Benchmark range");
  double legend_words_w = text_width (b, legend, &b->small);
  double swatch_w = round (MAX (12, 16 * b->s));
  double swatch_h = round (MAX (8, 10 * b->s));
  double legend_w = swatch_w + 0.4 * b->small.px + legend_words_w + b->gap;
  double heading_w = cw - value_w - b->gap;
  g_autofree char *heading = NULL;

  /* The legend only beside a whole heading */
  if (plan_has_duration_benchmark (b->plan))
    heading = whole_heading (b, longer, shorter, heading_w - legend_w);
  if (heading != NULL)
    place_legend (b, legend, legend_words_w, swatch_w, swatch_h,
                  self->width - b->pad - value_w - b->gap, cy);
  else if (text_width (b, longer, &b->heading) <= heading_w)
    heading = g_strdup (longer);
  else
    heading = fit_text (b, shorter, &b->heading, heading_w);
  if (heading != NULL)
    add_text (b, FP_TIMELINE_TEXT_HEADING, -1, -1, heading, &b->heading,
              FP_COLOR_ROLE_FOREGROUND, FP_TEXT_ALIGN_START, b->pad, cy, PRIORITY_HEADING);
  add_text (b, FP_TIMELINE_TEXT_HEADING_VALUE, -1, -1, value, &b->small, FP_COLOR_ROLE_DIM,
            FP_TEXT_ALIGN_END, self->width - b->pad, cy, PRIORITY_HEADING_VALUE);
}

/* The monthly grid */

/* Each stage's largest volume in any month */
static double *
stage_max_volumes (const FpProjection *p,
                   guint               n)
{
  double *max_volume = g_new0 (double, n);

  for (guint m = 0; m < p->n_months; m++)
    for (guint i = 0; i < n; i++)
      max_volume[i] = MAX (max_volume[i], fp_projection_get_volume (p, m, i));
  return max_volume;
}

/* How the counts go in columns @col_w wide: 0 in full, 1 compactly
 * ("1.2k"), 2 not at all (the cell's shade stays) */
static guint
count_form_for (Builder  *b,
                gboolean  rows_take_text,
                double    col_w,
                double    inset)
{
  const FpProjection *p = b->p;
  double full_w = 0;
  double compact_w = 0;

  /* Columns too narrow for a digit take no counts: not measured then,
   * as a lead time of years makes thousands of them. */
  if (!rows_take_text || text_width (b, "0", &b->count) + 2 * inset > col_w - 2)
    return 2;
  for (guint m = 0; m < p->n_months; m++)
    for (guint i = 0; i < p->n_stages; i++)
      {
        double volume = fp_projection_get_volume (p, m, i);
        g_autofree char *full = NULL;
        g_autofree char *compact = NULL;

        if (!(volume > 0))
          continue;
        full = _fp_format_count (volume);
        compact = _fp_format_count_compact (volume);
        full_w = MAX (full_w, text_width (b, full, &b->count));
        compact_w = MAX (compact_w, text_width (b, compact, &b->count));
      }
  if (full_w + 2 * inset <= col_w - 2)
    return 0;
  if (compact_w + 2 * inset <= col_w - 2)
    return 1;
  return 2;
}

/* The scroll of fp_timeline_layout_get_period_scroll(), for @n_months
 * columns @col_w wide, the period from month @period_offset, in a window
 * @view_w wide that scrolls up to @scroll_max */
static double
period_scroll (guint  n_months,
               guint  period_offset,
               double col_w,
               double view_w,
               double scroll_max)
{
  double period_start = period_offset * col_w;
  double scroll;

  if (scroll_max <= 0 || period_offset >= n_months)
    return 0;
  if (n_months * col_w - period_start <= view_w)
    return scroll_max;
  /* A period wider than the window: its first month no further in than
   * the window's middle, a whole month at the window's start; months
   * wider than half the window show the period's first whole and what
   * fits of the month before it */
  scroll = ceil (MAX (0, period_start - view_w / 2) / col_w) * col_w;
  if (period_offset > 0)
    scroll = MIN (scroll, period_start - CLAMP (view_w - col_w, 0, col_w));
  return MIN (round (scroll), scroll_max);
}

/* An export's months too narrow for their counts in the value's font: the
 * form the counts take in a smaller one, the largest that fits down to the
 * smallest font of the chart, in b->count; 2 (none) when none fits. An
 * export cannot scroll, and its shades alone do not say how many. */
static guint
count_form_in_smaller_font (Builder *b,
                            double   col_w)
{
  double px = b->value.px;
  double min_px = text_px (b, MIN_FONT_PX);

  while (px > min_px)
    {
      guint form;

      /* A fractional size steps down to the smallest exactly */
      px = MAX (px - 1, min_px);
      font_init (b, &b->count, px, PANGO_WEIGHT_NORMAL);
      form = count_form_for (b, TRUE, col_w, MAX (2, round (0.3 * px)));
      if (form < 2)
        return form;
    }
  return 2;
}

/* The widest any month's count can be in full: as many digits as its
 * stage's largest, each the widest digit there is. A string a stage, not
 * one a cell: a scrolled grid may have a lead time of years. A largest
 * count written "6.8e+28" is narrower than the exact ones below it, the
 * widest of which is measured too. */
static double
widest_counts_width (Builder      *b,
                     const double *max_volume,
                     guint         n)
{
  char widest_digit = '0';
  double digit_w = 0;
  double widest = 0;

  for (char digit = '0'; digit <= '9'; digit++)
    {
      char text[2] = { digit, '\0' };
      double w = text_width (b, text, &b->count);

      if (w > digit_w)
        {
          digit_w = w;
          widest_digit = digit;
        }
    }
  for (guint i = 0; i < n; i++)
    for (guint form = 0; form < 2; form++)
      {
        double count = form == 0 ? max_volume[i]
                                 : MIN (max_volume[i], FP_FORMAT_SCIENTIFIC_FROM - 1);
        g_autofree char *text = _fp_format_count (count);

        for (char *c = text; *c != '\0'; c++)
          if (g_ascii_isdigit (*c))
            *c = widest_digit;
        widest = MAX (widest, text_width (b, text, &b->count));
      }
  return widest;
}

/* Whether any of month @m's column is in the grid's window: every one is
 * when the grid does not scroll, however narrow. */
static gboolean
column_shows (const FpTimelineLayout *self,
              guint                   m)
{
  const FpRect *column = &g_array_index (self->months, FpTimelineMonthLayout, m).column;
  const FpRect *view = &self->grid_view;

  return self->grid_scroll_max <= 0 ||
         (column->x < view->x + view->width && column->x + column->width > view->x);
}

/* A scrolled grid's bar: under the cells where the canvas has room for
 * it, else over their bottom edge, as an overlay scrollbar is. The thumb
 * is the window's share of all the months. */
static void
place_scroll_bar (Builder *b,
                  double   view_w)
{
  FpTimelineLayout *self = b->self;
  const FpRect *grid = &self->grid_area;
  double h = MAX (3, round (4 * b->s));
  double gap = MAX (2, round (3 * b->s));
  double bottom = grid->y + grid->height;
  double y = bottom + gap + h <= self->height ? bottom + gap : bottom - h - gap;
  double content_w = view_w + self->grid_scroll_max;
  double thumb_w;

  if (self->grid_scroll_max <= 0)
    return;
  thumb_w = round (MAX (4 * h, view_w * view_w / content_w));
  self->scroll_track = (FpRect) { grid->x, y, view_w, h };
  self->months_bar = (FpRect) { 0, y - gap, self->width, h + 2 * gap };
  self->scroll_thumb = (FpRect) { grid->x + round ((view_w - thumb_w) * self->grid_scroll
                                                   / self->grid_scroll_max),
                                  y, thumb_w, h };
  /* A bar a few pixels tall is a hard target: it takes the pointer as far
   * above and below it as a handle does around its grip, within the
   * canvas. */
  {
    double reach = MAX (6, round (6 * b->s));
    double top = MAX (0, y - reach);
    double end = MIN (self->height, y + h + reach);

    self->scroll_bar_hit = (FpRect) { grid->x, top, view_w, end - top };
  }
}

static void
layout_all (Builder *b,
            double   axis_days)
{
  FpTimelineLayout *self = b->self;
  FpPlan *plan = b->plan;
  const FpProjection *p = b->p;
  guint n = fp_plan_get_n_stages (plan);
  guint n_months = p->n_months;
  Vertical v = { 0 };
  double cw = MAX (0, self->width - 2 * b->pad);
  double name_w = 0;
  double names_end;
  double y;
  double hit_r = round (MAX (8, 10 * b->s));
  double warning_size = 0;
  double gutter = 0;
  double bars_start;
  double grip_w = MAX (4, round (6 * b->s));
  double bar_h;
  double close_w;
  double marker;
  double gx0;
  double gx1;
  double view_w;
  double col_w;
  double origin;        /* where the first month's column starts */
  double inset;
  double *max_volume;
  gboolean rows_take_text;
  guint count_form;
  guint month_form;
  guint month_every = 1;
  guint first_shown = 0;  /* the months with any of their column in view */
  guint shown_end;

  g_array_set_size (self->stages, n);
  plan_vertical (b, n, &v);

  /* The name column, the same for both parts */
  for (guint i = 0; i < n; i++)
    name_w = MAX (name_w, text_width (b, fp_plan_get_stage (plan, i)->name, &b->name));
  name_w = ceil (MIN (name_w, 0.22 * cw));
  if (name_w < text_width (b, "Abc" ELLIPSIS, &b->name))
    name_w = 0;
  names_end = b->pad + name_w;

  /* The day axis */
  self->axis_days = axis_days > 0 ? axis_days : auto_axis_days (p->lead_to_close_days);
  close_w = text_width (b, _("Close"), &b->small);
  bar_h = MAX (2, round (MIN (v.row_h * 0.6, 30 * b->sv)));
  marker = MAX (6, round (MIN (bar_h, 18 * b->sv)));
  for (guint i = 0; i + 1 < n; i++)
    if (fp_plan_get_stage (plan, i)->benchmark_duration_days.set)
      {
        warning_size = floor (MIN (MAX (14, 20 * b->s), bar_h));
        gutter = warning_size + MAX (4, round (6 * b->s));
        break;
      }
  bars_start = names_end + (name_w > 0 ? b->gap : 0) + gutter;
  self->ax0 = round (bars_start + hit_r);
  self->ax1 = round (self->width - b->pad - MAX (close_w / 2, marker / 2 + 2));
  if (self->ax1 <= self->ax0)
    self->ax1 = self->ax0 + 1;

  y = b->pad;
  if (v.title)
    {
      layout_title (b, y + b->title.height / 2, cw);
      y += v.title_h;
    }
  if (v.headings)
    {
      layout_bars_heading (b, y + b->heading.height / 2, cw);
      y += v.heading_h;
    }

  /* Bars */
  self->bars_area = (FpRect) { self->ax0, y, self->ax1 - self->ax0, n * v.row_h };
  for (guint i = 0; i < n; i++)
    {
      const FpStage *stage = fp_plan_get_stage (plan, i);
      FpTimelineStageLayout *st = &g_array_index (self->stages, FpTimelineStageLayout, i);
      double row_y = y + i * v.row_h;
      double cy = row_y + v.row_h / 2;
      double x_enter;
      double x_leave;

      memset (st, 0, sizeof *st);
      st->row = (FpRect) { b->pad, row_y, cw, v.row_h };
      st->enter_days = p->enter_offset_days[i];
      st->leave_days = i + 1 < n ? p->enter_offset_days[i + 1] : 0;
      st->duration = i + 1 < n ? stage->duration_days : 0;
      st->is_close = i + 1 == n;
      /* A drag can push a bar past the start of the axis it keeps: the bar
       * and its handle stop at the start, the value goes on. */
      x_enter = round (MAX (self->ax0, fp_timeline_layout_x_at_days (self, st->enter_days)));
      x_leave = round (MAX (self->ax0, fp_timeline_layout_x_at_days (self, st->leave_days)));
      st->bar = (FpRect) { x_enter, round (cy - bar_h / 2), MAX (2, x_leave - x_enter), bar_h };

      if (st->is_close)
        st->marker = (FpRect) { self->ax1 - marker / 2, round (cy - marker / 2), marker, marker };
      else
        {
          double grip_h = MIN (v.row_h, bar_h + 2 * round (MAX (2, 3 * b->s)));

          st->has_handle = TRUE;
          st->handle_x = MAX (self->ax0, fp_timeline_layout_x_at_days (self, st->enter_days));
          st->handle = (FpRect) { st->handle_x - hit_r, row_y, 2 * hit_r, v.row_h };
          st->grip = (FpRect) { round (st->handle_x - grip_w / 2), round (cy - grip_h / 2),
                                grip_w, round (grip_h) };
          if (stage->benchmark_duration_days.set)
            {
              st->has_benchmark = TRUE;
              double max_days = st->leave_days + stage->benchmark_duration_days.max;
              double min_days = st->leave_days + stage->benchmark_duration_days.min;

              st->benchmark_x0 = MAX (self->ax0, fp_timeline_layout_x_at_days (self, max_days));
              st->benchmark_x1 = MAX (self->ax0, fp_timeline_layout_x_at_days (self, min_days));
            }
        }
    }
  note_warnings (b);

  for (guint i = 0; i < n; i++)
    {
      FpTimelineStageLayout *st = &g_array_index (self->stages, FpTimelineStageLayout, i);
      double cy = st->row.y + st->row.height / 2;

      if (st->has_warning && gutter > 0)
        st->warning_marker = (FpRect) { round (bars_start - gutter + (gutter - warning_size) / 2),
                                        round (cy - warning_size / 2), warning_size, warning_size };
      if (_fp_row_is_named (i, n, v.name_stride))
        place_name (b, i, name_w, cy, st->row.height);
      if (v.row_text && st->has_handle)
        place_duration (b, st, i, gutter > 0 ? bars_start : names_end + b->gap / 2);
    }
  y += n * v.row_h;

  /* Axis labels */
  layout_ticks (b);
  for (guint k = 0; k < self->ticks->len; k++)
    {
      const FpTimelineTick *tick = &g_array_index (self->ticks, FpTimelineTick, k);
      g_autofree char *label = tick->days == 0 ? g_strdup (_("Close")) : _fp_format_duration (tick->days, TRUE);

      add_text (b, FP_TIMELINE_TEXT_AXIS, -1, -1, label, &b->small, FP_COLOR_ROLE_DIM,
                FP_TEXT_ALIGN_CENTER, tick->x, y + v.axis_h / 2, PRIORITY_AXIS);
    }
  self->axis_labels = (FpRect) { 0, y, self->width, v.axis_h };
  y += v.axis_h + v.section_gap;

  if (v.headings)
    {
      /* Each cell is a count of people, rounded up on its own: a row can
       * add up to a little more than the stage's total, and the heading
       * says why, where there is room for it. */
      const char *full = _("Volume needed per month, each rounded up");
      const char *text = text_width (b, full, &b->heading) <= cw
                         ? full : _("Volume needed per month");
      g_autofree char *heading = fit_text (b, text, &b->heading, cw);

      if (heading != NULL)
        add_text (b, FP_TIMELINE_TEXT_HEADING, -1, -1, heading, &b->heading,
                  FP_COLOR_ROLE_FOREGROUND, FP_TEXT_ALIGN_START, b->pad,
                  y + b->heading.height / 2, PRIORITY_HEADING);
      y += v.heading_h;
    }

  /* The monthly grid */
  gx0 = round (names_end + (name_w > 0 ? b->gap : 0));
  gx1 = self->width - b->pad;
  view_w = MAX (0, gx1 - gx0);
  col_w = n_months > 0 ? view_w / n_months : 0;
  inset = MAX (2, round (0.3 * b->value.px));
  rows_take_text = v.row_text && b->value.height <= v.row_h;
  max_volume = stage_max_volumes (p, n);
  count_form = count_form_for (b, rows_take_text, col_w, inset);
  /* In a view, months too narrow for any count keep columns wide enough
   * for their counts in full, and scroll: the counts are what the grid is
   * for. An export shows every month, as the shades do, and its counts
   * in a smaller font if need be. */
  if (count_form == 2 && rows_take_text && b->grid_scrolls && n_months > 0)
    {
      double wide = ceil (widest_counts_width (b, max_volume, n) + 2 * inset + 2);

      if (wide > col_w)
        {
          col_w = wide;
          count_form = 0;
        }
    }
  else if (count_form == 2 && rows_take_text && n_months > 0)
    count_form = count_form_in_smaller_font (b, col_w);
  self->grid_scroll_max = MAX (0, round (n_months * col_w - view_w));
  self->month_w = col_w;
  self->period_scroll = period_scroll (n_months, p->period_offset, col_w, view_w,
                                       self->grid_scroll_max);
  self->grid_scroll = b->grid_scroll == FP_TIMELINE_SCROLL_TO_PERIOD
                      ? self->period_scroll
                      : round (CLAMP (b->grid_scroll, 0, self->grid_scroll_max));
  origin = gx0 - self->grid_scroll;

  g_array_set_size (self->months, n_months);
  for (guint m = 0; m < n_months; m++)
    {
      FpTimelineMonthLayout *ml = &g_array_index (self->months, FpTimelineMonthLayout, m);
      double x0 = round (origin + m * col_w);
      double x1 = round (origin + (m + 1) * col_w);

      fp_projection_get_month (p, m, &ml->year, &ml->month_of_year);
      ml->in_period = m >= p->period_offset;
      ml->column = (FpRect) { x0, y + v.span_h, x1 - x0, v.month_h + n * v.row_h };
    }
  self->grid_area = (FpRect) { gx0, y + v.span_h, view_w, v.month_h + n * v.row_h };
  self->grid_view = (FpRect) { gx0, y, view_w, v.span_h + v.month_h + n * v.row_h };
  self->months_header = (FpRect) { 0, y, self->width, v.span_h + v.month_h };
  while (first_shown < n_months && !column_shows (self, first_shown))
    first_shown++;
  shown_end = first_shown;
  while (shown_end < n_months && column_shows (self, shown_end))
    shown_end++;
  if (p->period_offset < n_months)
    {
      double x0 = round (origin + p->period_offset * col_w);
      double x1 = round (origin + n_months * col_w);

      self->period_area = (FpRect) { x0, y, x1 - x0, v.span_h + v.month_h + n * v.row_h };
    }
  place_scroll_bar (b, view_w);

  /* Spans: "Lead time" and "Plan period" over what shows of their months */
  {
    const char *lead[] = { _("Lead time before the period"), _("Lead time") };
    const char *period[] = { _("Plan period"), _("Period") };
    double period_x = origin + p->period_offset * col_w;
    double lead_x0 = MAX (gx0, origin);
    double lead_x1 = MIN (gx1, period_x);
    double period_x0 = MAX (gx0, period_x);
    double period_x1 = MIN (gx1, origin + n_months * col_w);
    double cy = y + v.span_h / 2;

    for (guint k = 0; lead_x1 > lead_x0 && k < G_N_ELEMENTS (lead); k++)
      if (text_width (b, lead[k], &b->small) <= lead_x1 - lead_x0 - 2 * inset)
        {
          add_text (b, FP_TIMELINE_TEXT_SPAN, -1, -1, lead[k], &b->small, FP_COLOR_ROLE_DIM,
                    FP_TEXT_ALIGN_CENTER, (lead_x0 + lead_x1) / 2, cy, PRIORITY_SPAN);
          break;
        }
    for (guint k = 0; period_x1 > period_x0 && k < G_N_ELEMENTS (period); k++)
      if (text_width (b, period[k], &b->small) <= period_x1 - period_x0 - 2 * inset)
        {
          add_text (b, FP_TIMELINE_TEXT_SPAN, -1, -1, period[k], &b->small, FP_COLOR_ROLE_ACCENT,
                    FP_TEXT_ALIGN_CENTER, (period_x0 + period_x1) / 2, cy, PRIORITY_SPAN);
          break;
        }
    y += v.span_h;
  }

  /* Month names: full, one letter, or every k-th */
  {
    double full_w = 0;
    double letter_w = 0;
    gboolean skip_next_name = FALSE;
    static const guint every[] = { 2, 3, 4, 6, 12 };

    /* Twelve months in a row name every month there is: a plan whose
     * lead time runs to years has thousands of columns, not more names. */
    for (guint m = 0; m < MIN (n_months, 12); m++)
      {
        const FpTimelineMonthLayout *ml = &g_array_index (self->months, FpTimelineMonthLayout, m);
        g_autofree char *name = month_name (ml->year, ml->month_of_year, FALSE);
        g_autofree char *letter = narrow_name (name);

        full_w = MAX (full_w, text_width (b, name, &b->small));
        letter_w = MAX (letter_w, text_width (b, letter, &b->small));
      }
    if (full_w + 2 * inset <= col_w)
      month_form = 0;
    else if (letter_w + inset <= col_w)
      month_form = 1;
    else
      {
        month_form = 2;
        month_every = 0;
        for (guint k = 0; k < G_N_ELEMENTS (every); k++)
          if (every[k] * col_w >= full_w + 2 * inset)
            {
              month_every = every[k];
              break;
            }
      }

    for (guint m = first_shown; m < shown_end; m++)
      {
        const FpTimelineMonthLayout *ml = &g_array_index (self->months, FpTimelineMonthLayout, m);
        /* The first month in view says its year as the first month does,
         * so that a scrolled grid still says which year it shows. */
        gboolean starts_year = m == first_shown || ml->month_of_year == 1;
        gboolean named = month_form < 2 ||
                         (month_every > 0 && (ml->month_of_year - 1) % month_every == 0);
        g_autofree char *name = named ? month_name (ml->year, ml->month_of_year, FALSE) : NULL;
        g_autofree char *label = NULL;
        double cx = ml->column.x + ml->column.width / 2;
        double cy = y + b->small.height / 2;
        double year_x = MAX (ml->column.x, gx0) + inset;
        FpTextAlign align = FP_TEXT_ALIGN_CENTER;

        if (month_form == 0)
          label = g_strdup (name);
        else if (month_form == 1)
          label = narrow_name (name);
        else if (month_every > 0 && (ml->month_of_year - 1) % month_every == 0)
          {
            label = g_strdup (name);
            cx = ml->column.x + inset;
            align = FP_TEXT_ALIGN_START;
          }
        /* The January before took this one's place with its year */
        if (skip_next_name)
          g_clear_pointer (&label, g_free);
        skip_next_name = FALSE;

        /* The first month in view (the grid's first, or a scrolled
         * grid's) has its year only where the next January's leaves room
         * for it: else it covers that January's, which reads as the year
         * before. */
        if (starts_year && ml->month_of_year != 1)
          {
            guint january = m + 13 - ml->month_of_year;
            g_autofree char *year = year_name (ml->year);

            if (january < n_months &&
                year_x + text_width (b, year, &b->small) + 2 * inset
                  > g_array_index (self->months, FpTimelineMonthLayout, january).column.x)
              starts_year = FALSE;
          }

        /* Without a year line, the year goes beside the month where there
         * is room for it. A January's year comes before the next month's
         * name ("Jan 2027" ran into "Feb"); the first month in view's gives
         * way to the next month's ("Dec 2026" covered the January, and
         * "Feb" read as February 2026). */
        if (label != NULL && starts_year && !v.year_line && month_form == 0)
          {
            g_autofree char *with_year = month_name (ml->year, ml->month_of_year, TRUE);
            double with_year_end = year_x + text_width (b, with_year, &b->small) + inset;
            gboolean covers_next = FALSE;

            if (m + 1 < shown_end)
              {
                const FpTimelineMonthLayout *next = &g_array_index (self->months, FpTimelineMonthLayout, m + 1);
                g_autofree char *next_name = month_name (next->year, next->month_of_year, FALSE);
                double next_start = next->column.x + next->column.width / 2
                                    - text_width (b, next_name, &b->small) / 2;

                /* A January's name may start its column, with its year */
                if (next->month_of_year == 1)
                  next_start = MIN (next_start, next->column.x + inset);
                covers_next = with_year_end > next_start;
              }
            if (with_year_end - year_x + inset <= 3 * col_w &&
                (ml->month_of_year == 1 || !covers_next))
              {
                g_free (label);
                label = g_steal_pointer (&with_year);
                cx = year_x;
                align = FP_TEXT_ALIGN_START;
                skip_next_name = covers_next;
              }
          }
        if (label != NULL)
          add_text (b, FP_TIMELINE_TEXT_MONTH, -1, m, label, &b->small,
                    ml->in_period ? FP_COLOR_ROLE_FOREGROUND : FP_COLOR_ROLE_DIM,
                    align, cx, cy, PRIORITY_MONTH);
        /* Clear of the month's ink: a line's height below, the ink of the
         * two touched, and the safety net dropped every year. */
        if (v.year_line && starts_year)
          {
            g_autofree char *year = year_name (ml->year);

            add_text (b, FP_TIMELINE_TEXT_YEAR, -1, m, year, &b->small, FP_COLOR_ROLE_DIM,
                      FP_TEXT_ALIGN_START, year_x,
                      cy + b->small.height + round (0.15 * b->small.px), PRIORITY_YEAR);
          }
      }
    y += v.month_h;
  }

  /* Cells, their counts and the row names */
  for (guint i = 0; i < n; i++)
    {
      FpTimelineStageLayout *st = &g_array_index (self->stages, FpTimelineStageLayout, i);
      double row_y = y + i * v.row_h;
      double cy = row_y + v.row_h / 2;

      st->grid_row = (FpRect) { b->pad, row_y, cw, v.row_h };
      if (_fp_row_is_named (i, n, v.name_stride))
        place_name (b, i, name_w, cy, v.row_h);

      for (guint m = 0; m < n_months; m++)
        {
          const FpTimelineMonthLayout *ml = &g_array_index (self->months, FpTimelineMonthLayout, m);
          FpTimelineCell cell;

          cell.rect = (FpRect) { ml->column.x, row_y, ml->column.width, v.row_h };
          cell.month = m;
          cell.stage = i;
          cell.volume = fp_projection_get_volume (p, m, i);
          cell.level = max_volume[i] > 0 ? CLAMP (cell.volume / max_volume[i], 0, 1) : 0;
          g_array_append_val (self->cells, cell);

          if (count_form < 2 && cell.volume > 0 && m >= first_shown && m < shown_end)
            {
              g_autofree char *text = count_form == 0 ? _fp_format_count (cell.volume)
                                                      : _fp_format_count_compact (cell.volume);

              add_text (b, FP_TIMELINE_TEXT_VOLUME, i, m, text, &b->count,
                        FP_COLOR_ROLE_FOREGROUND, FP_TEXT_ALIGN_CENTER,
                        cell.rect.x + cell.rect.width / 2, cy, PRIORITY_VOLUME);
            }
        }
    }
  g_free (max_volume);
}

/* Public API */

/* The unit of size, the margins and the heading fonts of a canvas @width
 * x @height */
static void
builder_set_size (Builder *b,
                  double   width,
                  double   height)
{
  /* The same unit as the funnel: 1 at 1280x720. */
  _fp_chart_size (width, height, &b->s, &b->pad);
  b->sv = MAX (b->s, CLAMP (height / 720.0, 0.5, 3.0));
  b->gap = round (MAX (8, 16 * b->s));
  /* The funnel's title font, so that both charts head alike */
  font_init (b, &b->title, text_px (b, MAX (15, 26 * b->s)), PANGO_WEIGHT_BOLD);
  font_init (b, &b->heading, text_px (b, MAX (12, 15 * b->s)), PANGO_WEIGHT_BOLD);
}

static void
builder_clear_fonts (Builder *b)
{
  _fp_font_clear (&b->title);
  _fp_font_clear (&b->heading);
  _fp_font_clear (&b->name);
  _fp_font_clear (&b->value);
  _fp_font_clear (&b->count);
  _fp_font_clear (&b->small);
}

static FpTimelineLayout *
layout_new (FpPlan             *plan,
            const FpProjection *projection,
            PangoContext       *pango,
            const FpTheme      *theme,
            double              width,
            double              height,
            double              axis_days,
            gboolean            grid_scrolls,
            double              grid_scroll)
{
  FpTimelineLayout *self;
  Builder b = { 0 };

  g_return_val_if_fail (FP_IS_PLAN (plan), NULL);
  g_return_val_if_fail (projection != NULL, NULL);
  g_return_val_if_fail (projection->n_stages == fp_plan_get_n_stages (plan), NULL);
  g_return_val_if_fail (PANGO_IS_CONTEXT (pango), NULL);
  g_return_val_if_fail (theme != NULL, NULL);

  self = g_new0 (FpTimelineLayout, 1);
  self->width = MAX (0, width);
  self->height = MAX (0, height);
  self->stages = g_array_new (FALSE, TRUE, sizeof (FpTimelineStageLayout));
  self->months = g_array_new (FALSE, TRUE, sizeof (FpTimelineMonthLayout));
  /* One cell a stage and month: sized at once, since a lead time of years
   * makes hundreds of thousands, which growing the array would copy over
   * and over. */
  self->cells = g_array_sized_new (FALSE, TRUE, sizeof (FpTimelineCell),
                                   projection->n_stages * projection->n_months);
  self->ticks = g_array_new (FALSE, TRUE, sizeof (FpTimelineTick));
  self->texts = g_array_new (FALSE, TRUE, sizeof (FpTimelineText));
  g_array_set_clear_func (self->texts, (GDestroyNotify) text_clear);

  b.self = self;
  b.plan = plan;
  b.p = projection;
  b.theme = theme;
  b.pango = pango;
  b.grid_scrolls = grid_scrolls;
  b.grid_scroll = grid_scroll;
  b.entries = g_array_new (FALSE, TRUE, sizeof (Entry));
  g_array_set_clear_func (b.entries, entry_clear);
  builder_set_size (&b, self->width, self->height);
  self->scale = b.s;

  layout_all (&b, axis_days);
  resolve_collisions (&b);

  builder_clear_fonts (&b);
  g_array_unref (b.entries);

  return self;
}

FpTimelineLayout *
fp_timeline_layout_new (FpPlan             *plan,
                        const FpProjection *projection,
                        PangoContext       *pango,
                        const FpTheme      *theme,
                        double              width,
                        double              height,
                        double              axis_days)
{
  return layout_new (plan, projection, pango, theme, width, height, axis_days, FALSE, 0);
}

FpTimelineLayout *
fp_timeline_layout_new_scrolled (FpPlan             *plan,
                                 const FpProjection *projection,
                                 PangoContext       *pango,
                                 const FpTheme      *theme,
                                 double              width,
                                 double              height,
                                 double              axis_days,
                                 double              grid_scroll)
{
  return layout_new (plan, projection, pango, theme, width, height, axis_days, TRUE, grid_scroll);
}

/* A chart whose full height is sought, and the width it gets */
typedef struct
{
  FpPlan *plan;
  PangoContext *pango;
  const FpTheme *theme;
  double width;
} FullHeight;

/* The height a canvas of f->width x @height needs for a line of text in
 * every row at the unit of size it gets, as fp_timeline_layout_new() sets
 * it up */
static double
height_needed (double   height,
               gpointer data)
{
  const FullHeight *f = data;
  Builder b = { 0 };
  Vertical v = { 0 };
  double needed;

  b.plan = f->plan;
  b.theme = f->theme;
  b.pango = f->pango;
  builder_set_size (&b, f->width, height);
  set_row_fonts (&b, 1.0);
  v.title = v.year_line = v.headings = TRUE;
  /* Both parts have a row a stage, each tall enough for a line of text
   * in whole pixels, as plan_vertical() gives them: a fraction short, 64
   * stages lost the title, the headings and the years */
  needed = ceil (2 * b.pad + fixed_height (&b, &v)
                 + 2 * fp_plan_get_n_stages (f->plan) * ceil (MAX (b.name.height, b.value.height) + 4));
  builder_clear_fonts (&b);
  return needed;
}

double
fp_timeline_layout_get_full_height (FpPlan        *plan,
                                    PangoContext  *pango,
                                    const FpTheme *theme,
                                    double         width)
{
  FullHeight f = { plan, pango, theme, MAX (0, width) };

  g_return_val_if_fail (FP_IS_PLAN (plan), 0);
  g_return_val_if_fail (PANGO_IS_CONTEXT (pango), 0);
  g_return_val_if_fail (theme != NULL, 0);

  /* As the funnel's: as tall as need be is enough, and the shortest that
   * still holds the rows is the answer. */
  return _fp_shortest_height (height_needed, &f, height_needed (G_MAXINT, &f));
}

void
fp_timeline_layout_free (FpTimelineLayout *self)
{
  if (self == NULL)
    return;
  g_array_unref (self->stages);
  g_array_unref (self->months);
  g_array_unref (self->cells);
  g_array_unref (self->ticks);
  g_array_unref (self->texts);
  g_free (self);
}

void
fp_timeline_layout_get_size (const FpTimelineLayout *self,
                             double                 *width,
                             double                 *height)
{
  g_return_if_fail (self != NULL);

  if (width != NULL)
    *width = self->width;
  if (height != NULL)
    *height = self->height;
}

double
fp_timeline_layout_get_scale (const FpTimelineLayout *self)
{
  g_return_val_if_fail (self != NULL, 1.0);

  return self->scale;
}

double
fp_timeline_layout_get_axis_days (const FpTimelineLayout *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return self->axis_days;
}

void
fp_timeline_layout_get_axis (const FpTimelineLayout *self,
                             double                 *x0,
                             double                 *x1)
{
  g_return_if_fail (self != NULL);

  if (x0 != NULL)
    *x0 = self->ax0;
  if (x1 != NULL)
    *x1 = self->ax1;
}

guint
fp_timeline_layout_get_n_stages (const FpTimelineLayout *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return self->stages->len;
}

const FpTimelineStageLayout *
fp_timeline_layout_get_stage (const FpTimelineLayout *self,
                              guint                   stage)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (stage < self->stages->len, NULL);

  return &g_array_index (self->stages, FpTimelineStageLayout, stage);
}

guint
fp_timeline_layout_get_n_months (const FpTimelineLayout *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return self->months->len;
}

const FpTimelineMonthLayout *
fp_timeline_layout_get_month (const FpTimelineLayout *self,
                              guint                   month)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (month < self->months->len, NULL);

  return &g_array_index (self->months, FpTimelineMonthLayout, month);
}

const FpTimelineCell *
fp_timeline_layout_get_cells (const FpTimelineLayout *self,
                              guint                  *n_cells)
{
  g_return_val_if_fail (self != NULL, NULL);

  if (n_cells != NULL)
    *n_cells = self->cells->len;
  return (const FpTimelineCell *) (gpointer) self->cells->data;
}

const FpTimelineTick *
fp_timeline_layout_get_ticks (const FpTimelineLayout *self,
                              guint                  *n_ticks)
{
  g_return_val_if_fail (self != NULL, NULL);

  if (n_ticks != NULL)
    *n_ticks = self->ticks->len;
  return (const FpTimelineTick *) (gpointer) self->ticks->data;
}

const FpTimelineText *
fp_timeline_layout_get_texts (const FpTimelineLayout *self,
                              guint                  *n_texts)
{
  g_return_val_if_fail (self != NULL, NULL);

  if (n_texts != NULL)
    *n_texts = self->texts->len;
  return (const FpTimelineText *) (gpointer) self->texts->data;
}

gboolean
fp_timeline_layout_get_legend (const FpTimelineLayout *self,
                               FpRect                 *swatch)
{
  g_return_val_if_fail (self != NULL, FALSE);

  if (self->has_legend && swatch != NULL)
    *swatch = self->legend_swatch;
  return self->has_legend;
}

void
fp_timeline_layout_get_areas (const FpTimelineLayout *self,
                              FpRect                 *bars,
                              FpRect                 *grid,
                              FpRect                 *period)
{
  g_return_if_fail (self != NULL);

  if (bars != NULL)
    *bars = self->bars_area;
  if (grid != NULL)
    *grid = self->grid_area;
  if (period != NULL)
    *period = self->period_area;
}

void
fp_timeline_layout_get_guides (const FpTimelineLayout *self,
                               FpRect                 *axis_labels,
                               FpRect                 *months_header,
                               FpRect                 *months_bar)
{
  g_return_if_fail (self != NULL);

  if (axis_labels != NULL)
    *axis_labels = self->axis_labels;
  if (months_header != NULL)
    *months_header = self->months_header;
  if (months_bar != NULL)
    *months_bar = self->months_bar;
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
fp_timeline_layout_hit_test (const FpTimelineLayout *self,
                             double                  x,
                             double                  y)
{
  FpHit hit = FP_HIT_INIT_NONE;

  g_return_val_if_fail (self != NULL, hit);

  if (self->grid_scroll_max > 0 && rect_contains (&self->scroll_bar_hit, x, y))
    return (FpHit) { FP_HIT_SCROLL_BAR, -1 };
  for (guint i = 0; i < self->stages->len; i++)
    {
      const FpTimelineStageLayout *st = &g_array_index (self->stages, FpTimelineStageLayout, i);

      if (st->has_handle && rect_contains (&st->handle, x, y))
        return (FpHit) { FP_HIT_DURATION_HANDLE, (int) i };
    }
  for (guint i = 0; i < self->stages->len; i++)
    {
      const FpTimelineStageLayout *st = &g_array_index (self->stages, FpTimelineStageLayout, i);

      if (rect_contains (&st->bar, x, y) || rect_contains (&st->marker, x, y)
          || (st->has_warning && rect_contains (&st->warning_marker, x, y)))
        return (FpHit) { FP_HIT_BAND, (int) i };
    }
  return hit;
}

gboolean
fp_timeline_layout_get_grid_scroll (const FpTimelineLayout *self,
                                    FpRect                 *view,
                                    double                 *scroll,
                                    double                 *max_scroll)
{
  g_return_val_if_fail (self != NULL, FALSE);

  if (view != NULL)
    *view = self->grid_view;
  if (scroll != NULL)
    *scroll = self->grid_scroll;
  if (max_scroll != NULL)
    *max_scroll = self->grid_scroll_max;
  return self->grid_scroll_max > 0;
}

gboolean
fp_timeline_layout_text_shows (const FpTimelineLayout *self,
                               const FpTimelineText   *text)
{
  const FpRect *view;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (text != NULL, FALSE);

  view = &self->grid_view;
  if (self->grid_scroll_max <= 0 ||
      (text->kind != FP_TIMELINE_TEXT_MONTH && text->kind != FP_TIMELINE_TEXT_YEAR &&
       text->kind != FP_TIMELINE_TEXT_VOLUME))
    return TRUE;
  /* Half a pixel of slack for the rounding of the scroll */
  return text->ink.x >= view->x - 0.5 && text->ink.x + text->ink.width <= view->x + view->width + 0.5;
}

gboolean
fp_timeline_layout_get_scroll_bar (const FpTimelineLayout *self,
                                   FpRect                 *track,
                                   FpRect                 *thumb)
{
  g_return_val_if_fail (self != NULL, FALSE);

  if (track != NULL)
    *track = self->scroll_track;
  if (thumb != NULL)
    *thumb = self->scroll_thumb;
  return self->grid_scroll_max > 0;
}

double
fp_timeline_layout_get_period_scroll (const FpTimelineLayout *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return self->period_scroll;
}

double
fp_timeline_layout_get_month_width (const FpTimelineLayout *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return self->month_w;
}

double
fp_timeline_layout_scroll_at_thumb_x (const FpTimelineLayout *self,
                                      double                  thumb_x)
{
  double travel;

  g_return_val_if_fail (self != NULL, 0);

  travel = self->scroll_track.width - self->scroll_thumb.width;
  if (self->grid_scroll_max <= 0 || travel <= 0)
    return 0;
  return CLAMP ((thumb_x - self->scroll_track.x) * self->grid_scroll_max / travel,
                0, self->grid_scroll_max);
}

gboolean
fp_timeline_layout_cell_at (const FpTimelineLayout *self,
                            double                  x,
                            double                  y,
                            guint                  *month,
                            guint                  *stage)
{
  g_return_val_if_fail (self != NULL, FALSE);

  /* A scrolled grid's cells go on past its window, unseen */
  if (!rect_contains (&self->grid_area, x, y))
    return FALSE;
  for (guint k = 0; k < self->cells->len; k++)
    {
      const FpTimelineCell *cell = &g_array_index (self->cells, FpTimelineCell, k);

      if (rect_contains (&cell->rect, x, y))
        {
          if (month != NULL)
            *month = cell->month;
          if (stage != NULL)
            *stage = cell->stage;
          return TRUE;
        }
    }
  return FALSE;
}

double
fp_timeline_layout_days_at_x (const FpTimelineLayout *self,
                              double                  x)
{
  g_return_val_if_fail (self != NULL, 0);

  if (!(self->ax1 > self->ax0))
    return 0;
  return (self->ax1 - x) / (self->ax1 - self->ax0) * self->axis_days;
}

double
fp_timeline_layout_x_at_days (const FpTimelineLayout *self,
                              double                  days)
{
  g_return_val_if_fail (self != NULL, 0);

  if (!(self->axis_days > 0))
    return self->ax1;
  return self->ax1 - days / self->axis_days * (self->ax1 - self->ax0);
}

double
fp_timeline_layout_duration_at_x (const FpTimelineLayout *self,
                                  guint                   stage,
                                  double                  x)
{
  g_return_val_if_fail (self != NULL, 0);

  return fp_timeline_layout_duration_at_days (self, stage, fp_timeline_layout_days_at_x (self, x));
}

double
fp_timeline_layout_duration_at_days (const FpTimelineLayout *self,
                                     guint                   stage,
                                     double                  days)
{
  const FpTimelineStageLayout *st;
  double duration;

  g_return_val_if_fail (self != NULL, 0);
  g_return_val_if_fail (stage < self->stages->len, 0);

  st = &g_array_index (self->stages, FpTimelineStageLayout, stage);
  duration = round (MIN (days, fp_timeline_layout_get_drag_limit (self, stage)) - st->leave_days);
  return CLAMP (duration, 0, FP_TIMELINE_MAX_DURATION);
}

double
fp_timeline_layout_get_drag_limit (const FpTimelineLayout *self,
                                   guint                   stage)
{
  const FpTimelineStageLayout *st;
  const FpTimelineStageLayout *first;

  g_return_val_if_fail (self != NULL, 0);
  g_return_val_if_fail (stage < self->stages->len, 0);

  st = &g_array_index (self->stages, FpTimelineStageLayout, stage);
  first = &g_array_index (self->stages, FpTimelineStageLayout, 0);
  /* The stages before @stage move left with its enter end: the drag stops
   * where the first of them reaches the axis's start, so that none is
   * squashed against it (the view then widens the axis). */
  return self->axis_days - (first->enter_days - st->enter_days);
}

double
fp_timeline_layout_get_wider_axis_days (const FpTimelineLayout *self,
                                        guint                   stage)
{
  const FpTimelineStageLayout *st;

  g_return_val_if_fail (self != NULL, 0);
  g_return_val_if_fail (stage < self->stages->len, 0);

  st = &g_array_index (self->stages, FpTimelineStageLayout, stage);
  if (fp_timeline_layout_get_drag_limit (self, stage) - st->leave_days >= FP_TIMELINE_MAX_DURATION)
    return 0;
  return auto_axis_days (self->axis_days);
}
