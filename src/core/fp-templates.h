/* fp-templates.h: the plans bundled as resources, to start a new plan from */
#pragma once

#include "fp-plan.h"

G_BEGIN_DECLS

#define FP_RESOURCE_PREFIX "/io/github/funnelplanner/FunnelPlanner"

typedef struct
{
  const char *id;    /* resource FP_RESOURCE_PREFIX "/templates/<id>.funnel.json" */
  const char *title;       /* untranslated: show with _() */
  const char *description; /* untranslated: show with _() */
} FpTemplate;

#define FP_DEFAULT_TEMPLATE "technology-company"

/* The templates in menu order; @n_templates receives their number. */
const FpTemplate *fp_templates_list (guint      *n_templates);
/* A new, unsaved and unmodified plan from template @id. */
FpPlan           *fp_templates_load (const char *id,
                                     GError    **error);

G_END_DECLS
