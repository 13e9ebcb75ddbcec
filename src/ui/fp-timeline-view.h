/* fp-timeline-view.h: stage bars on a day axis and the monthly volumes */
#pragma once

#include <gtk/gtk.h>

#include "fp-plan.h"

G_BEGIN_DECLS

#define FP_TYPE_TIMELINE_VIEW (fp_timeline_view_get_type ())
G_DECLARE_FINAL_TYPE (FpTimelineView, fp_timeline_view, FP, TIMELINE_VIEW, GtkWidget)

GtkWidget *fp_timeline_view_new      (void);
/* Property "plan" (FpPlan *, may be NULL), as FpFunnelView. */
FpPlan    *fp_timeline_view_get_plan (FpTimelineView *self);
void       fp_timeline_view_set_plan (FpTimelineView *self,
                                      FpPlan         *plan);
/* Signal "stage-activated" (guint stage): a click on the stage's bar or
 * its warning marker, as FpFunnelView's. */

G_END_DECLS
