/* fp-timeline-layout.h: where everything of the timeline chart goes
 *
 * The timeline has two parts. Above, one row per stage with a bar on a day
 * axis that ends at the close: stage i's bar spans from the day a unit enters
 * it to the day it leaves, [-offset(i), -offset(i+1)], and the last stage is
 * a marker at the close. The bar's enter end is the handle that sets the
 * stage's duration. Below, the volume each stage needs in each calendar
 * month, with the plan period highlighted and the lead time before it.
 *
 * Like FpFunnelLayout, all geometry and text placement comes from this one
 * function: the renderer draws it and the view hit-tests it and maps drags
 * back to days through it. A view that passes the axis of the layout it had
 * when a drag began (fp_timeline_layout_get_axis_days) keeps the day axis
 * still under the pointer for the whole drag.
 */
#pragma once

#include <pango/pango.h>

#include "fp-funnel-layout.h"
#include "fp-plan.h"
#include "fp-projection.h"
#include "fp-theme.h"

G_BEGIN_DECLS

typedef enum
{
  FP_TIMELINE_TEXT_TITLE,       /* the plan's title */
  FP_TIMELINE_TEXT_PERIOD,      /* "Jul–Sep 2027", at the end of the title's line */
  FP_TIMELINE_TEXT_HEADING,
  FP_TIMELINE_TEXT_HEADING_VALUE,
  FP_TIMELINE_TEXT_LEGEND,      /* "Benchmark range", by its swatch */
  FP_TIMELINE_TEXT_STAGE_NAME,
  FP_TIMELINE_TEXT_DURATION,    /* "14 days" by a bar */
  FP_TIMELINE_TEXT_AXIS,        /* "60 d", "Close" */
  FP_TIMELINE_TEXT_SPAN,        /* "Lead time", "Plan period" over the months */
  FP_TIMELINE_TEXT_MONTH,
  FP_TIMELINE_TEXT_YEAR,
  FP_TIMELINE_TEXT_VOLUME,      /* a month cell */
} FpTimelineTextKind;

typedef struct
{
  char *text;
  FpTimelineTextKind kind;
  int stage;            /* -1 when none */
  int month;            /* timeline month, -1 when none */
  FpColorRole color;
  FpTextAlign align;    /* how it sits on the x it was placed at */
  FpRect logical;       /* in canvas coordinates */
  FpRect ink;
  PangoLayout *layout;  /* drawn with its logical box at logical */
} FpTimelineText;

typedef struct
{
  FpRect row;           /* the stage's row in the bar chart */
  FpRect bar;           /* enter to leave; at least 2 px wide */
  double enter_days;    /* offset(i): days before the close a unit enters */
  double leave_days;    /* offset(i+1); 0 for the last stage */
  double duration;      /* days in the stage; 0 for the last */

  /* Every stage but the last has a duration handle at its enter end. */
  gboolean has_handle;
  double handle_x;
  FpRect handle;        /* the area that grabs it */
  FpRect grip;          /* the drawn grip */

  /* Where the enter end would sit for a duration inside the benchmark. */
  gboolean has_benchmark;
  double benchmark_x0;
  double benchmark_x1;

  gboolean has_warning; /* about the duration */
  FpSeverity severity;
  /* Its marker, as the funnel's beside a band, in a gutter between the
   * names and the bars; empty without a warning. The gutter is there when
   * some stage has a duration benchmark, warned or not, so that the axis
   * does not move as a drag crosses a benchmark. */
  FpRect warning_marker;

  gboolean is_close;    /* the last stage: a marker at the close */
  FpRect marker;

  FpRect grid_row;      /* the stage's row in the monthly grid */
} FpTimelineStageLayout;

typedef struct
{
  FpRect column;        /* header and cells */
  int year;
  int month_of_year;    /* 1-12 */
  gboolean in_period;
} FpTimelineMonthLayout;

typedef struct
{
  FpRect rect;
  guint month;
  guint stage;
  double volume;        /* unrounded */
  double level;         /* 0-1: the volume against the stage's busiest month */
} FpTimelineCell;

typedef struct
{
  double x;
  double days;          /* before the close */
} FpTimelineTick;

typedef struct _FpTimelineLayout FpTimelineLayout;

/* @axis_days: the day axis to use, in days before the close; 0 or less picks
 * one from the plan with room to grow. */
FpTimelineLayout            *fp_timeline_layout_new            (FpPlan                 *plan,
                                                                const FpProjection     *projection,
                                                                PangoContext           *pango,
                                                                const FpTheme          *theme,
                                                                double                  width,
                                                                double                  height,
                                                                double                  axis_days);
/* A view's layout: where the months are too narrow for their counts, the
 * grid keeps columns wide enough for them and shows those from
 * @grid_scroll px in (clamped to what there is), while the names and the
 * bars stay; FP_TIMELINE_SCROLL_TO_PERIOD shows the plan period as
 * fp_timeline_layout_get_period_scroll() says. fp_timeline_layout_new()
 * fits every month in the width, as an export does. */
#define FP_TIMELINE_SCROLL_TO_PERIOD (-1.0)
FpTimelineLayout            *fp_timeline_layout_new_scrolled   (FpPlan                 *plan,
                                                                const FpProjection     *projection,
                                                                PangoContext           *pango,
                                                                const FpTheme          *theme,
                                                                double                  width,
                                                                double                  height,
                                                                double                  axis_days,
                                                                double                  grid_scroll);
/* The height at which a layout @width wide gives every row a line of text
 * at the fonts' full size, with its title, headings and year line: a view
 * is no shorter, and scrolls. */
double                       fp_timeline_layout_get_full_height (FpPlan                *plan,
                                                                 PangoContext          *pango,
                                                                 const FpTheme         *theme,
                                                                 double                 width);
void                         fp_timeline_layout_free           (FpTimelineLayout       *self);

void                         fp_timeline_layout_get_size       (const FpTimelineLayout *self,
                                                                double                 *width,
                                                                double                 *height);
double                       fp_timeline_layout_get_scale      (const FpTimelineLayout *self);
double                       fp_timeline_layout_get_axis_days  (const FpTimelineLayout *self);
/* The axis: @x0 is axis_days before the close, @x1 the close. */
void                         fp_timeline_layout_get_axis       (const FpTimelineLayout *self,
                                                                double                 *x0,
                                                                double                 *x1);
guint                        fp_timeline_layout_get_n_stages   (const FpTimelineLayout *self);
const FpTimelineStageLayout *fp_timeline_layout_get_stage      (const FpTimelineLayout *self,
                                                                guint                   stage);
guint                        fp_timeline_layout_get_n_months   (const FpTimelineLayout *self);
const FpTimelineMonthLayout *fp_timeline_layout_get_month      (const FpTimelineLayout *self,
                                                                guint                   month);
const FpTimelineCell        *fp_timeline_layout_get_cells      (const FpTimelineLayout *self,
                                                                guint                  *n_cells);
const FpTimelineTick        *fp_timeline_layout_get_ticks      (const FpTimelineLayout *self,
                                                                guint                  *n_ticks);
const FpTimelineText        *fp_timeline_layout_get_texts      (const FpTimelineLayout *self,
                                                                guint                  *n_texts);
/* Whether @text is drawn. Scrolled, the grid shows a month's letter, a
 * year or a count only when it is whole in the grid's window: cut at the
 * window's edge, 106 read as "6" and 2027 as "027". The spans' words
 * ("Plan period") are drawn clipped to the window. */
gboolean                     fp_timeline_layout_text_shows     (const FpTimelineLayout *self,
                                                                const FpTimelineText   *text);
/* The swatch of the benchmark bands' legend, in the heading's line; FALSE
 * when there is none (no stage has a benchmark, or no room). */
gboolean                     fp_timeline_layout_get_legend     (const FpTimelineLayout *self,
                                                                FpRect                 *swatch);
/* The whole area of the bars, the close line and the period band, for the
 * renderer; empty when a part is not drawn. */
void                         fp_timeline_layout_get_areas      (const FpTimelineLayout *self,
                                                                FpRect                 *bars,
                                                                FpRect                 *grid,
                                                                FpRect                 *period);
/* What says where a row's marks are: the axis's labels under the bars
 * (@axis_labels), the spans and month names over the cells
 * (@months_header), and a scrolled grid's bar under them (@months_bar),
 * each the chart's full width; empty where the chart has none. A view
 * taller than its window keeps them in sight. */
void                         fp_timeline_layout_get_guides     (const FpTimelineLayout *self,
                                                                FpRect                 *axis_labels,
                                                                FpRect                 *months_header,
                                                                FpRect                 *months_bar);

/* The months' window (the spans, month names and cells are clipped to
 * it), how far the columns are scrolled in it and how far they go; TRUE
 * when they scroll. */
gboolean                     fp_timeline_layout_get_grid_scroll (const FpTimelineLayout *self,
                                                                 FpRect                 *view,
                                                                 double                 *scroll,
                                                                 double                 *max_scroll);
/* The scroll that brings the plan period into the grid's window: all of
 * it, with as much of the lead time before it as fits; a period wider
 * than the window from its first month, at the window's middle at most,
 * with lead time before it. 0 when the grid does not scroll. */
double                       fp_timeline_layout_get_period_scroll (const FpTimelineLayout *self);
/* The width of a month's column, unrounded: the step of a month's scroll */
double                       fp_timeline_layout_get_month_width (const FpTimelineLayout *self);
/* A scrolled grid's bar and its thumb; FALSE when the grid does not scroll */
gboolean                     fp_timeline_layout_get_scroll_bar  (const FpTimelineLayout *self,
                                                                 FpRect                 *track,
                                                                 FpRect                 *thumb);
/* The scroll that puts the thumb's start at @thumb_x, clamped to the
 * months; 0 when they do not scroll. */
double                       fp_timeline_layout_scroll_at_thumb_x (const FpTimelineLayout *self,
                                                                   double                  thumb_x);

/* FP_HIT_SCROLL_BAR (a scrolled grid's bar, with room around it),
 * FP_HIT_DURATION_HANDLE, FP_HIT_BAND (a bar) or FP_HIT_NONE. */
FpHit                        fp_timeline_layout_hit_test       (const FpTimelineLayout *self,
                                                                double                  x,
                                                                double                  y);
/* The month cell under (@x, @y), in the grid's window; FALSE when none. */
gboolean                     fp_timeline_layout_cell_at        (const FpTimelineLayout *self,
                                                                double                  x,
                                                                double                  y,
                                                                guint                  *month,
                                                                guint                  *stage);

/* Days before the close at @x, unclamped, so that a drag past the axis's
 * start keeps going. */
double                       fp_timeline_layout_days_at_x      (const FpTimelineLayout *self,
                                                                double                  x);
double                       fp_timeline_layout_x_at_days      (const FpTimelineLayout *self,
                                                                double                  days);
/* The duration a drag of @stage's handle to @x means: whole days in
 * [0, FP_TIMELINE_MAX_DURATION], no longer than keeps the first stage's
 * bar on the axis. */
double                       fp_timeline_layout_duration_at_x  (const FpTimelineLayout *self,
                                                                guint                   stage,
                                                                double                  x);
/* The same for @stage's handle at @days before the close */
double                       fp_timeline_layout_duration_at_days (const FpTimelineLayout *self,
                                                                  guint                   stage,
                                                                  double                  days);
/* Where a drag of @stage's handle stops, in days before the close: there
 * the first stage's bar starts at the axis's start. */
double                       fp_timeline_layout_get_drag_limit (const FpTimelineLayout *self,
                                                                guint                   stage);
/* For a drag that ran into that limit: a longer axis that gives @stage's
 * handle room to go on, or 0 when at the limit it has its longest duration
 * already. */
double                       fp_timeline_layout_get_wider_axis_days (const FpTimelineLayout *self,
                                                                     guint                   stage);

#define FP_TIMELINE_MAX_DURATION 3650.0

G_DEFINE_AUTOPTR_CLEANUP_FUNC (FpTimelineLayout, fp_timeline_layout_free)

G_END_DECLS
