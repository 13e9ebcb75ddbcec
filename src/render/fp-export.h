/* fp-export.h: the funnel or timeline chart as a PNG, SVG or PDF file */
#pragma once

#include "fp-plan.h"

G_BEGIN_DECLS

#define FP_EXPORT_MIN_SIZE 16
#define FP_EXPORT_MAX_SIZE 16384
/* What the command line and the window export when not told a size */
#define FP_EXPORT_DEFAULT_WIDTH 1600
#define FP_EXPORT_DEFAULT_HEIGHT 900

typedef enum
{
  FP_EXPORT_FUNNEL,
  FP_EXPORT_TIMELINE,
} FpExportChart;

/* "1600x900" (or "1600X900") to 1600 and 900, any size from 1: the range
 * is fp_export_chart()'s to judge. NULL is the default size. FALSE for
 * text of another form. */
gboolean fp_export_parse_size (const char *size,
                               int        *width,
                               int        *height);

/* Whether fp_export_chart() can write @path at @width x @height: a known
 * extension and a size in range. The command line asks before it reads
 * the document, so that a request that makes no sense is told as such. */
gboolean fp_export_check (const char  *path,
                          int          width,
                          int          height,
                          GError     **error);

/* The height an export @width wide needs for @chart to give every stage
 * its name and figures in full, as the window's view does by scrolling:
 * at least @min_height, at most FP_EXPORT_MAX_SIZE. A plan of 64 stages
 * exported at 1600x900 kept no count and every other name. */
int      fp_export_fitting_height (FpPlan        *plan,
                                   FpExportChart  chart,
                                   int            width,
                                   int            min_height);

/* The format follows @path's extension (.png, .svg or .pdf, any case). The
 * file is written beside @path under a temporary name and renamed over it,
 * so a failed export leaves no partial file. Always in the light theme. A
 * PDF's page is @width x @height CSS pixels (96 to the inch, 3/4 pt each). */
gboolean fp_export_chart (FpPlan         *plan,
                          FpExportChart   chart,
                          const char     *path,
                          int             width,
                          int             height,
                          GError        **error);

G_END_DECLS
