/* fp-plan-panel.h: the side panel, every setting of the plan and its stages */
#pragma once

#include <gtk/gtk.h>

#include "fp-plan.h"

G_BEGIN_DECLS

#define FP_TYPE_PLAN_PANEL (fp_plan_panel_get_type ())
G_DECLARE_FINAL_TYPE (FpPlanPanel, fp_plan_panel, FP, PLAN_PANEL, GtkWidget)

GtkWidget *fp_plan_panel_new            (void);
/* Property "plan" (FpPlan *, may be NULL). The panel edits the plan through
 * its edit API and follows its ::changed without editing it back. */
FpPlan    *fp_plan_panel_get_plan       (FpPlanPanel *self);
void       fp_plan_panel_set_plan       (FpPlanPanel *self,
                                         FpPlan      *plan);
/* Property "ratio-mode": conversions as "N:1" instead of percentages. */
gboolean   fp_plan_panel_get_ratio_mode (FpPlanPanel *self);
void       fp_plan_panel_set_ratio_mode (FpPlanPanel *self,
                                         gboolean     ratio_mode);

G_END_DECLS
