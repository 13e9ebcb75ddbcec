/* drag-source.c: another application's window to drag files from
 *
 * Usage: drag-source FILE...
 *
 * A small window whose whole area is a drag source for FILE... (as a file
 * manager offers them: text/uri-list). It prints "ready" once its first
 * frame is painted, so the drop test knows where to press, "dragging" once
 * a drag has begun, so it knows when to move over its window, "accepted"
 * once a window under the pointer has said it takes the drop, so it knows
 * when to release, and quits when its standard input closes. The drop test
 * drives it with xdotool.
 */
#include "config.h"

#include <gio/gunixinputstream.h>
#include <gtk/gtk.h>

static GdkContentProvider *
on_drag_source_prepare (GtkDragSource *source,
                        double         x,
                        double         y,
                        GdkFileList   *files)
{
  return gdk_content_provider_new_typed (GDK_TYPE_FILE_LIST, files);
}

static void
on_drag_notify_selected_action (GdkDrag    *drag,
                                GParamSpec *pspec,
                                gpointer    user_data)
{
  if (gdk_drag_get_selected_action (drag) == 0)
    return;
  g_signal_handlers_disconnect_by_func (drag, on_drag_notify_selected_action, user_data);
  g_print ("accepted\n");
}

static void
on_drag_source_drag_begin (GtkDragSource *source,
                           GdkDrag       *drag)
{
  g_print ("dragging\n");
  g_signal_connect (drag, "notify::selected-action",
                    G_CALLBACK (on_drag_notify_selected_action), NULL);
}

static void
on_frame_clock_after_paint (GdkFrameClock *clock,
                            gpointer       user_data)
{
  g_signal_handlers_disconnect_by_func (clock, on_frame_clock_after_paint, user_data);
  g_print ("ready\n");
}

static void
on_window_realize (GtkWidget *window)
{
  g_signal_connect (gtk_widget_get_frame_clock (window), "after-paint",
                    G_CALLBACK (on_frame_clock_after_paint), NULL);
}

static void
on_stdin_closed (GObject      *stream,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  gboolean *done = user_data;

  *done = TRUE;
  g_main_context_wakeup (NULL);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GPtrArray) files = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GInputStream) input = g_unix_input_stream_new (0, FALSE);
  GdkFileList *list;
  GtkDragSource *source;
  GtkWidget *window;
  GtkWidget *label;
  gboolean done = FALSE;
  char buffer[64];

  if (argc < 2)
    {
      g_printerr ("Usage: %s FILE...\n", argv[0]);
      return 2;
    }
  gtk_init ();
  for (int i = 1; i < argc; i++)
    g_ptr_array_add (files, g_file_new_for_commandline_arg (argv[i]));
  list = gdk_file_list_new_from_array ((GFile **) files->pdata, files->len);

  window = gtk_window_new ();
  gtk_window_set_decorated (GTK_WINDOW (window), FALSE);
  gtk_window_set_default_size (GTK_WINDOW (window), 200, 200);
  label = gtk_label_new ("Drag me");
  gtk_window_set_child (GTK_WINDOW (window), label);
  source = gtk_drag_source_new ();
  gtk_drag_source_set_actions (source, GDK_ACTION_COPY);
  g_signal_connect (source, "prepare", G_CALLBACK (on_drag_source_prepare), list);
  g_signal_connect (source, "drag-begin", G_CALLBACK (on_drag_source_drag_begin), NULL);
  gtk_widget_add_controller (label, GTK_EVENT_CONTROLLER (source));
  g_signal_connect (window, "realize", G_CALLBACK (on_window_realize), NULL);
  gtk_window_present (GTK_WINDOW (window));

  g_input_stream_read_async (input, buffer, sizeof buffer, G_PRIORITY_DEFAULT, NULL,
                             on_stdin_closed, &done);
  while (!done)
    g_main_context_iteration (NULL, TRUE);
  g_boxed_free (GDK_TYPE_FILE_LIST, list);
  return 0;
}
