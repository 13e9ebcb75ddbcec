/* fp-funnel-view.c: the funnel canvas, drawn and hit-tested through src/render
 *
 * The view keeps the plan's projection and one FpFunnelLayout at its size,
 * both rebuilt after every ::changed of the plan or change of size, and the
 * drawn chart as a render node until one of those changes (sysprof's way).
 * The focus ring and the value bubble are drawn uncached on top.
 *
 * A drag works like gnome-control-center's display arrangement: the layout
 * at the press is kept for the whole drag and every pointer position is
 * mapped to a value through it, with a grab anchor so that the point of the
 * knob that was grabbed stays under the pointer. The layouts drawn during the
 * drag keep the frozen tracks too, so the knob never runs away from the
 * pointer when the track would rescale. Only a drag past the end of a track
 * widens it on the way (widen_past_end()). After the release, and while
 * arrow keys step a value, the track keeps its range for as long as its
 * handle has the focus and the value fits (kept_track): it rescales when the
 * person turns to something else, never under the pointer.
 *
 * Each handle is also an invisible child widget (FpCanvasHandle): it is the
 * accessible slider and the Tab stop; arrow keys on it change the value.
 */

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>
#include <math.h>

#include "fp-canvas-handle.h"
#include "fp-canvas-overlay.h"
#include "fp-drag-scale.h"
#include "fp-funnel-renderer.h"
#include "fp-full-height.h"
#include "fp-funnel-view-private.h"
#include "fp-kept-in-sight.h"
#include "fp-overlay-node.h"
#include "fp-projection.h"
#include "fp-theme-gtk.h"
#include "fp-timeline-layout.h"

struct _FpFunnelView
{
  GtkWidget parent_instance;

  FpPlan *plan;
  gulong changed_id;

  FpProjection *projection;  /* NULL when stale */
  FpFunnelLayout *layout;    /* NULL when stale */
  guint summary_lines;       /* of the last layout since the size or plan changed */
  FpFunnelKeptTrack kept_track; /* of the focused handle, after a drag or a key */
  FpFullHeight full_height;  /* what the view asks for: see fp-full-height.h */
  GskRenderNode *cache;      /* the chart without overlays; NULL when stale */
  FpTheme theme;
  gboolean theme_valid;
  int width;
  int height;

  FpHit hover;

  /* A drag in progress: kind FP_HIT_NONE when none */
  FpHit drag;
  FpFunnelLayout *frozen;    /* the layout at the press */
  /* The knob follows the pointer from an anchor: with the pointer at x it
   * is at anchor_at + (x - anchor_x), a tenth of that motion with Shift,
   * on the scale of the press (widened past its end by the drag).
   * Anchored at the press, and again where Shift goes down or up. */
  double anchor_x;
  double anchor_at;
  FpDragScale scale;
  gboolean drag_fine;        /* Shift held since the last anchoring */
  double last_x;             /* the pointer at the last motion */
  double drag_start_value;   /* the dragged value at the press, for Escape */

  GPtrArray *handles;        /* FpCanvasHandle, in stage order */

  /* FP_EXIT_AFTER_FIRST_FRAME is set: quit once the chart was drawn (the
   * start-up benchmark's mark) */
  gboolean exit_after_first_frame;

  FpFocusRingWatch focus_ring_watch;
  FpScrollWatch scroll_watch; /* draws again the headers kept in sight */
};

G_DEFINE_FINAL_TYPE (FpFunnelView, fp_funnel_view, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_PLAN,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum {
  STAGE_ACTIVATED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* Steps: a drag snaps to 0.5% (0.1% with Shift, which also slows it), a
 * key moves 1% (0.1%, or 10% a page) */
#define DRAG_STEP 0.005
#define FINE_STEP 0.001
#define KEY_STEP 0.01
#define PAGE_STEP 0.1
/* With Shift, a drag moves the knob a tenth as far as the pointer: at
 * 800 px a conversion track moves about 2% a pixel, and 0.1% steps were
 * out of the mouse's reach */
#define FINE_MOTION 10.0

/* Where the column headers are drawn again, at the top of the window of
 * a view taller than it (fp-kept-in-sight.h): 64 stages scrolled down
 * showed columns under no heading. -1 where they show in their place. */
static double
kept_headers_y (FpFunnelView *self,
                FpRect       *band)
{
  double rows_end;
  double top;
  double bottom;

  if (self->layout == NULL || !fp_kept_in_sight_window (GTK_WIDGET (self), &top, &bottom))
    return -1;
  fp_funnel_layout_get_column_headers (self->layout, band, &rows_end);
  return fp_kept_in_sight_header_y (band, rows_end, top);
}

/* The chart's y under the widget's @y: under the headers drawn again,
 * theirs, so that the hidden row under them takes no pointer */
static double
chart_y (FpFunnelView *self,
         double        y)
{
  FpRect band;
  double kept = kept_headers_y (self, &band);

  return fp_kept_in_sight_map_y (&band, kept, y);
}

static void
invalidate_drawing (FpFunnelView *self)
{
  g_clear_pointer (&self->cache, gsk_render_node_unref);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

/* Remembers the header's lines for the next layout, so that an edit never
 * moves the rows up by a line of summary (see fp_funnel_layout_new_steady()) */
static void
invalidate_layout (FpFunnelView *self)
{
  if (self->layout != NULL)
    self->summary_lines = fp_funnel_layout_get_summary_lines (self->layout);
  g_clear_pointer (&self->layout, fp_funnel_layout_free);
  invalidate_drawing (self);
}

/* A new size or plan: the header may take the lines it needs. */
static void
invalidate_layout_afresh (FpFunnelView *self)
{
  invalidate_layout (self);
  self->summary_lines = 0;
}

static void
ensure_theme (FpFunnelView *self)
{
  if (self->theme_valid)
    return;
  fp_theme_init_from_widget (&self->theme, GTK_WIDGET (self));
  self->theme_valid = TRUE;
}

static gboolean
ensure_layout (FpFunnelView *self)
{
  PangoContext *pango;

  if (self->plan == NULL || self->width <= 0 || self->height <= 0)
    return FALSE;
  if (self->layout != NULL)
    return TRUE;

  ensure_theme (self);
  if (self->projection == NULL)
    self->projection = fp_projection_new (self->plan);
  pango = gtk_widget_get_pango_context (GTK_WIDGET (self));
  /* During a drag, the tracks of the press: see the top of the file. */
  if (self->frozen != NULL)
    self->layout = fp_funnel_layout_new_pinned (self->plan, self->projection, pango, &self->theme,
                                                self->width, self->height, self->frozen);
  else
    {
      self->layout = fp_funnel_layout_new_steady (self->plan, self->projection, pango, &self->theme,
                                                  self->width, self->height, self->summary_lines,
                                                  &self->kept_track);
      /* The range shown is the one kept from now on: one a key took the
       * value past is not taken back when a key brings it in again. */
      if (self->kept_track.kind != FP_HIT_NONE)
        self->kept_track = fp_funnel_layout_get_track (self->layout,
                                                       (FpHit) { self->kept_track.kind,
                                                                 self->kept_track.stage });
    }
  return TRUE;
}

static double
layout_full_height (FpPlan   *plan,
                    int       width,
                    gpointer  data)
{
  FpFunnelView *self = data;

  ensure_theme (self);
  if (self->projection == NULL)
    self->projection = fp_projection_new (plan);
  return fp_funnel_layout_get_full_height (plan, self->projection,
                                           gtk_widget_get_pango_context (GTK_WIDGET (self)),
                                           &self->theme, width);
}

/* Tooltips: what a band stands for, and why a handle or a band is marked */

/* The warnings about @hit's stage, one a line: for a handle those about
 * its own value ("conversion-…", "duration-…"), for a band all of them.
 * NULL when there are none. */
static char *
warnings_text (FpFunnelView *self,
               FpHit         hit)
{
  const char *prefix = hit.kind == FP_HIT_CONVERSION_HANDLE ? "conversion-"
                     : hit.kind == FP_HIT_DURATION_HANDLE ? "duration-"
                     : "";

  return fp_projection_dup_warnings_text (self->projection, hit.stage, prefix);
}

/* A band's volume, and why 40 deals still make a band beside 2,667 leads:
 * the widths are not proportional, and nothing else on screen says so. */
static char *
band_text (FpFunnelView *self,
           guint         stage)
{
  const FpFunnelStageLayout *st = fp_funnel_layout_get_stage (self->layout, stage);
  g_autofree char *count = _fp_format_count (st->volume);

  /* Translators: a band of the funnel, e.g. "Leads: 2,667 over the period";
   * the next line explains the band widths */
  return g_strdup_printf (_("%s: %s over the period\n"
                            "Widths are on a logarithmic scale, so that small stages stay "
                            "visible"),
                          fp_plan_get_stage (self->plan, stage)->name, count);
}

char *
_fp_funnel_view_get_tooltip (FpFunnelView *self,
                             double        x,
                             double        y)
{
  g_autofree char *band = NULL;
  g_autofree char *warnings = NULL;
  FpHit hit;

  if (self->drag.kind != FP_HIT_NONE || !ensure_layout (self))
    return NULL;
  hit = fp_funnel_layout_hit_test (self->layout, x, chart_y (self, y));
  if (hit.kind == FP_HIT_NONE)
    return NULL;
  warnings = warnings_text (self, hit);
  if (hit.kind != FP_HIT_BAND)
    return g_steal_pointer (&warnings);
  band = band_text (self, hit.stage);
  return warnings == NULL ? g_steal_pointer (&band)
                          : g_strconcat (band, "\n\n", warnings, NULL);
}

static gboolean
on_query_tooltip (GtkWidget    *widget,
                  int           x,
                  int           y,
                  gboolean      keyboard_mode,
                  GtkTooltip   *tooltip,
                  FpFunnelView *self)
{
  g_autofree char *text = keyboard_mode ? NULL : _fp_funnel_view_get_tooltip (self, x, y);

  if (text == NULL)
    return FALSE;
  gtk_tooltip_set_text (tooltip, text);
  return TRUE;
}

/* Handles: the accessible sliders and Tab stops */

static GtkWidget *
find_handle (FpFunnelView       *self,
             FpCanvasHandleKind  kind,
             guint               stage)
{
  for (guint k = 0; k < self->handles->len; k++)
    {
      FpCanvasHandle *handle = g_ptr_array_index (self->handles, k);

      if (fp_canvas_handle_get_kind (handle) == kind && fp_canvas_handle_get_stage (handle) == stage)
        return GTK_WIDGET (handle);
    }
  return NULL;
}

static FpCanvasHandle *
focused_handle (FpFunnelView *self)
{
  GtkWidget *child = gtk_widget_get_focus_child (GTK_WIDGET (self));

  if (child != NULL && FP_IS_CANVAS_HANDLE (child) && gtk_widget_has_focus (child))
    return FP_CANVAS_HANDLE (child);
  return NULL;
}

static void
update_accessible (FpFunnelView *self)
{
  g_autoptr(GString) summary = g_string_new (NULL);
  guint n;

  if (self->plan == NULL)
    {
      gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL, _("Funnel"),
                                      -1);
      return;
    }

  if (self->projection == NULL)
    self->projection = fp_projection_new (self->plan);
  n = fp_plan_get_n_stages (self->plan);

  g_string_append (summary, _("Funnel"));
  g_string_append (summary, ": ");
  for (guint i = 0; i < n; i++)
    {
      const FpStage *stage = fp_plan_get_stage (self->plan, i);
      g_autofree char *count = _fp_format_count (self->projection->required[i]);

      if (i > 0)
        g_string_append (summary, "; ");
      if (i + 1 < n)
        {
          g_autofree char *percent = _fp_format_percent (stage->conversion);
          g_autofree char *days = _fp_format_duration (stage->duration_days, FALSE);

          /* Translators: one stage of the funnel for a screen reader, e.g.
           * "Leads, 2,667 required, 20% convert, 14 days" */
          g_string_append_printf (summary, _("%s, %s required, %s convert, %s"),
                                  stage->name, count, percent, days);
        }
      else
        /* Translators: the last stage for a screen reader: "Closed deals, 40 required" */
        g_string_append_printf (summary, _("%s, %s required"), stage->name, count);
    }
  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, summary->str,
                                  -1);

  for (guint k = 0; k < self->handles->len; k++)
    {
      FpCanvasHandle *handle = g_ptr_array_index (self->handles, k);
      guint i = fp_canvas_handle_get_stage (handle);
      const FpStage *stage;
      g_autofree char *label = NULL;
      g_autofree char *text = NULL;

      if (i + 1 >= n)
        continue;
      stage = fp_plan_get_stage (self->plan, i);
      if (fp_canvas_handle_get_kind (handle) == FP_CANVAS_HANDLE_CONVERSION)
        {
          g_autofree char *percent = _fp_format_percent (stage->conversion);

          /* Translators: the name of a slider, e.g. "Leads conversion" */
          label = g_strdup_printf (_("%s conversion"), stage->name);
          if (stage->benchmark_conversion.set)
            {
              g_autofree char *lo = _fp_format_percent (stage->benchmark_conversion.min);
              g_autofree char *hi = _fp_format_percent (stage->benchmark_conversion.max);

              /* Translators: a conversion and its benchmark, e.g. "20% (benchmark 10%–25%)" */
              text = g_strdup_printf (_("%s (benchmark %s–%s)"), percent, lo, hi);
            }
          else
            text = g_steal_pointer (&percent);
          fp_canvas_handle_update (handle, label, 0, 100, stage->conversion * 100, text, NULL);
        }
      else
        {
          /* Translators: the name of a slider, e.g. "Leads days in stage" */
          label = g_strdup_printf (_("%s days in stage"), stage->name);
          text = _fp_format_duration (stage->duration_days, FALSE);
          fp_canvas_handle_update (handle, label, 0, FP_TIMELINE_MAX_DURATION,
                                   stage->duration_days, text, NULL);
        }
    }
}

static void
on_focus_controller_enter (GtkEventControllerFocus *focus,
                           FpFunnelView            *self)
{
  invalidate_drawing (self);
}

/* What @handle is in the layout's terms */
static FpHit
handle_hit (FpCanvasHandle *handle)
{
  return (FpHit) { fp_canvas_handle_get_kind (handle) == FP_CANVAS_HANDLE_CONVERSION
                   ? FP_HIT_CONVERSION_HANDLE : FP_HIT_DURATION_HANDLE,
                   (int) fp_canvas_handle_get_stage (handle) };
}

/* Whether @handle is the one whose track keeps its range */
static gboolean
is_kept_track_handle (FpFunnelView   *self,
                      FpCanvasHandle *handle)
{
  FpHit hit = handle_hit (handle);

  return self->kept_track.kind == hit.kind && self->kept_track.stage == hit.stage;
}

/* The tracks may rescale once the focus leaves the handle worked on: only
 * that one, for another may lose the focus after a drag took it. */
static void
on_focus_controller_leave (GtkEventControllerFocus *focus,
                           FpFunnelView            *self)
{
  GtkWidget *handle = gtk_event_controller_get_widget (GTK_EVENT_CONTROLLER (focus));

  if (is_kept_track_handle (self, FP_CANVAS_HANDLE (handle)))
    {
      self->kept_track = FP_FUNNEL_KEPT_TRACK_NONE;
      invalidate_layout (self);
      gtk_widget_queue_allocate (GTK_WIDGET (self));
    }
  invalidate_drawing (self);
}

static GtkWidget *
new_handle (FpFunnelView       *self,
            FpCanvasHandleKind  kind,
            guint               stage)
{
  GtkWidget *handle = fp_canvas_handle_new (kind, stage);
  GtkEventController *focus = gtk_event_controller_focus_new ();

  g_signal_connect_object (focus, "enter", G_CALLBACK (on_focus_controller_enter), self, 0);
  g_signal_connect_object (focus, "leave", G_CALLBACK (on_focus_controller_leave), self, 0);
  gtk_widget_add_controller (handle, focus);
  gtk_widget_set_parent (handle, GTK_WIDGET (self));
  return handle;
}

/* Two handles per stage but the last, by index: an undo or a reorder keeps
 * them (and the focus); only a change in the number of stages adds or
 * removes some, at the end. */
static void
sync_handles (FpFunnelView *self)
{
  guint n = self->plan != NULL ? fp_plan_get_n_stages (self->plan) : 0;
  guint want = n >= 2 ? 2 * (n - 1) : 0;

  while (self->handles->len > want)
    {
      GtkWidget *handle = g_ptr_array_steal_index (self->handles, self->handles->len - 1);

      gtk_widget_unparent (handle);
    }
  while (self->handles->len < want)
    {
      guint k = self->handles->len;

      g_ptr_array_add (self->handles,
                       new_handle (self, k % 2 == 0 ? FP_CANVAS_HANDLE_CONVERSION
                                                    : FP_CANVAS_HANDLE_DURATION, k / 2));
    }
  gtk_widget_queue_allocate (GTK_WIDGET (self));
}

/* Drags */

static void
update_cursor (FpFunnelView *self)
{
  const char *name = NULL;

  if (self->drag.kind != FP_HIT_NONE)
    name = "grabbing";
  else if (self->hover.kind == FP_HIT_CONVERSION_HANDLE || self->hover.kind == FP_HIT_DURATION_HANDLE)
    name = "grab";
  gtk_widget_set_cursor_from_name (GTK_WIDGET (self), name);
}

/* The track @hit's handle slides on, in @layout: its start, its lowest
 * value, its highest and its rate in value per pixel */
typedef struct
{
  double x0;
  double min;
  double max;
  double rate;
} Track;

static Track
track_of (const FpFunnelLayout *layout,
          FpHit                 hit)
{
  const FpFunnelStageLayout *st = fp_funnel_layout_get_stage (layout, hit.stage);
  gboolean conversion = hit.kind == FP_HIT_CONVERSION_HANDLE;
  double x0 = conversion ? st->conversion_x0 : st->duration_x0;
  double x1 = conversion ? st->conversion_x1 : st->duration_x1;
  double min = conversion ? st->conversion_min : 0;
  double max = conversion ? st->conversion_max : st->duration_max;

  return (Track) { x0, min, max, (max - min) / MAX (x1 - x0, 1) };
}

static double
handle_x (const FpFunnelLayout *layout,
          FpHit                 hit)
{
  const FpFunnelStageLayout *st = fp_funnel_layout_get_stage (layout, hit.stage);

  if (hit.kind == FP_HIT_CONVERSION_HANDLE)
    return fp_funnel_layout_x_at_conversion (layout, hit.stage, st->conversion);
  return fp_funnel_layout_x_at_duration (layout, hit.stage, st->duration);
}

gboolean
_fp_funnel_view_drag_begin (FpFunnelView *self,
                            double        x,
                            double        y)
{
  FpHit hit;
  GtkWidget *handle;

  g_return_val_if_fail (FP_IS_FUNNEL_VIEW (self), FALSE);

  if (self->drag.kind != FP_HIT_NONE || !ensure_layout (self))
    return FALSE;
  hit = fp_funnel_layout_hit_test (self->layout, x, y);
  if (hit.kind != FP_HIT_CONVERSION_HANDLE && hit.kind != FP_HIT_DURATION_HANDLE)
    return FALSE;

  self->drag = hit;
  self->drag_start_value = hit.kind == FP_HIT_CONVERSION_HANDLE
                           ? fp_plan_get_stage (self->plan, hit.stage)->conversion
                           : fp_plan_get_stage (self->plan, hit.stage)->duration_days;
  self->frozen = g_steal_pointer (&self->layout);
  {
    Track track = track_of (self->frozen, hit);

    fp_drag_scale_init (&self->scale, track.x0, track.min, track.rate);
  }
  self->anchor_x = self->last_x = x;
  self->anchor_at = handle_x (self->frozen, hit);
  self->drag_fine = FALSE;
  fp_plan_begin_gesture (self->plan);

  handle = find_handle (self, hit.kind == FP_HIT_CONVERSION_HANDLE ? FP_CANVAS_HANDLE_CONVERSION
                                                                   : FP_CANVAS_HANDLE_DURATION,
                        hit.stage);
  if (handle != NULL)
    gtk_widget_grab_focus (handle);
  update_cursor (self);
  invalidate_layout (self);
  return TRUE;
}

/* A dragged conversion, snapped to the drag's steps but never against the
 * motion: a knob the keyboard left between steps (0.3%) does not go up to
 * 0.5% when dragged down, nor does a drag that has not moved change it.
 * The lowest is one step (0.5%, 0.1% with Shift), or where the knob was
 * when that is lower. A step is a whole fraction of 1 and the snapped
 * value a division by it, the double nearest to k/200: 41 * 0.005 is
 * 0.20500000000000002, which a saved plan would show. */
static double
snap_conversion (double value,
                 double step,
                 double start)
{
  double steps_in_one = round (1 / step);
  double snapped = round (value * steps_in_one) / steps_in_one;

  if (fabs (value - start) < 1e-9)
    snapped = start;
  else if (value < start)
    snapped = MIN (snapped, start);
  else
    snapped = MAX (snapped, start);
  return CLAMP (snapped, MIN (step, start), 1.0);
}

/* The value of the pointer at @at (see drag_position()). A drag past the
 * end of its track widens the track (the conversion's to 100%, the
 * durations' up to ten years) rather than stopping there: the value goes
 * on from the old end at the wider track's rate, and the knob, drawn on
 * the wider track, trails the pointer. The scale keeps the narrower rate
 * before the old end (see fp-drag-scale.h), so the pointer back at the
 * press gives back the value of the press. */
static double
value_at (FpFunnelView *self,
          double        at)
{
  gboolean conversion = self->drag.kind == FP_HIT_CONVERSION_HANDLE;
  double value = fp_drag_scale_value_at (&self->scale, at);
  Track track = track_of (self->frozen, self->drag);

  while (value > track.max
         && (conversion ? fp_funnel_layout_widen_conversion_track (self->frozen, self->drag.stage)
                        : fp_funnel_layout_widen_duration_tracks (self->frozen)))
    {
      double old_max = track.max;

      track = track_of (self->frozen, self->drag);
      if (!fp_drag_scale_widen (&self->scale, old_max, track.rate))
        break;
      value = fp_drag_scale_value_at (&self->scale, at);
    }
  return CLAMP (value, track.min, track.max);
}

/* Where the pointer at @x puts the dragged knob, in x. Shift counts for the
 * motion from the last event on: pressed or let go, the knob keeps its
 * place and goes on from there, trailing the pointer by what the slow
 * motion left between them. The place is where the knob is drawn, not the
 * pointer's: past the end of its track, a slow motion from there took
 * ten times the way back before the knob moved. */
static double
drag_position (FpFunnelView *self,
               double        x,
               gboolean      fine)
{
  if (fine != self->drag_fine)
    {
      const FpStage *stage = fp_plan_get_stage (self->plan, self->drag.stage);

      self->drag_fine = fine;
      self->anchor_x = self->last_x;
      self->anchor_at = fp_drag_scale_at_value (&self->scale,
                                                self->drag.kind == FP_HIT_CONVERSION_HANDLE
                                                ? stage->conversion : stage->duration_days);
    }
  self->last_x = x;
  return self->anchor_at + (x - self->anchor_x) / (fine ? FINE_MOTION : 1.0);
}

void
_fp_funnel_view_drag_update (FpFunnelView    *self,
                             double           x,
                             double           y,
                             GdkModifierType  state)
{
  g_autoptr(GError) error = NULL;
  gboolean fine = (state & GDK_SHIFT_MASK) != 0;
  double value;

  g_return_if_fail (FP_IS_FUNNEL_VIEW (self));

  if (self->drag.kind == FP_HIT_NONE)
    return;

  value = value_at (self, drag_position (self, x, fine));
  if (self->drag.kind == FP_HIT_CONVERSION_HANDLE)
    {
      double step = fine ? FINE_STEP : DRAG_STEP;

      value = snap_conversion (CLAMP (value, FP_FUNNEL_MIN_CONVERSION, 1.0), step,
                               self->drag_start_value);
      if (!fp_plan_set_stage_conversion (self->plan, self->drag.stage, value, &error))
        g_warning ("Could not set the conversion: %s", error->message);
    }
  else
    {
      double days = round (value);

      if (!fp_plan_set_stage_duration (self->plan, self->drag.stage, days, &error))
        g_warning ("Could not set the duration: %s", error->message);
    }
}

void
_fp_funnel_view_drag_end (FpFunnelView *self)
{
  g_return_if_fail (FP_IS_FUNNEL_VIEW (self));

  if (self->drag.kind == FP_HIT_NONE)
    return;

  /* The dragged track keeps its range, widened or not, while its handle
   * has the focus: the knob stays under the pointer that let go of it. */
  self->kept_track = fp_funnel_layout_get_track (self->frozen, self->drag);
  self->drag = FP_HIT_INIT_NONE;
  g_clear_pointer (&self->frozen, fp_funnel_layout_free);
  if (self->plan != NULL)
    fp_plan_end_gesture (self->plan);
  invalidate_layout (self);
  gtk_widget_queue_allocate (GTK_WIDGET (self));
  update_cursor (self);
}

void
_fp_funnel_view_drag_cancel (FpFunnelView *self)
{
  FpHit drag;
  const FpStage *stage;
  double now;

  g_return_if_fail (FP_IS_FUNNEL_VIEW (self));

  if (self->drag.kind == FP_HIT_NONE)
    return;

  drag = self->drag;
  _fp_funnel_view_drag_end (self);
  /* Everything as at the press: a track the drag widened too */
  self->kept_track = FP_FUNNEL_KEPT_TRACK_NONE;
  /* The drag was one undo step: undoing it puts back the value of the
   * press exactly. A drag that moved nothing recorded no step. */
  stage = fp_plan_get_stage (self->plan, drag.stage);
  now = drag.kind == FP_HIT_CONVERSION_HANDLE ? stage->conversion : stage->duration_days;
  if (now != self->drag_start_value)
    fp_plan_undo (self->plan);
}

static void
on_gesture_drag_begin (GtkGestureDrag *gesture,
                       double          x,
                       double          y,
                       FpFunnelView   *self)
{
  if (ensure_layout (self))
    y = chart_y (self, y);
  if (_fp_funnel_view_drag_begin (self, x, y))
    gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_CLAIMED);
  else
    gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_DENIED);
}

static void
on_gesture_drag_update (GtkGestureDrag *gesture,
                        double          offset_x,
                        double          offset_y,
                        FpFunnelView   *self)
{
  double x;
  double y;

  gtk_gesture_drag_get_start_point (gesture, &x, &y);
  _fp_funnel_view_drag_update (self, x + offset_x, y + offset_y,
                               gtk_event_controller_get_current_event_state (GTK_EVENT_CONTROLLER (gesture)));
}

static void
on_gesture_drag_end (GtkGestureDrag *gesture,
                     double          offset_x,
                     double          offset_y,
                     FpFunnelView   *self)
{
  _fp_funnel_view_drag_end (self);
}

static void
on_gesture_cancel (GtkGesture       *gesture,
                   GdkEventSequence *sequence,
                   FpFunnelView     *self)
{
  _fp_funnel_view_drag_end (self);
}

/* Hover */

static void
set_hover (FpFunnelView *self,
           FpHit         hit)
{
  if (hit.kind == self->hover.kind && hit.stage == self->hover.stage)
    return;
  self->hover = hit;
  update_cursor (self);
  invalidate_drawing (self);
}

static void
on_motion_motion (GtkEventControllerMotion *motion,
                  double                    x,
                  double                    y,
                  FpFunnelView             *self)
{
  if (self->drag.kind != FP_HIT_NONE)
    return;
  if (ensure_layout (self))
    set_hover (self, fp_funnel_layout_hit_test (self->layout, x, chart_y (self, y)));
}

static void
on_motion_leave (GtkEventControllerMotion *motion,
                 FpFunnelView             *self)
{
  if (self->drag.kind == FP_HIT_NONE)
    set_hover (self, FP_HIT_INIT_NONE);
}

/* A click on a band (a press and a release without a drag between) */
static void
on_gesture_click_released (GtkGestureClick *gesture,
                           int              n_press,
                           double           x,
                           double           y,
                           FpFunnelView    *self)
{
  FpHit hit;

  if (n_press != 1 || self->drag.kind != FP_HIT_NONE || !ensure_layout (self))
    return;
  hit = fp_funnel_layout_hit_test (self->layout, x, chart_y (self, y));
  if (hit.kind == FP_HIT_BAND)
    g_signal_emit (self, signals[STAGE_ACTIVATED], 0, (guint) hit.stage);
}

/* Keyboard */

/* The track of @handle keeps the range it shows now, as after a drag */
static void
keep_track_of (FpFunnelView   *self,
               FpCanvasHandle *handle)
{
  if (is_kept_track_handle (self, handle))
    return;
  if (ensure_layout (self))
    self->kept_track = fp_funnel_layout_get_track (self->layout, handle_hit (handle));
}

gboolean
_fp_funnel_view_step (FpFunnelView   *self,
                      FpCanvasHandle *handle,
                      int             direction,
                      FpKeyStep       size)
{
  static const double conversion_steps[] = {
    [FP_KEY_STEP] = KEY_STEP,
    [FP_KEY_STEP_SHIFT] = FINE_STEP,
    [FP_KEY_STEP_PAGE] = PAGE_STEP,
    [FP_KEY_STEP_ALL] = 1.0,
  };
  g_autoptr(GError) error = NULL;
  g_autofree char *key_run = NULL;
  guint i;
  const FpStage *stage;
  gboolean ok;

  g_return_val_if_fail (FP_IS_FUNNEL_VIEW (self), FALSE);
  g_return_val_if_fail (FP_IS_CANVAS_HANDLE (handle), FALSE);

  i = fp_canvas_handle_get_stage (handle);
  if (self->plan == NULL || self->drag.kind != FP_HIT_NONE || i + 1 >= fp_plan_get_n_stages (self->plan))
    return FALSE;
  stage = fp_plan_get_stage (self->plan, i);
  keep_track_of (self, handle);

  /* The arrow presses while the handle keeps the focus are one undo step,
   * as a drag is. */
  key_run = fp_canvas_handle_dup_key_run (handle, size);
  fp_plan_set_merge_key (self->plan, key_run);
  if (fp_canvas_handle_get_kind (handle) == FP_CANVAS_HANDLE_CONVERSION)
    {
      double step = conversion_steps[size];
      /* On the 0.1% grid, so that 20.25% and a step land on round values */
      double value = round ((stage->conversion + direction * step) / FINE_STEP) * FINE_STEP;

      ok = fp_plan_set_stage_conversion (self->plan, i, CLAMP (value, FINE_STEP, 1.0), &error);
    }
  else
    {
      /* The durations' track in view, kept above */
      double track_end = self->kept_track.kind == FP_HIT_DURATION_HANDLE ? self->kept_track.max
                                                                          : FP_TIMELINE_MAX_DURATION;

      ok = fp_plan_set_stage_duration (self->plan, i,
                                       fp_canvas_handle_step_days (stage->duration_days, direction,
                                                                   size, track_end),
                                       &error);
    }
  fp_plan_set_merge_key (self->plan, NULL);
  if (!ok)
    g_warning ("Could not change the stage: %s", error->message);
  return TRUE;
}

static gboolean
on_key_controller_key_pressed (GtkEventControllerKey *key_controller,
                               guint                  keyval,
                               guint                  keycode,
                               GdkModifierType        state,
                               FpFunnelView          *self)
{
  FpCanvasHandle *handle = focused_handle (self);
  FpKeyStep size;
  int direction;

  /* Escape lets go of a drag and puts the value back. */
  if (keyval == GDK_KEY_Escape && self->drag.kind != FP_HIT_NONE)
    {
      _fp_funnel_view_drag_cancel (self);
      return GDK_EVENT_STOP;
    }

  if (handle == NULL ||
      !fp_canvas_handle_read_key (keyval, state, FP_KEY_LAYOUT_SLIDER, &direction, &size))
    return GDK_EVENT_PROPAGATE;
  return _fp_funnel_view_step (self, handle, direction, size) ? GDK_EVENT_STOP : GDK_EVENT_PROPAGATE;
}

/* The plan */

static void
on_plan_changed (FpPlan       *plan,
                 guint         change,
                 FpFunnelView *self)
{
  g_clear_pointer (&self->projection, fp_projection_free);
  if (change & FP_PLAN_CHANGE_STRUCTURE)
    {
      /* The frozen and kept tracks belong to stages that may be gone. */
      _fp_funnel_view_drag_end (self);
      self->kept_track = FP_FUNNEL_KEPT_TRACK_NONE;
      sync_handles (self);
      self->hover = FP_HIT_INIT_NONE;
    }
  invalidate_layout (self);
  if (fp_full_height_changed_by (&self->full_height, plan))
    gtk_widget_queue_resize (GTK_WIDGET (self));
  else
    gtk_widget_queue_allocate (GTK_WIDGET (self));
  update_accessible (self);
  /* A tooltip shown under a resting pointer says what the plan says now
   * (an arrow key or Ctrl+Z may have cleared the warning); GTK asks again
   * only when the pointer moves. Not while dragging: none is shown then. */
  if (self->drag.kind == FP_HIT_NONE)
    gtk_widget_trigger_tooltip_query (GTK_WIDGET (self));
}

FpPlan *
fp_funnel_view_get_plan (FpFunnelView *self)
{
  g_return_val_if_fail (FP_IS_FUNNEL_VIEW (self), NULL);

  return self->plan;
}

void
fp_funnel_view_set_plan (FpFunnelView *self,
                         FpPlan       *plan)
{
  g_return_if_fail (FP_IS_FUNNEL_VIEW (self));
  g_return_if_fail (plan == NULL || FP_IS_PLAN (plan));

  if (self->plan == plan)
    return;

  _fp_funnel_view_drag_end (self);
  self->kept_track = FP_FUNNEL_KEPT_TRACK_NONE;
  if (self->plan != NULL)
    g_clear_signal_handler (&self->changed_id, self->plan);
  g_set_object (&self->plan, plan);
  if (plan != NULL)
    self->changed_id = g_signal_connect (plan, "changed", G_CALLBACK (on_plan_changed), self);

  g_clear_pointer (&self->projection, fp_projection_free);
  self->hover = FP_HIT_INIT_NONE;
  sync_handles (self);
  invalidate_layout_afresh (self);
  gtk_widget_queue_resize (GTK_WIDGET (self));
  update_accessible (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PLAN]);
}

const FpFunnelLayout *
_fp_funnel_view_get_layout (FpFunnelView *self)
{
  g_return_val_if_fail (FP_IS_FUNNEL_VIEW (self), NULL);

  return ensure_layout (self) ? self->layout : NULL;
}

GtkWidget *
_fp_funnel_view_get_handle (FpFunnelView       *self,
                            FpCanvasHandleKind  kind,
                            guint               stage)
{
  g_return_val_if_fail (FP_IS_FUNNEL_VIEW (self), NULL);

  return find_handle (self, kind, stage);
}

/* GtkWidget */

static GtkSizeRequestMode
fp_funnel_view_get_request_mode (GtkWidget *widget)
{
  return GTK_SIZE_REQUEST_HEIGHT_FOR_WIDTH;
}

static void
fp_funnel_view_measure (GtkWidget      *widget,
                        GtkOrientation  orientation,
                        int             for_size,
                        int            *minimum,
                        int            *natural,
                        int            *minimum_baseline,
                        int            *natural_baseline)
{
  FpFunnelView *self = FP_FUNNEL_VIEW (widget);

  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    {
      *minimum = 360;
      *natural = 720;
    }
  else
    {
      int full = self->plan == NULL || for_size <= 0 ? 0
                 : fp_full_height_get (&self->full_height, self->plan, for_size,
                                       layout_full_height, self);

      *minimum = MAX (240, full);
      *natural = MAX (540, full);
    }
}

static void
fp_funnel_view_size_allocate (GtkWidget *widget,
                              int        width,
                              int        height,
                              int        baseline)
{
  FpFunnelView *self = FP_FUNNEL_VIEW (widget);

  if (width != self->width || height != self->height)
    {
      self->width = width;
      self->height = height;
      invalidate_layout_afresh (self);
      if (self->frozen != NULL)
        {
          /* Resized mid-drag: the old tracks are meaningless now. */
          g_clear_pointer (&self->frozen, fp_funnel_layout_free);
          ensure_layout (self);
          self->frozen = g_steal_pointer (&self->layout);
        }
    }

  ensure_layout (self);
  for (guint k = 0; k < self->handles->len; k++)
    {
      GtkWidget *handle = g_ptr_array_index (self->handles, k);
      FpCanvasHandle *h = FP_CANVAS_HANDLE (handle);
      guint i = fp_canvas_handle_get_stage (h);
      GtkAllocation alloc = { 0, 0, 0, 0 };
      int min;

      if (self->layout != NULL && i < fp_funnel_layout_get_n_stages (self->layout))
        {
          const FpFunnelStageLayout *st = fp_funnel_layout_get_stage (self->layout, i);
          const FpRect *r = fp_canvas_handle_get_kind (h) == FP_CANVAS_HANDLE_CONVERSION
                            ? &st->conversion_handle : &st->duration_handle;

          alloc = (GtkAllocation) { floor (r->x), floor (r->y), ceil (r->width), ceil (r->height) };
        }
      gtk_widget_measure (handle, GTK_ORIENTATION_HORIZONTAL, -1, &min, NULL, NULL, NULL);
      gtk_widget_measure (handle, GTK_ORIENTATION_VERTICAL, -1, &min, NULL, NULL, NULL);
      gtk_widget_size_allocate (handle, &alloc, -1);
    }
}

/* The focus ring and the value bubble, over the cached chart */
static void
draw_overlay (gpointer  data,
              cairo_t  *cr)
{
  FpFunnelView *self = data;
  FpCanvasHandle *focused = focused_handle (self);
  const FpFunnelLayout *layout = self->layout;
  double s = fp_funnel_layout_get_scale (layout);
  double r = fp_funnel_layout_get_handle_radius (layout);
  FpHit show = self->drag;

  if (focused != NULL && gtk_widget_has_visible_focus (GTK_WIDGET (focused)))
    {
      guint i = fp_canvas_handle_get_stage (focused);
      FpHit hit = handle_hit (focused);

      if (i < fp_funnel_layout_get_n_stages (layout) && fp_funnel_layout_get_stage (layout, i)->has_tracks)
        {
          const FpFunnelStageLayout *st = fp_funnel_layout_get_stage (layout, i);
          double x = handle_x (layout, hit);
          double y = hit.kind == FP_HIT_CONVERSION_HANDLE ? st->conversion_y : st->duration_y;
          FpRect knob = { x - r, y - r, 2 * r, 2 * r };

          fp_canvas_draw_focus_ring (cr, &self->theme, &knob, r, s);
          if (show.kind == FP_HIT_NONE)
            show = hit;
        }
    }

  if (show.kind != FP_HIT_NONE && (guint) show.stage < fp_funnel_layout_get_n_stages (layout))
    {
      const FpFunnelStageLayout *st = fp_funnel_layout_get_stage (layout, show.stage);
      g_autofree char *text = NULL;
      double x = handle_x (layout, show);
      double y = show.kind == FP_HIT_CONVERSION_HANDLE ? st->conversion_y : st->duration_y;

      if (!st->has_tracks)
        return;
      text = show.kind == FP_HIT_CONVERSION_HANDLE ? _fp_format_percent (st->conversion)
                                                   : _fp_format_duration (st->duration, FALSE);
      fp_canvas_draw_value_bubble (cr, &self->theme, text,
                                   &(FpRect) { x - 1.6 * r, y - 1.6 * r, 3.2 * r, 3.2 * r },
                                   FP_BUBBLE_ABOVE, 0, self->width, self->height, s);
    }
}

/* The start-up benchmark's mark: the frame that drew the chart has been
 * painted. It prints the window's size too, so the yardstick window can be
 * opened at the same size (on a software-rendered display the pixels alone
 * cost as much as the whole goal allows). */
static void
on_first_frame_painted (GdkFrameClock *clock,
                        FpFunnelView  *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GApplication *app = g_application_get_default ();
  int width = 0, height = 0;

  g_signal_handlers_disconnect_by_func (clock, on_first_frame_painted, self);
  if (GTK_IS_WINDOW (root))
    gtk_window_get_default_size (GTK_WINDOW (root), &width, &height);
  g_print ("first-frame %" G_GINT64_FORMAT " %dx%d\n", g_get_monotonic_time (), width, height);
  if (app != NULL)
    g_application_quit (app);
}

static void
fp_funnel_view_snapshot (GtkWidget   *widget,
                         GtkSnapshot *snapshot)
{
  FpFunnelView *self = FP_FUNNEL_VIEW (widget);
  graphene_rect_t bounds;
  cairo_t *cr;

  if (!ensure_layout (self))
    return;

  bounds = GRAPHENE_RECT_INIT (0, 0, self->width, self->height);
  if (self->cache == NULL)
    {
      GtkSnapshot *chart = gtk_snapshot_new ();
      FpHit hover = self->drag.kind != FP_HIT_NONE ? self->drag : self->hover;

      cr = gtk_snapshot_append_cairo (chart, &bounds);
      fp_funnel_render (cr, self->layout, &self->theme, FP_RENDER_NONE, hover);
      cairo_destroy (cr);
      self->cache = gtk_snapshot_free_to_node (chart);
    }
  if (self->cache != NULL)
    {
      FpRect band;
      double kept = kept_headers_y (self, &band);

      gtk_snapshot_append_node (snapshot, self->cache);
      if (kept >= 0)
        {
          FpColor line = fp_color_with_alpha (&self->theme.foreground, 0.15);

          fp_kept_in_sight_snapshot (snapshot, self->cache, &band, kept,
                                     &self->theme.background, &line, TRUE);
        }
    }

  fp_snapshot_append_overlay (snapshot, draw_overlay, self);

  if (self->exit_after_first_frame)
    {
      self->exit_after_first_frame = FALSE;
      g_signal_connect (gtk_widget_get_frame_clock (widget), "after-paint",
                        G_CALLBACK (on_first_frame_painted), self);
    }
}

static void
fp_funnel_view_root (GtkWidget *widget)
{
  FpFunnelView *self = FP_FUNNEL_VIEW (widget);

  GTK_WIDGET_CLASS (fp_funnel_view_parent_class)->root (widget);
  fp_scroll_watch_start (&self->scroll_watch, widget);
  fp_focus_ring_watch_start (&self->focus_ring_watch, widget);
}

static void
fp_funnel_view_unroot (GtkWidget *widget)
{
  FpFunnelView *self = FP_FUNNEL_VIEW (widget);

  fp_scroll_watch_stop (&self->scroll_watch);
  fp_focus_ring_watch_stop (&self->focus_ring_watch);
  GTK_WIDGET_CLASS (fp_funnel_view_parent_class)->unroot (widget);
}

static void
fp_funnel_view_css_changed (GtkWidget         *widget,
                            GtkCssStyleChange *change)
{
  FpFunnelView *self = FP_FUNNEL_VIEW (widget);

  GTK_WIDGET_CLASS (fp_funnel_view_parent_class)->css_changed (widget, change);

  self->theme_valid = FALSE;
  fp_full_height_invalidate (&self->full_height);
  invalidate_layout (self);
  gtk_widget_queue_resize (widget);
}

static void
on_style_manager_notify_dark (FpFunnelView    *self,
                              GParamSpec      *pspec,
                              AdwStyleManager *manager)
{
  self->theme_valid = FALSE;
  invalidate_layout (self);
}

/* GObject */

static void
fp_funnel_view_dispose (GObject *object)
{
  FpFunnelView *self = FP_FUNNEL_VIEW (object);

  fp_funnel_view_set_plan (self, NULL);
  fp_scroll_watch_stop (&self->scroll_watch);
  for (guint k = 0; k < self->handles->len; k++)
    gtk_widget_unparent (g_ptr_array_index (self->handles, k));
  g_ptr_array_set_size (self->handles, 0);

  G_OBJECT_CLASS (fp_funnel_view_parent_class)->dispose (object);
}

static void
fp_funnel_view_finalize (GObject *object)
{
  FpFunnelView *self = FP_FUNNEL_VIEW (object);

  g_clear_pointer (&self->projection, fp_projection_free);
  g_clear_pointer (&self->layout, fp_funnel_layout_free);
  g_clear_pointer (&self->frozen, fp_funnel_layout_free);
  g_clear_pointer (&self->cache, gsk_render_node_unref);
  g_ptr_array_unref (self->handles);

  G_OBJECT_CLASS (fp_funnel_view_parent_class)->finalize (object);
}

static void
fp_funnel_view_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  FpFunnelView *self = FP_FUNNEL_VIEW (object);

  switch (prop_id)
    {
    case PROP_PLAN:
      g_value_set_object (value, self->plan);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
fp_funnel_view_set_property (GObject      *object,
                             guint         prop_id,
                             const GValue *value,
                             GParamSpec   *pspec)
{
  FpFunnelView *self = FP_FUNNEL_VIEW (object);

  switch (prop_id)
    {
    case PROP_PLAN:
      fp_funnel_view_set_plan (self, g_value_get_object (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
fp_funnel_view_class_init (FpFunnelViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = fp_funnel_view_dispose;
  object_class->finalize = fp_funnel_view_finalize;
  object_class->get_property = fp_funnel_view_get_property;
  object_class->set_property = fp_funnel_view_set_property;

  widget_class->get_request_mode = fp_funnel_view_get_request_mode;
  widget_class->measure = fp_funnel_view_measure;
  widget_class->size_allocate = fp_funnel_view_size_allocate;
  widget_class->snapshot = fp_funnel_view_snapshot;
  widget_class->root = fp_funnel_view_root;
  widget_class->unroot = fp_funnel_view_unroot;
  widget_class->css_changed = fp_funnel_view_css_changed;

  properties[PROP_PLAN] =
    g_param_spec_object ("plan", NULL, NULL, FP_TYPE_PLAN,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals[STAGE_ACTIVATED] =
    g_signal_new ("stage-activated", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_UINT);

  gtk_widget_class_set_css_name (widget_class, "funnelview");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
}

static void
fp_funnel_view_init (FpFunnelView *self)
{
  GtkGesture *gesture;
  GtkEventController *motion;
  GtkEventController *key_controller;

  self->hover = FP_HIT_INIT_NONE;
  self->drag = FP_HIT_INIT_NONE;
  self->kept_track = FP_FUNNEL_KEPT_TRACK_NONE;
  self->full_height = FP_FULL_HEIGHT_INIT;
  self->handles = g_ptr_array_new ();
  self->exit_after_first_frame = g_strcmp0 (g_getenv ("FP_EXIT_AFTER_FIRST_FRAME"), "1") == 0;
  fp_theme_init_light (&self->theme);

  gtk_widget_set_overflow (GTK_WIDGET (self), GTK_OVERFLOW_HIDDEN);
  gtk_widget_set_has_tooltip (GTK_WIDGET (self), TRUE);
  g_signal_connect (self, "query-tooltip", G_CALLBACK (on_query_tooltip), self);

  gesture = gtk_gesture_drag_new ();
  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (gesture), GDK_BUTTON_PRIMARY);
  g_signal_connect (gesture, "drag-begin", G_CALLBACK (on_gesture_drag_begin), self);
  g_signal_connect (gesture, "drag-update", G_CALLBACK (on_gesture_drag_update), self);
  g_signal_connect (gesture, "drag-end", G_CALLBACK (on_gesture_drag_end), self);
  g_signal_connect (gesture, "cancel", G_CALLBACK (on_gesture_cancel), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (gesture));

  gesture = gtk_gesture_click_new ();
  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (gesture), GDK_BUTTON_PRIMARY);
  g_signal_connect (gesture, "released", G_CALLBACK (on_gesture_click_released), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (gesture));

  motion = gtk_event_controller_motion_new ();
  g_signal_connect (motion, "motion", G_CALLBACK (on_motion_motion), self);
  g_signal_connect (motion, "leave", G_CALLBACK (on_motion_leave), self);
  gtk_widget_add_controller (GTK_WIDGET (self), motion);

  key_controller = gtk_event_controller_key_new ();
  g_signal_connect (key_controller, "key-pressed", G_CALLBACK (on_key_controller_key_pressed), self);
  gtk_widget_add_controller (GTK_WIDGET (self), key_controller);

  g_signal_connect_object (adw_style_manager_get_default (), "notify::dark",
                           G_CALLBACK (on_style_manager_notify_dark), self, G_CONNECT_SWAPPED);

  update_accessible (self);
}

GtkWidget *
fp_funnel_view_new (void)
{
  return g_object_new (FP_TYPE_FUNNEL_VIEW, NULL);
}
