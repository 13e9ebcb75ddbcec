/* fp-projection-private.h: the parts of the engine in other files */
#pragma once

#include "fp-projection.h"

G_BEGIN_DECLS

/* Fills the monthly timeline of @self from its offsets and win probabilities. */
void _fp_timeline_compute (FpProjection *self,
                           FpPlan       *plan);
/* Fills @self->warnings, the loudest first. */
void _fp_warnings_compute (FpProjection *self,
                           FpPlan       *plan);
/* Days since 1970-01-01 of a proleptic Gregorian date, any year. */
gint64 _fp_days_from_civil (gint64 year,
                            guint  month,
                            guint  day);

G_END_DECLS
