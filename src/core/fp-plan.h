/* fp-plan.h: the plan, the one source of truth
 *
 * Every edit goes through one fp_plan_set_* / fp_plan_*_stage function: it
 * validates, records an undo step and emits ::changed once. Between
 * fp_plan_begin_gesture() and fp_plan_end_gesture() all edits form a single
 * undo step, so that a drag is undone at once. Edits made one right after
 * another under the same merge key form one step as well: a run of arrow-key
 * presses on one handle.
 */
#pragma once

#include <gio/gio.h>

#include "fp-stage.h"

G_BEGIN_DECLS

#define FP_PLAN_MAX_STAGES 64
#define FP_PLAN_MIN_STAGES 2
#define FP_PLAN_MAX_MONTHS 60

/* What a ::changed emission touched, so that views rebuild only what they must. */
typedef enum
{
  FP_PLAN_CHANGE_VALUES    = 1 << 0, /* numbers, names, roles */
  FP_PLAN_CHANGE_STRUCTURE = 1 << 1, /* stages added, removed or moved */
  FP_PLAN_CHANGE_ALL       = FP_PLAN_CHANGE_VALUES | FP_PLAN_CHANGE_STRUCTURE,
} FpPlanChange;

#define FP_TYPE_PLAN (fp_plan_get_type ())
G_DECLARE_FINAL_TYPE (FpPlan, fp_plan, FP, PLAN, GObject)

/* A small valid plan: two stages, a target, this month's next month. */
FpPlan        *fp_plan_new                  (void);

/* Reading */
const char    *fp_plan_get_title            (FpPlan     *self);
const char    *fp_plan_get_currency         (FpPlan     *self);
/* The period starts on the first of start_month (1-12) of start_year. */
void           fp_plan_get_period           (FpPlan     *self,
                                             int        *start_year,
                                             int        *start_month,
                                             guint      *months);
/* Returns the weight of period month @month; 1 each when the plan has none. */
double         fp_plan_get_weight           (FpPlan     *self,
                                             guint       month);
gboolean       fp_plan_has_weights          (FpPlan     *self);
double         fp_plan_get_revenue_target   (FpPlan     *self);
double         fp_plan_get_average_deal_size(FpPlan     *self);
guint          fp_plan_get_n_stages         (FpPlan     *self);
const FpStage *fp_plan_get_stage            (FpPlan     *self,
                                             guint       index);
/* Returns the index of the stage with @id, or -1. */
int            fp_plan_find_stage           (FpPlan     *self,
                                             const char *id);
guint          fp_plan_get_handoff_index    (FpPlan     *self);
guint          fp_plan_get_pipeline_index   (FpPlan     *self);
gboolean       fp_plan_get_inflow           (FpPlan     *self,
                                             guint      *stage_index,
                                             double     *per_month);

/* Editing. Each returns FALSE with FP_PLAN_ERROR_INVALID and changes nothing
 * when the value breaks a rule of the plan format. */
gboolean fp_plan_set_title             (FpPlan       *self,
                                        const char   *title,
                                        GError      **error);
gboolean fp_plan_set_currency          (FpPlan       *self,
                                        const char   *currency,
                                        GError      **error);
gboolean fp_plan_set_period            (FpPlan       *self,
                                        int           start_year,
                                        int           start_month,
                                        guint         months,
                                        GError      **error);
/* @weights NULL (or @n_weights 0) means equal weights. Otherwise one per month. */
gboolean fp_plan_set_weights           (FpPlan       *self,
                                        const double *weights,
                                        guint         n_weights,
                                        GError      **error);
gboolean fp_plan_set_revenue_target    (FpPlan       *self,
                                        double        value,
                                        GError      **error);
gboolean fp_plan_set_average_deal_size (FpPlan       *self,
                                        double        value,
                                        GError      **error);
gboolean fp_plan_set_handoff_index     (FpPlan       *self,
                                        guint         index,
                                        GError      **error);
gboolean fp_plan_set_pipeline_index    (FpPlan       *self,
                                        guint         index,
                                        GError      **error);
/* @enabled FALSE removes the inflow; @stage_index and @per_month are then ignored. */
gboolean fp_plan_set_inflow            (FpPlan       *self,
                                        gboolean      enabled,
                                        guint         stage_index,
                                        double        per_month,
                                        GError      **error);
gboolean fp_plan_set_stage_conversion  (FpPlan       *self,
                                        guint         index,
                                        double        conversion,
                                        GError      **error);
gboolean fp_plan_set_stage_duration    (FpPlan       *self,
                                        guint         index,
                                        double        duration_days,
                                        GError      **error);
gboolean fp_plan_set_stage_cost        (FpPlan       *self,
                                        guint         index,
                                        double        cost_per_unit,
                                        GError      **error);
/* A stage id that was made from the old name (as fp_plan_insert_stage()
 * makes one) is made again from the new name; an id chosen otherwise stays. */
gboolean fp_plan_set_stage_name        (FpPlan       *self,
                                        guint         index,
                                        const char   *name,
                                        GError      **error);
gboolean fp_plan_set_stage_id          (FpPlan       *self,
                                        guint         index,
                                        const char   *id,
                                        GError      **error);
/* Stage structure. The last stage is the closed deals and stays last:
 * nothing is inserted after it or moved to or from its place, and it is
 * not removed (the stage above would lose its conversion and duration).
 *
 * Inserts a stage before @index (< n_stages). A unique id is made from
 * @name. */
gboolean fp_plan_insert_stage          (FpPlan       *self,
                                        guint         index,
                                        const char   *name,
                                        GError      **error);
gboolean fp_plan_remove_stage          (FpPlan       *self,
                                        guint         index,
                                        GError      **error);
gboolean fp_plan_move_stage            (FpPlan       *self,
                                        guint         from,
                                        guint         to,
                                        GError      **error);

/* Replaces the whole content with @other's (reload from disk, restore a
 * draft), as one undo step. */
void     fp_plan_replace               (FpPlan       *self,
                                        FpPlan       *other);

/* Undo and redo */
void     fp_plan_begin_gesture         (FpPlan       *self);
void     fp_plan_end_gesture           (FpPlan       *self);
/* Edits made while @key is set join the previous edit's undo step when that
 * edit was the last one and was made under the same key; set it back to
 * NULL after the edit. */
void     fp_plan_set_merge_key         (FpPlan       *self,
                                        const char   *key);
gboolean fp_plan_can_undo              (FpPlan       *self);
gboolean fp_plan_can_redo              (FpPlan       *self);
gboolean fp_plan_undo                  (FpPlan       *self);
gboolean fp_plan_redo                  (FpPlan       *self);

/* TRUE when the plan differs from what was last loaded or saved. */
gboolean fp_plan_get_modified          (FpPlan       *self);
void     fp_plan_set_unmodified        (FpPlan       *self);
/* No state of the plan is on disk (what is there does not load): it is
 * modified, whatever undo does, until the next fp_plan_set_unmodified(). */
void     fp_plan_forget_saved          (FpPlan       *self);
/* The file last loaded or saved was deleted or moved away: as
 * fp_plan_forget_saved(), until fp_plan_set_saved_back() says the same
 * bytes are back and the state they hold is on disk again. */
void     fp_plan_set_saved_gone        (FpPlan       *self);
void     fp_plan_set_saved_back        (FpPlan       *self);

G_END_DECLS
