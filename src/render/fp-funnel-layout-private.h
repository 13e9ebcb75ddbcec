/* fp-funnel-layout-private.h: what the renderer reads beyond the public API */
#pragma once

#include "fp-funnel-layout.h"

G_BEGIN_DECLS

/* The frame of rows and columns the text was fitted into: what a pinned
 * layout (fp_funnel_layout_new_pinned()) takes over from the one at the
 * press of a drag, so that nothing but the content moves while it lasts. */
typedef struct
{
  int mode;             /* how much text a row holds: none, some names, one or two lines */
  guint name_stride;    /* with some names: every name_stride-th stage is named */
  guint level;          /* how far the columns were shortened (see the top of the .c) */
  double font_factor;   /* the row fonts, relative to their size at this scale */
  gboolean column_headers;
  double top;           /* the rows' area, column headers included */
  double rows_top;      /* the first row */
  double row_h;
  double radius;        /* of a handle knob */
  double label_gap;     /* between a value label and its track */
  gboolean values_above; /* value labels above the tracks, not beside them */
  double x_label;
  double label_w;
  gboolean names_wrap;  /* a name too long for label_w may take two lines */
  double x_funnel;
  double funnel_w;
  double x_conv;
  double conv_w;
  double conv_label_w;
  double conv_track_w;
  double x_dur;
  double dur_w;
  double dur_label_w;
  double dur_track_w;
  double duration_max;  /* days, one range for every duration track */
} FpFunnelGrid;

struct _FpFunnelLayout
{
  double width;
  double height;
  double scale;
  double handle_radius;
  double track_thickness;
  double corner_radius;
  double rule_y;        /* a hairline under the header, NAN when none */
  guint header_lines;   /* of summary figures */
  gboolean counts_compact; /* the bands' counts written "203M": place_counts() */
  FpFunnelGrid grid;
  GArray *stages;       /* FpFunnelStageLayout */
  GArray *texts;        /* FpTextItem */
};

G_END_DECLS
