/* test-plan.c: the edit API, its validation and its undo history */
#include "config.h"

#include "fp-projection.h"
#include "fp-test-util.h"

static const char *three_stages =
  "{\"format\": \"funnel-planner/plan\", \"version\": 1, \"title\": \"Q1\","
  "\"period\": {\"start\": \"2027-01-01\", \"months\": 3},"
  "\"revenue_target\": 900000, \"average_deal_size\": 30000,"
  "\"handoff_stage\": \"mql\", \"pipeline_stage\": \"sql\","
  "\"inflow\": {\"stage\": \"mql\", \"per_month\": 100},"
  "\"stages\": ["
  " {\"id\": \"mql\", \"name\": \"MQL\", \"conversion\": 0.4, \"duration_days\": 10},"
  " {\"id\": \"sql\", \"name\": \"SQL\", \"conversion\": 0.25, \"duration_days\": 40},"
  " {\"id\": \"won\", \"name\": \"Won\"}]}";

static void
count_change (FpPlan   *plan,
              guint     change,
              gpointer  user_data)
{
  guint *count = user_data;
  (*count)++;
}

static void
test_edit_emits_once (void)
{
  g_autoptr(FpPlan) plan = fp_test_plan_from_text (three_stages);
  g_autoptr(GError) error = NULL;
  guint changes = 0;

  g_signal_connect (plan, "changed", G_CALLBACK (count_change), &changes);
  g_assert_false (fp_plan_get_modified (plan));

  g_assert_true (fp_plan_set_stage_conversion (plan, 0, 0.5, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (changes, ==, 1);
  g_assert_cmpfloat (fp_plan_get_stage (plan, 0)->conversion, ==, 0.5);
  g_assert_true (fp_plan_get_modified (plan));

  /* The same value again is no edit. */
  g_assert_true (fp_plan_set_stage_conversion (plan, 0, 0.5, &error));
  g_assert_cmpuint (changes, ==, 1);
}

static void
test_edit_rejects (void)
{
  g_autoptr(FpPlan) plan = fp_test_plan_from_text (three_stages);
  guint changes = 0;
  struct {
    gboolean ok;
    const char *message;
  } cases[17];
  guint n = 0;
  GError *error = NULL;

  g_signal_connect (plan, "changed", G_CALLBACK (count_change), &changes);

#define REJECT(call, text)                                                   \
  G_STMT_START {                                                             \
    g_assert_false (call);                                                   \
    g_assert_error (error, FP_PLAN_ERROR, FP_PLAN_ERROR_INVALID);            \
    g_assert_cmpstr (error->message, ==, text);                              \
    g_clear_error (&error);                                                  \
    n++;                                                                     \
  } G_STMT_END

  REJECT (fp_plan_set_stage_conversion (plan, 0, 0, &error),
          "stages[0].conversion: must be more than 0 and at most 1");
  REJECT (fp_plan_set_stage_conversion (plan, 0, 1.7, &error),
          "stages[0].conversion: must be more than 0 and at most 1");
  REJECT (fp_plan_set_stage_conversion (plan, 0, NAN, &error),
          "stages[0].conversion: must be more than 0 and at most 1");
  REJECT (fp_plan_set_stage_conversion (plan, 2, 0.5, &error),
          "stages[2]: the closed deals have no conversion or duration");
  REJECT (fp_plan_set_stage_duration (plan, 1, -1, &error),
          "stages[1].duration_days: must be from 0 to 3650 days");
  REJECT (fp_plan_set_stage_duration (plan, 1, 3651, &error),
          "stages[1].duration_days: must be from 0 to 3650 days");
  REJECT (fp_plan_set_stage_cost (plan, 2, -5, &error),
          "stages[2].cost_per_unit: must be 0 or more");
  REJECT (fp_plan_set_stage_name (plan, 0, "", &error), "stages[0].name: must not be empty");
  REJECT (fp_plan_set_stage_id (plan, 0, "Lead!", &error),
          "stages[0].id: must be 1 to 32 characters of a-z, 0-9, _ and -");
  REJECT (fp_plan_set_stage_id (plan, 0, "sql", &error),
          "stages[0].id: is already the id of another stage");
  REJECT (fp_plan_set_revenue_target (plan, 0, &error), "revenue_target: must be more than 0");
  REJECT (fp_plan_set_average_deal_size (plan, INFINITY, &error),
          "average_deal_size: must be more than 0");
  REJECT (fp_plan_set_currency (plan, "usd", &error),
          "currency: must be an ISO 4217 code of 3 upper-case letters");
  REJECT (fp_plan_set_period (plan, 2027, 1, 61, &error),
          "period.months: must be a whole number from 1 to 60");
  REJECT (fp_plan_set_handoff_index (plan, 2, &error),
          "handoff_stage: must name a stage other than the last");
  REJECT (fp_plan_set_weights (plan, (double[]) { 0, 0, 0 }, 3, &error),
          "period.weights: must add up to more than 0");
  REJECT (fp_plan_set_weights (plan, (double[]) { 1e308, 1e308, 1 }, 3, &error),
          "period.weights: are too large: their sum is not a finite number");

  g_assert_cmpuint (n, ==, G_N_ELEMENTS (cases));
  g_assert_cmpuint (changes, ==, 0);
  g_assert_false (fp_plan_can_undo (plan));
  g_assert_false (fp_plan_get_modified (plan));
#undef REJECT
}

static void
test_undo_redo (void)
{
  g_autoptr(FpPlan) plan = fp_test_plan_from_text (three_stages);
  g_autoptr(GError) error = NULL;

  g_assert_false (fp_plan_can_undo (plan));
  g_assert_true (fp_plan_set_stage_duration (plan, 1, 55, &error));
  g_assert_true (fp_plan_set_title (plan, "Q2", &error));
  g_assert_true (fp_plan_can_undo (plan));

  g_assert_true (fp_plan_undo (plan));
  g_assert_cmpstr (fp_plan_get_title (plan), ==, "Q1");
  g_assert_cmpfloat (fp_plan_get_stage (plan, 1)->duration_days, ==, 55);
  g_assert_true (fp_plan_undo (plan));
  g_assert_cmpfloat (fp_plan_get_stage (plan, 1)->duration_days, ==, 40);
  /* Back where it was loaded: not modified. */
  g_assert_false (fp_plan_get_modified (plan));
  g_assert_false (fp_plan_undo (plan));

  g_assert_true (fp_plan_redo (plan));
  g_assert_true (fp_plan_redo (plan));
  g_assert_cmpstr (fp_plan_get_title (plan), ==, "Q2");
  g_assert_false (fp_plan_can_redo (plan));
  g_assert_true (fp_plan_get_modified (plan));

  /* A new edit after undo drops the redo branch. */
  g_assert_true (fp_plan_undo (plan));
  g_assert_true (fp_plan_set_revenue_target (plan, 1, &error));
  g_assert_false (fp_plan_can_redo (plan));
}

/* A drag is one undo step, however many motion events it had. */
static void
test_gesture_is_one_step (void)
{
  g_autoptr(FpPlan) plan = fp_test_plan_from_text (three_stages);
  g_autoptr(GError) error = NULL;
  guint changes = 0;

  g_signal_connect (plan, "changed", G_CALLBACK (count_change), &changes);
  g_assert_true (fp_plan_set_title (plan, "before the drag", &error));

  fp_plan_begin_gesture (plan);
  for (int i = 1; i <= 20; i++)
    g_assert_true (fp_plan_set_stage_conversion (plan, 1, 0.25 + i * 0.01, &error));
  fp_plan_end_gesture (plan);
  g_assert_cmpuint (changes, ==, 21);
  g_assert_cmpfloat (fp_plan_get_stage (plan, 1)->conversion, ==, 0.25 + 20 * 0.01);

  g_assert_true (fp_plan_undo (plan));
  g_assert_cmpfloat (fp_plan_get_stage (plan, 1)->conversion, ==, 0.25);
  g_assert_cmpstr (fp_plan_get_title (plan), ==, "before the drag");
  g_assert_true (fp_plan_redo (plan));
  g_assert_cmpfloat (fp_plan_get_stage (plan, 1)->conversion, ==, 0.25 + 20 * 0.01);

  /* The next gesture is a step of its own. */
  fp_plan_begin_gesture (plan);
  g_assert_true (fp_plan_set_stage_conversion (plan, 1, 0.3, &error));
  fp_plan_end_gesture (plan);
  g_assert_true (fp_plan_undo (plan));
  g_assert_cmpfloat (fp_plan_get_stage (plan, 1)->conversion, ==, 0.25 + 20 * 0.01);
}

/* Edits under one merge key, one after another, are one step (a run of
 * arrow-key presses); another key, an edit in between or an undo ends the
 * run. */
static void
set_keyed_conversion (FpPlan     *plan,
                      const char *key,
                      double      conversion)
{
  g_autoptr(GError) error = NULL;

  fp_plan_set_merge_key (plan, key);
  g_assert_true (fp_plan_set_stage_conversion (plan, 1, conversion, &error));
  fp_plan_set_merge_key (plan, NULL);
}

static void
test_merge_key_runs (void)
{
  g_autoptr(FpPlan) plan = fp_test_plan_from_text (three_stages);
  g_autoptr(GError) error = NULL;

  set_keyed_conversion (plan, "handle-1", 0.26);
  set_keyed_conversion (plan, "handle-1", 0.27);
  set_keyed_conversion (plan, "handle-1", 0.28);
  g_assert_true (fp_plan_undo (plan));
  g_assert_cmpfloat (fp_plan_get_stage (plan, 1)->conversion, ==, 0.25);
  g_assert_false (fp_plan_can_undo (plan));
  g_assert_false (fp_plan_get_modified (plan));
  g_assert_true (fp_plan_redo (plan));
  g_assert_cmpfloat (fp_plan_get_stage (plan, 1)->conversion, ==, 0.28);

  /* The redo ended the run: the next press is a step of its own. */
  set_keyed_conversion (plan, "handle-1", 0.29);
  g_assert_true (fp_plan_undo (plan));
  g_assert_cmpfloat (fp_plan_get_stage (plan, 1)->conversion, ==, 0.28);

  /* Another key */
  set_keyed_conversion (plan, "handle-1", 0.30);
  set_keyed_conversion (plan, "handle-2", 0.31);
  g_assert_true (fp_plan_undo (plan));
  g_assert_cmpfloat (fp_plan_get_stage (plan, 1)->conversion, ==, 0.30);

  /* An unkeyed edit in between, and a failed one that changes nothing */
  set_keyed_conversion (plan, "handle-1", 0.32);
  g_assert_true (fp_plan_set_title (plan, "between", &error));
  set_keyed_conversion (plan, "handle-1", 0.33);
  fp_plan_set_merge_key (plan, "handle-1");
  g_assert_false (fp_plan_set_stage_conversion (plan, 1, 2.0, &error));
  g_clear_error (&error);
  fp_plan_set_merge_key (plan, NULL);
  g_assert_true (fp_plan_set_title (plan, "unkeyed", &error));
  g_assert_true (fp_plan_undo (plan));
  g_assert_cmpstr (fp_plan_get_title (plan), ==, "between");
  g_assert_true (fp_plan_undo (plan));
  g_assert_cmpfloat (fp_plan_get_stage (plan, 1)->conversion, ==, 0.32);
  g_assert_cmpstr (fp_plan_get_title (plan), ==, "between");
  g_assert_true (fp_plan_undo (plan));
  g_assert_cmpstr (fp_plan_get_title (plan), !=, "between");

  /* A save ends a run: Undo reaches the saved state */
  set_keyed_conversion (plan, "handle-3", 0.40);
  fp_plan_set_unmodified (plan);
  set_keyed_conversion (plan, "handle-3", 0.41);
  g_assert_true (fp_plan_undo (plan));
  g_assert_cmpfloat (fp_plan_get_stage (plan, 1)->conversion, ==, 0.40);
  g_assert_false (fp_plan_get_modified (plan));

  /* A drag's edits never merge with a run before it. */
  set_keyed_conversion (plan, "handle-1", 0.34);
  fp_plan_begin_gesture (plan);
  set_keyed_conversion (plan, "handle-1", 0.35);
  fp_plan_end_gesture (plan);
  g_assert_true (fp_plan_undo (plan));
  g_assert_cmpfloat (fp_plan_get_stage (plan, 1)->conversion, ==, 0.34);
}

static void
count_notify (guint *count)
{
  (*count)++;
}

static void
test_modified_tracks_saves (void)
{
  g_autoptr(FpPlan) plan = fp_test_plan_from_text (three_stages);
  g_autoptr(GError) error = NULL;

  g_assert_true (fp_plan_set_title (plan, "A", &error));
  fp_plan_set_unmodified (plan);
  g_assert_false (fp_plan_get_modified (plan));
  g_assert_true (fp_plan_undo (plan));
  g_assert_true (fp_plan_get_modified (plan));
  g_assert_true (fp_plan_redo (plan));
  g_assert_false (fp_plan_get_modified (plan));

  /* The file gone: no state is saved, whatever undo and redo do, until the
   * next save */
  {
    guint notified = 0;

    g_signal_connect_swapped (plan, "notify::modified", G_CALLBACK (count_notify), &notified);
    fp_plan_forget_saved (plan);
    g_assert_cmpuint (notified, ==, 1);
    g_assert_true (fp_plan_get_modified (plan));
    g_assert_true (fp_plan_undo (plan));
    g_assert_true (fp_plan_redo (plan));
    g_assert_true (fp_plan_get_modified (plan));
    fp_plan_set_unmodified (plan);
    g_assert_false (fp_plan_get_modified (plan));
    g_assert_cmpuint (notified, ==, 2);

    /* Not so when the file is gone and may come back: with the same bytes,
     * the state they hold is saved again, an edit made meanwhile too */
    fp_plan_set_saved_gone (plan);
    fp_plan_set_saved_gone (plan);
    g_assert_true (fp_plan_get_modified (plan));
    g_assert_cmpuint (notified, ==, 3);
    fp_plan_set_saved_back (plan);
    g_assert_false (fp_plan_get_modified (plan));
    g_assert_cmpuint (notified, ==, 4);
    fp_plan_set_saved_gone (plan);
    g_assert_true (fp_plan_set_title (plan, "B", &error));
    fp_plan_set_saved_back (plan);
    g_assert_true (fp_plan_get_modified (plan));
    g_assert_true (fp_plan_undo (plan));
    g_assert_false (fp_plan_get_modified (plan));

    /* Back only once; and a file that does not load is not the gone one */
    fp_plan_set_saved_gone (plan);
    fp_plan_forget_saved (plan);
    fp_plan_set_saved_back (plan);
    g_assert_true (fp_plan_get_modified (plan));
    fp_plan_set_unmodified (plan);
    fp_plan_set_saved_back (plan);
    g_assert_false (fp_plan_get_modified (plan));
    g_assert_true (fp_plan_redo (plan));
    fp_plan_set_saved_back (plan);
    g_assert_true (fp_plan_get_modified (plan));
  }
}

/* A stage just added changes none of the plan's numbers until it is given
 * a conversion and a duration: it passes everyone on, at once. */
static void
test_new_stage_changes_nothing (void)
{
  g_autoptr(FpPlan) plan = fp_test_plan_from_text (three_stages);
  g_autoptr(FpProjection) before = fp_projection_new (plan);
  g_autoptr(FpProjection) after = NULL;
  guint n = fp_plan_get_n_stages (plan);

  g_assert_true (fp_plan_insert_stage (plan, n - 1, "New stage", NULL));
  g_assert_true (fp_plan_insert_stage (plan, 0, "Top", NULL));
  after = fp_projection_new (plan);
  g_assert_cmpfloat (fp_plan_get_stage (plan, n)->conversion, ==, 1);
  g_assert_cmpfloat (fp_plan_get_stage (plan, n)->duration_days, ==, 0);
  fp_assert_close (after->deals_required, before->deals_required);
  fp_assert_close (after->required[0], before->required[0]);
  fp_assert_close (after->budget, before->budget);
  fp_assert_close (after->coverage_required, before->coverage_required);
  fp_assert_close (after->lead_to_close_days, before->lead_to_close_days);
  if (before->has_inflow)
    fp_assert_close (after->projected_revenue, before->projected_revenue);
}

static void
test_structure_keeps_roles (void)
{
  g_autoptr(FpPlan) plan = fp_test_plan_from_text (three_stages);
  g_autoptr(GError) error = NULL;
  guint inflow;

  /* A new stage on top: the roles stay on their stages. */
  g_assert_true (fp_plan_insert_stage (plan, 0, "Web visits", &error));
  g_assert_no_error (error);
  g_assert_cmpuint (fp_plan_get_n_stages (plan), ==, 4);
  g_assert_cmpstr (fp_plan_get_stage (plan, 0)->id, ==, "web-visits");
  g_assert_cmpuint (fp_plan_get_handoff_index (plan), ==, 1);
  g_assert_cmpuint (fp_plan_get_pipeline_index (plan), ==, 2);
  g_assert_true (fp_plan_get_inflow (plan, &inflow, NULL));
  g_assert_cmpuint (inflow, ==, 1);

  /* Names that make the same id get a number. */
  g_assert_true (fp_plan_insert_stage (plan, 0, "Web visits!", &error));
  g_assert_cmpstr (fp_plan_get_stage (plan, 0)->id, ==, "web-visits-2");

  /* An id made from the name follows the name, made unique again; one
   * chosen by hand stays; undo brings the old id back with the name. */
  g_assert_true (fp_plan_set_stage_name (plan, 0, "Webinar sign-ups", &error));
  g_assert_cmpstr (fp_plan_get_stage (plan, 0)->id, ==, "webinar-sign-ups");
  g_assert_true (fp_plan_set_stage_name (plan, 0, "Web visits", &error));
  g_assert_cmpstr (fp_plan_get_stage (plan, 0)->id, ==, "web-visits-2");
  g_assert_true (fp_plan_set_stage_name (plan, 1, "Site visits", &error));
  g_assert_cmpstr (fp_plan_get_stage (plan, 1)->id, ==, "site-visits");
  g_assert_true (fp_plan_set_stage_id (plan, 3, "opps", &error));
  g_assert_true (fp_plan_set_stage_name (plan, 3, "Opportunities", &error));
  g_assert_cmpstr (fp_plan_get_stage (plan, 3)->id, ==, "opps");
  for (guint k = 0; k < 3; k++)
    g_assert_true (fp_plan_undo (plan));
  g_assert_cmpstr (fp_plan_get_stage (plan, 1)->id, ==, "web-visits");
  g_assert_cmpstr (fp_plan_get_stage (plan, 3)->id, ==, "sql");
  g_assert_true (fp_plan_remove_stage (plan, 0, &error));

  /* Moving the pipeline stage up keeps the role on it. */
  g_assert_true (fp_plan_move_stage (plan, 2, 0, &error));
  g_assert_cmpstr (fp_plan_get_stage (plan, 0)->id, ==, "sql");
  g_assert_cmpuint (fp_plan_get_pipeline_index (plan), ==, 0);
  g_assert_cmpuint (fp_plan_get_handoff_index (plan), ==, 2);

  /* Removing the handoff stage moves the role to a stage that exists. */
  g_assert_true (fp_plan_remove_stage (plan, 2, &error));
  g_assert_cmpuint (fp_plan_get_handoff_index (plan), <, fp_plan_get_n_stages (plan) - 1);

  /* One undo per structural edit, all the way back. */
  while (fp_plan_undo (plan))
    ;
  g_assert_cmpuint (fp_plan_get_n_stages (plan), ==, 3);
  g_assert_cmpstr (fp_plan_get_stage (plan, 0)->id, ==, "mql");
  g_assert_false (fp_plan_get_modified (plan));
}

/* Removing the inflow's stage moves the inflow to a stage beside it with
 * the deals it brings, so that the forecast stays: 850 leads a month at 20%
 * become 170 MQLs. Kept at 850, they were 850 MQLs, five times the revenue. */
static void
test_structure_remove_inflow_stage (void)
{
  g_autofree char *path = fp_test_source_path ("data/samples/q3-demand-plan.funnel.json");
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  g_autoptr(FpPlan) plan = fp_plan_load_file (file, NULL, &error);
  g_autoptr(FpProjection) before = NULL;
  guint stage;
  double per_month;

  g_assert_no_error (error);
  before = fp_projection_new (plan);
  g_assert_true (fp_plan_get_inflow (plan, &stage, &per_month));
  g_assert_cmpuint (stage, ==, 0);
  g_assert_cmpfloat (per_month, ==, 850);

  /* The first stage: the inflow enters the next one */
  g_assert_true (fp_plan_remove_stage (plan, 0, &error));
  g_assert_true (fp_plan_get_inflow (plan, &stage, &per_month));
  g_assert_cmpstr (fp_plan_get_stage (plan, stage)->name, ==, "Marketing qualified");
  g_assert_cmpfloat (per_month, ==, 170);
  {
    g_autoptr(FpProjection) after = fp_projection_new (plan);

    g_assert_cmpfloat_with_epsilon (after->projected_revenue, before->projected_revenue, 1e-3);
  }
  g_assert_true (fp_plan_undo (plan));
  g_assert_true (fp_plan_get_inflow (plan, &stage, &per_month));
  g_assert_cmpuint (stage, ==, 0);
  g_assert_cmpfloat (per_month, ==, 850);

  /* The last stage before the deals: the inflow goes to the one above */
  g_assert_true (fp_plan_set_inflow (plan, TRUE, 3, 100, &error));
  g_clear_pointer (&before, fp_projection_free);
  before = fp_projection_new (plan);
  g_assert_true (fp_plan_remove_stage (plan, 3, &error));
  g_assert_true (fp_plan_get_inflow (plan, &stage, &per_month));
  g_assert_cmpstr (fp_plan_get_stage (plan, stage)->name, ==, "Sales accepted");
  {
    g_autoptr(FpProjection) after = fp_projection_new (plan);

    g_assert_cmpfloat_with_epsilon (after->projected_revenue, before->projected_revenue, 1e-3);
  }
}

static void
test_structure_limits (void)
{
  g_autoptr(FpPlan) plan = fp_plan_new ();
  GError *error = NULL;

  g_assert_cmpuint (fp_plan_get_n_stages (plan), ==, 2);
  g_assert_false (fp_plan_remove_stage (plan, 0, &error));
  g_assert_error (error, FP_PLAN_ERROR, FP_PLAN_ERROR_INVALID);
  g_clear_error (&error);

  /* The closed deals stay last: nothing goes after them, they do not move,
   * no stage moves below them, and they are not removed. */
  g_assert_true (fp_plan_insert_stage (plan, 0, "Leads", &error));
  g_assert_false (fp_plan_insert_stage (plan, 3, "After the deals", &error));
  g_assert_error (error, FP_PLAN_ERROR, FP_PLAN_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "stages[3]: the closed deals stay the last stage"));
  g_clear_error (&error);
  g_assert_false (fp_plan_move_stage (plan, 1, 2, &error));
  g_assert_error (error, FP_PLAN_ERROR, FP_PLAN_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (fp_plan_move_stage (plan, 2, 0, &error));
  g_assert_error (error, FP_PLAN_ERROR, FP_PLAN_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (fp_plan_remove_stage (plan, 2, &error));
  g_assert_error (error, FP_PLAN_ERROR, FP_PLAN_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_cmpuint (fp_plan_get_n_stages (plan), ==, 3);
  g_assert_cmpstr (fp_plan_get_stage (plan, 0)->name, ==, "Leads");
  /* Above them, stages move and go freely */
  g_assert_true (fp_plan_move_stage (plan, 1, 0, &error));
  g_assert_true (fp_plan_remove_stage (plan, 1, &error));
  g_assert_no_error (error);

  while (fp_plan_get_n_stages (plan) < FP_PLAN_MAX_STAGES)
    g_assert_true (fp_plan_insert_stage (plan, 0, "Stage", &error));
  g_assert_false (fp_plan_insert_stage (plan, 0, "One too many", &error));
  g_assert_error (error, FP_PLAN_ERROR, FP_PLAN_ERROR_INVALID);
  g_clear_error (&error);
}

static void
test_period_keeps_weights (void)
{
  g_autoptr(FpPlan) plan = fp_test_plan_from_text (three_stages);
  g_autoptr(GError) error = NULL;

  g_assert_true (fp_plan_set_weights (plan, (double[]) { 1, 2, 3 }, 3, &error));
  g_assert_true (fp_plan_set_period (plan, 2027, 4, 4, &error));
  g_assert_cmpfloat (fp_plan_get_weight (plan, 2), ==, 3);
  g_assert_cmpfloat (fp_plan_get_weight (plan, 3), ==, 1);
  g_assert_true (fp_plan_set_period (plan, 2027, 4, 2, &error));
  g_assert_cmpfloat (fp_plan_get_weight (plan, 1), ==, 2);
  g_assert_true (fp_plan_set_weights (plan, NULL, 0, &error));
  g_assert_false (fp_plan_has_weights (plan));
  g_assert_no_error (error);
}

static void
test_replace (void)
{
  g_autoptr(FpPlan) plan = fp_test_plan_from_text (three_stages);
  g_autoptr(FpPlan) other = fp_plan_new ();

  fp_plan_replace (plan, other);
  g_assert_cmpuint (fp_plan_get_n_stages (plan), ==, 2);
  g_assert_true (fp_plan_undo (plan));
  g_assert_cmpuint (fp_plan_get_n_stages (plan), ==, 3);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/plan/edit/emits-once", test_edit_emits_once);
  g_test_add_func ("/plan/new-stage-changes-nothing", test_new_stage_changes_nothing);
  g_test_add_func ("/plan/edit/rejects", test_edit_rejects);
  g_test_add_func ("/plan/undo/redo", test_undo_redo);
  g_test_add_func ("/plan/undo/gesture", test_gesture_is_one_step);
  g_test_add_func ("/plan/undo/merge-key", test_merge_key_runs);
  g_test_add_func ("/plan/undo/modified", test_modified_tracks_saves);
  g_test_add_func ("/plan/structure/roles", test_structure_keeps_roles);
  g_test_add_func ("/plan/structure/limits", test_structure_limits);
  g_test_add_func ("/plan/structure/remove-inflow-stage", test_structure_remove_inflow_stage);
  g_test_add_func ("/plan/period/weights", test_period_keeps_weights);
  g_test_add_func ("/plan/replace", test_replace);

  return g_test_run ();
}
