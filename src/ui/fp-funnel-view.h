/* fp-funnel-view.h: the funnel canvas, drawn and hit-tested through src/render */
#pragma once

#include <gtk/gtk.h>

#include "fp-plan.h"

G_BEGIN_DECLS

#define FP_TYPE_FUNNEL_VIEW (fp_funnel_view_get_type ())
G_DECLARE_FINAL_TYPE (FpFunnelView, fp_funnel_view, FP, FUNNEL_VIEW, GtkWidget)

GtkWidget *fp_funnel_view_new      (void);
/* Property "plan" (FpPlan *, may be NULL): the view listens to ::changed
 * and edits the plan through its edit API (a drag is one gesture). */
FpPlan    *fp_funnel_view_get_plan (FpFunnelView *self);
void       fp_funnel_view_set_plan (FpFunnelView *self,
                                    FpPlan       *plan);
/* Signal "stage-activated" (guint stage): a click on the stage's band or
 * its warning marker, to show the stage where all of it can be edited. */

G_END_DECLS
