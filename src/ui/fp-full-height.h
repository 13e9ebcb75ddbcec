/* fp-full-height.h: the height a chart asks for, so that many stages scroll
 *
 * A chart squeezed into its window shortened and dropped its text: 30
 * stages read "Stage numbe…" thirty times. Each chart view asks instead for
 * the height its layout says gives every row its text at the width it gets,
 * and the scrolled window around it scrolls. Worked out anew only when the
 * width, the fonts, the title or a name changes, so that a drag never
 * resizes the chart under the pointer.
 */
#pragma once

#include "fp-plan.h"

G_BEGIN_DECLS

/* The chart's full height for @plan at @width */
typedef double (*FpFullHeightFunc) (FpPlan   *plan,
                                    int       width,
                                    gpointer  data);

typedef struct
{
  int height;
  int width;    /* -1 when stale */
  guint key;    /* of the title and the names it was worked out for */
} FpFullHeight;

#define FP_FULL_HEIGHT_INIT ((FpFullHeight) { 0, -1, 0 })

/* Forgets the height, for a change of fonts */
void     fp_full_height_invalidate (FpFullHeight     *self);
/* TRUE when an edit of @plan may have changed the height: the title or a
 * name changed, or the stages. */
gboolean fp_full_height_changed_by (const FpFullHeight *self,
                                    FpPlan             *plan);
/* The height for @plan at @width: kept, or worked out with @func. */
int      fp_full_height_get        (FpFullHeight     *self,
                                    FpPlan           *plan,
                                    int               width,
                                    FpFullHeightFunc  func,
                                    gpointer          data);

G_END_DECLS
