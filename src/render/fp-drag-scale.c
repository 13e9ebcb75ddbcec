/* fp-drag-scale.c: what the pointer means while a drag widens its track */
#include "config.h"

#include "fp-drag-scale.h"

void
fp_drag_scale_init (FpDragScale *self,
                    double       at,
                    double       value,
                    double       rate)
{
  g_return_if_fail (self != NULL);
  g_return_if_fail (rate != 0);

  self->pieces[0] = (FpDragPiece) { at, value, rate };
  self->n_pieces = 1;
}

/* The piece that holds @value: the last that starts at or below it, else
 * the first, which also reaches below its start */
static const FpDragPiece *
piece_of_value (const FpDragScale *self,
                double             value)
{
  guint i = self->n_pieces - 1;

  while (i > 0 && value < self->pieces[i].value)
    i--;
  return &self->pieces[i];
}

double
fp_drag_scale_at_value (const FpDragScale *self,
                        double             value)
{
  const FpDragPiece *piece;

  g_return_val_if_fail (self != NULL && self->n_pieces > 0, 0);

  piece = piece_of_value (self, value);
  return piece->at + (value - piece->value) / piece->rate;
}

double
fp_drag_scale_value_at (const FpDragScale *self,
                        double             at)
{
  g_return_val_if_fail (self != NULL && self->n_pieces > 0, 0);

  /* The pieces follow each other in value and so along the pointer's way:
   * the last whose start the pointer has passed holds it. */
  for (guint i = self->n_pieces - 1; i > 0; i--)
    {
      const FpDragPiece *piece = &self->pieces[i];
      double value = piece->value + (at - piece->at) * piece->rate;

      if (value >= piece->value)
        return value;
    }
  return self->pieces[0].value + (at - self->pieces[0].at) * self->pieces[0].rate;
}

gboolean
fp_drag_scale_widen (FpDragScale *self,
                     double       value,
                     double       rate)
{
  g_return_val_if_fail (self != NULL && self->n_pieces > 0, FALSE);
  g_return_val_if_fail (rate != 0, FALSE);
  g_return_val_if_fail (value > self->pieces[self->n_pieces - 1].value, FALSE);

  if (self->n_pieces == FP_DRAG_SCALE_MAX_PIECES)
    return FALSE;
  self->pieces[self->n_pieces] = (FpDragPiece) { fp_drag_scale_at_value (self, value), value, rate };
  self->n_pieces++;
  return TRUE;
}
