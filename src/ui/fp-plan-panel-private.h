/* fp-plan-panel-private.h: the widgets the UI tests drive */
#pragma once

#include <adwaita.h>

#include "fp-plan-panel.h"

G_BEGIN_DECLS

typedef enum
{
  FP_PLAN_PANEL_STAGE_CONVERSION,
  FP_PLAN_PANEL_STAGE_DURATION,
  FP_PLAN_PANEL_STAGE_COST,
} FpPlanPanelStageField;

AdwEntryRow   *_fp_plan_panel_get_title_row      (FpPlanPanel          *self);
AdwEntryRow   *_fp_plan_panel_get_currency_row   (FpPlanPanel          *self);
GtkSpinButton *_fp_plan_panel_get_target_spin    (FpPlanPanel          *self);
GtkSpinButton *_fp_plan_panel_get_deal_size_spin (FpPlanPanel          *self);
GtkSpinButton *_fp_plan_panel_get_months_spin    (FpPlanPanel          *self);
guint          _fp_plan_panel_get_n_stage_rows   (FpPlanPanel          *self);
GtkSpinButton *_fp_plan_panel_get_stage_spin     (FpPlanPanel          *self,
                                                  guint                 stage,
                                                  FpPlanPanelStageField field);
AdwEntryRow   *_fp_plan_panel_get_stage_name_row (FpPlanPanel          *self,
                                                  guint                 stage);
GtkButton     *_fp_plan_panel_get_stage_button   (FpPlanPanel          *self,
                                                  guint                 stage,
                                                  const char           *which);
GtkButton     *_fp_plan_panel_get_add_button     (FpPlanPanel          *self);
AdwExpanderRow *_fp_plan_panel_get_stage_row     (FpPlanPanel          *self,
                                                  guint                 stage);
gboolean       _fp_plan_panel_stage_row_is_built (FpPlanPanel          *self,
                                                  guint                 stage);
AdwExpanderRow *_fp_plan_panel_get_weights_row   (FpPlanPanel          *self);
guint          _fp_plan_panel_get_n_weight_rows  (FpPlanPanel          *self);
GtkSpinButton *_fp_plan_panel_get_weight_spin    (FpPlanPanel          *self,
                                                  guint                 month);

G_END_DECLS
