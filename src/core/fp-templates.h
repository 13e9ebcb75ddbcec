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
/* A new, unsaved and unmodified plan from template @id, its title and
 * stage names in the user's language, in the locale's currency where the
 * locale names one (LC_MONETARY). */
FpPlan           *fp_templates_load (const char *id,
                                     GError    **error);

/* For tests: whether @text, a title or stage name of a bundled template, is
 * marked for translation. */
gboolean          _fp_templates_is_marked (const char *text);

G_END_DECLS
