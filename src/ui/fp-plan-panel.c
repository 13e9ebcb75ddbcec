/* fp-plan-panel.c: the side panel, every setting of the plan
 *
 * The plan is the one source of truth. Widgets edit it through its edit API;
 * on ::changed the panel writes the plan's values back into the widgets with
 * self->syncing set, so that those writes are not taken for edits (no
 * feedback loop). The list of stages is in fp-plan-panel-stages.c.
 * An edit the plan refuses shows the core's message and the widget returns
 * to the plan's value; the app never crashes on input.
 */
#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>
#include <math.h>
#include <string.h>

#include "fp-format.h"
#include "fp-plan-panel-private.h"



G_DEFINE_FINAL_TYPE (FpPlanPanel, fp_plan_panel, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_PLAN,
  PROP_RATIO_MODE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void sync_values (FpPlanPanel *self);
static void ensure_weight_rows (FpPlanPanel *self);
static gboolean weight_rows_fit_period (FpPlanPanel *self);
static void sync_all    (FpPlanPanel *self,
                         FpPlanChange change);

/* Errors */

/* @row's title, or NULL when it has none */
static const char *
row_title (GtkWidget *row)
{
  const char *title = ADW_IS_PREFERENCES_ROW (row)
                      ? adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)) : NULL;

  return title != NULL && title[0] != '\0' ? title : NULL;
}

/* Why a value of @row was refused, as the window says it: "Average deal
 * size: must be more than 0", "Name of “Leads”: must not be empty" in a
 * stage's row, or @reason alone for a row with no title. */
static char *
titled_reason (FpPlanPanel *self,
               GtkWidget   *row,
               const char  *reason)
{
  const char *title = row_title (row);
  const char *stage = _fp_plan_panel_stage_name_of (self, row);

  if (title == NULL)
    return g_strdup (reason);
  if (stage != NULL)
    /* Translators: a refused edit of a stage, e.g. "Conversion of
     * “Leads”: must be more than 0 and at most 100%"; %1$s is the field's
     * title, %2$s the stage's name, %3$s why the value was refused */
    return g_strdup_printf (_("%1$s of “%2$s”: %3$s"), title, stage, reason);
  /* Translators: a refused edit, e.g. "Average deal size: must be more
   * than 0"; %1$s is the field's title, %2$s why the value was refused */
  return g_strdup_printf (_("%1$s: %2$s"), title, reason);
}

/* The core's message, "average_deal_size: must be more than 0", as the
 * window says it: with the row's title for the document's field name. */
static char *
message_for_row (FpPlanPanel  *self,
                 GtkWidget    *row,
                 const GError *error)
{
  const char *colon = strstr (error->message, ": ");
  g_autofree char *field = NULL;

  if (row == NULL || colon == NULL || row_title (row) == NULL)
    return g_strdup (error->message);
  field = g_strndup (error->message, colon - error->message);
  if (strchr (field, ' ') != NULL)
    return g_strdup (error->message);
  return titled_reason (self, row, colon + 2);
}

/* How long a refusal's message shows, as a toast's own timeout would */
#define ERROR_TOAST_SECONDS 5

/* @message as a toast, where a toast overlay holds the panel. An entry
 * row keeps the text it refused, and so is marked (error style and
 * tooltip) until the text changes; a number field shows the plan's value
 * again at once and has nothing left to mark. */
static void
show_refusal (FpPlanPanel *self,
              GtkWidget   *row,
              const char  *message)
{
  GtkWidget *overlay;

  self->refused = TRUE;

  if (row != NULL && ADW_IS_ENTRY_ROW (row))
    {
      gtk_widget_add_css_class (row, "error");
      gtk_widget_set_tooltip_text (row, message);
    }

  /* The last refusal is the one to read, at once: the toast showing the
   * one before says it instead (see fp-toast-slot.h), for its seconds. */
  overlay = gtk_widget_get_ancestor (GTK_WIDGET (self), ADW_TYPE_TOAST_OVERLAY);
  if (overlay != NULL)
    fp_toast_slot_show (&self->error_toast, ADW_TOAST_OVERLAY (overlay), message,
                        ERROR_TOAST_SECONDS);
}

/* The core's message for a refused edit of @row (or of no row) */
void
_fp_plan_panel_show_error (FpPlanPanel  *self,
                           GtkWidget    *row,
                           const GError *error)
{
  g_autofree char *message = message_for_row (self, row, error);

  show_refusal (self, row, message);
}

static void
clear_error (GtkWidget *row)
{
  if (row != NULL && gtk_widget_has_css_class (row, "error"))
    {
      gtk_widget_remove_css_class (row, "error");
      gtk_widget_set_tooltip_text (row, NULL);
    }
}

/* After an edit: clear or show the error, and on failure put the plan's
 * value back into the widgets. */
void
_fp_plan_panel_finish_edit (FpPlanPanel *self,
                            GtkWidget   *row,
                            gboolean     ok,
                            GError      *error)
{
  if (ok)
    {
      clear_error (row);
      return;
    }
  _fp_plan_panel_show_error (self, row, error);
  sync_values (self);
}

/* Widget helpers */

/* A typed text the field cannot take, said as the plan's refusals are:
 * "Months: must be from 1 to 36". */
static void
refuse_typed_number (GtkSpinButton *spin,
                     const char    *reason)
{
  GtkWidget *panel = gtk_widget_get_ancestor (GTK_WIDGET (spin), FP_TYPE_PLAN_PANEL);
  GtkWidget *row = gtk_widget_get_ancestor (GTK_WIDGET (spin), ADW_TYPE_PREFERENCES_ROW);
  g_autofree char *message = NULL;

  if (panel == NULL)
    return;
  message = titled_reason (FP_PLAN_PANEL (panel), row, reason);
  show_refusal (FP_PLAN_PANEL (panel), row, message);
}

/* What a spin button keeps for its runs of steps: see
 * merge_runs_into_one_step() */
typedef struct
{
  guint focus_count;    /* times it took the focus: one run each */
  char *shown_text;     /* what the field last showed */
  gboolean typed;       /* typed_value is being committed */
  double typed_value;
  FpPlan *plan;         /* whose merge key it set, during an edit */
} SpinRun;

static void
spin_run_free (gpointer data)
{
  SpinRun *run = data;

  g_free (run->shown_text);
  g_clear_object (&run->plan);
  g_free (run);
}

static SpinRun *
spin_run (GtkSpinButton *spin)
{
  return g_object_get_data (G_OBJECT (spin), "fp-spin-run");
}

/* A typed value is an undo step of its own, never merged into a run of
 * steps: GTK reads the text back through the input signal for a typed
 * value, and a text other than the one the field last showed is one a
 * person typed. Its value tells it apart from a later step's. */
static void
note_typed_value (GtkSpinButton *spin,
                  const char    *text,
                  double         value)
{
  SpinRun *run = spin_run (spin);

  if (run == NULL)
    return;
  run->typed = g_strcmp0 (text, run->shown_text) != 0;
  run->typed_value = value;
}

static void
note_shown_text (SpinRun       *run,
                 GtkSpinButton *spin)
{
  g_free (run->shown_text);
  run->shown_text = g_strdup (gtk_editable_get_text (GTK_EDITABLE (spin)));
  run->typed = FALSE;
}

/* What a field takes besides its range, kept on the spin button */
typedef enum
{
  /* Its lower end is not a value the plan takes (a revenue target of 0):
   * typed, it takes the smallest value it shows, 0.01. */
  FIELD_ABOVE_LOWER = 1 << 0,
  /* A count (months, a year): no fraction, and no thousands separator
   * ("2027") */
  FIELD_WHOLE_NUMBER = 1 << 1,
} FieldRule;

static void
add_field_rule (GtkSpinButton *spin,
                FieldRule      rule)
{
  FieldRule rules = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (spin), "fp-field-rules"));

  g_object_set_data (G_OBJECT (spin), "fp-field-rules", GUINT_TO_POINTER (rules | rule));
}

static gboolean
has_field_rule (GtkSpinButton *spin,
                FieldRule      rule)
{
  return (GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (spin), "fp-field-rules")) & rule) != 0;
}

/* The range a field offers its buttons and typing, and its width, when it
 * holds an ordinary value. The format bounds few numbers, so a plan may hold
 * one beyond the range (a deal size of 10^15): the field then reaches as far
 * as that value and grows to show it, where GTK would clamp the value and
 * hide the end of the text, and "1,600,000,000," reads as a smaller
 * number. */
typedef struct
{
  double lower;
  double upper;
  int width_chars;
} FieldBounds;

/* The widest a field grows for a long value, "1,000,000,000,000,000.25" */
#define FIELD_MAX_WIDTH_CHARS 24

static FieldBounds *
field_bounds (GtkSpinButton *spin)
{
  FieldBounds *bounds = g_object_get_data (G_OBJECT (spin), "fp-field-bounds");

  g_assert (bounds != NULL);
  return bounds;
}

/* The text the field shows for @value: a count plain ("2027"), an
 * amount in the locale's format */
static char *
text_for_value (GtkSpinButton *spin,
                double         value)
{
  if (has_field_rule (spin, FIELD_WHOLE_NUMBER))
    return g_strdup_printf ("%.0f", value);
  return _fp_format_decimal (value, (int) gtk_spin_button_get_digits (spin));
}

/* Reads back what the output wrote, or what a person typed in the same
 * format. A text that is no number, or a number outside the field's range,
 * is refused with a message, and the field shows its value again: GTK
 * would put the value back without a word. */
static int
on_spin_button_input (GtkSpinButton *spin,
                      double        *new_value,
                      gpointer       user_data)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (spin));
  const char *unit = g_object_get_data (G_OBJECT (spin), "fp-typed-unit");
  g_autofree char *number = g_strstrip (g_strdup (text));
  g_autofree char *shown = text_for_value (spin, gtk_spin_button_get_value (spin));
  guint digits = gtk_spin_button_get_digits (spin);
  gboolean whole = has_field_rule (spin, FIELD_WHOLE_NUMBER);
  double lower;
  double upper;

  /* Nothing typed: the value stays as it is. GTK reads the text again as
   * the focus leaves, and a deal size of 25,500.5 shown as "25,501" came
   * back as 25,501, a duration of 2.5 days shown as "2" as 2 days. */
  if (g_strcmp0 (text, shown) == 0)
    {
      *new_value = gtk_spin_button_get_value (spin);
      return TRUE;
    }

  if (unit != NULL && g_str_has_suffix (number, unit))
    {
      number[strlen (number) - strlen (unit)] = '\0';
      g_strchomp (number);
    }
  gtk_spin_button_get_range (spin, &lower, &upper);
  if (!_fp_parse_number (number, new_value))
    {
      g_autofree char *stripped = g_strstrip (g_strdup (text));
      /* Translators: a typed text a number field refused, e.g. "“12x” is
       * not a number", or an emptied field ("needs a number"); the window
       * puts the field's title before it */
      g_autofree char *reason = stripped[0] == '\0'
                                ? g_strdup (_("needs a number"))
                                : g_strdup_printf (_("“%s” is not a number"), stripped);

      refuse_typed_number (spin, reason);
      return GTK_INPUT_ERROR;
    }
  /* A field that cannot be 0 takes nothing it would show as 0 */
  if (has_field_rule (spin, FIELD_ABOVE_LOWER))
    lower = MAX (lower, pow (10, -(double) digits));
  if (*new_value < lower || *new_value > upper || (whole && *new_value != floor (*new_value)))
    {
      /* As the field writes its numbers: a year without a thousands
       * separator ("from 1 to 9999") */
      g_autofree char *from = text_for_value (spin, lower);
      g_autofree char *to = text_for_value (spin, upper);
      /* Translators: a typed number outside a field's range, e.g. "must be
       * from 0.01 to 1,000,000,000,000", or "must be a whole number from 1
       * to 60"; the window puts the field's title before it */
      g_autofree char *reason = whole
                                ? g_strdup_printf (_("must be a whole number from %1$s to %2$s"), from, to)
                                : g_strdup_printf (_("must be from %1$s to %2$s"), from, to);

      refuse_typed_number (spin, reason);
      return GTK_INPUT_ERROR;
    }
  note_typed_value (spin, text, *new_value);
  return TRUE;
}

static void
on_spin_focus_notify_contains_focus (GtkEventControllerFocus *focus,
                                     GParamSpec              *pspec,
                                     GtkEventController      *wheel)
{
  gtk_event_controller_set_propagation_phase (wheel, gtk_event_controller_focus_contains_focus (focus)
                                                     ? GTK_PHASE_BUBBLE : GTK_PHASE_NONE);
}

/* Every number in the panel is a spin button, and a spin button takes the
 * wheel: scrolling the panel changed the plan under a pointer on its way.
 * The wheel now scrolls the panel, and steps a field only once the field
 * has the focus. */
static void
take_wheel_only_with_focus (GtkSpinButton *spin)
{
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (GTK_WIDGET (spin));
  GtkEventController *wheel = NULL;
  GtkEventController *focus;

  for (guint i = 0; wheel == NULL && i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GObject) controller = g_list_model_get_item (controllers, i);

      if (GTK_IS_EVENT_CONTROLLER_SCROLL (controller))
        wheel = GTK_EVENT_CONTROLLER (controller);
    }
  if (wheel == NULL)
    return;
  gtk_event_controller_set_propagation_phase (wheel, GTK_PHASE_NONE);
  focus = gtk_event_controller_focus_new ();
  g_signal_connect_object (focus, "notify::contains-focus",
                           G_CALLBACK (on_spin_focus_notify_contains_focus), wheel, 0);
  gtk_widget_add_controller (GTK_WIDGET (spin), focus);
}

/* A run of steps on one field while it keeps the focus (its + and -
 * buttons, the arrow keys, the wheel) is one undo step, as a run of arrow
 * keys on a canvas handle is: ten clicks on + took ten Ctrl+Z to take
 * back. The run is the field and how many times it has taken the focus;
 * any other edit in between ends it (fp_plan_set_merge_key), and so does a
 * typed value, which is a step of its own. These two handlers run before
 * and after the panel's own value-changed handler. */
static void
on_spin_focus_enter (GtkEventControllerFocus *focus,
                     GtkSpinButton           *spin)
{
  SpinRun *run = spin_run (spin);

  run->focus_count++;
  note_shown_text (run, spin);
}

static void
on_spin_value_changed_begin_run (GtkSpinButton *spin,
                                 SpinRun       *run)
{
  GtkWidget *panel = gtk_widget_get_ancestor (GTK_WIDGET (spin), FP_TYPE_PLAN_PANEL);
  FpPlan *plan = panel != NULL ? FP_PLAN_PANEL (panel)->plan : NULL;
  g_autofree char *key = NULL;

  if (plan == NULL || (run->typed && run->typed_value == gtk_spin_button_get_value (spin)))
    return;
  key = g_strdup_printf ("plan-panel spin %p/%u", (void *) spin, run->focus_count);
  fp_plan_set_merge_key (plan, key);
  /* Kept, so that the key is cleared even when the edit rebuilt the rows
   * and took the field out of the panel. */
  g_set_object (&run->plan, plan);
}

static void
on_spin_value_changed_end_run (GtkSpinButton *spin,
                               SpinRun       *run)
{
  note_shown_text (run, spin);
  if (run->plan == NULL)
    return;
  fp_plan_set_merge_key (run->plan, NULL);
  g_clear_object (&run->plan);
}

static void
merge_runs_into_one_step (GtkSpinButton *spin)
{
  GtkEventController *focus = gtk_event_controller_focus_new ();
  SpinRun *run = g_new0 (SpinRun, 1);

  g_object_set_data_full (G_OBJECT (spin), "fp-spin-run", run, spin_run_free);
  g_signal_connect_object (focus, "enter", G_CALLBACK (on_spin_focus_enter), spin, 0);
  gtk_widget_add_controller (GTK_WIDGET (spin), focus);
  g_signal_connect (spin, "value-changed", G_CALLBACK (on_spin_value_changed_begin_run), run);
  g_signal_connect_after (spin, "value-changed", G_CALLBACK (on_spin_value_changed_end_run), run);
}

/* Escape alone, as a key that gives up typed text */
static gboolean
is_plain_escape (guint           keyval,
                 GdkModifierType state)
{
  return keyval == GDK_KEY_Escape && (state & gtk_accelerator_get_default_mod_mask ()) == 0;
}

/* Escape gives up what was typed into a number field: the field shows
 * its value again, and leaving it then changes nothing. Without typed text
 * Escape goes on to the window (it folds an overlaid panel away). */
static gboolean
on_spin_key_pressed (GtkEventControllerKey *keys,
                     guint                  keyval,
                     guint                  keycode,
                     GdkModifierType        state,
                     GtkSpinButton         *spin)
{
  g_autofree char *typed = NULL;

  if (!is_plain_escape (keyval, state))
    return GDK_EVENT_PROPAGATE;

  typed = g_strdup (gtk_editable_get_text (GTK_EDITABLE (spin)));
  /* The same value again: GTK writes its text anew through ::output. */
  gtk_spin_button_set_value (spin, gtk_spin_button_get_value (spin));
  if (g_strcmp0 (typed, gtk_editable_get_text (GTK_EDITABLE (spin))) == 0)
    return GDK_EVENT_PROPAGATE;
  gtk_editable_select_region (GTK_EDITABLE (spin), 0, -1);
  return GDK_EVENT_STOP;
}

/* Every field writes its text through text_for_value(), which the input
 * handler compares with: an amount as every other number in the window
 * (the locale's decimal mark and thousands separators, "1.200.000" in
 * German, no trailing zeros), a count plain. */
static gboolean
on_spin_button_output (GtkSpinButton *spin,
                       gpointer       user_data)
{
  g_autofree char *text = text_for_value (spin, gtk_spin_button_get_value (spin));
  int width_chars = CLAMP ((int) g_utf8_strlen (text, -1), field_bounds (spin)->width_chars,
                           FIELD_MAX_WIDTH_CHARS);

  if (g_strcmp0 (gtk_editable_get_text (GTK_EDITABLE (spin)), text) != 0)
    gtk_editable_set_text (GTK_EDITABLE (spin), text);
  if (gtk_editable_get_width_chars (GTK_EDITABLE (spin)) != width_chars)
    gtk_editable_set_width_chars (GTK_EDITABLE (spin), width_chars);
  return TRUE;
}

/* Gives the field another range of its own (a conversion typed as a
 * percentage or as N:1) */
void
_fp_plan_panel_set_field_range (GtkSpinButton *spin,
                                double         lower,
                                double         upper)
{
  FieldBounds *bounds = field_bounds (spin);

  bounds->lower = lower;
  bounds->upper = upper;
  gtk_spin_button_set_range (spin, lower, upper);
}

/* A number field, shown and read in the locale's format (a count plain:
 * FIELD_WHOLE_NUMBER) */
GtkSpinButton *
_fp_plan_panel_make_number_spin (double lower,
                                 double upper,
                                 double step,
                                 guint  digits,
                                 int    width_chars)
{
  GtkAdjustment *adjustment = gtk_adjustment_new (lower, lower, upper, step, step * 10, 0);
  GtkWidget *spin = gtk_spin_button_new (adjustment, step, digits);
  FieldBounds *bounds = g_new (FieldBounds, 1);
  GtkEventController *keys;

  *bounds = (FieldBounds) { lower, upper, width_chars };
  g_object_set_data_full (G_OBJECT (spin), "fp-field-bounds", bounds, g_free);

  /* Not "numeric": that drops what it does not take without a word, and
   * "2.5" typed as months became 25. The input handler says why. */
  g_signal_connect (spin, "input", G_CALLBACK (on_spin_button_input), NULL);
  /* Ctrl+Z is the plan's undo. The field's own text undo, reached when
   * the plan has nothing to undo, emptied the field. */
  gtk_editable_set_enable_undo (GTK_EDITABLE (spin), FALSE);
  gtk_spin_button_set_update_policy (GTK_SPIN_BUTTON (spin), GTK_UPDATE_IF_VALID);
  gtk_editable_set_width_chars (GTK_EDITABLE (spin), width_chars);
  gtk_widget_set_valign (spin, GTK_ALIGN_CENTER);
  take_wheel_only_with_focus (GTK_SPIN_BUTTON (spin));
  merge_runs_into_one_step (GTK_SPIN_BUTTON (spin));
  keys = gtk_event_controller_key_new ();
  g_signal_connect (keys, "key-pressed", G_CALLBACK (on_spin_key_pressed), spin);
  gtk_widget_add_controller (spin, keys);
  g_signal_connect (spin, "output", G_CALLBACK (on_spin_button_output), NULL);
  /* The output signal only runs on a value change: format the first one. */
  on_spin_button_output (GTK_SPIN_BUTTON (spin), NULL);
  return GTK_SPIN_BUTTON (spin);
}

AdwActionRow *
_fp_plan_panel_spin_row (const char    *title,
                         const char    *subtitle,
                         GtkSpinButton *spin)
{
  AdwActionRow *row = ADW_ACTION_ROW (adw_action_row_new ());

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  if (subtitle != NULL)
    adw_action_row_set_subtitle (row, subtitle);
  adw_action_row_add_suffix (row, GTK_WIDGET (spin));
  /* The row labels its activatable widget for screen readers: a label of
   * the spin button's own would be read twice ("Months Months"). */
  adw_action_row_set_activatable_widget (row, GTK_WIDGET (spin));
  /* One Tab stop, the number, as AdwEntryRow has: a focusable row took a
   * stop of its own before its field, with nothing to do there. */
  gtk_widget_set_focusable (GTK_WIDGET (row), FALSE);
  return row;
}

/* Text typed and not in the plan: not applied yet, or refused (a refused
 * text stays, in red, saying why) when @refused_too. */
static gboolean
holds_typed_text (GtkWidget *row,
                  gboolean   refused_too)
{
  const char *synced = g_object_get_data (G_OBJECT (row), "fp-synced-text");

  return synced != NULL && (refused_too || !gtk_widget_has_css_class (row, "error")) &&
         g_strcmp0 (gtk_editable_get_text (GTK_EDITABLE (row)), synced) != 0;
}

/* Forgets that the row's text was typed, so its apply button goes, as
 * after Enter: libadwaita 1.2 has no call for it, but a row that shows no
 * apply button forgets the typing. */
static void
hide_apply_button (AdwEntryRow *row)
{
  gboolean apply_button = adw_entry_row_get_show_apply_button (row);

  adw_entry_row_set_show_apply_button (row, FALSE);
  adw_entry_row_set_show_apply_button (row, apply_button);
}

/* Applies typed text as Enter does, without moving the focus: activating
 * the row's text took the focus back into it when the apply button had
 * it, and left the button showing after the focus had gone on. */
static void
apply_typed_entry (GtkWidget *row)
{
  hide_apply_button (ADW_ENTRY_ROW (row));
  g_signal_emit_by_name (row, "apply");
}

/* Writes the plan's text into @row as a fresh start for the field's own
 * undo. GTK records a text set from code as typing, and Ctrl+Z took it
 * back together with the typing after it: the field went empty. Turning
 * the undo off forgets what it held. */
static void
show_plan_text (AdwEntryRow *row,
                const char  *text)
{
  gtk_editable_set_enable_undo (GTK_EDITABLE (row), FALSE);
  gtk_editable_set_text (GTK_EDITABLE (row), text);
  gtk_editable_set_enable_undo (GTK_EDITABLE (row), TRUE);
}

/* Escape gives up the text typed into an entry row, refused or not: the
 * row shows the plan's text again. Without typed text Escape goes on to
 * the window. */
static gboolean
on_entry_row_key_pressed (GtkEventControllerKey *keys,
                          guint                  keyval,
                          guint                  keycode,
                          GdkModifierType        state,
                          AdwEntryRow           *row)
{
  const char *synced = g_object_get_data (G_OBJECT (row), "fp-synced-text");

  if (!is_plain_escape (keyval, state) || !holds_typed_text (GTK_WIDGET (row), TRUE))
    return GDK_EVENT_PROPAGATE;

  show_plan_text (row, synced);
  hide_apply_button (row);
  clear_error (GTK_WIDGET (row));
  gtk_editable_set_position (GTK_EDITABLE (row), -1);
  return GDK_EVENT_STOP;
}

/* Text typed into an entry row applies when the focus leaves the row, as a
 * number field's does: Enter and the apply button are not the only ways
 * out, and a title left half-applied showed one name in the panel and
 * another on the canvas. Not while the panel follows the plan (a row
 * being rebuilt away loses the focus too). */
static void
on_entry_row_focus_leave (GtkEventControllerFocus *focus,
                          FpPlanPanel             *self)
{
  GtkWidget *row = gtk_event_controller_get_widget (GTK_EVENT_CONTROLLER (focus));

  /* A refused text, not edited since, is not refused again at every move
   * of the focus */
  if (!self->syncing && gtk_widget_get_mapped (row) && holds_typed_text (row, FALSE))
    apply_typed_entry (row);
}

/* A refused text is marked until it changes: edited, it is a new text to
 * apply, on Enter or as the focus leaves. Typing undone back to the plan's
 * text leaves nothing to apply, and the apply button goes. */
static void
on_entry_row_changed (GtkEditable *row,
                      gpointer     user_data)
{
  const char *synced = g_object_get_data (G_OBJECT (row), "fp-synced-text");

  clear_error (GTK_WIDGET (row));
  if (synced != NULL && g_strcmp0 (gtk_editable_get_text (row), synced) == 0)
    hide_apply_button (ADW_ENTRY_ROW (row));
}

AdwEntryRow *
_fp_plan_panel_entry_row (FpPlanPanel *self,
                          const char  *title)
{
  AdwEntryRow *row = ADW_ENTRY_ROW (adw_entry_row_new ());
  GtkEventController *focus = gtk_event_controller_focus_new ();
  GtkEventController *keys = gtk_event_controller_key_new ();

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_entry_row_set_show_apply_button (row, TRUE);
  g_signal_connect (focus, "leave", G_CALLBACK (on_entry_row_focus_leave), self);
  gtk_widget_add_controller (GTK_WIDGET (row), focus);
  g_signal_connect (keys, "key-pressed", G_CALLBACK (on_entry_row_key_pressed), row);
  gtk_widget_add_controller (GTK_WIDGET (row), keys);
  g_signal_connect (row, "changed", G_CALLBACK (on_entry_row_changed), NULL);
  return row;
}

void
_fp_plan_panel_set_typed_unit (GtkSpinButton *spin,
                               const char    *unit)
{
  g_object_set_data (G_OBJECT (spin), "fp-typed-unit", (gpointer) unit);
}

/* Sets the field's range to its own with @value in it. It widens before the
 * value moves and narrows after, so that the range never clamps a value on
 * its way, and leaves an unchanged range alone: a new one resizes the
 * field, and the plan's values are written into the panel on every motion
 * of a drag. */
void
_fp_plan_panel_set_spin (GtkSpinButton *spin,
                         double         value)
{
  const FieldBounds *bounds = field_bounds (spin);
  double lower = MIN (bounds->lower, value);
  double upper = MAX (bounds->upper, value);
  double current_lower, current_upper;

  gtk_spin_button_get_range (spin, &current_lower, &current_upper);
  if (current_lower > lower || current_upper < upper)
    gtk_spin_button_set_range (spin, MIN (current_lower, lower), MAX (current_upper, upper));
  if (fabs (gtk_spin_button_get_value (spin) - value) > 1e-9)
    gtk_spin_button_set_value (spin, value);
  if (current_lower != lower || current_upper != upper)
    gtk_spin_button_set_range (spin, lower, upper);
}

void
_fp_plan_panel_forget_entry (AdwEntryRow *row)
{
  g_object_set_data (G_OBJECT (row), "fp-synced-text", NULL);
}

gboolean
_fp_plan_panel_read_spin (GtkSpinButton *spin,
                          double         plan_value,
                          double        *value)
{
  *value = gtk_spin_button_get_value (spin);
  return *value != plan_value;
}

void
_fp_plan_panel_set_entry (AdwEntryRow *row,
                          const char  *text)
{
  const char *synced = g_object_get_data (G_OBJECT (row), "fp-synced-text");

  /* An entry row applies its text on Enter or its apply button. Until the
   * plan's own value changes (an applied edit, undo, reload), the row keeps
   * what the user typed there, applied or not, rejected or not: another
   * edit elsewhere must not throw it away. */
  if (synced != NULL && g_strcmp0 (synced, text) == 0)
    return;
  g_object_set_data_full (G_OBJECT (row), "fp-synced-text", g_strdup (text), g_free);
  clear_error (GTK_WIDGET (row));
  /* Also when the row shows the text already: typing that was applied is
   * the plan's edit now, and Ctrl+Z takes it back as one step. */
  show_plan_text (row, text);
  /* The plan's own form of what was just applied ("eur" as "EUR"): set
   * while the row is being edited, libadwaita would take it for typing and
   * show the apply button again. */
  hide_apply_button (row);
}

/* Follows the plan without unfolding the row: libadwaita expands a row
 * whose switch turns on, which is right for a click but not for a load. */
/* libadwaita 1.2 leaves the enable switch of an expander row unnamed (a
 * screen reader says "GtkSwitch"): name it after the row. */
static void
name_enable_switch (AdwExpanderRow *row,
                    const char     *title)
{
  GtkWidget *child = GTK_WIDGET (row);

  /* Depth-first, through first children and their siblings. */
  while (child != NULL)
    {
      if (GTK_IS_SWITCH (child))
        {
          gtk_accessible_update_property (GTK_ACCESSIBLE (child), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                          title, -1);
          return;
        }
      if (gtk_widget_get_first_child (child) != NULL)
        child = gtk_widget_get_first_child (child);
      else
        {
          while (child != GTK_WIDGET (row) && gtk_widget_get_next_sibling (child) == NULL)
            child = gtk_widget_get_parent (child);
          child = child == GTK_WIDGET (row) ? NULL : gtk_widget_get_next_sibling (child);
        }
    }
}

static void
set_enable_expansion (AdwExpanderRow *row,
                      gboolean        enable)
{
  if (adw_expander_row_get_enable_expansion (row) == enable)
    return;
  adw_expander_row_set_enable_expansion (row, enable);
  adw_expander_row_set_expanded (row, FALSE);
}

static char *
month_name (int year,
            int month)
{
  g_autoptr(GDateTime) date = g_date_time_new_local (year, month, 1, 0, 0, 0);

  if (date == NULL)
    return g_strdup_printf ("%d-%02d", year, month);
  /* The translation puts the year where the language wants it: "2027年7月" */
  return _fp_format_month (date, FALSE, TRUE);
}

/* Plan settings */

static void
on_title_row_apply (AdwEntryRow *row,
                    FpPlanPanel *self)
{
  g_autoptr(GError) error = NULL;
  gboolean ok;

  if (self->syncing || self->plan == NULL)
    return;
  ok = fp_plan_set_title (self->plan, gtk_editable_get_text (GTK_EDITABLE (row)), &error);
  _fp_plan_panel_finish_edit (self, GTK_WIDGET (row), ok, error);
}

static void
on_currency_row_apply (AdwEntryRow *row,
                       FpPlanPanel *self)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *code = NULL;
  gboolean ok;

  if (self->syncing || self->plan == NULL)
    return;
  code = g_ascii_strup (gtk_editable_get_text (GTK_EDITABLE (row)), -1);
  g_strstrip (code);
  ok = fp_plan_set_currency (self->plan, code, &error);
  /* "usd" for USD changes nothing in the plan, so nothing writes the row
   * anew: it shows the plan's form all the same */
  if (ok && g_strcmp0 (gtk_editable_get_text (GTK_EDITABLE (row)), code) != 0)
    {
      _fp_plan_panel_forget_entry (row);
      _fp_plan_panel_set_entry (row, fp_plan_get_currency (self->plan));
    }
  _fp_plan_panel_finish_edit (self, GTK_WIDGET (row), ok, error);
}

static void
on_target_spin_value_changed (GtkSpinButton *spin,
                              FpPlanPanel   *self)
{
  g_autoptr(GError) error = NULL;
  double value;
  gboolean ok;

  if (self->syncing || self->plan == NULL ||
      !_fp_plan_panel_read_spin (spin, fp_plan_get_revenue_target (self->plan), &value))
    return;
  ok = fp_plan_set_revenue_target (self->plan, value, &error);
  _fp_plan_panel_finish_edit (self, GTK_WIDGET (self->target_row), ok, error);
}

static void
on_deal_size_spin_value_changed (GtkSpinButton *spin,
                                 FpPlanPanel   *self)
{
  g_autoptr(GError) error = NULL;
  double value;
  gboolean ok;

  if (self->syncing || self->plan == NULL ||
      !_fp_plan_panel_read_spin (spin, fp_plan_get_average_deal_size (self->plan), &value))
    return;
  ok = fp_plan_set_average_deal_size (self->plan, value, &error);
  _fp_plan_panel_finish_edit (self, GTK_WIDGET (self->deal_size_row), ok, error);
}

static void
edit_period (FpPlanPanel *self,
             GtkWidget   *row)
{
  g_autoptr(GError) error = NULL;
  guint month = adw_combo_row_get_selected (self->start_month_row);
  gboolean ok;

  if (self->syncing || self->plan == NULL || month == GTK_INVALID_LIST_POSITION)
    return;
  ok = fp_plan_set_period (self->plan,
                           gtk_spin_button_get_value_as_int (self->start_year_spin),
                           month + 1,
                           gtk_spin_button_get_value_as_int (self->months_spin),
                           &error);
  _fp_plan_panel_finish_edit (self, row, ok, error);
}

static void
on_start_month_row_notify_selected (AdwComboRow *row,
                                    GParamSpec  *pspec,
                                    FpPlanPanel *self)
{
  edit_period (self, GTK_WIDGET (row));
}

static void
on_start_year_spin_value_changed (GtkSpinButton *spin,
                                  FpPlanPanel   *self)
{
  edit_period (self, GTK_WIDGET (self->start_year_row));
}

static void
on_months_spin_value_changed (GtkSpinButton *spin,
                              FpPlanPanel   *self)
{
  edit_period (self, GTK_WIDGET (self->months_row));
}

static void
edit_weights (FpPlanPanel *self,
              GtkWidget   *row)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) weights = g_array_new (FALSE, FALSE, sizeof (double));
  gboolean enabled;
  gboolean edited;
  gboolean ok;

  if (self->syncing || self->plan == NULL)
    return;

  enabled = adw_expander_row_get_enable_expansion (self->weights_row);
  edited = enabled != fp_plan_has_weights (self->plan);
  if (enabled)
    {
      /* Turned on before the month rows were ever opened: they start
       * from the plan's (equal) weights. Rows that are there hold the
       * edit being made: read, not refilled from the plan. */
      if (!weight_rows_fit_period (self))
        {
          self->syncing = TRUE;
          ensure_weight_rows (self);
          self->syncing = FALSE;
        }
      for (guint i = 0; i < self->weight_spins->len; i++)
        {
          double w;

          if (_fp_plan_panel_read_spin (g_ptr_array_index (self->weight_spins, i),
                                        fp_plan_get_weight (self->plan, i), &w))
            edited = TRUE;
          g_array_append_val (weights, w);
        }
    }
  if (!edited)
    return;
  ok = fp_plan_set_weights (self->plan, (const double *) (gpointer) weights->data, weights->len,
                            &error);
  _fp_plan_panel_finish_edit (self, row, ok, error);
}

static void
on_weight_spin_value_changed (GtkSpinButton *spin,
                              FpPlanPanel   *self)
{
  /* The weights' rule is about all the months together ("must add up to
   * more than 0"): told under Monthly weights, not one month's name. */
  edit_weights (self, GTK_WIDGET (self->weights_row));
}

static void
on_weights_row_notify_enable_expansion (AdwExpanderRow *row,
                                        GParamSpec     *pspec,
                                        FpPlanPanel    *self)
{
  edit_weights (self, GTK_WIDGET (row));
}

static void
edit_inflow (FpPlanPanel *self,
             GtkWidget   *row)
{
  g_autoptr(GError) error = NULL;
  double plan_per_month = 0;
  double per_month;
  guint stage;
  gboolean ok;

  if (self->syncing || self->plan == NULL)
    return;
  stage = adw_combo_row_get_selected (self->inflow_stage_row);
  if (stage == GTK_INVALID_LIST_POSITION)
    stage = 0;
  fp_plan_get_inflow (self->plan, NULL, &plan_per_month);
  _fp_plan_panel_read_spin (self->inflow_spin, plan_per_month, &per_month);
  ok = fp_plan_set_inflow (self->plan,
                           adw_expander_row_get_enable_expansion (self->inflow_row),
                           stage,
                           per_month,
                           &error);
  _fp_plan_panel_finish_edit (self, row, ok, error);
}

static void
on_inflow_row_notify_enable_expansion (AdwExpanderRow *row,
                                       GParamSpec     *pspec,
                                       FpPlanPanel    *self)
{
  edit_inflow (self, GTK_WIDGET (row));
}

static void
on_inflow_stage_row_notify_selected (AdwComboRow *row,
                                     GParamSpec  *pspec,
                                     FpPlanPanel *self)
{
  edit_inflow (self, GTK_WIDGET (row));
}

static void
on_inflow_spin_value_changed (GtkSpinButton *spin,
                              FpPlanPanel   *self)
{
  edit_inflow (self, GTK_WIDGET (self->inflow_rate_row));
}

static void
on_handoff_row_notify_selected (AdwComboRow *row,
                                GParamSpec  *pspec,
                                FpPlanPanel *self)
{
  g_autoptr(GError) error = NULL;
  guint selected = adw_combo_row_get_selected (row);
  gboolean ok;

  if (self->syncing || self->plan == NULL || selected == GTK_INVALID_LIST_POSITION)
    return;
  ok = fp_plan_set_handoff_index (self->plan, selected, &error);
  _fp_plan_panel_finish_edit (self, GTK_WIDGET (row), ok, error);
}

static void
on_pipeline_row_notify_selected (AdwComboRow *row,
                                 GParamSpec  *pspec,
                                 FpPlanPanel *self)
{
  g_autoptr(GError) error = NULL;
  guint selected = adw_combo_row_get_selected (row);
  gboolean ok;

  if (self->syncing || self->plan == NULL || selected == GTK_INVALID_LIST_POSITION)
    return;
  ok = fp_plan_set_pipeline_index (self->plan, selected, &error);
  _fp_plan_panel_finish_edit (self, GTK_WIDGET (row), ok, error);
}


static void
sync_stage_names (FpPlanPanel *self)
{
  guint n = self->plan != NULL ? fp_plan_get_n_stages (self->plan) : 0;
  guint n_names = n > 0 ? n - 1 : 0;
  guint current = g_list_model_get_n_items (G_LIST_MODEL (self->stage_names));
  gboolean same = current == n_names;
  g_autofree const char **names = g_new0 (const char *, n_names + 1);

  for (guint i = 0; i < n_names; i++)
    {
      names[i] = fp_plan_get_stage (self->plan, i)->name;
      if (same && g_strcmp0 (gtk_string_list_get_string (self->stage_names, i), names[i]) != 0)
        same = FALSE;
    }
  if (!same)
    gtk_string_list_splice (self->stage_names, 0, current, names);
}

static void
rebuild_weight_rows (FpPlanPanel *self,
                     int          year,
                     int          month,
                     guint        months)
{
  for (guint i = 0; i < self->weight_rows->len; i++)
    adw_expander_row_remove (self->weights_row, g_ptr_array_index (self->weight_rows, i));
  g_ptr_array_set_size (self->weight_rows, 0);
  g_ptr_array_set_size (self->weight_spins, 0);

  for (guint i = 0; i < months; i++)
    {
      int m = (month - 1 + i) % 12 + 1;
      int y = year + (month - 1 + i) / 12;
      g_autofree char *name = month_name (y, m);
      GtkSpinButton *spin = _fp_plan_panel_make_number_spin (0, 1e12, 0.1, 2, 5);
      AdwActionRow *row = _fp_plan_panel_spin_row (name, NULL, spin);

      g_signal_connect (spin, "value-changed", G_CALLBACK (on_weight_spin_value_changed), self);
      adw_expander_row_add_row (self->weights_row, GTK_WIDGET (row));
      g_ptr_array_add (self->weight_rows, row);
      g_ptr_array_add (self->weight_spins, spin);
    }
  self->weights_year = year;
  self->weights_month = month;
}

/* The month rows under "Monthly weights" are built when it is first opened,
 * and kept in step with the period from then on. */
static gboolean
weight_rows_fit_period (FpPlanPanel *self)
{
  int year, month;
  guint months;

  fp_plan_get_period (self->plan, &year, &month, &months);
  return self->weight_spins->len == months && self->weights_year == year &&
         self->weights_month == month;
}

/* Builds the month rows for the plan's period if they are not there, and
 * writes the plan's weights into them. */
static void
ensure_weight_rows (FpPlanPanel *self)
{
  int year, month;
  guint months;

  fp_plan_get_period (self->plan, &year, &month, &months);
  if (!weight_rows_fit_period (self))
    rebuild_weight_rows (self, year, month, months);
  for (guint i = 0; i < months; i++)
    _fp_plan_panel_set_spin (g_ptr_array_index (self->weight_spins, i), fp_plan_get_weight (self->plan, i));
}

static void
sync_weight_rows (FpPlanPanel *self)
{
  if (adw_expander_row_get_expanded (self->weights_row) || self->weight_rows->len > 0)
    ensure_weight_rows (self);
}

static void
on_weights_row_notify_expanded (AdwExpanderRow *row,
                                GParamSpec     *pspec,
                                FpPlanPanel    *self)
{
  /* Turning the switch on opens the row for a moment while the panel
   * syncs (set_enable_expansion() closes it again): no rows for that. */
  if (self->syncing || self->plan == NULL || !adw_expander_row_get_expanded (row))
    return;
  self->syncing = TRUE;
  sync_weight_rows (self);
  self->syncing = FALSE;
}

/* Writes the plan's values into the widgets, never back into the plan. */
static void
sync_values (FpPlanPanel *self)
{
  gboolean was_syncing = self->syncing;
  int year, month;
  guint months, inflow_stage = 0;
  double inflow = 0;
  gboolean has_inflow;

  if (self->plan == NULL)
    return;

  self->syncing = TRUE;

  _fp_plan_panel_set_entry (self->title_row, fp_plan_get_title (self->plan));
  _fp_plan_panel_set_entry (self->currency_row, fp_plan_get_currency (self->plan));
  _fp_plan_panel_set_spin (self->target_spin, fp_plan_get_revenue_target (self->plan));
  _fp_plan_panel_set_spin (self->deal_size_spin, fp_plan_get_average_deal_size (self->plan));

  fp_plan_get_period (self->plan, &year, &month, &months);
  adw_combo_row_set_selected (self->start_month_row, month - 1);
  _fp_plan_panel_set_spin (self->start_year_spin, year);
  _fp_plan_panel_set_spin (self->months_spin, months);

  sync_weight_rows (self);
  set_enable_expansion (self->weights_row, fp_plan_has_weights (self->plan));
  adw_expander_row_set_subtitle (self->weights_row,
                                 fp_plan_has_weights (self->plan)
                                 ? _("Custom: the target is split by weight")
                                 : _("Equal: the same target each month"));

  sync_stage_names (self);
  has_inflow = fp_plan_get_inflow (self->plan, &inflow_stage, &inflow);
  set_enable_expansion (self->inflow_row, has_inflow);
  if (has_inflow)
    {
      g_autofree char *rate = _fp_format_decimal (inflow, 0);
      g_autofree char *subtitle = g_strdup_printf (_("%s a month into %s"), rate,
                                                   fp_plan_get_stage (self->plan, inflow_stage)->name);

      adw_combo_row_set_selected (self->inflow_stage_row, inflow_stage);
      _fp_plan_panel_set_spin (self->inflow_spin, inflow);
      adw_expander_row_set_subtitle (self->inflow_row, subtitle);
    }
  else
    {
      adw_expander_row_set_subtitle (self->inflow_row, _("Off: no revenue projection"));
    }
  adw_combo_row_set_selected (self->handoff_row, fp_plan_get_handoff_index (self->plan));
  adw_combo_row_set_selected (self->pipeline_row, fp_plan_get_pipeline_index (self->plan));

  _fp_plan_panel_sync_stages (self);

  self->syncing = was_syncing;
}

static void
sync_all (FpPlanPanel  *self,
          FpPlanChange  change)
{
  gboolean was_syncing = self->syncing;

  gtk_widget_set_sensitive (GTK_WIDGET (self->page), self->plan != NULL);
  if (self->plan == NULL)
    return;

  self->syncing = TRUE;
  if (change & FP_PLAN_CHANGE_STRUCTURE)
    _fp_plan_panel_rebuild_stages (self);
  sync_values (self);
  self->syncing = was_syncing;
}

static gboolean
dismiss_removed_toast (gpointer data)
{
  FpPlanPanel *self = data;

  self->removed_toast_idle = 0;
  fp_toast_slot_dismiss (&self->removed_toast);
  return G_SOURCE_REMOVE;
}

static void
on_plan_changed (FpPlan      *plan,
                 guint        change,
                 FpPlanPanel *self)
{
  /* After any other change the toast's Undo would undo something else. Not
   * at once: the change may be that Undo, while libadwaita 1.2 dismisses
   * the toast itself, and a second dismissal there uses freed memory. */
  if (fp_toast_slot_is_shown (&self->removed_toast) && self->removed_toast_idle == 0)
    self->removed_toast_idle = g_idle_add (dismiss_removed_toast, self);
  sync_all (self, change);
}

/* GObject */

static void
fp_plan_panel_dispose (GObject *object)
{
  FpPlanPanel *self = FP_PLAN_PANEL (object);

  fp_plan_panel_set_plan (self, NULL);
  fp_toast_slot_clear (&self->error_toast);
  fp_toast_slot_clear (&self->removed_toast);
  g_clear_handle_id (&self->removed_toast_idle, g_source_remove);
  if (self->page != NULL)
    {
      gtk_widget_unparent (GTK_WIDGET (self->page));
      self->page = NULL;
    }

  G_OBJECT_CLASS (fp_plan_panel_parent_class)->dispose (object);
}

static void
fp_plan_panel_finalize (GObject *object)
{
  FpPlanPanel *self = FP_PLAN_PANEL (object);

  g_clear_pointer (&self->stage_rows, g_ptr_array_unref);
  g_clear_pointer (&self->weight_rows, g_ptr_array_unref);
  g_clear_pointer (&self->weight_spins, g_ptr_array_unref);
  g_clear_object (&self->stage_names);

  G_OBJECT_CLASS (fp_plan_panel_parent_class)->finalize (object);
}

static void
fp_plan_panel_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  FpPlanPanel *self = FP_PLAN_PANEL (object);

  switch (prop_id)
    {
    case PROP_PLAN:
      g_value_set_object (value, self->plan);
      break;

    case PROP_RATIO_MODE:
      g_value_set_boolean (value, self->ratio_mode);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
fp_plan_panel_set_property (GObject      *object,
                            guint         prop_id,
                            const GValue *value,
                            GParamSpec   *pspec)
{
  FpPlanPanel *self = FP_PLAN_PANEL (object);

  switch (prop_id)
    {
    case PROP_PLAN:
      fp_plan_panel_set_plan (self, g_value_get_object (value));
      break;

    case PROP_RATIO_MODE:
      fp_plan_panel_set_ratio_mode (self, g_value_get_boolean (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
fp_plan_panel_class_init (FpPlanPanelClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = fp_plan_panel_dispose;
  object_class->finalize = fp_plan_panel_finalize;
  object_class->get_property = fp_plan_panel_get_property;
  object_class->set_property = fp_plan_panel_set_property;

  properties[PROP_PLAN] =
    g_param_spec_object ("plan", NULL, NULL, FP_TYPE_PLAN,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_RATIO_MODE] =
    g_param_spec_boolean ("ratio-mode", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "fpplanpanel");
}

static AdwComboRow *
stage_combo_row (FpPlanPanel *self,
                 const char  *title,
                 const char  *subtitle)
{
  AdwComboRow *row = ADW_COMBO_ROW (adw_combo_row_new ());

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  /* A subtitle would squeeze the selected name to nothing in a panel
   * this narrow: the explanation goes in the tooltip. */
  if (subtitle != NULL)
    gtk_widget_set_tooltip_text (GTK_WIDGET (row), subtitle);
  adw_combo_row_set_model (row, G_LIST_MODEL (self->stage_names));
  return row;
}

static void
fp_plan_panel_init (FpPlanPanel *self)
{
  AdwPreferencesGroup *group;
  g_autoptr(GtkStringList) month_names = gtk_string_list_new (NULL);

  self->weight_rows = g_ptr_array_new ();
  self->weight_spins = g_ptr_array_new ();
  self->stage_names = gtk_string_list_new (NULL);

  self->page = ADW_PREFERENCES_PAGE (adw_preferences_page_new ());
  gtk_widget_set_parent (GTK_WIDGET (self->page), GTK_WIDGET (self));

  /* The plan */
  group = ADW_PREFERENCES_GROUP (adw_preferences_group_new ());
  adw_preferences_group_set_title (group, _("Plan"));
  adw_preferences_page_add (self->page, group);

  self->title_row = _fp_plan_panel_entry_row (self, _("Title"));
  g_signal_connect (self->title_row, "apply", G_CALLBACK (on_title_row_apply), self);
  adw_preferences_group_add (group, GTK_WIDGET (self->title_row));

  self->currency_row = _fp_plan_panel_entry_row (self, _("Currency (ISO code)"));
  g_signal_connect (self->currency_row, "apply", G_CALLBACK (on_currency_row_apply), self);
  adw_preferences_group_add (group, GTK_WIDGET (self->currency_row));

  /* Room for "250,000,000" */
  self->target_spin = _fp_plan_panel_make_number_spin (0, 1e15, 10000, 2, 11);
  self->target_row = _fp_plan_panel_spin_row (_("Revenue target"), NULL, self->target_spin);
  add_field_rule (self->target_spin, FIELD_ABOVE_LOWER);
  g_signal_connect (self->target_spin, "value-changed",
                    G_CALLBACK (on_target_spin_value_changed), self);
  adw_preferences_group_add (group, GTK_WIDGET (self->target_row));

  self->deal_size_spin = _fp_plan_panel_make_number_spin (0, 1e15, 1000, 2, 9);
  self->deal_size_row = _fp_plan_panel_spin_row (_("Average deal size"), NULL, self->deal_size_spin);
  add_field_rule (self->deal_size_spin, FIELD_ABOVE_LOWER);
  g_signal_connect (self->deal_size_spin, "value-changed",
                    G_CALLBACK (on_deal_size_spin_value_changed), self);
  adw_preferences_group_add (group, GTK_WIDGET (self->deal_size_row));

  /* The period */
  group = ADW_PREFERENCES_GROUP (adw_preferences_group_new ());
  adw_preferences_group_set_title (group, _("Period"));
  adw_preferences_page_add (self->page, group);

  for (int m = 1; m <= 12; m++)
    {
      g_autoptr(GDateTime) date = g_date_time_new_local (2001, m, 1, 0, 0, 0);
      g_autofree char *name = _fp_format_month (date, FALSE, FALSE);

      gtk_string_list_append (month_names, name);
    }
  self->start_month_row = ADW_COMBO_ROW (adw_combo_row_new ());
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->start_month_row), _("Start month"));
  adw_combo_row_set_model (self->start_month_row, G_LIST_MODEL (month_names));
  g_signal_connect (self->start_month_row, "notify::selected",
                    G_CALLBACK (on_start_month_row_notify_selected), self);
  adw_preferences_group_add (group, GTK_WIDGET (self->start_month_row));

  self->start_year_spin = _fp_plan_panel_make_number_spin (1, 9999, 1, 0, 4);
  add_field_rule (self->start_year_spin, FIELD_WHOLE_NUMBER);
  self->start_year_row = _fp_plan_panel_spin_row (_("Start year"), NULL, self->start_year_spin);
  g_signal_connect (self->start_year_spin, "value-changed",
                    G_CALLBACK (on_start_year_spin_value_changed), self);
  adw_preferences_group_add (group, GTK_WIDGET (self->start_year_row));

  self->months_spin = _fp_plan_panel_make_number_spin (1, FP_PLAN_MAX_MONTHS, 1, 0, 2);
  add_field_rule (self->months_spin, FIELD_WHOLE_NUMBER);
  self->months_row = _fp_plan_panel_spin_row (_("Months"), NULL, self->months_spin);
  g_signal_connect (self->months_spin, "value-changed",
                    G_CALLBACK (on_months_spin_value_changed), self);
  adw_preferences_group_add (group, GTK_WIDGET (self->months_row));

  self->weights_row = ADW_EXPANDER_ROW (adw_expander_row_new ());
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->weights_row), _("Monthly weights"));
  adw_expander_row_set_show_enable_switch (self->weights_row, TRUE);
  name_enable_switch (self->weights_row, _("Monthly weights"));
  g_signal_connect (self->weights_row, "notify::enable-expansion",
                    G_CALLBACK (on_weights_row_notify_enable_expansion), self);
  g_signal_connect (self->weights_row, "notify::expanded",
                    G_CALLBACK (on_weights_row_notify_expanded), self);
  adw_preferences_group_add (group, GTK_WIDGET (self->weights_row));

  /* The funnel's roles and inflow */
  group = ADW_PREFERENCES_GROUP (adw_preferences_group_new ());
  adw_preferences_group_set_title (group, _("Flow"));
  adw_preferences_page_add (self->page, group);

  self->handoff_row = stage_combo_row (self, _("Handoff (SLA)"),
                                       _("Where marketing hands over to sales (the SLA)"));
  g_signal_connect (self->handoff_row, "notify::selected",
                    G_CALLBACK (on_handoff_row_notify_selected), self);
  adw_preferences_group_add (group, GTK_WIDGET (self->handoff_row));

  self->pipeline_row = stage_combo_row (self, _("Pipeline starts at"),
                                        _("The first stage with a value in the pipeline"));
  g_signal_connect (self->pipeline_row, "notify::selected",
                    G_CALLBACK (on_pipeline_row_notify_selected), self);
  adw_preferences_group_add (group, GTK_WIDGET (self->pipeline_row));

  self->inflow_row = ADW_EXPANDER_ROW (adw_expander_row_new ());
  /* Its subtitle names a stage, as typed */
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (self->inflow_row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->inflow_row), _("Inflow"));
  adw_expander_row_set_show_enable_switch (self->inflow_row, TRUE);
  name_enable_switch (self->inflow_row, _("Inflow"));
  g_signal_connect (self->inflow_row, "notify::enable-expansion",
                    G_CALLBACK (on_inflow_row_notify_enable_expansion), self);
  adw_preferences_group_add (group, GTK_WIDGET (self->inflow_row));

  self->inflow_stage_row = stage_combo_row (self, _("Entering stage"), NULL);
  g_signal_connect (self->inflow_stage_row, "notify::selected",
                    G_CALLBACK (on_inflow_stage_row_notify_selected), self);
  adw_expander_row_add_row (self->inflow_row, GTK_WIDGET (self->inflow_stage_row));

  self->inflow_spin = _fp_plan_panel_make_number_spin (0, 1e12, 10, 1, 7);
  gtk_spin_button_set_value (self->inflow_spin, 1000);
  self->inflow_rate_row = _fp_plan_panel_spin_row (_("Units per month"), NULL, self->inflow_spin);
  g_signal_connect (self->inflow_spin, "value-changed",
                    G_CALLBACK (on_inflow_spin_value_changed), self);
  adw_expander_row_add_row (self->inflow_row, GTK_WIDGET (self->inflow_rate_row));

  _fp_plan_panel_stages_init (self);

  sync_all (self, FP_PLAN_CHANGE_ALL);
}

GtkWidget *
fp_plan_panel_new (void)
{
  return g_object_new (FP_TYPE_PLAN_PANEL, NULL);
}

FpPlan *
fp_plan_panel_get_plan (FpPlanPanel *self)
{
  g_return_val_if_fail (FP_IS_PLAN_PANEL (self), NULL);
  return self->plan;
}

void
fp_plan_panel_set_plan (FpPlanPanel *self,
                        FpPlan      *plan)
{
  g_return_if_fail (FP_IS_PLAN_PANEL (self));
  g_return_if_fail (plan == NULL || FP_IS_PLAN (plan));

  if (self->plan == plan)
    return;

  if (self->plan != NULL)
    g_clear_signal_handler (&self->changed_id, self->plan);
  g_set_object (&self->plan, plan);
  if (plan != NULL)
    self->changed_id = g_signal_connect (plan, "changed", G_CALLBACK (on_plan_changed), self);

  if (!gtk_widget_in_destruction (GTK_WIDGET (self)))
    {
      /* A new document: its text goes into the entry rows, whatever they
       * held for the old one (typed, or refused), even where the two
       * documents' values are the same. */
      _fp_plan_panel_forget_entry (self->title_row);
      _fp_plan_panel_forget_entry (self->currency_row);
      _fp_plan_panel_forget_stage_entries (self);
      sync_all (self, FP_PLAN_CHANGE_ALL);
    }
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PLAN]);
}

/* The entry rows whose text is not the plan's: typed and not applied, or
 * refused before. Those are tried again: the toast says again why a save
 * cannot go on while the panel shows what the plan does not hold. */
static void
collect_typed_entries (GtkWidget *widget,
                       GPtrArray *rows)
{
  if (ADW_IS_ENTRY_ROW (widget))
    {
      if (holds_typed_text (widget, TRUE))
        g_ptr_array_add (rows, g_object_ref (widget));
      return;
    }
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    collect_typed_entries (child, rows);
}

gboolean
fp_plan_panel_holds_typed (FpPlanPanel *self)
{
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func (g_object_unref);

  g_return_val_if_fail (FP_IS_PLAN_PANEL (self), FALSE);

  collect_typed_entries (GTK_WIDGET (self), rows);
  return rows->len > 0;
}

gboolean
fp_plan_panel_apply_typed (FpPlanPanel *self)
{
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func (g_object_unref);
  GtkRoot *root;
  GtkWidget *focus;

  g_return_val_if_fail (FP_IS_PLAN_PANEL (self), FALSE);

  if (self->plan == NULL)
    return TRUE;
  self->refused = FALSE;

  /* A number field reads its text when the focus leaves it, so only the
   * focused one can hold a number not yet read. */
  root = gtk_widget_get_root (GTK_WIDGET (self));
  focus = root != NULL ? gtk_root_get_focus (root) : NULL;
  if (focus != NULL && gtk_widget_is_ancestor (focus, GTK_WIDGET (self)))
    {
      GtkWidget *spin = GTK_IS_SPIN_BUTTON (focus)
                        ? focus : gtk_widget_get_ancestor (focus, GTK_TYPE_SPIN_BUTTON);

      if (spin != NULL)
        gtk_spin_button_update (GTK_SPIN_BUTTON (spin));
    }

  /* Collected first: an applied edit syncs the panel, which may rebuild
   * rows under a walk. */
  collect_typed_entries (GTK_WIDGET (self), rows);
  for (guint i = 0; i < rows->len; i++)
    {
      GtkWidget *row = g_ptr_array_index (rows, i);

      if (gtk_widget_get_parent (row) != NULL)
        apply_typed_entry (row);
    }

  return !self->refused;
}

gboolean
fp_plan_panel_get_ratio_mode (FpPlanPanel *self)
{
  g_return_val_if_fail (FP_IS_PLAN_PANEL (self), FALSE);
  return self->ratio_mode;
}

void
fp_plan_panel_set_ratio_mode (FpPlanPanel *self,
                              gboolean     ratio_mode)
{
  gboolean was_syncing;

  g_return_if_fail (FP_IS_PLAN_PANEL (self));

  ratio_mode = !!ratio_mode;
  if (self->ratio_mode == ratio_mode)
    return;

  self->ratio_mode = ratio_mode;
  was_syncing = self->syncing;
  self->syncing = TRUE;
  gtk_toggle_button_set_active (self->ratio_toggle, ratio_mode);
  _fp_plan_panel_configure_conversions (self);
  self->syncing = was_syncing;
  sync_values (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_RATIO_MODE]);
}

/* For the tests */

AdwEntryRow *
_fp_plan_panel_get_title_row (FpPlanPanel *self)
{
  return self->title_row;
}

AdwToast *
_fp_plan_panel_get_removed_toast (FpPlanPanel *self)
{
  return fp_toast_slot_is_shown (&self->removed_toast) ? self->removed_toast.toast : NULL;
}

AdwEntryRow *
_fp_plan_panel_get_currency_row (FpPlanPanel *self)
{
  return self->currency_row;
}

GtkSpinButton *
_fp_plan_panel_get_target_spin (FpPlanPanel *self)
{
  return self->target_spin;
}

GtkSpinButton *
_fp_plan_panel_get_deal_size_spin (FpPlanPanel *self)
{
  return self->deal_size_spin;
}

GtkSpinButton *
_fp_plan_panel_get_months_spin (FpPlanPanel *self)
{
  return self->months_spin;
}

GtkSpinButton *
_fp_plan_panel_get_start_year_spin (FpPlanPanel *self)
{
  return self->start_year_spin;
}

AdwExpanderRow *
_fp_plan_panel_get_weights_row (FpPlanPanel *self)
{
  return self->weights_row;
}

guint
_fp_plan_panel_get_n_weight_rows (FpPlanPanel *self)
{
  return self->weight_rows->len;
}

GtkSpinButton *
_fp_plan_panel_get_weight_spin (FpPlanPanel *self,
                                guint        month)
{
  if (month >= self->weight_spins->len)
    return NULL;
  return g_ptr_array_index (self->weight_spins, month);
}
