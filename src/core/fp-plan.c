/* fp-plan.c: the plan model, its edits and their undo history */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>

#include "fp-error.h"
#include "fp-file-version.h"
#include "fp-plan-io.h"
#include "fp-plan-private.h"

/* Enough for an afternoon of dragging; older steps are dropped. */
#define MAX_UNDO_STEPS 1000

typedef struct
{
  FpPlanState *state;
  guint64 serial;
} HistoryEntry;

/* No serial is ever G_MAXUINT64: no state matches the saved one. */
#define NO_SAVED_STATE G_MAXUINT64

struct _FpPlan
{
  GObject parent_instance;

  FpPlanState *state;
  guint64 serial;       /* identifies the current state, for "modified" */
  guint64 next_serial;
  guint64 saved_serial;
  guint64 gone_serial;  /* saved_serial before its file went away */

  GArray *undo;         /* HistoryEntry, the most recent last */
  GArray *redo;
  guint gesture_depth;
  gboolean gesture_recorded;

  /* Merging a run of edits into one undo step: the key set for the edits
   * to come, and the key and resulting state of the last edit */
  char *merge_key;
  char *last_merge_key;
  guint64 last_merge_serial;

  /* The version of the file last read into the plan or written from it:
   * the SHA-256 of its bytes as read or written */
  char *file_checksum;
};

G_DEFINE_FINAL_TYPE (FpPlan, fp_plan, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_MODIFIED,
  PROP_CAN_UNDO,
  PROP_CAN_REDO,
  N_PROPS
};

enum {
  CHANGED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

/* State */

FpPlanState *
_fp_plan_state_new (void)
{
  FpPlanState *state = g_new0 (FpPlanState, 1);

  state->title = g_strdup ("");
  g_strlcpy (state->currency, "USD", sizeof state->currency);
  state->start_year = 2027;
  state->start_month = 1;
  state->months = 3;
  state->revenue_target = 1;
  state->average_deal_size = 1;
  state->stages = g_ptr_array_new_with_free_func ((GDestroyNotify) fp_stage_free);

  return state;
}

FpPlanState *
_fp_plan_state_copy (const FpPlanState *state)
{
  FpPlanState *copy = g_memdup2 (state, sizeof *state);

  copy->title = g_strdup (state->title);
  if (state->weights != NULL)
    {
      copy->weights = g_array_sized_new (FALSE, FALSE, sizeof (double), state->weights->len);
      g_array_append_vals (copy->weights, state->weights->data, state->weights->len);
    }
  copy->stages = g_ptr_array_new_full (state->stages->len, (GDestroyNotify) fp_stage_free);
  for (guint i = 0; i < state->stages->len; i++)
    g_ptr_array_add (copy->stages, fp_stage_copy (g_ptr_array_index (state->stages, i)));
  /* Unknown keys are never changed after load: share them. */
  if (copy->unknown != NULL)
    json_object_ref (copy->unknown);
  if (copy->period_unknown != NULL)
    json_object_ref (copy->period_unknown);
  if (copy->inflow_unknown != NULL)
    json_object_ref (copy->inflow_unknown);
  if (copy->raw_tokens != NULL)
    g_ptr_array_ref (copy->raw_tokens);
  copy->raw_nonce = g_strdup (state->raw_nonce);

  return copy;
}

char *
_fp_plan_raw_placeholder (const char *raw_nonce,
                          guint       n)
{
  return g_strdup_printf (FP_PLAN_RAW_PREFIX "%s-%u", raw_nonce, n);
}

void
_fp_plan_state_free (FpPlanState *state)
{
  if (state == NULL)
    return;

  g_free (state->title);
  g_clear_pointer (&state->weights, g_array_unref);
  g_clear_pointer (&state->stages, g_ptr_array_unref);
  g_clear_pointer (&state->unknown, json_object_unref);
  g_clear_pointer (&state->period_unknown, json_object_unref);
  g_clear_pointer (&state->inflow_unknown, json_object_unref);
  g_clear_pointer (&state->raw_tokens, g_ptr_array_unref);
  g_free (state->raw_nonce);
  g_free (state);
}

static FpStage *
state_stage (const FpPlanState *state,
             guint              index)
{
  return g_ptr_array_index (state->stages, index);
}

gboolean
_fp_plan_state_validate (const FpPlanState *state,
                         GError           **error)
{
  guint n = state->stages->len;
  double weight_sum = 0;

  if (n < FP_PLAN_MIN_STAGES || n > FP_PLAN_MAX_STAGES)
    {
      g_set_error (error, FP_PLAN_ERROR, FP_PLAN_ERROR_INVALID,
                   _("A plan has 2 to 64 stages (got %u)"), n);
      return FALSE;
    }

  for (guint i = 0; i < n; i++)
    for (guint j = i + 1; j < n; j++)
      if (g_str_equal (state_stage (state, i)->id, state_stage (state, j)->id))
        {
          g_set_error (error, FP_PLAN_ERROR, FP_PLAN_ERROR_INVALID,
                       _("Two stages have the id “%s”"), state_stage (state, i)->id);
          return FALSE;
        }

  if (state->weights != NULL)
    {
      if (state->weights->len != state->months)
        {
          g_set_error (error, FP_PLAN_ERROR, FP_PLAN_ERROR_INVALID,
                       _("There must be one weight per month (%u months, %u weights)"),
                       state->months, state->weights->len);
          return FALSE;
        }
      for (guint i = 0; i < state->weights->len; i++)
        weight_sum += g_array_index (state->weights, double, i);
      if (_fp_check_weight_sum (weight_sum) != NULL)
        {
          g_set_error_literal (error, FP_PLAN_ERROR, FP_PLAN_ERROR_INVALID,
                               _("The monthly weights must add up to more than 0"));
          return FALSE;
        }
    }

  g_assert (state->handoff_index < n - 1);
  g_assert (state->pipeline_index < n - 1);
  g_assert (!state->has_inflow || state->inflow_index < n - 1);

  return TRUE;
}

/* GObject */

static void
history_entry_clear (gpointer data)
{
  HistoryEntry *entry = data;

  g_clear_pointer (&entry->state, _fp_plan_state_free);
}

static void
fp_plan_finalize (GObject *object)
{
  FpPlan *self = FP_PLAN (object);

  g_clear_pointer (&self->state, _fp_plan_state_free);
  g_clear_pointer (&self->undo, g_array_unref);
  g_clear_pointer (&self->redo, g_array_unref);
  g_clear_pointer (&self->merge_key, g_free);
  g_clear_pointer (&self->last_merge_key, g_free);
  g_clear_pointer (&self->file_checksum, g_free);

  G_OBJECT_CLASS (fp_plan_parent_class)->finalize (object);
}

static void
fp_plan_get_property (GObject    *object,
                      guint       prop_id,
                      GValue     *value,
                      GParamSpec *pspec)
{
  FpPlan *self = FP_PLAN (object);

  switch (prop_id)
    {
    case PROP_MODIFIED:
      g_value_set_boolean (value, fp_plan_get_modified (self));
      break;

    case PROP_CAN_UNDO:
      g_value_set_boolean (value, fp_plan_can_undo (self));
      break;

    case PROP_CAN_REDO:
      g_value_set_boolean (value, fp_plan_can_redo (self));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
fp_plan_class_init (FpPlanClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = fp_plan_finalize;
  object_class->get_property = fp_plan_get_property;

  properties[PROP_MODIFIED] =
    g_param_spec_boolean ("modified", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_CAN_UNDO] =
    g_param_spec_boolean ("can-undo", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_CAN_REDO] =
    g_param_spec_boolean ("can-redo", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * FpPlan::changed:
   * @change: the #FpPlanChange flags of what changed
   *
   * Emitted once per edit, undo, redo or replace.
   */
  signals[CHANGED] =
    g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_UINT);
}

static void
fp_plan_init (FpPlan *self)
{
  self->undo = g_array_new (FALSE, FALSE, sizeof (HistoryEntry));
  g_array_set_clear_func (self->undo, history_entry_clear);
  self->redo = g_array_new (FALSE, FALSE, sizeof (HistoryEntry));
  g_array_set_clear_func (self->redo, history_entry_clear);
  self->gone_serial = NO_SAVED_STATE;
}

FpPlan *
_fp_plan_new_from_state (FpPlanState *state)
{
  FpPlan *self = g_object_new (FP_TYPE_PLAN, NULL);

  self->state = state;
  return self;
}

const FpPlanState *
_fp_plan_get_state (FpPlan *self)
{
  g_return_val_if_fail (FP_IS_PLAN (self), NULL);

  return self->state;
}

FpPlan *
fp_plan_new (void)
{
  FpPlanState *state = _fp_plan_state_new ();
  FpStage *leads = fp_stage_new ("lead", _("Leads"));
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autoptr(GDateTime) next = g_date_time_add_months (now, 1);

  leads->conversion = 0.05;
  leads->duration_days = 60;
  g_ptr_array_add (state->stages, leads);
  g_ptr_array_add (state->stages, fp_stage_new ("won", _("Closed deals")));
  state->start_year = g_date_time_get_year (next);
  state->start_month = g_date_time_get_month (next);
  state->revenue_target = 300000;
  state->average_deal_size = 10000;

  return _fp_plan_new_from_state (state);
}

/* Reading */

const char *
fp_plan_get_title (FpPlan *self)
{
  g_return_val_if_fail (FP_IS_PLAN (self), NULL);
  return self->state->title;
}

const char *
fp_plan_get_currency (FpPlan *self)
{
  g_return_val_if_fail (FP_IS_PLAN (self), NULL);
  return self->state->currency;
}

void
fp_plan_get_period (FpPlan *self,
                    int    *start_year,
                    int    *start_month,
                    guint  *months)
{
  g_return_if_fail (FP_IS_PLAN (self));

  if (start_year != NULL)
    *start_year = self->state->start_year;
  if (start_month != NULL)
    *start_month = self->state->start_month;
  if (months != NULL)
    *months = self->state->months;
}

double
fp_plan_get_weight (FpPlan *self,
                    guint   month)
{
  g_return_val_if_fail (FP_IS_PLAN (self), 0);
  g_return_val_if_fail (month < self->state->months, 0);

  if (self->state->weights == NULL)
    return 1;
  return g_array_index (self->state->weights, double, month);
}

gboolean
fp_plan_has_weights (FpPlan *self)
{
  g_return_val_if_fail (FP_IS_PLAN (self), FALSE);
  return self->state->weights != NULL;
}

double
fp_plan_get_revenue_target (FpPlan *self)
{
  g_return_val_if_fail (FP_IS_PLAN (self), 0);
  return self->state->revenue_target;
}

double
fp_plan_get_average_deal_size (FpPlan *self)
{
  g_return_val_if_fail (FP_IS_PLAN (self), 0);
  return self->state->average_deal_size;
}

guint
fp_plan_get_n_stages (FpPlan *self)
{
  g_return_val_if_fail (FP_IS_PLAN (self), 0);
  return self->state->stages->len;
}

const FpStage *
fp_plan_get_stage (FpPlan *self,
                   guint   index)
{
  g_return_val_if_fail (FP_IS_PLAN (self), NULL);
  g_return_val_if_fail (index < self->state->stages->len, NULL);
  return state_stage (self->state, index);
}

int
fp_plan_find_stage (FpPlan     *self,
                    const char *id)
{
  g_return_val_if_fail (FP_IS_PLAN (self), -1);
  g_return_val_if_fail (id != NULL, -1);

  for (guint i = 0; i < self->state->stages->len; i++)
    if (g_str_equal (state_stage (self->state, i)->id, id))
      return i;
  return -1;
}

guint
fp_plan_get_handoff_index (FpPlan *self)
{
  g_return_val_if_fail (FP_IS_PLAN (self), 0);
  return self->state->handoff_index;
}

guint
fp_plan_get_pipeline_index (FpPlan *self)
{
  g_return_val_if_fail (FP_IS_PLAN (self), 0);
  return self->state->pipeline_index;
}

gboolean
fp_plan_get_inflow (FpPlan *self,
                    guint  *stage_index,
                    double *per_month)
{
  g_return_val_if_fail (FP_IS_PLAN (self), FALSE);

  if (stage_index != NULL)
    *stage_index = self->state->inflow_index;
  if (per_month != NULL)
    *per_month = self->state->has_inflow ? self->state->inflow_per_month : 0;
  return self->state->has_inflow;
}

/* History */

static void
notify_history (FpPlan   *self,
                gboolean  was_modified,
                gboolean  could_undo,
                gboolean  could_redo)
{
  if (was_modified != fp_plan_get_modified (self))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MODIFIED]);
  if (could_undo != fp_plan_can_undo (self))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CAN_UNDO]);
  if (could_redo != fp_plan_can_redo (self))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CAN_REDO]);
}

/* Makes @next (taken) the current state, recording the current one for undo
 * unless a gesture already recorded the state it started from. */
static void
commit (FpPlan       *self,
        FpPlanState  *next,
        FpPlanChange  change)
{
  gboolean was_modified = fp_plan_get_modified (self);
  gboolean could_undo = fp_plan_can_undo (self);
  gboolean could_redo = fp_plan_can_redo (self);
  gboolean merge = self->gesture_depth == 0 &&
                   self->merge_key != NULL &&
                   g_strcmp0 (self->merge_key, self->last_merge_key) == 0 &&
                   self->serial == self->last_merge_serial &&
                   self->undo->len > 0;

  if (!merge && (self->gesture_depth == 0 || !self->gesture_recorded))
    {
      HistoryEntry entry = { self->state, self->serial };

      g_array_append_val (self->undo, entry);
      if (self->undo->len > MAX_UNDO_STEPS)
        g_array_remove_index (self->undo, 0);
      self->gesture_recorded = self->gesture_depth > 0;
    }
  else
    {
      _fp_plan_state_free (self->state);
    }

  g_array_set_size (self->redo, 0);
  self->state = next;
  self->serial = ++self->next_serial;
  g_free (self->last_merge_key);
  self->last_merge_key = g_strdup (self->merge_key);
  self->last_merge_serial = self->serial;

  g_signal_emit (self, signals[CHANGED], 0, (guint) change);
  notify_history (self, was_modified, could_undo, could_redo);
}

static gboolean
invalid (GError     **error,
         const char  *field,
         const char  *reason)
{
  g_set_error (error, FP_PLAN_ERROR, FP_PLAN_ERROR_INVALID, "%s: %s", field, reason);
  return FALSE;
}

void
fp_plan_begin_gesture (FpPlan *self)
{
  g_return_if_fail (FP_IS_PLAN (self));

  if (self->gesture_depth++ == 0)
    self->gesture_recorded = FALSE;
}

void
fp_plan_end_gesture (FpPlan *self)
{
  g_return_if_fail (FP_IS_PLAN (self));
  g_return_if_fail (self->gesture_depth > 0);

  self->gesture_depth--;
}

void
fp_plan_set_merge_key (FpPlan     *self,
                       const char *key)
{
  g_return_if_fail (FP_IS_PLAN (self));

  g_free (self->merge_key);
  self->merge_key = g_strdup (key);
}

gboolean
fp_plan_can_undo (FpPlan *self)
{
  g_return_val_if_fail (FP_IS_PLAN (self), FALSE);
  return self->undo->len > 0;
}

gboolean
fp_plan_can_redo (FpPlan *self)
{
  g_return_val_if_fail (FP_IS_PLAN (self), FALSE);
  return self->redo->len > 0;
}

static gboolean
step (FpPlan *self,
      GArray *from,
      GArray *to)
{
  gboolean was_modified = fp_plan_get_modified (self);
  gboolean could_undo = fp_plan_can_undo (self);
  gboolean could_redo = fp_plan_can_redo (self);
  HistoryEntry current = { self->state, self->serial };
  HistoryEntry *restored;

  if (from->len == 0)
    return FALSE;

  restored = &g_array_index (from, HistoryEntry, from->len - 1);
  self->state = g_steal_pointer (&restored->state);
  self->serial = restored->serial;
  g_array_set_size (from, from->len - 1);
  g_array_append_val (to, current);
  /* A gesture in progress starts over from the restored state, and a run
   * of merged edits ends. */
  self->gesture_recorded = FALSE;
  g_clear_pointer (&self->last_merge_key, g_free);

  g_signal_emit (self, signals[CHANGED], 0, (guint) FP_PLAN_CHANGE_ALL);
  notify_history (self, was_modified, could_undo, could_redo);
  return TRUE;
}

gboolean
fp_plan_undo (FpPlan *self)
{
  g_return_val_if_fail (FP_IS_PLAN (self), FALSE);
  return step (self, self->undo, self->redo);
}

gboolean
fp_plan_redo (FpPlan *self)
{
  g_return_val_if_fail (FP_IS_PLAN (self), FALSE);
  return step (self, self->redo, self->undo);
}

gboolean
fp_plan_get_modified (FpPlan *self)
{
  g_return_val_if_fail (FP_IS_PLAN (self), FALSE);
  return self->serial != self->saved_serial;
}

/* Makes @serial the state on disk, notifying if that changes the answer
 * of fp_plan_get_modified() */
static void
set_saved_serial (FpPlan  *self,
                  guint64  serial)
{
  gboolean was_modified = fp_plan_get_modified (self);

  self->saved_serial = serial;
  /* A run of merged edits ends here: Undo must be able to reach the
   * state that was saved. */
  g_clear_pointer (&self->last_merge_key, g_free);
  if (was_modified != fp_plan_get_modified (self))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MODIFIED]);
}

void
fp_plan_set_unmodified (FpPlan *self)
{
  g_return_if_fail (FP_IS_PLAN (self));

  self->gone_serial = NO_SAVED_STATE;
  set_saved_serial (self, self->serial);
}

void
fp_plan_forget_saved (FpPlan *self)
{
  g_return_if_fail (FP_IS_PLAN (self));

  self->gone_serial = NO_SAVED_STATE;
  set_saved_serial (self, NO_SAVED_STATE);
}

void
fp_plan_set_saved_gone (FpPlan *self)
{
  g_return_if_fail (FP_IS_PLAN (self));

  /* Gone twice, with no save between: the state saved is the same */
  if (self->saved_serial != NO_SAVED_STATE)
    self->gone_serial = self->saved_serial;
  set_saved_serial (self, NO_SAVED_STATE);
}

void
fp_plan_set_saved_back (FpPlan *self)
{
  g_return_if_fail (FP_IS_PLAN (self));

  if (self->gone_serial == NO_SAVED_STATE)
    return;
  set_saved_serial (self, self->gone_serial);
  self->gone_serial = NO_SAVED_STATE;
}

void
fp_plan_replace (FpPlan *self,
                 FpPlan *other)
{
  g_return_if_fail (FP_IS_PLAN (self));
  g_return_if_fail (FP_IS_PLAN (other));

  commit (self, _fp_plan_state_copy (other->state), FP_PLAN_CHANGE_ALL);
}

/* Editing */

#define CHECK(field, reason_expr)                              \
  G_STMT_START {                                               \
    const char *reason_ = (reason_expr);                       \
    if (reason_ != NULL)                                       \
      return invalid (error, field, reason_);                  \
  } G_STMT_END

gboolean
fp_plan_set_title (FpPlan      *self,
                   const char  *title,
                   GError     **error)
{
  FpPlanState *next;

  g_return_val_if_fail (FP_IS_PLAN (self), FALSE);

  CHECK ("title", _fp_check_title (title));
  if (g_str_equal (title, self->state->title))
    return TRUE;

  next = _fp_plan_state_copy (self->state);
  g_free (next->title);
  next->title = g_strdup (title);
  commit (self, next, FP_PLAN_CHANGE_VALUES);
  return TRUE;
}

gboolean
fp_plan_set_currency (FpPlan      *self,
                      const char  *currency,
                      GError     **error)
{
  FpPlanState *next;

  g_return_val_if_fail (FP_IS_PLAN (self), FALSE);

  CHECK ("currency", _fp_check_currency (currency));
  if (g_str_equal (currency, self->state->currency))
    return TRUE;

  next = _fp_plan_state_copy (self->state);
  g_strlcpy (next->currency, currency, sizeof next->currency);
  commit (self, next, FP_PLAN_CHANGE_VALUES);
  return TRUE;
}

gboolean
fp_plan_set_period (FpPlan      *self,
                    int          start_year,
                    int          start_month,
                    guint        months,
                    GError     **error)
{
  FpPlanState *next;

  g_return_val_if_fail (FP_IS_PLAN (self), FALSE);

  if (start_year < 1 || start_year > 9999 || start_month < 1 || start_month > 12)
    return invalid (error, "period.start", _("must be a date YYYY-MM-01"));
  CHECK ("period.months", _fp_check_months (months));
  CHECK ("period.months", _fp_check_period_end (start_year, start_month, months));
  if (start_year == self->state->start_year && start_month == self->state->start_month &&
      months == self->state->months)
    return TRUE;

  next = _fp_plan_state_copy (self->state);
  next->start_year = start_year;
  next->start_month = start_month;
  next->months = months;
  if (next->weights != NULL)
    {
      /* Keep the weights of the months that remain; new months weigh 1. */
      guint old_len = next->weights->len;
      double sum = 0;

      g_array_set_size (next->weights, months);
      for (guint i = old_len; i < months; i++)
        g_array_index (next->weights, double, i) = 1;
      for (guint i = 0; i < months; i++)
        sum += g_array_index (next->weights, double, i);
      if (!(sum > 0))
        g_clear_pointer (&next->weights, g_array_unref);
    }
  commit (self, next, FP_PLAN_CHANGE_VALUES);
  return TRUE;
}

gboolean
fp_plan_set_weights (FpPlan        *self,
                     const double  *weights,
                     guint          n_weights,
                     GError       **error)
{
  FpPlanState *next;
  double sum = 0;

  g_return_val_if_fail (FP_IS_PLAN (self), FALSE);
  g_return_val_if_fail (weights != NULL || n_weights == 0, FALSE);

  if (n_weights > 0)
    {
      if (n_weights != self->state->months)
        return invalid (error, "period.weights", _("must have one number per month"));
      for (guint i = 0; i < n_weights; i++)
        {
          g_autofree char *field = g_strdup_printf ("period.weights[%u]", i);

          CHECK (field, _fp_check_weight (weights[i]));
          sum += weights[i];
        }
      CHECK ("period.weights", _fp_check_weight_sum (sum));
    }

  next = _fp_plan_state_copy (self->state);
  g_clear_pointer (&next->weights, g_array_unref);
  if (n_weights > 0)
    {
      next->weights = g_array_sized_new (FALSE, FALSE, sizeof (double), n_weights);
      g_array_append_vals (next->weights, weights, n_weights);
    }
  commit (self, next, FP_PLAN_CHANGE_VALUES);
  return TRUE;
}

gboolean
fp_plan_set_revenue_target (FpPlan  *self,
                            double   value,
                            GError **error)
{
  FpPlanState *next;

  g_return_val_if_fail (FP_IS_PLAN (self), FALSE);

  CHECK ("revenue_target", _fp_check_positive (value));
  if (value == self->state->revenue_target)
    return TRUE;

  next = _fp_plan_state_copy (self->state);
  next->revenue_target = value;
  commit (self, next, FP_PLAN_CHANGE_VALUES);
  return TRUE;
}

gboolean
fp_plan_set_average_deal_size (FpPlan  *self,
                               double   value,
                               GError **error)
{
  FpPlanState *next;

  g_return_val_if_fail (FP_IS_PLAN (self), FALSE);

  CHECK ("average_deal_size", _fp_check_positive (value));
  if (value == self->state->average_deal_size)
    return TRUE;

  next = _fp_plan_state_copy (self->state);
  next->average_deal_size = value;
  commit (self, next, FP_PLAN_CHANGE_VALUES);
  return TRUE;
}

static gboolean
check_role_index (FpPlan      *self,
                  const char  *field,
                  guint        index,
                  GError     **error)
{
  if (index + 1 >= self->state->stages->len)
    return invalid (error, field, _("must name a stage other than the last"));
  return TRUE;
}

gboolean
fp_plan_set_handoff_index (FpPlan  *self,
                           guint    index,
                           GError **error)
{
  FpPlanState *next;

  g_return_val_if_fail (FP_IS_PLAN (self), FALSE);

  if (!check_role_index (self, "handoff_stage", index, error))
    return FALSE;
  if (index == self->state->handoff_index)
    return TRUE;

  next = _fp_plan_state_copy (self->state);
  next->handoff_index = index;
  commit (self, next, FP_PLAN_CHANGE_VALUES);
  return TRUE;
}

gboolean
fp_plan_set_pipeline_index (FpPlan  *self,
                            guint    index,
                            GError **error)
{
  FpPlanState *next;

  g_return_val_if_fail (FP_IS_PLAN (self), FALSE);

  if (!check_role_index (self, "pipeline_stage", index, error))
    return FALSE;
  if (index == self->state->pipeline_index)
    return TRUE;

  next = _fp_plan_state_copy (self->state);
  next->pipeline_index = index;
  commit (self, next, FP_PLAN_CHANGE_VALUES);
  return TRUE;
}

gboolean
fp_plan_set_inflow (FpPlan    *self,
                    gboolean   enabled,
                    guint      stage_index,
                    double     per_month,
                    GError   **error)
{
  FpPlanState *next;

  g_return_val_if_fail (FP_IS_PLAN (self), FALSE);

  if (enabled)
    {
      if (!check_role_index (self, "inflow.stage", stage_index, error))
        return FALSE;
      CHECK ("inflow.per_month", _fp_check_per_month (per_month));
      if (self->state->has_inflow && self->state->inflow_index == stage_index &&
          self->state->inflow_per_month == per_month)
        return TRUE;
    }
  else if (!self->state->has_inflow)
    {
      return TRUE;
    }

  next = _fp_plan_state_copy (self->state);
  next->has_inflow = enabled;
  if (enabled)
    {
      next->inflow_index = stage_index;
      next->inflow_per_month = per_month;
    }
  commit (self, next, FP_PLAN_CHANGE_VALUES);
  return TRUE;
}

static gboolean
check_stage_index (FpPlan      *self,
                   guint        index,
                   gboolean     not_last,
                   GError     **error)
{
  guint n = self->state->stages->len;

  if (index >= n || (not_last && index == n - 1))
    {
      g_set_error (error, FP_PLAN_ERROR, FP_PLAN_ERROR_INVALID,
                   not_last ? _("stages[%u]: the closed deals have no conversion or duration")
                            : _("stages[%u]: there is no such stage"),
                   index);
      return FALSE;
    }
  return TRUE;
}

/* Sets one number of stage @index, after @check agrees. */
static gboolean
set_stage_number (FpPlan      *self,
                  guint        index,
                  gsize        offset,
                  const char  *key,
                  const char  *reason,
                  double       value,
                  gboolean     not_last,
                  GError     **error)
{
  FpPlanState *next;
  FpStage *stage;

  if (!check_stage_index (self, index, not_last, error))
    return FALSE;
  if (reason != NULL)
    {
      g_autofree char *field = g_strdup_printf ("stages[%u].%s", index, key);
      return invalid (error, field, reason);
    }
  if (G_STRUCT_MEMBER (double, state_stage (self->state, index), offset) == value)
    return TRUE;

  next = _fp_plan_state_copy (self->state);
  stage = state_stage (next, index);
  G_STRUCT_MEMBER (double, stage, offset) = value;
  commit (self, next, FP_PLAN_CHANGE_VALUES);
  return TRUE;
}

gboolean
fp_plan_set_stage_conversion (FpPlan  *self,
                              guint    index,
                              double   conversion,
                              GError **error)
{
  g_return_val_if_fail (FP_IS_PLAN (self), FALSE);

  return set_stage_number (self, index, G_STRUCT_OFFSET (FpStage, conversion), "conversion",
                           _fp_check_conversion (conversion), conversion, TRUE, error);
}

gboolean
fp_plan_set_stage_duration (FpPlan  *self,
                            guint    index,
                            double   duration_days,
                            GError **error)
{
  g_return_val_if_fail (FP_IS_PLAN (self), FALSE);

  return set_stage_number (self, index, G_STRUCT_OFFSET (FpStage, duration_days),
                           "duration_days", _fp_check_duration (duration_days), duration_days,
                           TRUE, error);
}

gboolean
fp_plan_set_stage_cost (FpPlan  *self,
                        guint    index,
                        double   cost_per_unit,
                        GError **error)
{
  g_return_val_if_fail (FP_IS_PLAN (self), FALSE);

  return set_stage_number (self, index, G_STRUCT_OFFSET (FpStage, cost_per_unit),
                           "cost_per_unit", _fp_check_cost (cost_per_unit), cost_per_unit,
                           FALSE, error);
}

/* An id made from @name: lower-case ASCII letters and digits joined by "-",
 * made unique with a number among the stages of @state other than
 * @skip_index (G_MAXUINT: none). */
static char *
make_stage_id (const FpPlanState *state,
               const char        *name,
               guint              skip_index)
{
  GString *base = g_string_new (NULL);
  g_autofree char *ascii = g_str_to_ascii (name, "C");
  g_autofree char *id = NULL;

  for (const char *p = ascii; *p && base->len < 24; p++)
    {
      char c = g_ascii_tolower (*p);

      if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'))
        g_string_append_c (base, c);
      else if (base->len > 0 && base->str[base->len - 1] != '-')
        g_string_append_c (base, '-');
    }
  while (base->len > 0 && base->str[base->len - 1] == '-')
    g_string_truncate (base, base->len - 1);
  if (base->len == 0)
    g_string_assign (base, "stage");

  id = g_strdup (base->str);
  for (guint n = 2;; n++)
    {
      gboolean taken = FALSE;

      for (guint i = 0; i < state->stages->len && !taken; i++)
        taken = i != skip_index && g_str_equal (state_stage (state, i)->id, id);
      if (!taken)
        break;
      g_free (id);
      id = g_strdup_printf ("%s-%u", base->str, n);
    }

  g_string_free (base, TRUE);
  return g_steal_pointer (&id);
}

gboolean
fp_plan_set_stage_name (FpPlan      *self,
                        guint        index,
                        const char  *name,
                        GError     **error)
{
  FpPlanState *next;
  FpStage *stage;

  g_return_val_if_fail (FP_IS_PLAN (self), FALSE);

  if (!check_stage_index (self, index, FALSE, error))
    return FALSE;
  {
    g_autofree char *field = g_strdup_printf ("stages[%u].name", index);
    CHECK (field, _fp_check_name (name));
  }
  if (g_str_equal (name, state_stage (self->state, index)->name))
    return TRUE;

  next = _fp_plan_state_copy (self->state);
  stage = state_stage (next, index);
  /* An id made from the old name ("new-stage" for a stage just added)
   * follows the name; one chosen by hand ("mql") stays. */
  {
    g_autofree char *made = make_stage_id (next, stage->name, index);

    if (g_str_equal (made, stage->id))
      {
        g_free (stage->id);
        stage->id = make_stage_id (next, name, index);
      }
  }
  g_free (stage->name);
  stage->name = g_strdup (name);
  commit (self, next, FP_PLAN_CHANGE_VALUES);
  return TRUE;
}

gboolean
fp_plan_set_stage_id (FpPlan      *self,
                      guint        index,
                      const char  *id,
                      GError     **error)
{
  FpPlanState *next;
  FpStage *stage;
  int existing;

  g_return_val_if_fail (FP_IS_PLAN (self), FALSE);

  if (!check_stage_index (self, index, FALSE, error))
    return FALSE;
  {
    g_autofree char *field = g_strdup_printf ("stages[%u].id", index);
    CHECK (field, _fp_check_id (id));
    existing = fp_plan_find_stage (self, id);
    if (existing == (int) index)
      return TRUE;
    if (existing >= 0)
      return invalid (error, field, _("is already the id of another stage"));
  }

  next = _fp_plan_state_copy (self->state);
  stage = state_stage (next, index);
  g_free (stage->id);
  stage->id = g_strdup (id);
  commit (self, next, FP_PLAN_CHANGE_VALUES);
  return TRUE;
}

/* Keeps the roles on stages other than the last after a change of structure. */
static void
clamp_roles (FpPlanState *state)
{
  guint last_allowed = state->stages->len - 2;

  state->handoff_index = MIN (state->handoff_index, last_allowed);
  state->pipeline_index = MIN (state->pipeline_index, last_allowed);
  state->inflow_index = MIN (state->inflow_index, last_allowed);
}

/* Where a role on stage @role goes when the stage at @from moves to @to
 * (@to == G_MAXUINT: removed; @from == G_MAXUINT: inserted at @to). */
static guint
remap_index (guint role,
             guint from,
             guint to)
{
  if (from == G_MAXUINT)
    return role >= to ? role + 1 : role;
  if (to == G_MAXUINT)
    return role > from ? role - 1 : role;
  if (role == from)
    return to;
  if (from < to && role > from && role <= to)
    return role - 1;
  if (from > to && role >= to && role < from)
    return role + 1;
  return role;
}

static void
remap_roles (FpPlanState *state,
             guint        from,
             guint        to)
{
  state->handoff_index = remap_index (state->handoff_index, from, to);
  state->pipeline_index = remap_index (state->pipeline_index, from, to);
  state->inflow_index = remap_index (state->inflow_index, from, to);
  clamp_roles (state);
}

static gboolean
closed_deals_stay_last (guint    index,
                        GError **error)
{
  g_set_error (error, FP_PLAN_ERROR, FP_PLAN_ERROR_INVALID,
               _("stages[%u]: the closed deals stay the last stage"), index);
  return FALSE;
}

gboolean
fp_plan_insert_stage (FpPlan      *self,
                      guint        index,
                      const char  *name,
                      GError     **error)
{
  FpPlanState *next;
  g_autofree char *id = NULL;
  FpStage *stage;

  g_return_val_if_fail (FP_IS_PLAN (self), FALSE);

  if (self->state->stages->len >= FP_PLAN_MAX_STAGES)
    return invalid (error, "stages", _("a plan has at most 64 stages"));
  if (index > self->state->stages->len)
    return check_stage_index (self, index, FALSE, error);
  if (index == self->state->stages->len)
    return closed_deals_stay_last (index, error);
  {
    g_autofree char *field = g_strdup_printf ("stages[%u].name", index);
    CHECK (field, _fp_check_name (name));
  }

  next = _fp_plan_state_copy (self->state);
  id = make_stage_id (next, name, G_MAXUINT);
  stage = fp_stage_new (id, name);
  /* A new stage passes everyone on, at once: the plan's numbers stay as
   * they were until the stage is given a conversion and a duration of its
   * own (with the defaults of a stage in a file, adding one halved the
   * projected revenue without a word). */
  stage->conversion = 1;
  stage->duration_days = 0;
  g_ptr_array_insert (next->stages, index, stage);
  remap_roles (next, G_MAXUINT, index);
  commit (self, next, FP_PLAN_CHANGE_ALL);
  return TRUE;
}

/* @value as twelve significant digits read it: 850 * 0.2 is
 * 170.00000000000003, which a saved plan would show */
static double
twelve_digits (double value)
{
  char text[G_ASCII_DTOSTR_BUF_SIZE];

  return g_ascii_strtod (g_ascii_formatd (text, sizeof text, "%.12g", value), NULL);
}

/* The share of the units entering stage @index that close: the product of
 * the conversions from it on */
static double
share_closing (const FpPlanState *state,
               guint              index)
{
  double share = 1;

  for (guint i = index; i + 1 < state->stages->len; i++)
    share *= state_stage (state, i)->conversion;
  return share;
}

gboolean
fp_plan_remove_stage (FpPlan  *self,
                      guint    index,
                      GError **error)
{
  FpPlanState *next;
  double inflow_deals;

  g_return_val_if_fail (FP_IS_PLAN (self), FALSE);

  if (!check_stage_index (self, index, FALSE, error))
    return FALSE;
  if (self->state->stages->len <= FP_PLAN_MIN_STAGES)
    return invalid (error, "stages", _("a plan has at least 2 stages"));
  /* The stage above would become the closed deals and lose its
   * conversion and duration without a word. */
  if (index == self->state->stages->len - 1)
    return closed_deals_stay_last (index, error);

  next = _fp_plan_state_copy (self->state);
  inflow_deals = next->inflow_per_month * share_closing (next, next->inflow_index);
  g_ptr_array_remove_index (next->stages, index);
  remap_roles (next, index, G_MAXUINT);
  /* The inflow of a removed stage moves to a stage beside it with the
   * deals it brings: 1,000 leads a month at 20% are 200 MQLs, and the
   * forecast stays. Kept at 1,000, they were 1,000 MQLs, five times the
   * revenue, without a word. */
  if (next->has_inflow && self->state->inflow_index == index)
    next->inflow_per_month = twelve_digits (inflow_deals / share_closing (next, next->inflow_index));
  commit (self, next, FP_PLAN_CHANGE_ALL);
  return TRUE;
}

gboolean
fp_plan_move_stage (FpPlan  *self,
                    guint    from,
                    guint    to,
                    GError **error)
{
  FpPlanState *next;
  FpStage *stage;

  g_return_val_if_fail (FP_IS_PLAN (self), FALSE);

  if (!check_stage_index (self, from, FALSE, error) ||
      !check_stage_index (self, to, FALSE, error))
    return FALSE;
  if (from == to)
    return TRUE;
  /* A stage moved below the closed deals would become them, and the old
   * last stage would need a conversion and a duration it never had. */
  if (from == self->state->stages->len - 1 || to == self->state->stages->len - 1)
    return closed_deals_stay_last (MAX (from, to), error);

  next = _fp_plan_state_copy (self->state);
  stage = g_ptr_array_steal_index (next->stages, from);
  g_ptr_array_insert (next->stages, to, stage);
  remap_roles (next, from, to);
  commit (self, next, FP_PLAN_CHANGE_ALL);
  return TRUE;
}

void
_fp_plan_set_file_version (FpPlan *self,
                           GBytes *bytes)
{
  g_assert (FP_IS_PLAN (self));

  g_free (self->file_checksum);
  self->file_checksum = bytes != NULL ? fp_file_version_of_data (g_bytes_get_data (bytes, NULL),
                                                                 g_bytes_get_size (bytes))
                                      : NULL;
}

const char *
fp_plan_get_file_checksum (FpPlan *self)
{
  g_return_val_if_fail (FP_IS_PLAN (self), NULL);
  return self->file_checksum;
}
