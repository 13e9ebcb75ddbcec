/* fp-application.h */
#pragma once

#include <adwaita.h>

#include "fp-drafts.h"

G_BEGIN_DECLS

#define FP_TYPE_APPLICATION (fp_application_get_type ())
G_DECLARE_FINAL_TYPE (FpApplication, fp_application, FP, APPLICATION, AdwApplication)

FpApplication *fp_application_new              (void);
/* The drafts of this user's unsaved plans. */
FpDrafts      *fp_application_get_drafts       (FpApplication *self);
/* Offers the drafts that no open window owns (left by a crash or a kill)
 * in a dialog on @parent. Returns whether there were any. */
gboolean       fp_application_offer_drafts     (FpApplication *self,
                                                GtkWindow     *parent);
/* The window (other than @except) that has @file open, by this path or
 * another one to the same file (a link); NULL if none. */
GtkWindow     *fp_application_find_window      (FpApplication *self,
                                                GFile         *file,
                                                GtkWindow     *except);
/* Restores every draft no open window owns, the first into @window if it
 * is pristine; the others in new windows. */
void           fp_application_recover_drafts   (FpApplication *self,
                                                GtkWindow     *window);

G_END_DECLS
