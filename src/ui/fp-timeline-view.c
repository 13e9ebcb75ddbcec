/* fp-timeline-view.c: stage bars on a day axis and the monthly volumes
 *
 * Built like FpFunnelView: the projection and one FpTimelineLayout at the
 * widget's size, rebuilt on every change of the plan or the size, the chart
 * kept as a render node, the focus ring and value bubble drawn on top, one
 * invisible FpCanvasHandle child per duration handle for Tab and screen
 * readers.
 *
 * The handle of a stage sits at its bar's enter end: on an axis that ends at
 * the close, that is the end a stage's duration moves (the leave end is
 * fixed by the stages after it). For a drag the view keeps the day axis of
 * the press (axis_days) in every layout it builds, so every x keeps meaning
 * the same day until the release, and maps the pointer through the layout of
 * the press with a grab anchor. Only a drag that runs into the axis's start
 * widens the axis on the way (widen_past_start()). After the release, and
 * while arrow keys step a duration, the axis stays for as long as the
 * handle has the focus (kept_axis_days).
 *
 * Where the months are too narrow for their counts, the layout scrolls them
 * (fp_timeline_layout_new_scrolled): the view keeps how far, and moves it
 * with a horizontal wheel or Shift and the wheel, a drag on the months, or
 * the keys of one more handle laid over them, after the duration handles.
 */

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>
#include <math.h>

#include "fp-canvas-handle.h"
#include "fp-canvas-overlay.h"
#include "fp-drag-scale.h"
#include "fp-overlay-node.h"
#include "fp-projection.h"
#include "fp-theme-gtk.h"
#include "fp-timeline-renderer.h"
#include "fp-full-height.h"
#include "fp-kept-in-sight.h"
#include "fp-timeline-view-private.h"

/* What a drag on a scrolled grid does, besides a drag of a bar's handle */
typedef enum
{
  MONTHS_DRAG_NONE,
  MONTHS_DRAG_PAN,           /* on the months: they follow the pointer */
  MONTHS_DRAG_THUMB,         /* on the bar: its thumb follows the pointer */
} MonthsDrag;

struct _FpTimelineView
{
  GtkWidget parent_instance;

  FpPlan *plan;
  gulong changed_id;

  FpProjection *projection;
  FpTimelineLayout *layout;
  GskRenderNode *cache;
  FpTheme theme;
  gboolean theme_valid;
  int width;
  int height;

  FpHit hover;

  int drag_stage;            /* -1 when no drag */
  double drag_start_days;    /* the stage's duration at the press, for Escape */
  FpTimelineLayout *frozen;
  double grab_offset;
  /* The pointer's days before the close, on the axis of the press and
   * those the drag widened it to */
  FpDragScale scale;

  /* After a drag, or while the arrow keys step a handle: the day axis of
   * the drag or of the first key, kept until the handle lets go of the
   * focus, so the handle stays where the pointer left it and moves the way
   * a key says; 0 when none */
  double kept_axis_days;

  FpFullHeight full_height;  /* what the view asks for: see fp-full-height.h */

  GPtrArray *handles;        /* FpCanvasHandle, one per stage but the last */
  /* The one of them with the focus, or NULL, as its focus controller
   * says: in its "enter" the handle does not have the focus yet for
   * focused_handle() */
  GtkWidget *heard_handle;

  /* A scrolled grid: how far in (px; the layout clamps it), a drag that
   * pans it from where it was or moves its bar's thumb from where the
   * pointer took it, and its handle for keys and screen readers */
  double grid_scroll;
  /* Until the person scrolls the months, and again when the period
   * changes: they follow the plan period, all of it in view with the lead
   * time that fits before it (a plan's months opened on its lead time, the
   * period off to the right) */
  gboolean scroll_follows_period;
  guint period_key;          /* the period followed: see period_key() */
  MonthsDrag months_drag;
  double pan_start_scroll;
  double thumb_grab;         /* the pointer's x less the thumb's */
  gboolean pointer_in;
  double pointer_x;
  double pointer_y;
  GtkWidget *months_handle;
  guint months_focusable_id;  /* the handle's focusability, to set after the allocation */
  gboolean months_lost_focus;  /* hidden with the focus: it goes to the last bar's handle */

  FpFocusRingWatch focus_ring_watch;
  FpScrollWatch scroll_watch; /* draws again the guides kept in sight */
};

G_DEFINE_FINAL_TYPE (FpTimelineView, fp_timeline_view, GTK_TYPE_WIDGET)

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

static void
invalidate_drawing (FpTimelineView *self)
{
  g_clear_pointer (&self->cache, gsk_render_node_unref);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
invalidate_layout (FpTimelineView *self)
{
  g_clear_pointer (&self->layout, fp_timeline_layout_free);
  invalidate_drawing (self);
}

static void
ensure_theme (FpTimelineView *self)
{
  if (self->theme_valid)
    return;
  fp_theme_init_from_widget (&self->theme, GTK_WIDGET (self));
  self->theme_valid = TRUE;
}

static gboolean
ensure_layout (FpTimelineView *self)
{
  if (self->plan == NULL || self->width <= 0 || self->height <= 0)
    return FALSE;
  if (self->layout != NULL)
    return TRUE;

  ensure_theme (self);
  if (self->projection == NULL)
    self->projection = fp_projection_new (self->plan);
  /* Keys that took the stages past the kept axis get a new one */
  if (self->kept_axis_days < self->projection->lead_to_close_days)
    self->kept_axis_days = 0;
  self->layout = fp_timeline_layout_new_scrolled (self->plan, self->projection,
                                                  gtk_widget_get_pango_context (GTK_WIDGET (self)),
                                                  &self->theme, self->width, self->height,
                                                  self->frozen != NULL
                                                  ? fp_timeline_layout_get_axis_days (self->frozen)
                                                  : self->kept_axis_days,
                                                  self->scroll_follows_period
                                                  ? FP_TIMELINE_SCROLL_TO_PERIOD
                                                  : self->grid_scroll);
  if (self->scroll_follows_period)
    fp_timeline_layout_get_grid_scroll (self->layout, NULL, &self->grid_scroll, NULL);
  return TRUE;
}

/* The months of a scrolled grid */

/* A guide drawn again at an edge of the window of a view taller than it
 * (fp-kept-in-sight.h) */
typedef enum
{
  GUIDE_AXIS,       /* the axis's labels */
  GUIDE_MONTHS,     /* the spans and month names */
  GUIDE_BAR,        /* a scrolled grid's bar */
  N_GUIDES
} GuideKind;

typedef struct
{
  GuideKind kind;
  FpRect band;      /* where it is in the chart */
  double kept_y;    /* where it is drawn again */
  gboolean over;    /* over the rows it names (its hairline under it) */
} KeptGuide;

/* The guides drawn again now: the months' names at the window's top while
 * the grid's rows run under them; the axis's labels at its bottom while the
 * bars run on past it, or a scrolled grid's bar while the grid's rows do
 * (that there are more months showed nowhere in sight). Returns how many. */
static guint
kept_guides (FpTimelineView *self,
             KeptGuide       guides[N_GUIDES])
{
  FpRect axis;
  FpRect header;
  FpRect bar;
  FpRect bars;
  FpRect grid;
  double top;
  double bottom;
  double y;
  guint n = 0;

  if (self->layout == NULL || !fp_kept_in_sight_window (GTK_WIDGET (self), &top, &bottom))
    return 0;
  fp_timeline_layout_get_guides (self->layout, &axis, &header, &bar);
  fp_timeline_layout_get_areas (self->layout, &bars, &grid, NULL);
  if ((y = fp_kept_in_sight_footer_y (&axis, bars.y, bottom)) >= 0)
    guides[n++] = (KeptGuide) { GUIDE_AXIS, axis, y, FALSE };
  if ((y = fp_kept_in_sight_header_y (&header, grid.y + grid.height, top)) >= 0)
    guides[n++] = (KeptGuide) { GUIDE_MONTHS, header, y, TRUE };
  if ((y = fp_kept_in_sight_footer_y (&bar, header.y + header.height, bottom)) >= 0)
    guides[n++] = (KeptGuide) { GUIDE_BAR, bar, y, FALSE };
  return n;
}

/* The chart's y under the widget's @y: under a guide drawn again, the
 * guide's own, so that it takes the pointer as it does in its place */
static double
chart_y (FpTimelineView *self,
         double          y)
{
  KeptGuide guides[N_GUIDES];
  guint n = kept_guides (self, guides);

  /* Last first: where two overlap (a short window), the one drawn on top */
  for (guint k = n; k-- > 0;)
    if (y >= guides[k].kept_y && y < guides[k].kept_y + guides[k].band.height)
      return fp_kept_in_sight_map_y (&guides[k].band, guides[k].kept_y, y);
  return y;
}

/* The grid's window when its months scroll; FALSE when they do not */
static gboolean
grid_scrolls (FpTimelineView *self,
              FpRect         *view)
{
  return ensure_layout (self) && fp_timeline_layout_get_grid_scroll (self->layout, view, NULL, NULL);
}

static gboolean
in_scrolled_grid (FpTimelineView *self,
                  double          x,
                  double          y)
{
  FpRect view;

  return grid_scrolls (self, &view) &&
         x >= view.x && x < view.x + view.width && y >= view.y && y < view.y + view.height;
}

/* The first and last month with most of their column in view */
static void
months_in_view (const FpTimelineLayout *layout,
                guint                  *first,
                guint                  *last)
{
  guint n_months = fp_timeline_layout_get_n_months (layout);
  FpRect view;

  fp_timeline_layout_get_grid_scroll (layout, &view, NULL, NULL);
  *first = n_months;
  *last = 0;
  for (guint m = 0; m < n_months; m++)
    {
      const FpRect *column = &fp_timeline_layout_get_month (layout, m)->column;
      double center = column->x + column->width / 2;

      if (center < view.x || center >= view.x + view.width)
        continue;
      *first = MIN (*first, m);
      *last = m;
    }
  if (*first > *last)
    *first = *last = 0;
}

/* "March 2027": for the tooltips and screen readers */
static char *
format_month (int year,
              int month_of_year)
{
  g_autoptr(GDateTime) dt = g_date_time_new_utc (year, month_of_year, 1, 0, 0, 0);

  return dt != NULL ? _fp_format_month (dt, FALSE, TRUE) : g_strdup ("?");
}

static char *
month_text (const FpTimelineLayout *layout,
            guint                   m)
{
  const FpTimelineMonthLayout *ml = fp_timeline_layout_get_month (layout, m);

  return format_month (ml->year, ml->month_of_year);
}

static gboolean
set_months_focusable (gpointer data)
{
  FpTimelineView *self = data;
  gboolean scrolls = grid_scrolls (self, NULL);

  self->months_focusable_id = 0;
  gtk_widget_set_focusable (self->months_handle, scrolls);
  if (self->months_lost_focus && !scrolls)
    {
      if (self->handles->len > 0)
        gtk_widget_grab_focus (g_ptr_array_index (self->handles, self->handles->len - 1));
      else
        gtk_widget_child_focus (GTK_WIDGET (self), GTK_DIR_TAB_FORWARD);
    }
  self->months_lost_focus = FALSE;
  return G_SOURCE_REMOVE;
}

/* The months' handle says which months show, and takes the focus only
 * while they scroll. It is named also while they do not: GTK 4.8 keeps a
 * hidden child in the accessible tree, where it was an unnamed slider.
 * Its focusability changes once the allocation is over: GTK 4.8 queues a
 * resize with it, which, queued from size_allocate(), left the views'
 * stack without an allocation, and both views blank, until the window
 * was resized (the grid starting to scroll as Months went to 12). */
static void
sync_months_handle (FpTimelineView *self)
{
  FpCanvasHandle *handle = FP_CANVAS_HANDLE (self->months_handle);
  gboolean scrolls = grid_scrolls (self, NULL);
  guint first = 0;
  guint last = 0;
  guint n_months;
  g_autofree char *from = NULL;
  g_autofree char *to = NULL;
  g_autofree char *text = NULL;

  if (gtk_widget_get_focusable (self->months_handle) != scrolls && self->months_focusable_id == 0)
    self->months_focusable_id = g_idle_add (set_months_focusable, self);
  gtk_accessible_update_state (GTK_ACCESSIBLE (handle), GTK_ACCESSIBLE_STATE_HIDDEN, !scrolls, -1);
  n_months = self->layout != NULL ? fp_timeline_layout_get_n_months (self->layout) : 0;
  if (n_months == 0)
    return;
  months_in_view (self->layout, &first, &last);
  from = month_text (self->layout, first);
  to = month_text (self->layout, last);
  /* Translators: the months a scrolled grid shows, e.g. "July 2027 to June 2028" */
  text = g_strdup_printf (_("%s to %s"), from, to);
  /* Translators: the name of the control that scrolls the monthly grid */
  fp_canvas_handle_update (handle, _("Months in view"), 0, n_months - 1 - (last - first),
                           first, text, NULL);
}

/* Scrolls the months to @scroll px in; FALSE when they do not scroll or
 * are there already. */
static gboolean
set_grid_scroll (FpTimelineView *self,
                 double          scroll)
{
  double now;
  double max;

  if (!ensure_layout (self) ||
      !fp_timeline_layout_get_grid_scroll (self->layout, NULL, &now, &max))
    return FALSE;
  scroll = CLAMP (scroll, 0, max);
  if (round (scroll) == now)
    return FALSE;
  self->scroll_follows_period = FALSE;
  self->grid_scroll = scroll;
  invalidate_layout (self);
  sync_months_handle (self);
  return TRUE;
}

gboolean
_fp_timeline_view_step_months (FpTimelineView *self,
                               int             direction,
                               FpKeyStep       size)
{
  FpRect view;
  double now;
  double max;
  double month;
  double target;

  g_return_val_if_fail (FP_IS_TIMELINE_VIEW (self), FALSE);

  if (!ensure_layout (self) ||
      !fp_timeline_layout_get_grid_scroll (self->layout, &view, &now, &max))
    return FALSE;
  month = fp_timeline_layout_get_month_width (self->layout);
  switch (size)
    {
    case FP_KEY_STEP:
    case FP_KEY_STEP_SHIFT:
      /* A month at a time, a whole one at the window's start */
      target = (round (now / month) + direction) * month;
      break;
    case FP_KEY_STEP_PAGE:
      target = now + direction * MAX (1, floor (view.width / month)) * month;
      break;
    case FP_KEY_STEP_ALL:
    default:
      target = direction > 0 ? max : 0;
      break;
    }
  set_grid_scroll (self, target);
  return TRUE;
}

/* A press on the months' bar. On the thumb, it takes the thumb where it
 * is; on the track, the thumb jumps under the pointer, as GTK's own
 * scrollbars do, or (with gtk-primary-button-warps-slider off) the months
 * move a window's worth towards it. TRUE when a drag of the thumb
 * follows. */
static gboolean
press_scroll_bar (FpTimelineView *self,
                  double          x)
{
  FpRect thumb;
  gboolean warps = TRUE;

  fp_timeline_layout_get_scroll_bar (self->layout, NULL, &thumb);
  if (x < thumb.x || x >= thumb.x + thumb.width)
    {
      g_object_get (gtk_widget_get_settings (GTK_WIDGET (self)),
                    "gtk-primary-button-warps-slider", &warps, NULL);
      if (!warps)
        {
          _fp_timeline_view_step_months (self, x < thumb.x ? -1 : 1, FP_KEY_STEP_PAGE);
          return FALSE;
        }
      set_grid_scroll (self, fp_timeline_layout_scroll_at_thumb_x (self->layout,
                                                                   x - thumb.width / 2));
      ensure_layout (self);
      fp_timeline_layout_get_scroll_bar (self->layout, NULL, &thumb);
    }
  self->thumb_grab = x - thumb.x;
  self->months_drag = MONTHS_DRAG_THUMB;
  invalidate_drawing (self);
  return TRUE;
}

static void
drag_thumb (FpTimelineView *self,
            double          x)
{
  if (ensure_layout (self))
    set_grid_scroll (self, fp_timeline_layout_scroll_at_thumb_x (self->layout,
                                                                 x - self->thumb_grab));
}

static gboolean
on_scroll_controller_scroll (GtkEventControllerScroll *controller,
                             double                    dx,
                             double                    dy,
                             FpTimelineView           *self)
{
  GdkModifierType state = gtk_event_controller_get_current_event_state (GTK_EVENT_CONTROLLER (controller));
  /* The vertical wheel scrolls the page, as anywhere; with Shift, or a
   * sideways wheel or swipe, the months. */
  double amount = dx != 0 ? dx : (state & GDK_SHIFT_MASK) != 0 ? dy : 0;
  FpRect view;
  double now;
  double unit;

  if (amount == 0 || !self->pointer_in || !in_scrolled_grid (self, self->pointer_x, self->pointer_y))
    return FALSE;
  fp_timeline_layout_get_grid_scroll (self->layout, &view, &now, NULL);
  /* A wheel's click moves as far as a scrolled window's does */
  unit = gtk_event_controller_scroll_get_unit (controller) == GDK_SCROLL_UNIT_WHEEL
         ? pow (view.width, 2.0 / 3.0) : 1;
  set_grid_scroll (self, now + amount * unit);
  return TRUE;
}

static void
let_go_of_kept_axis (FpTimelineView *self)
{
  if (self->kept_axis_days == 0)
    return;
  self->kept_axis_days = 0;
  invalidate_layout (self);
  gtk_widget_queue_allocate (GTK_WIDGET (self));
}

/* Handles */

static FpCanvasHandle *
focused_handle (FpTimelineView *self)
{
  GtkWidget *child = gtk_widget_get_focus_child (GTK_WIDGET (self));

  if (child != NULL && FP_IS_CANVAS_HANDLE (child) && gtk_widget_has_focus (child))
    return FP_CANVAS_HANDLE (child);
  return NULL;
}

/* Stage @stage's row of the month grid after @prefix, for a screen reader:
 * "; needed per month: April 2027 404, May 2027 834". The months it needs
 * nothing in are left out, as the grid leaves their cells empty; so is
 * the whole row when it needs nothing at all. */
static void
append_month_row (GString            *out,
                  const char         *prefix,
                  const FpProjection *projection,
                  guint               stage)
{
  gboolean first = TRUE;

  for (guint m = 0; m < projection->n_months; m++)
    {
      double volume = fp_projection_get_volume (projection, m, stage);
      g_autofree char *month = NULL;
      g_autofree char *count = NULL;
      int year;
      int month_of_year;

      if (!(volume > 0))
        continue;
      fp_projection_get_month (projection, m, &year, &month_of_year);
      month = format_month (year, month_of_year);
      count = _fp_format_count (volume);
      /* Translators: what separates the months of a stage's row for a
       * screen reader: "April 2027 404, May 2027 834" */
      g_string_append (out, first ? prefix : C_("months heard", ", "));
      /* Translators: one month of a stage's row for a screen reader, its
       * name and the count the stage needs in it: "July 2027 534" */
      g_string_append_printf (out, C_("months heard", "%s %s"), month, count);
      first = FALSE;
    }
}

/* The view's name for a screen reader: the lead time, each stage's days,
 * and the month grid's rows that matter most, the handoff's (the SLA
 * number) and the closed deals'. A duration handle describes what its
 * bar's warning marker says. The one with the focus describes its own
 * stage's row of the grid as well, and only that one: written for
 * every handle, the rows of a plan of 64 stages over 60 months (some 4,000
 * numbers) took 3 to 6 ms at every step of a drag, for one handle heard. */
static void
update_accessible (FpTimelineView *self)
{
  g_autoptr(GString) summary = g_string_new (_("Timeline"));
  g_autofree char *lead = NULL;
  guint n;
  guint handoff;

  if (self->plan == NULL)
    {
      gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL, summary->str,
                                      -1);
      return;
    }
  if (self->projection == NULL)
    self->projection = fp_projection_new (self->plan);
  n = fp_plan_get_n_stages (self->plan);
  handoff = self->projection->handoff_stage;

  lead = _fp_format_duration (self->projection->lead_to_close_days, FALSE);
  /* Translators: for a screen reader, e.g. "lead to close 76 days" */
  g_string_append_printf (summary, _(": lead to close %s"), lead);
  for (guint i = 0; i + 1 < n; i++)
    {
      const FpStage *stage = fp_plan_get_stage (self->plan, i);
      g_autofree char *days = _fp_format_duration (stage->duration_days, FALSE);
      g_autofree char *enter = _fp_format_duration (self->projection->enter_offset_days[i], FALSE);

      /* Translators: one stage for a screen reader, e.g.
       * "Leads, 14 days, entering 76 days before the close" */
      g_string_append_printf (summary, _("; %s, %s, entering %s before the close"),
                              stage->name, days, enter);
    }
  for (guint i = 0; i < n; i++)
    {
      g_autofree char *prefix = NULL;

      if (i != handoff && i + 1 != n)
        continue;
      /* Translators: for a screen reader, before a stage's months, e.g.
       * "; Marketing qualified needed per month: " */
      prefix = g_strdup_printf (_("; %s needed per month: "), fp_plan_get_stage (self->plan, i)->name);
      append_month_row (summary, prefix, self->projection, i);
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
      g_autofree char *days = NULL;
      g_autofree char *enter = NULL;
      g_autofree char *text = NULL;
      g_autofree char *warnings = NULL;
      g_autoptr(GString) description = NULL;

      if (i + 1 >= n)
        continue;
      stage = fp_plan_get_stage (self->plan, i);
      /* Translators: the name of a slider, e.g. "Leads days in stage" */
      label = g_strdup_printf (_("%s days in stage"), stage->name);
      days = _fp_format_duration (stage->duration_days, FALSE);
      enter = _fp_format_duration (self->projection->enter_offset_days[i], FALSE);
      /* Translators: e.g. "14 days, entering 76 days before the close" */
      text = g_strdup_printf (_("%s, entering %s before the close"), days, enter);
      warnings = fp_projection_dup_warnings_text (self->projection, (int) i, "duration-");
      if (warnings != NULL || GTK_WIDGET (handle) == self->heard_handle)
        description = g_string_new (text);
      /* What the bar's marker says */
      if (warnings != NULL)
        /* Translators: for a screen reader, a warning after a duration,
         * e.g. "; Leads takes 40 days, longer than its benchmark of 7–30
         * days" */
        g_string_append_printf (description, C_("warning heard", "; %s"), warnings);
      if (GTK_WIDGET (handle) == self->heard_handle)
        /* Translators: for a screen reader, after a duration and before
         * its stage's months */
        append_month_row (description, _("; needed per month: "), self->projection, i);
      fp_canvas_handle_update (handle, label, 0, FP_TIMELINE_MAX_DURATION, stage->duration_days,
                               text, description != NULL ? description->str : NULL);
    }
}

/* The focus moves the month row that a handle describes
 * (update_accessible()) */
static void
on_focus_controller_enter (GtkEventControllerFocus *focus,
                           FpTimelineView          *self)
{
  self->heard_handle = gtk_event_controller_get_widget (GTK_EVENT_CONTROLLER (focus));
  invalidate_drawing (self);
  update_accessible (self);
}

static void
on_focus_controller_leave (GtkEventControllerFocus *focus,
                           FpTimelineView          *self)
{
  if (self->heard_handle == gtk_event_controller_get_widget (GTK_EVENT_CONTROLLER (focus)))
    self->heard_handle = NULL;
  let_go_of_kept_axis (self);
  invalidate_drawing (self);
  update_accessible (self);
}

/* One handle per stage but the last, by index: an undo or a reorder keeps
 * them (and the focus); only a change in the number of stages adds or
 * removes some, at the end. */
static void
sync_handles (FpTimelineView *self)
{
  guint n = self->plan != NULL ? fp_plan_get_n_stages (self->plan) : 0;
  guint want = n >= 2 ? n - 1 : 0;

  while (self->handles->len > want)
    {
      GtkWidget *handle = g_ptr_array_steal_index (self->handles, self->handles->len - 1);

      if (self->heard_handle == handle)
        self->heard_handle = NULL;
      gtk_widget_unparent (handle);
    }
  while (self->handles->len < want)
    {
      GtkWidget *handle = fp_canvas_handle_new (FP_CANVAS_HANDLE_DURATION, self->handles->len);
      GtkEventController *focus = gtk_event_controller_focus_new ();

      g_signal_connect_object (focus, "enter", G_CALLBACK (on_focus_controller_enter),
                               self, 0);
      g_signal_connect_object (focus, "leave", G_CALLBACK (on_focus_controller_leave),
                               self, 0);
      gtk_widget_add_controller (handle, focus);
      gtk_widget_set_parent (handle, GTK_WIDGET (self));
      g_ptr_array_add (self->handles, handle);
    }
  /* Tab reaches the months after the bars, as they sit below them */
  gtk_widget_insert_before (self->months_handle, GTK_WIDGET (self), NULL);
  gtk_widget_queue_allocate (GTK_WIDGET (self));
}

/* Drags */

static void
update_cursor (FpTimelineView *self)
{
  gboolean on_handle = self->drag_stage >= 0 || self->hover.kind == FP_HIT_DURATION_HANDLE;
  /* A scroll bar keeps the arrow, as GTK's do */
  gboolean on_bar = self->months_drag == MONTHS_DRAG_THUMB || self->hover.kind == FP_HIT_SCROLL_BAR;
  gboolean on_months = !on_handle && !on_bar && self->pointer_in &&
                       in_scrolled_grid (self, self->pointer_x, self->pointer_y);

  gtk_widget_set_cursor_from_name (GTK_WIDGET (self),
                                   on_handle ? "col-resize"
                                   : self->months_drag == MONTHS_DRAG_PAN ? "grabbing"
                                   : on_months ? "grab" : NULL);
}

/* Days per pixel along @layout's axis: negative, the days grow to the
 * left */
static double
axis_rate (const FpTimelineLayout *layout)
{
  double days = fp_timeline_layout_get_axis_days (layout);
  double width = fp_timeline_layout_x_at_days (layout, 0) - fp_timeline_layout_x_at_days (layout, days);

  return -MAX (days, 1) / MAX (width, 1);
}

gboolean
_fp_timeline_view_drag_begin (FpTimelineView *self,
                              double          x,
                              double          y)
{
  FpHit hit;

  g_return_val_if_fail (FP_IS_TIMELINE_VIEW (self), FALSE);

  if (self->drag_stage >= 0 || !ensure_layout (self))
    return FALSE;
  hit = fp_timeline_layout_hit_test (self->layout, x, y);
  if (hit.kind != FP_HIT_DURATION_HANDLE)
    return FALSE;

  self->drag_stage = hit.stage;
  self->drag_start_days = fp_plan_get_stage (self->plan, hit.stage)->duration_days;
  self->frozen = g_steal_pointer (&self->layout);
  self->grab_offset = fp_timeline_layout_get_stage (self->frozen, hit.stage)->handle_x - x;
  fp_drag_scale_init (&self->scale, fp_timeline_layout_x_at_days (self->frozen, 0), 0,
                      axis_rate (self->frozen));
  fp_plan_begin_gesture (self->plan);

  if ((guint) hit.stage < self->handles->len)
    gtk_widget_grab_focus (g_ptr_array_index (self->handles, hit.stage));
  update_cursor (self);
  invalidate_layout (self);
  return TRUE;
}

/* Lays out the frozen layout of a drag anew, on @axis_days. */
static void
refreeze (FpTimelineView *self,
          double          axis_days)
{
  g_clear_pointer (&self->frozen, fp_timeline_layout_free);
  invalidate_layout (self);
  if (self->projection == NULL)
    self->projection = fp_projection_new (self->plan);
  self->frozen = fp_timeline_layout_new (self->plan, self->projection,
                                         gtk_widget_get_pango_context (GTK_WIDGET (self)),
                                         &self->theme, self->width, self->height, axis_days);
}

/* The days before the close that the grip at @at stands for. A drag that
 * runs into the axis's start (where the first bar would leave the axis)
 * widens the axis rather than stopping there, as the funnel's tracks do:
 * the days go on from that limit at the wider axis's rate, and the grip,
 * drawn on the wider axis, trails the pointer. The scale keeps the
 * narrower rate on the near side of the limit (see fp-drag-scale.h), so
 * the pointer back at the press gives back the duration of the press. */
static double
days_at (FpTimelineView *self,
         double          at)
{
  double days = fp_drag_scale_value_at (&self->scale, at);

  for (;;)
    {
      double limit = fp_timeline_layout_get_drag_limit (self->frozen, self->drag_stage);
      double wider = fp_timeline_layout_get_wider_axis_days (self->frozen, self->drag_stage);

      if (days <= limit || wider == 0 || self->scale.n_pieces == FP_DRAG_SCALE_MAX_PIECES)
        return MIN (days, limit);
      refreeze (self, wider);
      fp_drag_scale_widen (&self->scale, limit, axis_rate (self->frozen));
      days = fp_drag_scale_value_at (&self->scale, at);
    }
}

void
_fp_timeline_view_drag_update (FpTimelineView *self,
                               double          x,
                               double          y)
{
  g_autoptr(GError) error = NULL;
  double days;

  g_return_if_fail (FP_IS_TIMELINE_VIEW (self));

  if (self->drag_stage < 0)
    return;
  days = fp_timeline_layout_duration_at_days (self->frozen, self->drag_stage,
                                              days_at (self, x + self->grab_offset));
  if (!fp_plan_set_stage_duration (self->plan, self->drag_stage, days, &error))
    g_warning ("Could not set the duration: %s", error->message);
}

void
_fp_timeline_view_drag_end (FpTimelineView *self)
{
  g_return_if_fail (FP_IS_TIMELINE_VIEW (self));

  if (self->drag_stage < 0)
    return;
  self->drag_stage = -1;
  /* The axis of the drag stays while its handle has the focus, as for the
   * arrow keys: the grip stays under the pointer that let go of it. */
  self->kept_axis_days = fp_timeline_layout_get_axis_days (self->frozen);
  g_clear_pointer (&self->frozen, fp_timeline_layout_free);
  if (self->plan != NULL)
    fp_plan_end_gesture (self->plan);
  invalidate_layout (self);
  gtk_widget_queue_allocate (GTK_WIDGET (self));
  update_cursor (self);
}

void
_fp_timeline_view_drag_cancel (FpTimelineView *self)
{
  int stage;

  g_return_if_fail (FP_IS_TIMELINE_VIEW (self));

  if (self->drag_stage < 0)
    return;

  stage = self->drag_stage;
  _fp_timeline_view_drag_end (self);
  /* Everything as at the press: an axis the drag widened too */
  self->kept_axis_days = 0;
  /* The drag was one undo step; a drag that moved nothing recorded none. */
  if (fp_plan_get_stage (self->plan, stage)->duration_days != self->drag_start_days)
    fp_plan_undo (self->plan);
}

/* The end of any drag: of the months, the thumb or a bar's handle */
static void
end_any_drag (FpTimelineView *self)
{
  /* The thumb is drawn darker while dragged */
  if (self->months_drag == MONTHS_DRAG_THUMB)
    invalidate_drawing (self);
  self->months_drag = MONTHS_DRAG_NONE;
  _fp_timeline_view_drag_end (self);
  update_cursor (self);
}

static void
on_gesture_drag_begin (GtkGestureDrag *gesture,
                       double          x,
                       double          y,
                       FpTimelineView *self)
{
  if (ensure_layout (self))
    y = chart_y (self, y);
  if (_fp_timeline_view_drag_begin (self, x, y))
    gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_CLAIMED);
  else if (ensure_layout (self) &&
           fp_timeline_layout_hit_test (self->layout, x, y).kind == FP_HIT_SCROLL_BAR)
    {
      if (press_scroll_bar (self, x))
        gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_CLAIMED);
      else
        gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_DENIED);
    }
  else if (in_scrolled_grid (self, x, y))
    {
      /* A drag on scrolled months pans them */
      fp_timeline_layout_get_grid_scroll (self->layout, NULL, &self->pan_start_scroll, NULL);
      self->months_drag = MONTHS_DRAG_PAN;
      update_cursor (self);
      gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_CLAIMED);
    }
  else
    gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_DENIED);
}

static void
on_gesture_drag_update (GtkGestureDrag *gesture,
                        double          offset_x,
                        double          offset_y,
                        FpTimelineView *self)
{
  double x;
  double y;

  gtk_gesture_drag_get_start_point (gesture, &x, &y);
  if (self->months_drag == MONTHS_DRAG_PAN)
    set_grid_scroll (self, self->pan_start_scroll - offset_x);
  else if (self->months_drag == MONTHS_DRAG_THUMB)
    drag_thumb (self, x + offset_x);
  else
    _fp_timeline_view_drag_update (self, x + offset_x, y + offset_y);
}

static void
on_gesture_drag_end (GtkGestureDrag *gesture,
                     double          offset_x,
                     double          offset_y,
                     FpTimelineView *self)
{
  end_any_drag (self);
}

static void
on_gesture_cancel (GtkGesture       *gesture,
                   GdkEventSequence *sequence,
                   FpTimelineView   *self)
{
  end_any_drag (self);
}

/* Hover and tooltips */

static void
set_hover (FpTimelineView *self,
           FpHit           hit)
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
                  FpTimelineView           *self)
{
  self->pointer_in = TRUE;
  self->pointer_x = x;
  self->pointer_y = y = ensure_layout (self) ? chart_y (self, y) : y;
  if (self->drag_stage < 0 && ensure_layout (self))
    set_hover (self, fp_timeline_layout_hit_test (self->layout, x, y));
  update_cursor (self);
}

static void
on_motion_leave (GtkEventControllerMotion *motion,
                 FpTimelineView           *self)
{
  self->pointer_in = FALSE;
  if (self->drag_stage < 0)
    set_hover (self, FP_HIT_INIT_NONE);
  update_cursor (self);
}

char *
_fp_timeline_view_get_tooltip (FpTimelineView *self,
                               double          x,
                               double          y)
{
  guint month;
  guint stage;
  int year;
  int month_of_year;
  g_autofree char *when = NULL;
  g_autofree char *count = NULL;
  double at_y;
  FpHit hit;

  if (self->drag_stage >= 0 || !ensure_layout (self))
    return NULL;
  at_y = chart_y (self, y);
  hit = fp_timeline_layout_hit_test (self->layout, x, at_y);
  /* A marked bar, its handle or its marker: why, as the funnel says it */
  if (hit.kind == FP_HIT_BAND || hit.kind == FP_HIT_DURATION_HANDLE)
    return fp_projection_dup_warnings_text (self->projection, hit.stage, "duration-");
  /* An overlaid bar covers its cells' bottom edge */
  if (hit.kind == FP_HIT_SCROLL_BAR || !fp_timeline_layout_cell_at (self->layout, x, at_y, &month, &stage))
    return NULL;

  fp_projection_get_month (self->projection, month, &year, &month_of_year);
  when = format_month (year, month_of_year);
  count = _fp_format_count (fp_projection_get_volume (self->projection, month, stage));
  /* Translators: a cell of the monthly grid, e.g. "Leads in March 2027: 1,234" */
  return g_strdup_printf (_("%s in %s: %s"), fp_plan_get_stage (self->plan, stage)->name, when, count);
}

static gboolean
fp_timeline_view_query_tooltip (GtkWidget  *widget,
                                int         x,
                                int         y,
                                gboolean    keyboard_mode,
                                GtkTooltip *tooltip)
{
  g_autofree char *text = NULL;

  if (keyboard_mode)
    return FALSE;
  text = _fp_timeline_view_get_tooltip (FP_TIMELINE_VIEW (widget), x, y);
  if (text == NULL)
    return FALSE;
  gtk_tooltip_set_text (tooltip, text);
  return TRUE;
}

/* A click on a bar (a press and a release without a drag between) */
static void
on_gesture_click_released (GtkGestureClick *gesture,
                           int              n_press,
                           double           x,
                           double           y,
                           FpTimelineView  *self)
{
  FpHit hit;

  if (n_press != 1 || self->drag_stage >= 0 || !ensure_layout (self))
    return;
  hit = fp_timeline_layout_hit_test (self->layout, x, chart_y (self, y));
  if (hit.kind == FP_HIT_BAND)
    g_signal_emit (self, signals[STAGE_ACTIVATED], 0, (guint) hit.stage);
}

/* Keyboard */

/* Changes the handle's duration by @days, for a key of @size */
static gboolean
step_duration (FpTimelineView *self,
               FpCanvasHandle *handle,
               double          days,
               FpKeyStep       size)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *key_run = NULL;
  guint i;
  double value;
  gboolean ok;

  i = fp_canvas_handle_get_stage (handle);
  if (self->plan == NULL || self->drag_stage >= 0 || i + 1 >= fp_plan_get_n_stages (self->plan) ||
      fp_canvas_handle_get_kind (handle) != FP_CANVAS_HANDLE_DURATION)
    return FALSE;

  if (self->kept_axis_days == 0 && ensure_layout (self))
    self->kept_axis_days = fp_timeline_layout_get_axis_days (self->layout);
  value = round (fp_plan_get_stage (self->plan, i)->duration_days) + days;
  /* The arrow presses while the handle keeps the focus are one undo step,
   * as a drag is. */
  key_run = fp_canvas_handle_dup_key_run (handle, size);
  fp_plan_set_merge_key (self->plan, key_run);
  ok = fp_plan_set_stage_duration (self->plan, i, CLAMP (value, 0, FP_TIMELINE_MAX_DURATION), &error);
  fp_plan_set_merge_key (self->plan, NULL);
  if (!ok)
    g_warning ("Could not set the duration: %s", error->message);
  return TRUE;
}

gboolean
_fp_timeline_view_step (FpTimelineView *self,
                        FpCanvasHandle *handle,
                        double          days)
{
  g_return_val_if_fail (FP_IS_TIMELINE_VIEW (self), FALSE);
  g_return_val_if_fail (FP_IS_CANVAS_HANDLE (handle), FALSE);

  return step_duration (self, handle, days, FP_KEY_STEP);
}

gboolean
_fp_timeline_view_step_key (FpTimelineView *self,
                            FpCanvasHandle *handle,
                            int             direction,
                            FpKeyStep       size)
{
  guint i;
  double now;
  double axis_end = FP_TIMELINE_MAX_DURATION;

  g_return_val_if_fail (FP_IS_TIMELINE_VIEW (self), FALSE);
  g_return_val_if_fail (FP_IS_CANVAS_HANDLE (handle), FALSE);

  i = fp_canvas_handle_get_stage (handle);
  if (self->plan == NULL || i + 1 >= fp_plan_get_n_stages (self->plan))
    return FALSE;
  now = round (fp_plan_get_stage (self->plan, i)->duration_days);
  /* The longest the axis in view holds: the first bar at its start */
  if (ensure_layout (self))
    {
      const FpTimelineLayout *layout = self->layout;
      double limit_x = fp_timeline_layout_x_at_days (layout, fp_timeline_layout_get_drag_limit (layout, i));

      axis_end = fp_timeline_layout_duration_at_x (layout, i, limit_x);
    }
  return step_duration (self, handle, fp_canvas_handle_step_days (now, direction, size, axis_end) - now,
                        size);
}

static gboolean
on_key_controller_key_pressed (GtkEventControllerKey *key_controller,
                               guint                  keyval,
                               guint                  keycode,
                               GdkModifierType        state,
                               FpTimelineView        *self)
{
  FpCanvasHandle *handle = focused_handle (self);
  FpKeyStep size;
  int direction;

  /* Escape lets go of a drag and puts the duration back. */
  if (keyval == GDK_KEY_Escape && self->drag_stage >= 0)
    {
      _fp_timeline_view_drag_cancel (self);
      return GDK_EVENT_STOP;
    }

  if (handle != NULL && fp_canvas_handle_get_kind (handle) == FP_CANVAS_HANDLE_MONTHS)
    {
      /* Up and Page Up go back in time: as a slider's, Page Up at the
       * last months moved nothing */
      if (!fp_canvas_handle_read_key (keyval, state, FP_KEY_LAYOUT_CALENDAR, &direction, &size))
        return GDK_EVENT_PROPAGATE;
      return _fp_timeline_view_step_months (self, direction, size) ? GDK_EVENT_STOP
                                                                   : GDK_EVENT_PROPAGATE;
    }

  /* The handle is the start of the bar: further left, earlier, so a
   * longer stay. The arrows follow it. */
  if (handle == NULL ||
      !fp_canvas_handle_read_key (keyval, state, FP_KEY_LAYOUT_GROWS_LEFT, &direction, &size))
    return GDK_EVENT_PROPAGATE;
  return _fp_timeline_view_step_key (self, handle, direction, size) ? GDK_EVENT_STOP
                                                                    : GDK_EVENT_PROPAGATE;
}

/* The plan */

/* What says the plan period changed: its first month and its length */
static guint
period_key (FpPlan *plan)
{
  int year;
  int month;
  guint n_months;

  fp_plan_get_period (plan, &year, &month, &n_months);
  return (guint) (year * 12 + month) * 1000 + n_months;
}

static void
on_plan_changed (FpPlan         *plan,
                 guint           change,
                 FpTimelineView *self)
{
  g_clear_pointer (&self->projection, fp_projection_free);
  if (period_key (plan) != self->period_key)
    {
      self->period_key = period_key (plan);
      self->scroll_follows_period = TRUE;
    }
  if (change & FP_PLAN_CHANGE_STRUCTURE)
    {
      _fp_timeline_view_drag_end (self);
      self->kept_axis_days = 0;
      sync_handles (self);
      self->hover = FP_HIT_INIT_NONE;
    }
  invalidate_layout (self);
  if (fp_full_height_changed_by (&self->full_height, plan))
    gtk_widget_queue_resize (GTK_WIDGET (self));
  else
    gtk_widget_queue_allocate (GTK_WIDGET (self));
  update_accessible (self);
}

FpPlan *
fp_timeline_view_get_plan (FpTimelineView *self)
{
  g_return_val_if_fail (FP_IS_TIMELINE_VIEW (self), NULL);

  return self->plan;
}

void
fp_timeline_view_set_plan (FpTimelineView *self,
                           FpPlan         *plan)
{
  g_return_if_fail (FP_IS_TIMELINE_VIEW (self));
  g_return_if_fail (plan == NULL || FP_IS_PLAN (plan));

  if (self->plan == plan)
    return;

  _fp_timeline_view_drag_end (self);
  self->kept_axis_days = 0;
  if (self->plan != NULL)
    g_clear_signal_handler (&self->changed_id, self->plan);
  g_set_object (&self->plan, plan);
  if (plan != NULL)
    self->changed_id = g_signal_connect (plan, "changed", G_CALLBACK (on_plan_changed), self);

  g_clear_pointer (&self->projection, fp_projection_free);
  self->hover = FP_HIT_INIT_NONE;
  self->scroll_follows_period = TRUE;
  self->period_key = plan != NULL ? period_key (plan) : 0;
  sync_handles (self);
  invalidate_layout (self);
  gtk_widget_queue_resize (GTK_WIDGET (self));
  update_accessible (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PLAN]);
}

const FpTimelineLayout *
_fp_timeline_view_get_layout (FpTimelineView *self)
{
  g_return_val_if_fail (FP_IS_TIMELINE_VIEW (self), NULL);

  return ensure_layout (self) ? self->layout : NULL;
}

GtkWidget *
_fp_timeline_view_get_handle (FpTimelineView *self,
                              guint           stage)
{
  g_return_val_if_fail (FP_IS_TIMELINE_VIEW (self), NULL);

  return stage < self->handles->len ? g_ptr_array_index (self->handles, stage) : NULL;
}

GtkWidget *
_fp_timeline_view_get_months_handle (FpTimelineView *self)
{
  g_return_val_if_fail (FP_IS_TIMELINE_VIEW (self), NULL);

  return self->months_handle;
}

void
_fp_timeline_view_get_kept_guides (FpTimelineView *self,
                                   double         *axis_y,
                                   double         *header_y,
                                   double         *bar_y)
{
  KeptGuide guides[N_GUIDES];
  double *kept_y[N_GUIDES] = { axis_y, header_y, bar_y };
  guint n;

  g_return_if_fail (FP_IS_TIMELINE_VIEW (self));

  *axis_y = *header_y = *bar_y = -1;
  if (!ensure_layout (self))
    return;
  n = kept_guides (self, guides);
  for (guint k = 0; k < n; k++)
    *kept_y[guides[k].kind] = guides[k].kept_y;
}

/* GtkWidget */


static double
layout_full_height (FpPlan   *plan,
                    int       width,
                    gpointer  data)
{
  FpTimelineView *self = data;

  ensure_theme (self);
  return fp_timeline_layout_get_full_height (plan, gtk_widget_get_pango_context (GTK_WIDGET (self)),
                                             &self->theme, width);
}

static GtkSizeRequestMode
fp_timeline_view_get_request_mode (GtkWidget *widget)
{
  return GTK_SIZE_REQUEST_HEIGHT_FOR_WIDTH;
}

static void
fp_timeline_view_measure (GtkWidget      *widget,
                          GtkOrientation  orientation,
                          int             for_size,
                          int            *minimum,
                          int            *natural,
                          int            *minimum_baseline,
                          int            *natural_baseline)
{
  FpTimelineView *self = FP_TIMELINE_VIEW (widget);

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

/* A handle over the whole pixels of @over; over nothing when NULL */
static void
place_handle (GtkWidget    *handle,
              const FpRect *over)
{
  GtkAllocation alloc = { 0, 0, 0, 0 };
  int min;

  if (over != NULL)
    alloc = (GtkAllocation) { floor (over->x), floor (over->y), ceil (over->width), ceil (over->height) };
  gtk_widget_measure (handle, GTK_ORIENTATION_HORIZONTAL, -1, &min, NULL, NULL, NULL);
  gtk_widget_measure (handle, GTK_ORIENTATION_VERTICAL, -1, &min, NULL, NULL, NULL);
  gtk_widget_size_allocate (handle, &alloc, -1);
}

static void
fp_timeline_view_size_allocate (GtkWidget *widget,
                                int        width,
                                int        height,
                                int        baseline)
{
  FpTimelineView *self = FP_TIMELINE_VIEW (widget);

  if (width != self->width || height != self->height)
    {
      self->width = width;
      self->height = height;
      if (self->frozen != NULL)
        {
          /* Resized mid-drag: map through the new size from here on. */
          refreeze (self, fp_timeline_layout_get_axis_days (self->frozen));
        }
      invalidate_layout (self);
    }

  ensure_layout (self);
  for (guint k = 0; k < self->handles->len; k++)
    {
      GtkWidget *handle = g_ptr_array_index (self->handles, k);
      guint i = fp_canvas_handle_get_stage (FP_CANVAS_HANDLE (handle));

      place_handle (handle, self->layout != NULL && i < fp_timeline_layout_get_n_stages (self->layout)
                            ? &fp_timeline_layout_get_stage (self->layout, i)->handle : NULL);
    }

  {
    FpRect view;
    gboolean scrolls = grid_scrolls (self, &view);

    GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

    /* Every month in view again (an undo took Months back to 4) with the
     * focus on them: hidden, the handle loses it to wherever GTK puts it
     * (the first bar, or nothing to see), so set_months_focusable() gives
     * it to the last bar's handle, the stop before the months */
    if (!scrolls && root != NULL && gtk_root_get_focus (root) == self->months_handle)
      self->months_lost_focus = TRUE;
    gtk_widget_set_child_visible (self->months_handle, scrolls);
    place_handle (self->months_handle, scrolls ? &view : NULL);
    sync_months_handle (self);
  }
}

/* The focus ring and the value bubble, over the cached chart */
static void
draw_overlay (gpointer  data,
              cairo_t  *cr)
{
  FpTimelineView *self = data;
  FpCanvasHandle *focused = focused_handle (self);
  const FpTimelineLayout *layout = self->layout;
  double s = fp_timeline_layout_get_scale (layout);
  int show = self->drag_stage;

  if (focused != NULL && gtk_widget_has_visible_focus (GTK_WIDGET (focused)) &&
      fp_canvas_handle_get_kind (focused) == FP_CANVAS_HANDLE_MONTHS)
    {
      FpRect view;
      FpRect track;

      /* Around the months and their bar */
      fp_timeline_layout_get_grid_scroll (layout, &view, NULL, NULL);
      if (fp_timeline_layout_get_scroll_bar (layout, &track, NULL))
        view.height = MAX (view.height, track.y + track.height - view.y);
      fp_canvas_draw_focus_ring (cr, &self->theme, &view, round (6 * s), s);
    }
  else if (focused != NULL && gtk_widget_has_visible_focus (GTK_WIDGET (focused)))
    {
      guint i = fp_canvas_handle_get_stage (focused);

      if (i < fp_timeline_layout_get_n_stages (layout))
        {
          const FpTimelineStageLayout *st = fp_timeline_layout_get_stage (layout, i);

          fp_canvas_draw_focus_ring (cr, &self->theme, &st->grip, st->grip.width / 2, s);
          if (show < 0)
            show = i;
        }
    }

  if (show >= 0 && (guint) show < fp_timeline_layout_get_n_stages (layout))
    {
      const FpTimelineStageLayout *st = fp_timeline_layout_get_stage (layout, show);
      g_autofree char *days = _fp_format_duration (st->duration, FALSE);

      double names_end = 0;

      /* Left of the grip is earlier than the stage: empty in its row. */
      fp_timeline_layout_get_axis (layout, &names_end, NULL);
      fp_canvas_draw_value_bubble (cr, &self->theme, days, &st->grip, FP_BUBBLE_START,
                                   names_end - 12 * s, self->width, self->height, s);
    }
}

static void
fp_timeline_view_snapshot (GtkWidget   *widget,
                           GtkSnapshot *snapshot)
{
  FpTimelineView *self = FP_TIMELINE_VIEW (widget);
  graphene_rect_t bounds;
  cairo_t *cr;

  if (!ensure_layout (self))
    return;

  bounds = GRAPHENE_RECT_INIT (0, 0, self->width, self->height);
  if (self->cache == NULL)
    {
      GtkSnapshot *chart = gtk_snapshot_new ();
      FpHit hover = self->drag_stage >= 0 ? (FpHit) { FP_HIT_DURATION_HANDLE, self->drag_stage }
                    : self->months_drag == MONTHS_DRAG_THUMB ? (FpHit) { FP_HIT_SCROLL_BAR, -1 }
                    : self->hover;

      cr = gtk_snapshot_append_cairo (chart, &bounds);
      fp_timeline_render (cr, self->layout, &self->theme, FP_RENDER_NONE, hover, -1);
      cairo_destroy (cr);
      self->cache = gtk_snapshot_free_to_node (chart);
    }
  if (self->cache != NULL)
    {
      KeptGuide guides[N_GUIDES];
      guint n = kept_guides (self, guides);
      FpColor line = fp_color_with_alpha (&self->theme.foreground, 0.15);

      gtk_snapshot_append_node (snapshot, self->cache);
      for (guint k = 0; k < n; k++)
        fp_kept_in_sight_snapshot (snapshot, self->cache, &guides[k].band, guides[k].kept_y,
                                   &self->theme.background, &line, guides[k].over);
    }

  fp_snapshot_append_overlay (snapshot, draw_overlay, self);
}

static void
fp_timeline_view_root (GtkWidget *widget)
{
  FpTimelineView *self = FP_TIMELINE_VIEW (widget);

  GTK_WIDGET_CLASS (fp_timeline_view_parent_class)->root (widget);
  fp_scroll_watch_start (&self->scroll_watch, widget);
  fp_focus_ring_watch_start (&self->focus_ring_watch, widget);
}

static void
fp_timeline_view_unroot (GtkWidget *widget)
{
  FpTimelineView *self = FP_TIMELINE_VIEW (widget);

  fp_scroll_watch_stop (&self->scroll_watch);
  fp_focus_ring_watch_stop (&self->focus_ring_watch);
  GTK_WIDGET_CLASS (fp_timeline_view_parent_class)->unroot (widget);
}

static void
fp_timeline_view_css_changed (GtkWidget         *widget,
                              GtkCssStyleChange *change)
{
  FpTimelineView *self = FP_TIMELINE_VIEW (widget);

  GTK_WIDGET_CLASS (fp_timeline_view_parent_class)->css_changed (widget, change);

  self->theme_valid = FALSE;
  fp_full_height_invalidate (&self->full_height);
  invalidate_layout (self);
  gtk_widget_queue_resize (widget);
}

static void
on_style_manager_notify_dark (FpTimelineView  *self,
                              GParamSpec      *pspec,
                              AdwStyleManager *manager)
{
  self->theme_valid = FALSE;
  invalidate_layout (self);
}

/* GObject */

static void
fp_timeline_view_dispose (GObject *object)
{
  FpTimelineView *self = FP_TIMELINE_VIEW (object);

  fp_timeline_view_set_plan (self, NULL);
  fp_scroll_watch_stop (&self->scroll_watch);
  g_clear_handle_id (&self->months_focusable_id, g_source_remove);
  for (guint k = 0; k < self->handles->len; k++)
    gtk_widget_unparent (g_ptr_array_index (self->handles, k));
  g_ptr_array_set_size (self->handles, 0);
  g_clear_pointer (&self->months_handle, gtk_widget_unparent);

  G_OBJECT_CLASS (fp_timeline_view_parent_class)->dispose (object);
}

static void
fp_timeline_view_finalize (GObject *object)
{
  FpTimelineView *self = FP_TIMELINE_VIEW (object);

  g_clear_pointer (&self->projection, fp_projection_free);
  g_clear_pointer (&self->layout, fp_timeline_layout_free);
  g_clear_pointer (&self->frozen, fp_timeline_layout_free);
  g_clear_pointer (&self->cache, gsk_render_node_unref);
  g_ptr_array_unref (self->handles);

  G_OBJECT_CLASS (fp_timeline_view_parent_class)->finalize (object);
}

static void
fp_timeline_view_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  FpTimelineView *self = FP_TIMELINE_VIEW (object);

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
fp_timeline_view_set_property (GObject      *object,
                               guint         prop_id,
                               const GValue *value,
                               GParamSpec   *pspec)
{
  FpTimelineView *self = FP_TIMELINE_VIEW (object);

  switch (prop_id)
    {
    case PROP_PLAN:
      fp_timeline_view_set_plan (self, g_value_get_object (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
fp_timeline_view_class_init (FpTimelineViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = fp_timeline_view_dispose;
  object_class->finalize = fp_timeline_view_finalize;
  object_class->get_property = fp_timeline_view_get_property;
  object_class->set_property = fp_timeline_view_set_property;

  widget_class->get_request_mode = fp_timeline_view_get_request_mode;
  widget_class->measure = fp_timeline_view_measure;
  widget_class->size_allocate = fp_timeline_view_size_allocate;
  widget_class->snapshot = fp_timeline_view_snapshot;
  widget_class->root = fp_timeline_view_root;
  widget_class->unroot = fp_timeline_view_unroot;
  widget_class->css_changed = fp_timeline_view_css_changed;
  widget_class->query_tooltip = fp_timeline_view_query_tooltip;

  properties[PROP_PLAN] =
    g_param_spec_object ("plan", NULL, NULL, FP_TYPE_PLAN,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals[STAGE_ACTIVATED] =
    g_signal_new ("stage-activated", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_UINT);

  gtk_widget_class_set_css_name (widget_class, "timelineview");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
}

static void
fp_timeline_view_init (FpTimelineView *self)
{
  GtkGesture *gesture;
  GtkEventController *motion;
  GtkEventController *key_controller;
  GtkEventController *focus;
  GtkEventController *scroll;

  self->hover = FP_HIT_INIT_NONE;
  self->drag_stage = -1;
  self->scroll_follows_period = TRUE;
  self->full_height = FP_FULL_HEIGHT_INIT;
  self->handles = g_ptr_array_new ();
  fp_theme_init_light (&self->theme);

  self->months_handle = fp_canvas_handle_new (FP_CANVAS_HANDLE_MONTHS, 0);
  focus = gtk_event_controller_focus_new ();
  /* Its focus ring comes and goes with the focus */
  g_signal_connect_object (focus, "enter", G_CALLBACK (invalidate_drawing), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (focus, "leave", G_CALLBACK (invalidate_drawing), self, G_CONNECT_SWAPPED);
  gtk_widget_add_controller (self->months_handle, focus);
  gtk_widget_set_parent (self->months_handle, GTK_WIDGET (self));
  gtk_widget_set_focusable (self->months_handle, FALSE);

  gtk_widget_set_overflow (GTK_WIDGET (self), GTK_OVERFLOW_HIDDEN);
  gtk_widget_set_has_tooltip (GTK_WIDGET (self), TRUE);

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

  scroll = gtk_event_controller_scroll_new (GTK_EVENT_CONTROLLER_SCROLL_BOTH_AXES);
  g_signal_connect (scroll, "scroll", G_CALLBACK (on_scroll_controller_scroll), self);
  gtk_widget_add_controller (GTK_WIDGET (self), scroll);

  key_controller = gtk_event_controller_key_new ();
  g_signal_connect (key_controller, "key-pressed", G_CALLBACK (on_key_controller_key_pressed), self);
  gtk_widget_add_controller (GTK_WIDGET (self), key_controller);

  g_signal_connect_object (adw_style_manager_get_default (), "notify::dark",
                           G_CALLBACK (on_style_manager_notify_dark), self, G_CONNECT_SWAPPED);

  update_accessible (self);
}

GtkWidget *
fp_timeline_view_new (void)
{
  return g_object_new (FP_TYPE_TIMELINE_VIEW, NULL);
}
