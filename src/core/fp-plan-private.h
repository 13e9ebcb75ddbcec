/* fp-plan-private.h: the plan's state, shared by the model and document I/O */
#pragma once

#include "fp-plan.h"

G_BEGIN_DECLS

/* Everything a plan holds. The model keeps one current state; undo keeps
 * copies of earlier ones (a plan is small: 64 stages at most). */
typedef struct
{
  char *title;
  char currency[4];
  int start_year;
  int start_month;
  guint months;
  GArray *weights;          /* double, one per month, or NULL: equal */
  double revenue_target;
  double average_deal_size;
  GPtrArray *stages;        /* FpStage * */
  guint handoff_index;
  guint pipeline_index;
  gboolean has_inflow;
  guint inflow_index;
  double inflow_per_month;
  /* Unknown keys of the document and of its objects, kept for saving. */
  JsonObject *unknown;
  JsonObject *period_unknown;
  JsonObject *inflow_unknown;
  /* Tokens in unknown keys that json-glib cannot keep (a number past 64
   * bits, 1e400, "\u0000"), as they were written: the unknown keys hold
   * the string "fp-raw-NONCE-N" for the Nth, and saving writes the token
   * back. NULL when there are none; never changed after load, shared. */
  GPtrArray *raw_tokens;
  char *raw_nonce;
} FpPlanState;

FpPlanState *_fp_plan_state_new      (void);
FpPlanState *_fp_plan_state_copy     (const FpPlanState *state);
void         _fp_plan_state_free     (FpPlanState       *state);
/* Checks the rules that span fields; @where prefixes messages. */
gboolean     _fp_plan_state_validate (const FpPlanState *state,
                                      GError           **error);

/* A failure to write @file (fp-plan-writer.c), told in words that name it:
 * GLib's name no file, or the hidden temporary one. */
void         _fp_plan_explain_write_error (GFile        *file,
                                           const GError *cause,
                                           GError      **error);

/* The version of the file just read into @self or written from it: @bytes
 * as read or written */
void         _fp_plan_set_file_version (FpPlan     *self,
                                        GBytes     *bytes);

/* Takes @state: a new, unmodified plan with no history. */
FpPlan            *_fp_plan_new_from_state (FpPlanState *state);
const FpPlanState *_fp_plan_get_state      (FpPlan      *self);

/* Rules shared by the editor and the loader, so both say the same. Each
 * returns NULL when @value is allowed, or the reason in the words of the
 * plan format ("must be more than 0 and at most 1"). */
const char *_fp_check_conversion    (double      value);
const char *_fp_check_duration      (double      value);
const char *_fp_check_cost          (double      value);
const char *_fp_check_positive      (double      value);
const char *_fp_check_per_month     (double      value);
const char *_fp_check_weight        (double      value);
const char *_fp_check_weight_sum    (double      sum);
const char *_fp_check_months        (double      value);
const char *_fp_check_period_end    (int         start_year,
                                     int         start_month,
                                     guint       months);
const char *_fp_check_title         (const char *value);
const char *_fp_check_name          (const char *value);
const char *_fp_check_id            (const char *value);
const char *_fp_check_currency      (const char *value);

/* The keys of each object of the format (NULL-terminated): the reader
 * reads these, and keeps the others as unknown keys; the JSON scan tells
 * a known value from an unknown one by them. */
extern const char * const _fp_plan_root_keys[];
extern const char * const _fp_plan_period_keys[];
extern const char * const _fp_plan_stage_keys[];
extern const char * const _fp_plan_benchmark_keys[];
extern const char * const _fp_plan_inflow_keys[];

/* The string that stands for the @n-th kept token of a state with
 * @raw_nonce (see FpPlanState): "fp-raw-NONCE-N", without its quotes. */
#define FP_PLAN_RAW_PREFIX "fp-raw-"
char       *_fp_plan_raw_placeholder (const char *raw_nonce,
                                      guint       n);

/* A number as the shortest text that reads back to the same double. */
void        _fp_format_double       (char       *buffer,
                                     gsize       size,
                                     double      value);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (FpPlanState, _fp_plan_state_free)

G_END_DECLS
