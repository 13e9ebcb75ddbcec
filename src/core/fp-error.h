/* fp-error.h: the error domain of documents and edits */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define FP_PLAN_ERROR (fp_plan_error_quark ())

typedef enum
{
  FP_PLAN_ERROR_SYNTAX,    /* not JSON: FILE:LINE:COLUMN: what */
  FP_PLAN_ERROR_INVALID,   /* JSON, but a rule of PLAN-FORMAT.md is broken */
  FP_PLAN_ERROR_TOO_NEW,   /* made by a newer version of Funnel Planner */
  FP_PLAN_ERROR_TOO_LARGE, /* over the size or nesting limit */
  FP_PLAN_ERROR_EMPTY,     /* an empty file is not an empty plan */
  FP_PLAN_ERROR_EXPORT,    /* an export format or size that cannot be written */
} FpPlanError;

GQuark fp_plan_error_quark (void);

G_END_DECLS
