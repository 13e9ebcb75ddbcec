/* fp-report.h: the projection as the JSON report of `funnel-planner --project` */
#pragma once

#include "fp-projection.h"

G_BEGIN_DECLS

/* The report as pretty-printed UTF-8 JSON text, ending in a newline. */
char *fp_report_to_json (FpPlan             *plan,
                         const FpProjection *projection);

G_END_DECLS
