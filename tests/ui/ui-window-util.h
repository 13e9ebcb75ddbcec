/* ui-window-util.h: what the window tests share
 *
 * One FpApplication for the test program, drafts and recent files in a
 * folder of the run, real windows on copies of the sample plan.
 */
#pragma once

#include <adwaita.h>

#include "fp-application.h"
#include "fp-plan.h"
#include "fp-window.h"

G_BEGIN_DECLS

/* Before g_test_run(): a temporary XDG_DATA_HOME, GTK, libadwaita, and the
 * application (registered, held, not unique). */
void              ui_window_tests_init    (int         *argc,
                                           char      ***argv);
void              ui_window_tests_finish  (void);
FpApplication    *ui_app                  (void);
/* This run's temporary folder */
const char       *ui_tmp_root             (void);

/* Runs what is pending in the main loop, without blocking. */
void              ui_iterate              (void);
/* Turns the main loop for @ms milliseconds. */
void              ui_wait_ms              (guint        ms);
/* @widget as drawn now, at its size */
GdkTexture       *ui_render_widget        (GtkWidget   *widget);
/* A copy of the sample plan named @name in the run's plans folder */
GFile            *ui_copy_sample          (const char  *name);
/* A window on @file (a new untitled plan when NULL), presented and drawn;
 * @width and @height when positive. */
FpWindow         *ui_present_window       (GFile       *file,
                                           int          width,
                                           int          height);
/* Destroys @window and checks that it and its plan were freed. */
void              ui_destroy_window       (FpWindow    *window);
/* The same for a window whose edits the test leaves unsaved, as Discard
 * does: no draft is kept of them. */
void              ui_discard_window       (FpWindow    *window);
/* The first widget under @root, @root included and depth first, that
 * @matches (called with @data), or NULL */
GtkWidget        *ui_find_widget          (GtkWidget   *root,
                                           gboolean   (*matches) (GtkWidget *widget,
                                                                  gpointer   data),
                                           gpointer     data);
/* How many mapped buttons under @root with a mnemonic label ("_Save") a
 * screen reader would name by that raw label ("_Save Save"); adds how many
 * such buttons there are to @n_mnemonic */
guint             ui_count_buttons_named_raw (GtkWidget *root,
                                              guint     *n_mnemonic);
/* The first visible toplevel of @type, if any */
GtkWindow        *ui_find_toplevel        (GType        type);
/* The visible AdwMessageDialog, if any */
AdwMessageDialog *ui_find_message_dialog  (void);
/* The message dialog that shows within ten seconds, or NULL */
AdwMessageDialog *ui_wait_for_message_dialog (void);
/* The one that shows within @ms milliseconds: for a dialog that may not come */
AdwMessageDialog *ui_wait_for_message_dialog_ms (guint ms);
/* Answers @dialog with @response, as a click on its button does */
void              ui_respond_dialog       (AdwMessageDialog *dialog,
                                           const char       *response);
/* The same, then checks that no question follows */
void              ui_answer_dialog        (AdwMessageDialog *dialog,
                                           const char       *response);
FpPlan           *ui_load_plan            (GFile       *file);
const char       *ui_window_title         (FpWindow    *window);

G_END_DECLS
