/* fp-export.h: the funnel chart as a PNG, SVG or PDF file */
#pragma once

#include "fp-plan.h"

G_BEGIN_DECLS

#define FP_EXPORT_MIN_SIZE 16
#define FP_EXPORT_MAX_SIZE 16384

/* The format follows @path's extension (.png, .svg or .pdf, any case). The
 * file is written beside @path under a temporary name and renamed over it,
 * so a failed export leaves no partial file. Always in the light theme. */
gboolean fp_export_funnel (FpPlan      *plan,
                           const char  *path,
                           int          width,
                           int          height,
                           GError     **error);

G_END_DECLS
