/* fp-quit.c: quitting, with a question for each plan with unsaved changes */
#include "config.h"

#include "fp-quit.h"
#include "fp-window.h"

struct _FpQuit
{
  GtkApplication *application;  /* unowned: it owns this */
  GPtrArray *windows;           /* FpWindow, the ones to close; NULL when no quit is under
                                 * way */
  GPtrArray *to_ask;            /* FpWindow with unsaved changes at the start, in the order
                                 * asked */
  GHashTable *discarded;        /* FpWindow answered Discard */
  guint next;                   /* the next window in @to_ask to ask about */
  FpWindow *asking;             /* the window whose answer is awaited */
  guint continue_source;
};

static void ask_next (FpQuit *self);

FpQuit *
fp_quit_new (GtkApplication *application)
{
  FpQuit *self = g_new0 (FpQuit, 1);

  self->application = application;
  return self;
}

static void
stop (FpQuit *self)
{
  g_clear_handle_id (&self->continue_source, g_source_remove);
  g_clear_pointer (&self->windows, g_ptr_array_unref);
  g_clear_pointer (&self->to_ask, g_ptr_array_unref);
  g_clear_pointer (&self->discarded, g_hash_table_unref);
  self->asking = NULL;
}

void
fp_quit_free (FpQuit *self)
{
  stop (self);
  g_free (self);
}

/* Still one of the application's windows: the user may close one while
 * another is asked about */
static gboolean
is_open (FpQuit   *self,
         FpWindow *window)
{
  return g_list_find (gtk_application_get_windows (self->application), window) != NULL;
}

static void
close_all (FpQuit *self)
{
  g_autoptr(GPtrArray) windows = g_steal_pointer (&self->windows);
  g_autoptr(GHashTable) discarded = g_steal_pointer (&self->discarded);

  stop (self);
  for (guint i = 0; i < windows->len; i++)
    {
      FpWindow *window = g_ptr_array_index (windows, i);

      if (!is_open (self, window))
        continue;
      if (g_hash_table_contains (discarded, window))
        fp_window_close_discarding (window);
      else
        /* Saved or unchanged; changed since, it asks again */
        gtk_window_close (GTK_WINDOW (window));
    }
}

/* Out of the answering dialog's response: the windows it belongs to may
 * close */
static gboolean
continue_idle (gpointer data)
{
  FpQuit *self = data;

  self->continue_source = 0;
  ask_next (self);
  return G_SOURCE_REMOVE;
}

static void
on_window_quit_answered (FpWindow     *window,
                         FpQuitAnswer  answer,
                         gpointer      user_data)
{
  FpQuit *self = user_data;

  if (self->windows == NULL || window != self->asking)
    return;
  self->asking = NULL;
  if (answer == FP_QUIT_ANSWER_CANCEL)
    {
      stop (self);
      return;
    }
  if (answer == FP_QUIT_ANSWER_DISCARD)
    g_hash_table_add (self->discarded, window);
  self->continue_source = g_idle_add_full (G_PRIORITY_HIGH_IDLE, continue_idle, self, NULL);
}

static void
ask_next (FpQuit *self)
{
  while (self->next < self->to_ask->len)
    {
      FpWindow *window = g_ptr_array_index (self->to_ask, self->next++);
      guint n_others = 0;

      /* Closed, or saved, meanwhile */
      if (!is_open (self, window) || !fp_window_has_unsaved_changes (window))
        continue;
      for (guint i = self->next; i < self->to_ask->len; i++)
        n_others += is_open (self, g_ptr_array_index (self->to_ask, i));
      self->asking = window;
      fp_window_ask_before_quit (window, n_others, on_window_quit_answered, self);
      return;
    }
  close_all (self);
}

void
fp_quit_start (FpQuit *self)
{
  g_return_if_fail (self != NULL);

  if (self->windows != NULL)
    {
      if (self->asking != NULL)
        fp_window_ask_before_quit (self->asking, 0, on_window_quit_answered, self);
      return;
    }

  /* The most recently used window first, as GTK lists them. Which have
   * unsaved changes is asked once: the question applies a value still
   * being typed, and says so where the plan refuses it. */
  self->windows = g_ptr_array_new_with_free_func (g_object_unref);
  self->to_ask = g_ptr_array_new_with_free_func (g_object_unref);
  for (GList *l = gtk_application_get_windows (self->application); l != NULL; l = l->next)
    if (FP_IS_WINDOW (l->data))
      {
        g_ptr_array_add (self->windows, g_object_ref (l->data));
        if (fp_window_has_unsaved_changes (l->data))
          g_ptr_array_add (self->to_ask, g_object_ref (l->data));
      }
  self->discarded = g_hash_table_new (NULL, NULL);
  self->next = 0;
  ask_next (self);
}
