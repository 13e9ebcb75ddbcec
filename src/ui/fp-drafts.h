/* fp-drafts.h: copies of unsaved plans, kept so that a crash loses nothing
 *
 * Each draft is <dir>/<id>.funnel.json (the plan as it would be saved) and a
 * sidecar <dir>/<id>.draft (a key file naming the document it was opened
 * from, if any, and the version of it the changes were made to). A sidecar
 * keeps the original URI out of the plan, so that saving a recovered plan
 * never writes it into the user's document. The process writing a draft
 * holds a lock on <dir>/<id>.lock.
 */
#pragma once

#include <gio/gio.h>

#include "fp-plan.h"

G_BEGIN_DECLS

typedef struct
{
  char *id;
  GFile *file;        /* the draft itself */
  GFile *original;    /* the document it was opened from, or NULL if untitled */
  GDateTime *saved;   /* when the draft was written */
  /* The SHA-256 of the document's bytes that the draft's changes were
   * made to; NULL when not known (untitled, or written by an older
   * version), "" when known to be none the document had */
  char *base_checksum;
} FpDraft;

void     fp_draft_free (FpDraft *draft);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (FpDraft, fp_draft_free)

#define FP_TYPE_DRAFTS (fp_drafts_get_type ())
G_DECLARE_FINAL_TYPE (FpDrafts, fp_drafts, FP, DRAFTS, GObject)

/* @dir NULL: g_get_user_data_dir()/funnel-planner/drafts. */
FpDrafts  *fp_drafts_new     (GFile       *dir);
GFile     *fp_drafts_get_dir (FpDrafts    *self);
/* A new unique draft id. */
char      *fp_drafts_new_id  (void);
/* Writes (or overwrites) draft @id with @plan's document, the changes to
 * @original as it was when its bytes had @base_checksum (both may be NULL).
 * Fails with G_IO_ERROR_BUSY when another process writes draft @id. */
gboolean   fp_drafts_save    (FpDrafts    *self,
                              const char  *id,
                              FpPlan      *plan,
                              GFile       *original,
                              const char  *base_checksum,
                              GError     **error);
/* Forgets draft @id; nothing happens if there is none, or if another
 * process writes it. FALSE with @error set when the draft stays on disk
 * (a drafts folder that cannot be written to): it is listed again. */
gboolean   fp_drafts_discard (FpDrafts    *self,
                              const char  *id,
                              GError     **error);
/* Keeps draft @id out of the list without deleting it (one that does not
 * load, so as not to offer it forever): renamed to <id>.funnel.json.unread,
 * and its sidecar to <id>.draft.unread.
 * Returns the renamed file, or NULL if there is none, or if another
 * process writes it. */
GFile     *fp_drafts_set_aside (FpDrafts  *self,
                                const char *id);
gboolean   fp_drafts_has     (FpDrafts    *self,
                              const char  *id);
/* The drafts on disk, newest first, but for those another process is
 * writing (their lock is held): a GPtrArray of FpDraft. What a crash left
 * of a draft never written, or not wholly deleted (a lock file, a
 * sidecar), is removed. */
GPtrArray *fp_drafts_list    (FpDrafts    *self);
/* The plan of @draft as written, unmodified. */
FpPlan    *fp_drafts_load    (FpDrafts    *self,
                              const FpDraft *draft,
                              GError     **error);

G_END_DECLS
