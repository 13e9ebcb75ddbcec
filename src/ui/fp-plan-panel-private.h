/* fp-plan-panel-private.h: what the panel's files share, and the widgets
 * the UI tests drive
 *
 * fp-plan-panel.c holds the plan's settings (plan, period, flow) and the
 * syncing; fp-plan-panel-stages.c the list of stages; fp-plan-panel-fields.c
 * how a field takes a value and how a refusal is told.
 */
#pragma once

#include <adwaita.h>

#include "fp-plan-panel.h"
#include "fp-toast-slot.h"

G_BEGIN_DECLS

typedef struct _StageRow StageRow;

struct _FpPlanPanel
{
  GtkWidget parent_instance;

  FpPlan *plan;
  gulong changed_id;
  gboolean syncing;
  gboolean ratio_mode;
  gboolean refused;        /* an edit was refused since apply_typed began */
  FpToastSlot error_toast; /* the last refusal's message */
  GtkWidget *refused_row;  /* the row it is about (weak), or NULL */
  guint plan_changes;      /* the plan's ::changed emissions seen */
  guint refused_at;        /* plan_changes at the last refusal */
  FpToastSlot removed_toast; /* "“Trials” removed", with Undo, until the next change */
  guint removed_toast_idle;  /* its dismissal, after the change that ends it */

  AdwPreferencesPage *page;

  AdwEntryRow *title_row;
  AdwEntryRow *currency_row;
  AdwActionRow *target_row;
  GtkSpinButton *target_spin;
  AdwActionRow *deal_size_row;
  GtkSpinButton *deal_size_spin;

  AdwComboRow *start_month_row;
  AdwActionRow *start_year_row;
  GtkSpinButton *start_year_spin;
  AdwActionRow *months_row;
  GtkSpinButton *months_spin;
  AdwExpanderRow *weights_row;
  GPtrArray *weight_rows;  /* AdwActionRow */
  GPtrArray *weight_spins; /* GtkSpinButton */
  int weights_year;
  int weights_month;

  AdwExpanderRow *inflow_row;
  AdwComboRow *inflow_stage_row;
  AdwActionRow *inflow_rate_row;
  GtkSpinButton *inflow_spin;
  AdwComboRow *handoff_row;
  AdwComboRow *pipeline_row;
  GtkStringList *stage_names; /* every stage but the last, for the combo rows */

  AdwPreferencesGroup *stages_group;
  GtkToggleButton *ratio_toggle;
  GtkButton *add_button;
  GPtrArray *stage_rows;   /* StageRow, in stage order */
};

/* What a number field takes besides its range */
typedef enum
{
  /* Its lower end is not a value the plan takes (a revenue target of 0):
   * typed, it takes no less than its last digit's unit, 0.01 (a cent). A
   * smaller amount from a file is shown as it is (0.001) and kept. */
  FP_FIELD_ABOVE_LOWER = 1 << 0,
  /* A count (months, a year): no fraction, and no thousands separator
   * ("2027") */
  FP_FIELD_WHOLE_NUMBER = 1 << 1,
} FpFieldRule;

/* fp-plan-panel.c */
void           _fp_plan_panel_finish_edit        (FpPlanPanel          *self,
                                                  GtkWidget            *row,
                                                  gboolean              ok,
                                                  GError               *error);

/* fp-plan-panel-fields.c: refusals, number fields and entry rows */
void           _fp_plan_panel_show_error         (FpPlanPanel          *self,
                                                  GtkWidget            *row,
                                                  const GError         *error);
/* Takes the error mark off @row (or nothing, for NULL) */
void           _fp_plan_panel_clear_error        (GtkWidget            *row);
GtkSpinButton *_fp_plan_panel_make_number_spin   (double                lower,
                                                  double                upper,
                                                  double                step,
                                                  guint                 digits,
                                                  int                   width_chars);
/* The range the field offers, beyond which it reaches only to show a
 * plan's value */
void           _fp_plan_panel_set_field_range    (GtkSpinButton        *spin,
                                                  double                lower,
                                                  double                upper);
void           _fp_plan_panel_add_field_rule     (GtkSpinButton        *spin,
                                                  FpFieldRule           rule);
AdwActionRow  *_fp_plan_panel_spin_row           (const char           *title,
                                                  const char           *subtitle,
                                                  GtkSpinButton        *spin);
/* An entry row with an apply button, applied on Enter, the button, or
 * when the focus leaves it */
AdwEntryRow   *_fp_plan_panel_entry_row          (FpPlanPanel          *self,
                                                  const char           *title);
/* Text typed into an entry row and not in the plan: not applied yet, or
 * refused (a refused text stays, in red, saying why) when @refused_too */
gboolean       _fp_plan_panel_holds_typed_text   (GtkWidget            *row,
                                                  gboolean              refused_too);
/* Applies an entry row's typed text as Enter does, keeping the focus where
 * it is */
void           _fp_plan_panel_apply_typed_entry  (GtkWidget            *row);
/* The number field or entry row with the focus, inside @row (anywhere
 * for NULL); NULL when the focus is elsewhere */
GtkWidget     *_fp_plan_panel_focused_field      (FpPlanPanel          *self,
                                                  GtkWidget            *row);
/* A number typed into @spin and not read yet: its text is not the one the
 * field writes for its value */
gboolean       _fp_plan_panel_holds_typed_number (GtkSpinButton        *spin);
/* Gives that number up, as Escape does: the field shows its value again,
 * all of it selected. FALSE when @spin held none. */
gboolean       _fp_plan_panel_give_up_typed_number (GtkSpinButton      *spin);
/* A unit the field also reads after a typed number ("%" for "20%"): a
 * static string */
void           _fp_plan_panel_set_typed_unit     (GtkSpinButton        *spin,
                                                  const char           *unit);
void           _fp_plan_panel_set_spin           (GtkSpinButton        *spin,
                                                  double                value);
void           _fp_plan_panel_set_entry          (AdwEntryRow          *row,
                                                  const char           *text);
/* The next _fp_plan_panel_set_entry() writes @row, whatever it holds */
void           _fp_plan_panel_forget_entry       (AdwEntryRow          *row);
/* Reads @spin into @value; FALSE when it holds @plan_value: no edit. A
 * field's text that nobody typed is never read back rounded (see
 * on_spin_button_input). */
gboolean       _fp_plan_panel_read_spin          (GtkSpinButton        *spin,
                                                  double                plan_value,
                                                  double               *value);

/* fp-plan-panel-stages.c: the list of stages */
void           _fp_plan_panel_stages_init        (FpPlanPanel          *self);
/* The name of the stage whose row holds @widget, or NULL */
const char    *_fp_plan_panel_stage_name_of      (FpPlanPanel          *self,
                                                  GtkWidget            *widget);
/* After a structure change: rebuilds the rows if the stages moved. The
 * sync that follows labels a renamed stage's row with its new id. */
void           _fp_plan_panel_rebuild_stages     (FpPlanPanel          *self);
/* Writes the stages' values into their rows */
void           _fp_plan_panel_sync_stages        (FpPlanPanel          *self);
/* _fp_plan_panel_forget_entry() on every stage's name row */
void           _fp_plan_panel_forget_stage_entries (FpPlanPanel        *self);
/* After the ratio mode changed: the conversion fields' ranges */
void           _fp_plan_panel_configure_conversions (FpPlanPanel       *self);

/* For the tests */

typedef enum
{
  FP_PLAN_PANEL_STAGE_CONVERSION,
  FP_PLAN_PANEL_STAGE_DURATION,
  FP_PLAN_PANEL_STAGE_COST,
} FpPlanPanelStageField;

AdwEntryRow   *_fp_plan_panel_get_title_row      (FpPlanPanel          *self);
AdwEntryRow   *_fp_plan_panel_get_currency_row   (FpPlanPanel          *self);
/* The toast saying a stage was removed, or NULL when none shows */
AdwToast      *_fp_plan_panel_get_removed_toast  (FpPlanPanel          *self);
/* The toast saying why a value was refused, or NULL when none shows */
AdwToast      *_fp_plan_panel_get_error_toast    (FpPlanPanel          *self);
GtkSpinButton *_fp_plan_panel_get_target_spin    (FpPlanPanel          *self);
GtkSpinButton *_fp_plan_panel_get_deal_size_spin (FpPlanPanel          *self);
GtkSpinButton *_fp_plan_panel_get_months_spin    (FpPlanPanel          *self);
GtkSpinButton *_fp_plan_panel_get_start_year_spin (FpPlanPanel         *self);
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
AdwExpanderRow *_fp_plan_panel_get_inflow_row    (FpPlanPanel          *self);
guint          _fp_plan_panel_get_n_weight_rows  (FpPlanPanel          *self);
GtkSpinButton *_fp_plan_panel_get_weight_spin    (FpPlanPanel          *self,
                                                  guint                 month);

G_END_DECLS
