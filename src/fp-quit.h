/* fp-quit.h: quitting, with a question for each plan with unsaved changes
 *
 * The plans are asked about one at a time, each in its window, brought to
 * the front, and nothing closes until every answer is in: Cancel on any of
 * them leaves every window as it was (a plan saved on the way stays
 * saved), as it would have been had the user not quit. Then the windows
 * close, those answered Discard without their changes.
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

typedef struct _FpQuit FpQuit;

FpQuit *fp_quit_new   (GtkApplication *application);
void    fp_quit_free  (FpQuit         *self);
/* Asks, then closes every plan window; while a quit is asking, brings its
 * question to the front again. */
void    fp_quit_start (FpQuit         *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (FpQuit, fp_quit_free)

G_END_DECLS
