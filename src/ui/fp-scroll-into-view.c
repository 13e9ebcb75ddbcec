/* fp-scroll-into-view.c: a widget brought into view as the rows above it
 * open */
#include "config.h"

#include <math.h>

#include "fp-scroll-into-view.h"

/* The scrolled window's count of the person's presses and scrolls in it */
#define PERSON_ACTS_KEY "fp-person-acts"

static guint
person_acts (GtkWidget *scrolled)
{
  return GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (scrolled), PERSON_ACTS_KEY));
}

/* Seen before the scrolled window and its content handle the event: a
 * press or a wheel turn anywhere in the panel, the scrollbar too */
static gboolean
on_scrolled_event (GtkEventControllerLegacy *controller,
                   GdkEvent                 *event,
                   gpointer                  user_data)
{
  GtkWidget *scrolled = gtk_event_controller_get_widget (GTK_EVENT_CONTROLLER (controller));

  switch (gdk_event_get_event_type (event))
    {
    case GDK_SCROLL:
      /* Fingers lifted from a touchpad end a scroll made before: not a
       * new one */
      if (gdk_scroll_event_is_stop (event))
        break;
      G_GNUC_FALLTHROUGH;
    case GDK_BUTTON_PRESS:
    case GDK_TOUCH_BEGIN:
      g_object_set_data (G_OBJECT (scrolled), PERSON_ACTS_KEY,
                         GUINT_TO_POINTER (person_acts (scrolled) + 1));
      break;
    default:
      break;
    }
  return GDK_EVENT_PROPAGATE;
}

/* Counts the person's acts in @scrolled, once */
static void
watch_person (GtkWidget *scrolled)
{
  GtkEventController *controller;

  if (g_object_get_data (G_OBJECT (scrolled), PERSON_ACTS_KEY "-watched") != NULL)
    return;
  controller = gtk_event_controller_legacy_new ();
  gtk_event_controller_set_propagation_phase (controller, GTK_PHASE_CAPTURE);
  g_signal_connect (controller, "event", G_CALLBACK (on_scrolled_event), NULL);
  gtk_widget_add_controller (scrolled, controller);
  g_object_set_data (G_OBJECT (scrolled), PERSON_ACTS_KEY "-watched", GINT_TO_POINTER (TRUE));
}

#define SCROLL_INTO_VIEW_FRAMES 120

/* Frames the widget must keep still in view before the scrolling stops.
 * An opening row grows by less than a pixel a frame at the end of its
 * animation: one frame without change stopped it a few pixels short, its
 * last field below the fold (/window/open-stage-scrolls, now and then). */
#define SCROLL_INTO_VIEW_STILL_FRAMES 8

/* How far one fp_scroll_into_view() has gone */
typedef struct
{
  guint frames;
  guint still_frames;  /* in view, and where it was, frame after frame */
  gboolean watching;   /* the person's acts in the panel */
  guint person_acts;   /* the panel's count of them then */
  double last_top;     /* the widget's place in the whole panel a frame ago */
  double last_bottom;
} ScrollIntoView;

static void
start_watching (ScrollIntoView *state,
                GtkWidget      *scrolled)
{
  watch_person (scrolled);
  state->person_acts = person_acts (scrolled);
  state->watching = TRUE;
}

static gboolean
scroll_into_view_tick (GtkWidget     *widget,
                       GdkFrameClock *clock,
                       gpointer       user_data)
{
  ScrollIntoView *state = user_data;
  GtkWidget *scrolled = gtk_widget_get_ancestor (widget, GTK_TYPE_SCROLLED_WINDOW);
  GtkAdjustment *adjustment;
  graphene_rect_t bounds;
  double value, page, bottom, top;
  gboolean still;
  int natural;

  if (scrolled == NULL || state->frames++ >= SCROLL_INTO_VIEW_FRAMES)
    return G_SOURCE_REMOVE;
  /* Once the person scrolls or clicks in the panel, it is theirs:
   * following the widget would pull the panel back from under them (a
   * row opened, and the wheel turned at once to the row above it). */
  if (!state->watching)
    start_watching (state, scrolled);
  else if (person_acts (scrolled) != state->person_acts)
    return G_SOURCE_REMOVE;
  /* Where the field is in the visible part of the panel */
  if (gtk_widget_get_height (widget) == 0 ||
      !gtk_widget_compute_bounds (widget, scrolled, &bounds))
    return G_SOURCE_CONTINUE;   /* not laid out yet */
  adjustment = gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (scrolled));
  value = gtk_adjustment_get_value (adjustment);
  top = round (value + bounds.origin.y);

  /* While the row opens, the field is cut to what has been revealed: its
   * whole height is what must come into view. */
  gtk_widget_measure (widget, GTK_ORIENTATION_VERTICAL, gtk_widget_get_width (widget),
                      NULL, &natural, NULL, NULL);
  bottom = bounds.origin.y + MAX (bounds.size.height, natural);
  page = gtk_widget_get_height (scrolled);
  still = top == state->last_top && round (value + bottom) == state->last_bottom;
  state->last_top = top;
  state->last_bottom = round (value + bottom);
  if (bounds.origin.y >= 0 && bottom <= page)
    {
      /* In view, but it, or rows above it, may still be opening */
      state->still_frames = still ? state->still_frames + 1 : 0;
      return state->still_frames >= SCROLL_INTO_VIEW_STILL_FRAMES ? G_SOURCE_REMOVE
                                                                   : G_SOURCE_CONTINUE;
    }
  state->still_frames = 0;
  if (bottom - bounds.origin.y > page)
    {
      /* Taller than the panel: its top comes into view, once (bringing in
       * its bottom would push the top out, frame after frame). */
      gtk_adjustment_set_value (adjustment, value + bounds.origin.y);
      return G_SOURCE_REMOVE;
    }
  if (bounds.origin.y < 0)
    gtk_adjustment_set_value (adjustment, value + bounds.origin.y);
  else
    gtk_adjustment_set_value (adjustment, value + bottom - page);
  return G_SOURCE_CONTINUE;
}

void
fp_scroll_into_view (GtkWidget *widget)
{
  GtkWidget *scrolled;
  ScrollIntoView *state;

  g_return_if_fail (GTK_IS_WIDGET (widget));

  state = g_new0 (ScrollIntoView, 1);
  state->last_top = NAN;
  state->last_bottom = NAN;
  /* From now: a wheel turned before the first frame counts too. A widget
   * not yet in a scrolled window at its first frame is not followed. */
  scrolled = gtk_widget_get_ancestor (widget, GTK_TYPE_SCROLLED_WINDOW);
  if (scrolled != NULL)
    start_watching (state, scrolled);
  gtk_widget_add_tick_callback (widget, scroll_into_view_tick, state, g_free);
}
