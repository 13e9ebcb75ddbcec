/* fp-canvas-handle.h: one draggable value of a canvas, as a real widget
 *
 * GTK 4.8 has no API for accessible children of a custom widget, so each
 * handle a canvas draws gets an invisible child widget laid over it: it
 * carries the accessible role (a slider), name and value, and it is what Tab
 * moves the keyboard focus to. The canvas draws the handle and its focus
 * ring; the child draws nothing and takes no pointer events.
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define FP_TYPE_CANVAS_HANDLE (fp_canvas_handle_get_type ())
G_DECLARE_FINAL_TYPE (FpCanvasHandle, fp_canvas_handle, FP, CANVAS_HANDLE, GtkWidget)

typedef enum
{
  FP_CANVAS_HANDLE_CONVERSION,
  FP_CANVAS_HANDLE_DURATION,
  FP_CANVAS_HANDLE_MONTHS,      /* which months a scrolled grid shows */
} FpCanvasHandleKind;

/* How far a key moves a handle: an arrow, Shift and an arrow, Page Up or
 * Down, Home or End (all the way) */
typedef enum
{
  FP_KEY_STEP,
  FP_KEY_STEP_SHIFT,
  FP_KEY_STEP_PAGE,
  FP_KEY_STEP_ALL,
} FpKeyStep;

GtkWidget          *fp_canvas_handle_new       (FpCanvasHandleKind  kind,
                                                guint               stage);
FpCanvasHandleKind  fp_canvas_handle_get_kind  (FpCanvasHandle     *self);
guint               fp_canvas_handle_get_stage (FpCanvasHandle     *self);
/* Names the run of arrow-key presses on the handle since it last took the
 * focus: the plan's merge key that makes them one undo step. NULL for a
 * press of @size Page Up/Down, Home or End: a jump is a step of its own. */
char               *fp_canvas_handle_dup_key_run (FpCanvasHandle   *self,
                                                  FpKeyStep         size);
/* Which way a handle's keys move its value */
typedef enum
{
  FP_KEY_LAYOUT_SLIDER,      /* a slider's: Up and Right for a larger value */
  FP_KEY_LAYOUT_GROWS_LEFT,  /* the handle moves left as its value grows (the
                              * start of a timeline bar): Left and Right follow it */
  FP_KEY_LAYOUT_CALENDAR,    /* months in time: Right later, but Up and Page Up
                              * earlier, as a calendar's and a page's do */
} FpKeyLayout;

/* The keys of a slider: the arrows (with Shift, the other step), Page Up
 * and Down, Home and End. Sets @direction (+1 for a larger value, as
 * @layout has it) and @size; FALSE for any other key, or with Ctrl or Alt. */
gboolean            fp_canvas_handle_read_key  (guint               keyval,
                                                GdkModifierType     state,
                                                FpKeyLayout         layout,
                                                int                *direction,
                                                FpKeyStep          *size);
/* The duration a key makes of @days: a day, a week or 30 days either way,
 * Home 0 and End @range_end (the end of the track or axis in view), in
 * whole days within [0, FP_TIMELINE_MAX_DURATION]. */
double              fp_canvas_handle_step_days (double              days,
                                                int                 direction,
                                                FpKeyStep           size,
                                                double              range_end);
/* Sets the accessible name, value and description (NULL: the value's
 * @text alone); only what changed is sent on. A description must start
 * with @text: it is what a screen reader reads as the value. */
void                fp_canvas_handle_update    (FpCanvasHandle     *self,
                                                const char         *label,
                                                double              min,
                                                double              max,
                                                double              now,
                                                const char         *text,
                                                const char         *description);

/* Draws a canvas again whenever its window's focus-visible changes. The
 * canvas draws its handles' focus ring, not GTK, so the ring must follow
 * it: GTK turns it on as Tab moves the focus, after the handle took it and
 * the canvas was drawn without a ring, when the ring had gone away
 * meanwhile (a key that did not move the focus). */
typedef struct
{
  GtkWidget *window;
  gulong     handler;
} FpFocusRingWatch;

/* Starts following the window @canvas is in (call from root()) */
void                fp_focus_ring_watch_start  (FpFocusRingWatch   *watch,
                                                GtkWidget          *canvas);
/* Stops following it (call from unroot()) */
void                fp_focus_ring_watch_stop   (FpFocusRingWatch   *watch);

G_END_DECLS
