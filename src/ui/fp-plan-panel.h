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
/* Applies what was typed but not yet applied: the number in the focused
 * field (GTK applies it on Enter or when the focus leaves), and the text of
 * each entry row with its apply button showing. Save and close call it, so
 * that what the panel shows is what is saved. FALSE when the plan refused
 * some of it: the row and a toast say why. */
gboolean   fp_plan_panel_apply_typed    (FpPlanPanel *self);
/* TRUE when an entry row holds text that is not the plan's: typed and not
 * applied, or refused. Work, as an edit of the plan is. */
gboolean   fp_plan_panel_holds_typed    (FpPlanPanel *self);
/* A number typed into the focused field of the panel and not read yet
 * (GTK reads it on Enter or when the focus leaves). Ctrl+Z gives it up
 * first, as Escape does, and Ctrl+Shift+Z has nothing newer to do again:
 * the window's shortcuts come before the field, which keeps no undo steps
 * of its own, and they undid an edit elsewhere while the typing stayed,
 * to be read after. give_up is FALSE when there was none. */
gboolean   fp_plan_panel_holds_typed_number    (FpPlanPanel *self);
gboolean   fp_plan_panel_give_up_typed_number  (FpPlanPanel *self);
/* A press on @target, anywhere in the window: when it is outside the
 * panel's field with the focus, what was typed there applies, as if the
 * focus had left. A press on a label or on blank space takes no focus,
 * and the figures stayed those of before the typing. */
void       fp_plan_panel_press_elsewhere       (FpPlanPanel *self,
                                                GtkWidget   *target);
/* Opens stage @stage's row, brings it into view and gives it the focus
 * (once the panel shows, when it is still sliding in). */
void       fp_plan_panel_show_stage     (FpPlanPanel *self,
                                         guint        stage);
/* Property "ratio-mode": conversions as "N:1" instead of percentages. */
gboolean   fp_plan_panel_get_ratio_mode (FpPlanPanel *self);
void       fp_plan_panel_set_ratio_mode (FpPlanPanel *self,
                                         gboolean     ratio_mode);

G_END_DECLS
