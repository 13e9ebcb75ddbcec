/* fp-window.h: a window on one plan document */
#pragma once

#include <adwaita.h>

#include "fp-plan.h"

G_BEGIN_DECLS

#define FP_TYPE_WINDOW (fp_window_get_type ())
G_DECLARE_FINAL_TYPE (FpWindow, fp_window, FP, WINDOW, AdwApplicationWindow)

/* A window on a new untitled plan from template @template_id (NULL: the
 * last-used template). */
FpWindow   *fp_window_new               (GtkApplication *application,
                                         const char     *template_id);
/* A window on @plan, just read from @file: read before the window is
 * built, so that start-up lays out one plan and not a template first, and
 * a file that does not load opens no window. */
FpWindow   *fp_window_new_for_plan      (GtkApplication *application,
                                         FpPlan         *plan,
                                         GFile          *file);
/* Property "plan" (FpPlan *, read-only): the document; a new object on
 * every load. */
FpPlan     *fp_window_get_plan          (FpWindow       *self);
/* Property "file" (GFile *, read-only): where the plan is saved, or NULL. */
GFile      *fp_window_get_file          (FpWindow       *self);
/* TRUE for an untitled plan nobody has touched: opening a file may
 * replace it instead of opening another window. */
gboolean    fp_window_is_pristine       (FpWindow       *self);

/* Replaces the plan with @file's. On failure the current plan is left
 * untouched and @error holds the core's message. */
gboolean    fp_window_load_file         (FpWindow       *self,
                                         GFile          *file,
                                         GError        **error);
/* As fp_window_load_file(), but shows a failure in the window. */
void        fp_window_open_file         (FpWindow       *self,
                                         GFile          *file);
void        fp_window_load_template     (FpWindow       *self,
                                         const char     *template_id);
/* Saves to @file (atomically) and makes it the window's file. */
gboolean    fp_window_save_to_file      (FpWindow       *self,
                                         GFile          *file,
                                         GError        **error);
/* Shows @message in a dialog on the window. */
void        fp_window_show_error        (FpWindow       *self,
                                         const char     *heading,
                                         const char     *message);
/* Says in place of the plan that @file, named on the command line, did
 * not open, and why (@error), until the user goes on. */
void        fp_window_show_failed_open  (FpWindow       *self,
                                         GFile          *file,
                                         const GError   *error);
/* That file, while the window says so; NULL otherwise */
GFile      *fp_window_get_failed_file   (FpWindow       *self);

/* Quitting (fp-quit.h) */
typedef enum
{
  FP_QUIT_ANSWER_CANCEL,   /* the quit stops; everything stays open */
  FP_QUIT_ANSWER_DISCARD,  /* close without saving, once the quit goes on */
  FP_QUIT_ANSWER_SAVED,
} FpQuitAnswer;

typedef void (*FpQuitAnswered) (FpWindow     *window,
                                FpQuitAnswer  answer,
                                gpointer      user_data);

/* Whether closing would ask about unsaved changes: the plan's, or a value
 * typed and not applied (applied by this call, as closing applies it). */
gboolean    fp_window_has_unsaved_changes (FpWindow       *self);
/* Asks about the unsaved changes as closing does, but closes nothing:
 * @answered gets the answer, once (CANCEL if the window goes first).
 * @n_others: how many more plans the quit asks about after this one. */
void        fp_window_ask_before_quit   (FpWindow       *self,
                                         guint           n_others,
                                         FpQuitAnswered  answered,
                                         gpointer        user_data);
/* Closes without asking, the changes and their draft discarded: the
 * quit's answer for this window was Discard. Edited since that answer, it
 * asks as closing does. */
void        fp_window_close_discarding  (FpWindow       *self);

G_END_DECLS
