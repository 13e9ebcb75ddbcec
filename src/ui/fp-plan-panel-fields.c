/* fp-plan-panel-fields.c: how the panel's fields take a value
 *
 * Every number in the panel is a spin button and every text an entry row.
 * Here is what they add to GTK's: a typed value that the field cannot take
 * is refused with a message, as the plan's own refusals are; a run of steps
 * on one field is one undo step; the wheel changes only a focused field; an
 * entry row applies its text as the focus leaves and gives it up on Escape.
 * The panel's settings are in fp-plan-panel.c.
 */
#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>
#include <math.h>
#include <string.h>

#include "fp-format.h"
#include "fp-plan-panel-private.h"
#include "fp-row-header-layout.h"
#include "fp-widget-find.h"

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

/* The field in @row (or anywhere, for NULL) that a refusal is told on:
 * the number field or entry row that holds the focus. NULL when the focus
 * is elsewhere: a refusal as the focus leaves, or of a combo row, is not
 * read out (GTK 4.8 cannot announce), and a description left on a widget
 * without the focus would be read on every later visit. */
GtkWidget *
_fp_plan_panel_focused_field (FpPlanPanel *self,
                              GtkWidget   *row)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkWidget *focus = root != NULL ? gtk_root_get_focus (root) : NULL;
  GtkWidget *field;

  if (focus == NULL)
    return NULL;
  field = GTK_IS_SPIN_BUTTON (focus) ? focus : gtk_widget_get_ancestor (focus, GTK_TYPE_SPIN_BUTTON);
  if (field == NULL)
    field = ADW_IS_ENTRY_ROW (focus) ? focus : gtk_widget_get_ancestor (focus, ADW_TYPE_ENTRY_ROW);
  if (field == NULL || (row != NULL && field != row && !gtk_widget_is_ancestor (field, row)))
    return NULL;
  return field;
}

/* @message as a toast, where a toast overlay holds the panel. An entry
 * row keeps the text it refused, and so is marked (error style and
 * tooltip, and invalid for a screen reader) until the text changes; a
 * number field shows the plan's value again at once and has nothing left
 * to mark.
 *
 * A toast is never read out (GTK 4.8 cannot announce), so the message
 * is also the focused field's accessible description: a screen reader
 * says a new description of the focused widget. */
static void
show_refusal (FpPlanPanel *self,
              GtkWidget   *row,
              const char  *message)
{
  GtkWidget *overlay;
  GtkWidget *field;

  self->refused = TRUE;
  g_set_weak_pointer (&self->refused_row, row);
  self->refused_at = self->plan_changes;

  if (row != NULL && ADW_IS_ENTRY_ROW (row))
    {
      gtk_widget_add_css_class (row, "error");
      gtk_widget_set_tooltip_text (row, message);
      gtk_accessible_update_state (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_STATE_INVALID,
                                   GTK_ACCESSIBLE_INVALID_TRUE, -1);
    }
  field = _fp_plan_panel_focused_field (self, row);
  if (field != NULL)
    gtk_accessible_update_property (GTK_ACCESSIBLE (field), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                    message, -1);

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

/* What show_refusal() told the screen reader: the field has no message
 * of its own otherwise */
static void
forget_refusal (GtkWidget *field)
{
  gtk_accessible_reset_property (GTK_ACCESSIBLE (field), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION);
}

/* An entry row's mark goes with its refused text. A number field's
 * message stays until the focus leaves the field (see
 * forget_refusal_on_leave()): GTK reads a refused number's field back as
 * an edit of the same value, which succeeds. */
void
_fp_plan_panel_clear_error (GtkWidget *row)
{
  if (row != NULL && gtk_widget_has_css_class (row, "error"))
    {
      gtk_widget_remove_css_class (row, "error");
      gtk_widget_set_tooltip_text (row, NULL);
      gtk_accessible_reset_state (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_STATE_INVALID);
      forget_refusal (row);
    }
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

/* A field's FpFieldRule flags are kept on its spin button */
void
_fp_plan_panel_add_field_rule (GtkSpinButton *spin,
                               FpFieldRule    rule)
{
  FpFieldRule rules = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (spin), "fp-field-rules"));

  g_object_set_data (G_OBJECT (spin), "fp-field-rules", GUINT_TO_POINTER (rules | rule));
}

static gboolean
has_field_rule (GtkSpinButton *spin,
                FpFieldRule    rule)
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

/* The fraction digits that show @value: the field's own, or as many as
 * give two significant digits to an amount below its last digit's unit
 * (0.01 for two). A deal size of 0.001 showed "0", as if the plan had
 * none. */
static int
decimals_for_value (GtkSpinButton *spin,
                    double         value)
{
  int digits = (int) gtk_spin_button_get_digits (spin);
  double magnitude = fabs (value);
  int needed;

  if (magnitude == 0 || !isfinite (magnitude) || magnitude >= pow (10, -digits))
    return digits;
  needed = (int) ceil (-log10 (magnitude)) + 1;
  return CLAMP (needed, digits, FP_FORMAT_MAX_DECIMALS);
}

/* The text the field shows for @value: a count plain ("2027"), an
 * amount in the locale's format */
static char *
text_for_value (GtkSpinButton *spin,
                double         value)
{
  if (has_field_rule (spin, FP_FIELD_WHOLE_NUMBER))
    return g_strdup_printf ("%.0f", value);
  return _fp_format_decimal (value, decimals_for_value (spin, value));
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
  gboolean whole = has_field_rule (spin, FP_FIELD_WHOLE_NUMBER);
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
  /* A field that cannot be 0 takes nothing below its last digit's unit */
  if (has_field_rule (spin, FP_FIELD_ABOVE_LOWER))
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
on_spin_focus_leave (GtkEventControllerFocus *focus,
                     GtkSpinButton           *spin)
{
  forget_refusal (GTK_WIDGET (spin));
}

/* A refused number's message is for this visit of the field: it goes
 * when the focus leaves */
static void
forget_refusal_on_leave (GtkSpinButton *spin)
{
  GtkEventController *focus = gtk_event_controller_focus_new ();

  g_signal_connect_object (focus, "leave", G_CALLBACK (on_spin_focus_leave), spin, 0);
  gtk_widget_add_controller (GTK_WIDGET (spin), focus);
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

gboolean
_fp_plan_panel_holds_typed_number (GtkSpinButton *spin)
{
  g_autofree char *shown = text_for_value (spin, gtk_spin_button_get_value (spin));

  return g_strcmp0 (gtk_editable_get_text (GTK_EDITABLE (spin)), shown) != 0;
}

gboolean
_fp_plan_panel_give_up_typed_number (GtkSpinButton *spin)
{
  if (!_fp_plan_panel_holds_typed_number (spin))
    return FALSE;
  /* The same value again: GTK writes its text anew through ::output. */
  gtk_spin_button_set_value (spin, gtk_spin_button_get_value (spin));
  gtk_editable_select_region (GTK_EDITABLE (spin), 0, -1);
  return TRUE;
}

/* Ctrl+Z alone: the window's Undo takes it first, unless it is off */
static gboolean
is_plain_undo (guint           keyval,
               GdkModifierType state)
{
  return (keyval == GDK_KEY_z || keyval == GDK_KEY_Z)
         && (state & gtk_accelerator_get_default_mod_mask ()) == GDK_CONTROL_MASK;
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
  if (!is_plain_escape (keyval, state))
    return GDK_EVENT_PROPAGATE;
  return _fp_plan_panel_give_up_typed_number (spin) ? GDK_EVENT_STOP : GDK_EVENT_PROPAGATE;
}

/* So does Ctrl+Z when the window's Undo is off, with nothing in the plan
 * to undo, as it does with an edit to undo. Before the field's text, whose
 * own Ctrl+Z took the key and did nothing (it keeps no steps). */
static gboolean
on_spin_key_captured (GtkEventControllerKey *keys,
                      guint                  keyval,
                      guint                  keycode,
                      GdkModifierType        state,
                      GtkSpinButton         *spin)
{
  if (!is_plain_undo (keyval, state))
    return GDK_EVENT_PROPAGATE;
  return _fp_plan_panel_give_up_typed_number (spin) ? GDK_EVENT_STOP : GDK_EVENT_PROPAGATE;
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
 * FP_FIELD_WHOLE_NUMBER) */
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
  /* Ctrl+Z is the plan's undo, once it has given up typed text
   * (fp_plan_panel_give_up_typed_number()). The field's own text undo,
   * reached when the plan had nothing to undo, emptied the field. */
  gtk_editable_set_enable_undo (GTK_EDITABLE (spin), FALSE);
  gtk_spin_button_set_update_policy (GTK_SPIN_BUTTON (spin), GTK_UPDATE_IF_VALID);
  gtk_editable_set_width_chars (GTK_EDITABLE (spin), width_chars);
  gtk_widget_set_valign (spin, GTK_ALIGN_CENTER);
  take_wheel_only_with_focus (GTK_SPIN_BUTTON (spin));
  merge_runs_into_one_step (GTK_SPIN_BUTTON (spin));
  forget_refusal_on_leave (GTK_SPIN_BUTTON (spin));
  keys = gtk_event_controller_key_new ();
  g_signal_connect (keys, "key-pressed", G_CALLBACK (on_spin_key_pressed), spin);
  gtk_widget_add_controller (spin, keys);
  keys = gtk_event_controller_key_new ();
  gtk_event_controller_set_propagation_phase (keys, GTK_PHASE_CAPTURE);
  g_signal_connect (keys, "key-pressed", G_CALLBACK (on_spin_key_captured), spin);
  gtk_widget_add_controller (spin, keys);
  g_signal_connect (spin, "output", G_CALLBACK (on_spin_button_output), NULL);
  /* The output signal only runs on a value change: format the first one. */
  on_spin_button_output (GTK_SPIN_BUTTON (spin), NULL);
  return GTK_SPIN_BUTTON (spin);
}

/* A number field widens with its text (on_spin_button_output()), and
 * libadwaita's titles may break inside a word: a 22-character target left
 * "Re-/ve-/nue/tar-/get". Breaking between words only, the title keeps its
 * longest word and the panel widens instead. */
static void
keep_title_words_whole (AdwActionRow *row)
{
  GtkWidget *title = fp_widget_find_descendant (GTK_WIDGET (row), GTK_TYPE_LABEL, "title");

  if (title != NULL)
    gtk_label_set_wrap_mode (GTK_LABEL (title), PANGO_WRAP_WORD);
}

AdwActionRow *
_fp_plan_panel_spin_row (const char    *title,
                         const char    *subtitle,
                         GtkSpinButton *spin)
{
  AdwActionRow *row = ADW_ACTION_ROW (adw_action_row_new ());

  fp_row_header_layout_install (GTK_WIDGET (row));
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
  keep_title_words_whole (row);
  return row;
}

/* Text typed and not in the plan: not applied yet, or refused (a refused
 * text stays, in red, saying why) when @refused_too. */
gboolean
_fp_plan_panel_holds_typed_text (GtkWidget *row,
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
void
_fp_plan_panel_apply_typed_entry (GtkWidget *row)
{
  hide_apply_button (ADW_ENTRY_ROW (row));
  g_signal_emit_by_name (row, "apply");
}

/* Writes the plan's text into @row as a fresh start for the field's own
 * undo. GTK records a text set from code as typing, and Ctrl+Z took it
 * back together with the typing after it: the field went empty. Turning
 * the undo off forgets what it held.
 * The caret stays where it was when the text is the same (Enter applied
 * it), and goes to the end of a new one: setting the text put it at the
 * start, and the next key typed went in front of the title. */
static void
show_plan_text (AdwEntryRow *row,
                const char  *text)
{
  gboolean same = g_strcmp0 (gtk_editable_get_text (GTK_EDITABLE (row)), text) == 0;

  gtk_editable_set_enable_undo (GTK_EDITABLE (row), FALSE);
  if (!same)
    {
      gtk_editable_set_text (GTK_EDITABLE (row), text);
      gtk_editable_set_position (GTK_EDITABLE (row), -1);
    }
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

  if (!is_plain_escape (keyval, state) || !_fp_plan_panel_holds_typed_text (GTK_WIDGET (row), TRUE))
    return GDK_EVENT_PROPAGATE;

  show_plan_text (row, synced);
  hide_apply_button (row);
  _fp_plan_panel_clear_error (GTK_WIDGET (row));
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
  if (!self->syncing && gtk_widget_get_mapped (row) && _fp_plan_panel_holds_typed_text (row, FALSE))
    _fp_plan_panel_apply_typed_entry (row);
}

/* A refused text is marked until it changes: edited, it is a new text to
 * apply, on Enter or as the focus leaves. Typing undone back to the plan's
 * text leaves nothing to apply, and the apply button goes. */
static void
on_entry_row_changed (GtkEditable *row,
                      gpointer     user_data)
{
  const char *synced = g_object_get_data (G_OBJECT (row), "fp-synced-text");

  _fp_plan_panel_clear_error (GTK_WIDGET (row));
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
  _fp_plan_panel_clear_error (GTK_WIDGET (row));
  /* Also when the row shows the text already: typing that was applied is
   * the plan's edit now, and Ctrl+Z takes it back as one step. */
  show_plan_text (row, text);
  /* The plan's own form of what was just applied ("eur" as "EUR"): set
   * while the row is being edited, libadwaita would take it for typing and
   * show the apply button again. */
  hide_apply_button (row);
}
