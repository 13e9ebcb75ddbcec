/* fp-funnel-layout.h: where everything of the funnel chart goes
 *
 * All geometry and all text placement of the funnel, computed once from the
 * plan, its projection and the canvas size. The renderer draws it, the view
 * hit-tests it and maps drags back to values through it, and SVG export emits
 * its text items, so drawing and input can never disagree. A view keeps one
 * layout frozen for the length of a drag, and lays out the live chart with
 * its tracks pinned to that one.
 */
#pragma once

#include <pango/pango.h>

#include "fp-format.h"
#include "fp-plan.h"
#include "fp-projection.h"
#include "fp-theme.h"

G_BEGIN_DECLS

typedef struct
{
  double x;
  double y;
  double width;
  double height;
} FpRect;

typedef enum
{
  FP_HIT_NONE,
  FP_HIT_BAND,
  FP_HIT_CONVERSION_HANDLE,
  FP_HIT_DURATION_HANDLE,
  FP_HIT_SCROLL_BAR,    /* the bar of the timeline's scrolled month grid */
} FpHitKind;

typedef struct
{
  FpHitKind kind;
  int stage;            /* -1 with FP_HIT_NONE */
} FpHit;

#define FP_HIT_INIT_NONE ((FpHit) { FP_HIT_NONE, -1 })

typedef enum
{
  FP_TEXT_ALIGN_START,  /* x is the left edge */
  FP_TEXT_ALIGN_CENTER, /* x is the centre */
  FP_TEXT_ALIGN_END,    /* x is the right edge */
} FpTextAlign;

/* What a text item says, so tests and views can find one. */
typedef enum
{
  FP_TEXT_TITLE,
  FP_TEXT_SUMMARY_LABEL,
  FP_TEXT_SUMMARY_VALUE,
  FP_TEXT_COLUMN_HEADER,
  FP_TEXT_STAGE_NAME,
  FP_TEXT_VOLUME,
  FP_TEXT_BADGE,
  FP_TEXT_CONVERSION,
  FP_TEXT_CONVERSION_RANGE,
  FP_TEXT_DURATION,
} FpTextKind;

typedef struct
{
  char *text;
  FpTextKind kind;
  int stage;            /* -1 for the header */
  double x;             /* see align */
  double y;             /* the baseline */
  FpTextAlign align;
  char *font;           /* a Pango font description, e.g. "Cantarell Bold 15px" */
  char *family;         /* the same, in parts, for SVG */
  double size_px;
  int weight;           /* PangoWeight, 400 or 700 */
  FpColorRole color;
  FpRect logical;       /* in canvas coordinates */
  FpRect ink;
  PangoLayout *layout;  /* the shaped text, drawn with its top left at logical */
} FpTextItem;

typedef struct
{
  FpRect row;                 /* the stage's horizontal slice of the chart */
  FpRect band;
  double volume;              /* required, unrounded */

  /* The loudest warning on the stage, if any, and its marker beside the band */
  gboolean has_warning;
  FpSeverity severity;
  FpSeverity conversion_severity; /* of warnings about the conversion */
  gboolean has_conversion_warning;
  FpSeverity duration_severity;
  gboolean has_duration_warning;
  FpRect marker;

  gboolean is_handoff;
  gboolean is_pipeline;
  FpRect handoff_badge;       /* empty when not drawn */
  FpRect pipeline_badge;

  /* Every stage but the last has a conversion and a duration, each a handle
   * on a horizontal track. */
  gboolean has_tracks;
  double conversion;
  double conversion_min;      /* the track maps [min, max] to [x0, x1] */
  double conversion_max;
  double conversion_x0;
  double conversion_x1;
  double conversion_y;
  gboolean has_benchmark_conversion;
  double benchmark_conversion_min;
  double benchmark_conversion_max;
  FpRect conversion_handle;   /* the area that grabs it; the knob is centred */

  double duration;
  double duration_max;        /* the track maps [0, max] days to [x0, x1] */
  double duration_x0;
  double duration_x1;
  double duration_y;
  gboolean has_benchmark_duration;
  double benchmark_duration_min;
  double benchmark_duration_max;
  FpRect duration_handle;
} FpFunnelStageLayout;

/* The smallest conversion a drag can set: the plan needs more than 0. */
#define FP_FUNNEL_MIN_CONVERSION 0.001

typedef struct _FpFunnelLayout FpFunnelLayout;

FpFunnelLayout            *fp_funnel_layout_new                  (FpPlan               *plan,
                                                                  const FpProjection   *projection,
                                                                  PangoContext         *pango,
                                                                  const FpTheme        *theme,
                                                                  double                width,
                                                                  double                height);
/* The track a person works on, by a drag or the arrow keys: a steady layout
 * keeps its range while the value and its benchmark fit in it, so that the
 * knob stays where they left it. Without it, a conversion dragged to 40.5%
 * on a 0–50% track moved to a 0–100% one at the release, away from the
 * pointer. */
typedef struct
{
  FpHitKind kind;       /* a handle's kind; FP_HIT_NONE keeps no range */
  int stage;            /* a conversion's; the durations share one range */
  double max;           /* the end of the range: a fraction, or days */
} FpFunnelKeptTrack;

#define FP_FUNNEL_KEPT_TRACK_NONE ((FpFunnelKeptTrack) { FP_HIT_NONE, -1, 0 })

/* As fp_funnel_layout_new(), but the header keeps room for at least
 * @min_summary_lines lines of summary figures (where the canvas has room
 * for them), so that the rows stay where they were when an edit shortens
 * the summary by a line. Pass fp_funnel_layout_get_summary_lines() of the
 * layout it replaces at the same size, or 0. @kept_track (may be NULL)
 * keeps one track's range, as its comment says. */
FpFunnelLayout            *fp_funnel_layout_new_steady           (FpPlan                  *plan,
                                                                  const FpProjection      *projection,
                                                                  PangoContext            *pango,
                                                                  const FpTheme           *theme,
                                                                  double                   width,
                                                                  double                   height,
                                                                  guint                    min_summary_lines,
                                                                  const FpFunnelKeptTrack *kept_track);
/* As fp_funnel_layout_new(), but every track keeps the range and x of
 * @keep_tracks_from (a layout of the same plan at the same size, e.g. the
 * one at the press of a drag), and with them the rows, the columns and the
 * header's lines: the volumes, bands and values come from @projection and
 * the plan, and text that no longer fits its column takes a shorter form or
 * is dropped (in the order the layout states). @keep_tracks_from is ignored
 * when its size or number of stages differs. */
FpFunnelLayout            *fp_funnel_layout_new_pinned           (FpPlan               *plan,
                                                                  const FpProjection   *projection,
                                                                  PangoContext         *pango,
                                                                  const FpTheme        *theme,
                                                                  double                width,
                                                                  double                height,
                                                                  const FpFunnelLayout *keep_tracks_from);
/* The height at which a layout @width wide gives every row its full text:
 * the name on two lines, the badges under it, the values and the track
 * ends, at the fonts' full size, under the whole header. A view is no
 * shorter, and scrolls: a plan of 30 stages squeezed into a window showed
 * 30 names shortened alike ("Stage numbe…"). */
double                     fp_funnel_layout_get_full_height      (FpPlan               *plan,
                                                                  const FpProjection   *projection,
                                                                  PangoContext         *pango,
                                                                  const FpTheme        *theme,
                                                                  double                width);
void                       fp_funnel_layout_free                 (FpFunnelLayout       *self);

void                       fp_funnel_layout_get_size             (const FpFunnelLayout *self,
                                                                  double               *width,
                                                                  double               *height);
/* The lines the header gives the summary figures (0, 1 or 2). */
guint                      fp_funnel_layout_get_summary_lines    (const FpFunnelLayout *self);
/* The unit the chart was scaled by: 1 at 1280x720. */
double                     fp_funnel_layout_get_scale            (const FpFunnelLayout *self);
guint                      fp_funnel_layout_get_n_stages         (const FpFunnelLayout *self);
const FpFunnelStageLayout *fp_funnel_layout_get_stage            (const FpFunnelLayout *self,
                                                                  guint                 stage);
/* The column headers over the rows ("Stage", "Required"...), the chart's
 * full width, and where the last row ends; an empty band where there are
 * none. A view taller than its window keeps the headers in sight. */
void                       fp_funnel_layout_get_column_headers   (const FpFunnelLayout *self,
                                                                  FpRect               *band,
                                                                  double               *rows_end);
/* The radius of a drawn handle knob. */
double                     fp_funnel_layout_get_handle_radius    (const FpFunnelLayout *self);
const FpTextItem          *fp_funnel_layout_get_text_items       (const FpFunnelLayout *self,
                                                                  guint                *n_items);

FpHit                      fp_funnel_layout_hit_test             (const FpFunnelLayout *self,
                                                                  double                x,
                                                                  double                y);

/* Returns FALSE for the last stage, which has no track. */
gboolean                   fp_funnel_layout_get_conversion_track (const FpFunnelLayout *self,
                                                                  guint                 stage,
                                                                  double               *x0,
                                                                  double               *x1,
                                                                  double               *y);
/* The conversion a drag to @x means, clamped into
 * [FP_FUNNEL_MIN_CONVERSION, 1] and the track's range. */
double                     fp_funnel_layout_conversion_at_x      (const FpFunnelLayout *self,
                                                                  guint                 stage,
                                                                  double                x);
/* The range of the track of @handle (a conversion or duration handle), as
 * FpFunnelKeptTrack keeps it */
FpFunnelKeptTrack          fp_funnel_layout_get_track            (const FpFunnelLayout *self,
                                                                  FpHit                 handle);
double                     fp_funnel_layout_x_at_conversion      (const FpFunnelLayout *self,
                                                                  guint                 stage,
                                                                  double                conversion);
gboolean                   fp_funnel_layout_get_duration_track   (const FpFunnelLayout *self,
                                                                  guint                 stage,
                                                                  double               *x0,
                                                                  double               *x1,
                                                                  double               *y);
/* Days, clamped into [0, the track's maximum]. */
double                     fp_funnel_layout_duration_at_x        (const FpFunnelLayout *self,
                                                                  guint                 stage,
                                                                  double                x);
double                     fp_funnel_layout_x_at_duration        (const FpFunnelLayout *self,
                                                                  guint                 stage,
                                                                  double                days);
/* For a drag that runs past the end of its track: the track takes the next
 * wider range, over the same pixels, and the layouts pinned to @self take
 * it too. FALSE when the track already spans the widest (100%, or ten
 * years). The durations share one range, so all their tracks widen. The
 * knobs of @self follow; its range labels do not (a drag draws the pinned
 * layouts, never the one it keeps). */
gboolean                   fp_funnel_layout_widen_conversion_track (FpFunnelLayout *self,
                                                                    guint           stage);
gboolean                   fp_funnel_layout_widen_duration_tracks  (FpFunnelLayout *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (FpFunnelLayout, fp_funnel_layout_free)

G_END_DECLS
