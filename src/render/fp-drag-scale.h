/* fp-drag-scale.h: what the pointer means while a drag widens its track
 *
 * A drag maps the pointer to a value through the track of the press. A drag
 * past the end of its track widens the track, and the value goes on from the
 * old end at the wider track's rate. The scale keeps every piece it was
 * given, so that the pointer brought back gives back the value it gave on
 * the way out: back at the press, the value of the press. (Mapped through
 * the wider track alone, a conversion dragged from 20% past 50% and back
 * came back at 0.5%.)
 *
 * Each piece starts where the one before it reaches the value it was widened
 * at; the values grow from piece to piece, whichever way the pointer goes
 * for them (the timeline's days grow to the left).
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Enough for every widening there is: the funnel's tracks have 5 ranges of
 * conversion and 8 of days, the timeline's axis 20 lengths and more */
#define FP_DRAG_SCALE_MAX_PIECES 32

typedef struct
{
  double at;     /* the pointer position where the piece starts */
  double value;  /* the value there */
  double rate;   /* value per pixel, never 0 */
} FpDragPiece;

typedef struct
{
  FpDragPiece pieces[FP_DRAG_SCALE_MAX_PIECES];
  guint n_pieces;
} FpDragScale;

/* A scale of one piece: @value at @at, @rate per pixel on either side */
void     fp_drag_scale_init      (FpDragScale       *self,
                                  double             at,
                                  double             value,
                                  double             rate);
/* From @value on, which is past every piece's start, @rate per pixel.
 * FALSE, and nothing changes, when the scale holds no more pieces. */
gboolean fp_drag_scale_widen     (FpDragScale       *self,
                                  double             value,
                                  double             rate);
double   fp_drag_scale_value_at  (const FpDragScale *self,
                                  double             at);
double   fp_drag_scale_at_value  (const FpDragScale *self,
                                  double             value);

G_END_DECLS
