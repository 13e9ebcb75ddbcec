/* fp-projections-panel.h: the numbers of the plan's projection, read-only */
#pragma once

#include <gtk/gtk.h>

#include "fp-plan.h"

G_BEGIN_DECLS

#define FP_TYPE_PROJECTIONS_PANEL (fp_projections_panel_get_type ())
G_DECLARE_FINAL_TYPE (FpProjectionsPanel, fp_projections_panel, FP, PROJECTIONS_PANEL, GtkWidget)

GtkWidget *fp_projections_panel_new      (void);
/* Property "plan" (FpPlan *, may be NULL): the panel recomputes the
 * projection on every ::changed. */
FpPlan    *fp_projections_panel_get_plan (FpProjectionsPanel *self);
void       fp_projections_panel_set_plan (FpProjectionsPanel *self,
                                          FpPlan             *plan);

G_END_DECLS
