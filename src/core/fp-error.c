/* fp-error.c */
#include "fp-error.h"

G_DEFINE_QUARK (fp-plan-error-quark, fp_plan_error)
