/* fp-export-notes.h: the warnings, in words, under an exported chart
 *
 * In the window a warning's marker explains itself in a tooltip and in the
 * projections panel; an image or a PDF passed round after the meeting
 * cannot. An export ends with the plan's warnings, loudest first, each with
 * its marker, in a block of at most a quarter of the height
 * (FP_EXPORT_NOTES_SHARE); those that do not fit are counted in a last
 * line.
 */
#pragma once

#include <cairo.h>
#include <pango/pango.h>

#include "fp-projection.h"
#include "fp-theme.h"

G_BEGIN_DECLS

/* The notes never take more of an export's height than this */
#define FP_EXPORT_NOTES_SHARE 0.25

typedef struct _FpExportNotes FpExportNotes;

/* One line of the notes' text, for an SVG <text> */
typedef struct
{
  char *text;
  double x;
  double baseline;
  double width;
  const PangoFontDescription *font;
  FpColorRole color;
} FpExportNoteLine;

/* The notes of @projection's warnings @width wide from @x, at most
 * @max_height tall, for a chart whose text is scaled by @scale (1 at
 * 1280x720). NULL when there are no warnings or not even one fits. */
FpExportNotes *fp_export_notes_new       (const FpProjection *projection,
                                          PangoContext       *pango,
                                          const FpTheme      *theme,
                                          double              x,
                                          double              width,
                                          double              max_height,
                                          double              scale);
void           fp_export_notes_free      (FpExportNotes      *self);
/* The height the block takes at the bottom of the chart */
double         fp_export_notes_get_height (const FpExportNotes *self);
/* The number of warnings written out; the rest are only counted */
guint          fp_export_notes_get_n_shown (const FpExportNotes *self);
/* Draws the block with its top at @y; without its text when @skip_text */
void           fp_export_notes_render    (cairo_t             *cr,
                                          const FpExportNotes *self,
                                          const FpTheme       *theme,
                                          double               y,
                                          gboolean             skip_text);
/* Each line of text of the block with its top at @y, for SVG */
GArray        *fp_export_notes_get_lines (const FpExportNotes *self,
                                          double               y);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (FpExportNotes, fp_export_notes_free)

G_END_DECLS
