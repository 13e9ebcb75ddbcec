/* fp-projections-panel-private.h: what the UI tests read */
#pragma once

#include "fp-projections-panel.h"
#include "fp-tornado-view.h"

G_BEGIN_DECLS

const char    *_fp_projections_panel_get_deals_text    (FpProjectionsPanel *self);
const char    *_fp_projections_panel_get_required_text (FpProjectionsPanel *self,
                                                        guint               stage);
const char    *_fp_projections_panel_get_handoff_text  (FpProjectionsPanel *self);
AdwActionRow  *_fp_projections_panel_get_handoff_row   (FpProjectionsPanel *self);
AdwActionRow  *_fp_projections_panel_get_revenue_row   (FpProjectionsPanel *self);
AdwActionRow  *_fp_projections_panel_get_volume_row    (FpProjectionsPanel *self,
                                                        guint               stage);
const char    *_fp_projections_panel_get_coverage_text (FpProjectionsPanel *self);
const char    *_fp_projections_panel_get_planned_text  (FpProjectionsPanel *self);
gboolean       _fp_projections_panel_is_short          (FpProjectionsPanel *self);
guint          _fp_projections_panel_get_n_warnings    (FpProjectionsPanel *self);
/* The row of the first warning about @stage, or NULL */
AdwActionRow  *_fp_projections_panel_get_stage_warning_row (FpProjectionsPanel *self,
                                                           guint               stage);
FpTornadoView *_fp_projections_panel_get_tornado       (FpProjectionsPanel *self);

G_END_DECLS
