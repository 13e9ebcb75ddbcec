/* fp-canvas-handle.c: one draggable value of a canvas, as a real widget */

#include "config.h"

#include <math.h>

#include "fp-canvas-handle.h"
#include "fp-timeline-layout.h"

struct _FpCanvasHandle
{
  GtkWidget parent_instance;

  FpCanvasHandleKind kind;
  guint stage;
  char *label;
  char *text;
  char *description;
  double min;
  double max;
  double now;
  guint focus_count;    /* times it took the focus: one key run each */
};

G_DEFINE_FINAL_TYPE (FpCanvasHandle, fp_canvas_handle, GTK_TYPE_WIDGET)

static void
fp_canvas_handle_finalize (GObject *object)
{
  FpCanvasHandle *self = FP_CANVAS_HANDLE (object);

  g_free (self->label);
  g_free (self->text);
  g_free (self->description);

  G_OBJECT_CLASS (fp_canvas_handle_parent_class)->finalize (object);
}

static void
fp_canvas_handle_class_init (FpCanvasHandleClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->finalize = fp_canvas_handle_finalize;

  gtk_widget_class_set_css_name (widget_class, "canvashandle");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_SLIDER);
}

static void
on_focus_controller_enter (GtkEventControllerFocus *focus,
                           FpCanvasHandle          *self)
{
  self->focus_count++;
}

/* A key that steps the handle keeps its focus ring showing. GTK hides the
 * ring at the release of a key that did not move the focus, as typing
 * does: a handle that kept the focus while a dialog was up changed its
 * value with nothing on screen saying which one. Both the press and the
 * release, so that the ring shows as the value moves and stays after. */
static void
show_focus_for_key (FpCanvasHandle  *self,
                    guint            keyval,
                    GdkModifierType  state)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  FpKeyStep size;
  int direction;

  if (GTK_IS_WINDOW (root) &&
      fp_canvas_handle_read_key (keyval, state, FP_KEY_LAYOUT_SLIDER, &direction, &size))
    gtk_window_set_focus_visible (GTK_WINDOW (root), TRUE);
}

static gboolean
on_key_controller_key_pressed (GtkEventControllerKey *key_controller,
                               guint                  keyval,
                               guint                  keycode,
                               GdkModifierType        state,
                               FpCanvasHandle        *self)
{
  show_focus_for_key (self, keyval, state);
  /* The canvas steps the value */
  return GDK_EVENT_PROPAGATE;
}

static void
on_key_controller_key_released (GtkEventControllerKey *key_controller,
                                guint                  keyval,
                                guint                  keycode,
                                GdkModifierType        state,
                                FpCanvasHandle        *self)
{
  show_focus_for_key (self, keyval, state);
}

static void
fp_canvas_handle_init (FpCanvasHandle *self)
{
  GtkEventController *focus = gtk_event_controller_focus_new ();
  GtkEventController *keys = gtk_event_controller_key_new ();

  self->min = self->max = self->now = G_MAXDOUBLE;
  g_signal_connect (focus, "enter", G_CALLBACK (on_focus_controller_enter), self);
  gtk_widget_add_controller (GTK_WIDGET (self), focus);
  g_signal_connect (keys, "key-pressed", G_CALLBACK (on_key_controller_key_pressed), self);
  g_signal_connect (keys, "key-released", G_CALLBACK (on_key_controller_key_released), self);
  gtk_widget_add_controller (GTK_WIDGET (self), keys);

  gtk_widget_set_focusable (GTK_WIDGET (self), TRUE);
  /* The canvas under it hit-tests through its layout. */
  gtk_widget_set_can_target (GTK_WIDGET (self), FALSE);
}

GtkWidget *
fp_canvas_handle_new (FpCanvasHandleKind kind,
                      guint              stage)
{
  FpCanvasHandle *self = g_object_new (FP_TYPE_CANVAS_HANDLE, NULL);

  self->kind = kind;
  self->stage = stage;
  return GTK_WIDGET (self);
}

FpCanvasHandleKind
fp_canvas_handle_get_kind (FpCanvasHandle *self)
{
  g_return_val_if_fail (FP_IS_CANVAS_HANDLE (self), FP_CANVAS_HANDLE_CONVERSION);

  return self->kind;
}

guint
fp_canvas_handle_get_stage (FpCanvasHandle *self)
{
  g_return_val_if_fail (FP_IS_CANVAS_HANDLE (self), 0);

  return self->stage;
}

char *
fp_canvas_handle_dup_key_run (FpCanvasHandle *self,
                              FpKeyStep       size)
{
  g_return_val_if_fail (FP_IS_CANVAS_HANDLE (self), NULL);

  /* One Ctrl+Z takes back a Home or End pressed by mistake, not the careful
   * nudges before it too; arrows after the jump start a step anew, as the
   * jump's step was not made under their key. */
  if (size == FP_KEY_STEP_PAGE || size == FP_KEY_STEP_ALL)
    return NULL;

  /* Unique among the handles alive; a handle freed and another made at its
   * address is no risk, as a stage was removed in between: an edit, which
   * ends any run. */
  return g_strdup_printf ("canvas-handle %p/%u", (void *) self, self->focus_count);
}

gboolean
fp_canvas_handle_read_key (guint            keyval,
                           GdkModifierType  state,
                           FpKeyLayout      layout,
                           int             *direction,
                           FpKeyStep       *size)
{
  int right = layout == FP_KEY_LAYOUT_GROWS_LEFT ? -1 : 1;
  int up = layout == FP_KEY_LAYOUT_CALENDAR ? -1 : 1;

  if ((state & (GDK_CONTROL_MASK | GDK_ALT_MASK)) != 0)
    return FALSE;
  *size = (state & GDK_SHIFT_MASK) != 0 ? FP_KEY_STEP_SHIFT : FP_KEY_STEP;
  switch (keyval)
    {
    case GDK_KEY_Left:
    case GDK_KEY_KP_Left:
      *direction = -right;
      return TRUE;
    case GDK_KEY_Right:
    case GDK_KEY_KP_Right:
      *direction = right;
      return TRUE;
    case GDK_KEY_Down:
    case GDK_KEY_KP_Down:
      *direction = -up;
      return TRUE;
    case GDK_KEY_Up:
    case GDK_KEY_KP_Up:
      *direction = up;
      return TRUE;
    case GDK_KEY_Page_Down:
    case GDK_KEY_KP_Page_Down:
    case GDK_KEY_Page_Up:
    case GDK_KEY_KP_Page_Up:
      *direction = keyval == GDK_KEY_Page_Up || keyval == GDK_KEY_KP_Page_Up ? up : -up;
      *size = FP_KEY_STEP_PAGE;
      return TRUE;
    case GDK_KEY_Home:
    case GDK_KEY_KP_Home:
    case GDK_KEY_End:
    case GDK_KEY_KP_End:
      *direction = keyval == GDK_KEY_End || keyval == GDK_KEY_KP_End ? 1 : -1;
      *size = FP_KEY_STEP_ALL;
      return TRUE;
    default:
      return FALSE;
    }
}

double
fp_canvas_handle_step_days (double    days,
                            int       direction,
                            FpKeyStep size,
                            double    range_end)
{
  static const double steps[] = {
    [FP_KEY_STEP] = 1,
    [FP_KEY_STEP_SHIFT] = 7,
    [FP_KEY_STEP_PAGE] = 30,
  };
  double to;

  /* Home and End go to the ends of the range in view, as a slider's do:
   * ten years rescaled every track or axis until the other stages were
   * slivers. */
  if (size == FP_KEY_STEP_ALL)
    to = direction > 0 ? floor (range_end) : 0;
  else
    to = round (days) + direction * steps[size];
  return CLAMP (to, 0, FP_TIMELINE_MAX_DURATION);
}

void
fp_canvas_handle_update (FpCanvasHandle *self,
                         const char     *label,
                         double          min,
                         double          max,
                         double          now,
                         const char     *text,
                         const char     *description)
{
  g_return_if_fail (FP_IS_CANVAS_HANDLE (self));
  g_return_if_fail (label != NULL && text != NULL);

  /* GTK 4.8 exposes no AT-SPI Value for custom widgets, so the value text
   * starts the description: what a screen reader reads. */
  if (description == NULL)
    description = text;

  if (g_strcmp0 (self->label, label) != 0)
    {
      g_free (self->label);
      self->label = g_strdup (label);
      gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL, label,
                                      -1);
    }
  if (self->min != min || self->max != max || self->now != now
      || g_strcmp0 (self->text, text) != 0)
    {
      self->min = min;
      self->max = max;
      self->now = now;
      g_free (self->text);
      self->text = g_strdup (text);
      gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                      GTK_ACCESSIBLE_PROPERTY_VALUE_MIN, min,
                                      GTK_ACCESSIBLE_PROPERTY_VALUE_MAX, max,
                                      GTK_ACCESSIBLE_PROPERTY_VALUE_NOW, now,
                                      GTK_ACCESSIBLE_PROPERTY_VALUE_TEXT, text,
                                      -1);
    }
  if (g_strcmp0 (self->description, description) != 0)
    {
      g_free (self->description);
      self->description = g_strdup (description);
      gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                      GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, description,
                                      -1);
    }
}

void
fp_focus_ring_watch_start (FpFocusRingWatch *watch,
                           GtkWidget        *canvas)
{
  g_return_if_fail (GTK_IS_WIDGET (canvas));

  fp_focus_ring_watch_stop (watch);
  watch->window = GTK_WIDGET (gtk_widget_get_root (canvas));
  watch->handler = g_signal_connect_swapped (watch->window, "notify::focus-visible",
                                             G_CALLBACK (gtk_widget_queue_draw), canvas);
}

void
fp_focus_ring_watch_stop (FpFocusRingWatch *watch)
{
  g_clear_signal_handler (&watch->handler, watch->window);
  watch->window = NULL;
}
