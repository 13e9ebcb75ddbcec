/* fp-draw.h: the small cairo steps every chart and overlay takes */
#pragma once

#include <cairo.h>
#include <pango/pango.h>

#include "fp-funnel-layout.h"
#include "fp-projection.h"
#include "fp-theme.h"

G_BEGIN_DECLS

/* @text with each Unicode noncharacter (U+FFFF, U+FDD0 and the like,
 * which a plan may hold) as U+FFFD: cairo's PDF surface refused the whole
 * chart for one. */
char *_fp_draw_shown_text      (const char  *text);
/* Sets @text on @layout, as _fp_draw_shown_text() gives it */
void _fp_draw_set_layout_text (PangoLayout *layout,
                               const char  *text);
void _fp_draw_set_color    (cairo_t       *cr,
                            const FpColor *color);
/* A path of @r with corners of @radius (capped at half the shorter side;
 * 0 or less: square corners). */
void _fp_draw_rounded_rect (cairo_t       *cr,
                            const FpRect  *r,
                            double         radius);
/* A warning's marker filling @m: a red octagon (critical), an amber
 * triangle (warning) or a blue circle (information), each with its mark. */
void _fp_draw_severity_marker (cairo_t       *cr,
                               const FpRect  *m,
                               FpSeverity     severity,
                               const FpTheme *theme);

G_END_DECLS
