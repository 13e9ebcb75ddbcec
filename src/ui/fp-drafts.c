/* fp-drafts.c: copies of unsaved plans, kept so that a crash loses nothing
 *
 * A draft being written is locked (flock() on <dir>/<id>.lock, held for as
 * long as this process writes it): another instance of the application on
 * the same data folder (a second login, ssh -X) then does not take it for a
 * leftover of a crash, and so neither offers it nor deletes it. The system
 * releases the lock when a process ends, however it ends.
 *
 * A lock file is removed only by a process holding its lock, and a lock
 * taken counts only if its file is still the one at the path: a lock
 * taken on a file just removed would guard nothing.
 *
 * The sidecar names the document and the version of it (a SHA-256 of its
 * bytes) that the draft's changes were made to: at recovery, a document
 * that changed since is told apart from one merely touched or copied with
 * an older time, which its modification time alone cannot tell.
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include "fp-drafts.h"
#include "fp-plan-io.h"

#define DRAFT_SUFFIX   ".funnel.json"
#define SIDECAR_SUFFIX ".draft"
#define UNREAD_SUFFIX  ".unread"  /* a draft that did not load, kept aside */
#define LOCK_SUFFIX    ".lock"
#define GROUP          "Draft"

struct _FpDrafts
{
  GObject parent_instance;
  GFile *dir;
  GHashTable *locks;  /* id -> the descriptor holding its lock, as a pointer */
};

G_DEFINE_FINAL_TYPE (FpDrafts, fp_drafts, G_TYPE_OBJECT)

void
fp_draft_free (FpDraft *draft)
{
  if (draft == NULL)
    return;
  g_free (draft->id);
  g_free (draft->base_checksum);
  g_clear_object (&draft->file);
  g_clear_object (&draft->original);
  g_clear_pointer (&draft->saved, g_date_time_unref);
  g_free (draft);
}

static void
close_lock (gpointer fd)
{
  g_close (GPOINTER_TO_INT (fd), NULL);
}

static void
fp_drafts_finalize (GObject *object)
{
  FpDrafts *self = FP_DRAFTS (object);

  /* The locks go; the drafts stay for the next start to offer */
  g_clear_pointer (&self->locks, g_hash_table_unref);
  g_clear_object (&self->dir);
  G_OBJECT_CLASS (fp_drafts_parent_class)->finalize (object);
}

static void
fp_drafts_class_init (FpDraftsClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = fp_drafts_finalize;
}

static void
fp_drafts_init (FpDrafts *self)
{
  self->locks = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, close_lock);
}

FpDrafts *
fp_drafts_new (GFile *dir)
{
  FpDrafts *self = g_object_new (FP_TYPE_DRAFTS, NULL);

  if (dir != NULL)
    self->dir = g_object_ref (dir);
  else
    self->dir = g_file_new_build_filename (g_get_user_data_dir (), "funnel-planner", "drafts",
                                           NULL);
  return self;
}

GFile *
fp_drafts_get_dir (FpDrafts *self)
{
  g_return_val_if_fail (FP_IS_DRAFTS (self), NULL);
  return self->dir;
}

char *
fp_drafts_new_id (void)
{
  return g_uuid_string_random ();
}

/* Ids come from fp_drafts_new_id() or from our own directory listing; refuse
 * anything that could name a file elsewhere. */
static gboolean
valid_id (const char *id)
{
  if (id == NULL || id[0] == '\0' || strlen (id) > 64)
    return FALSE;
  for (const char *p = id; *p; p++)
    if (!g_ascii_isalnum (*p) && *p != '-')
      return FALSE;
  return TRUE;
}

static GFile *
child (FpDrafts   *self,
       const char *id,
       const char *suffix)
{
  g_autofree char *name = g_strconcat (id, suffix, NULL);

  return g_file_get_child (self->dir, name);
}

static char *
lock_path (FpDrafts   *self,
           const char *id)
{
  g_autoptr(GFile) lock = child (self, id, LOCK_SUFFIX);

  return g_file_get_path (lock);
}

/* TRUE when @fd is the file at @path: not removed, nor replaced, since it
 * was opened */
static gboolean
is_file_at (int         fd,
            const char *path)
{
  struct stat by_fd, by_path;

  return fstat (fd, &by_fd) == 0 && g_stat (path, &by_path) == 0 &&
         by_fd.st_dev == by_path.st_dev && by_fd.st_ino == by_path.st_ino;
}

/* Locks draft @id for this process, before its files are written: between
 * the two, another instance would see a draft nobody holds. FALSE when
 * another process holds it (both recovered one draft at once): the draft
 * is its. Where locks do not work, the draft is written unlocked. */
static gboolean
hold_lock (FpDrafts   *self,
           const char *id)
{
  g_autofree char *path = NULL;

  if (g_hash_table_contains (self->locks, id))
    return TRUE;
  path = lock_path (self, id);
  for (guint attempt = 0;; attempt++)
    {
      int fd = g_open (path, O_RDWR | O_CREAT | O_CLOEXEC, 0600);
      gboolean locked;

      if (fd < 0)
        {
          g_debug ("Could not create the draft lock %s: %s", path, g_strerror (errno));
          return TRUE;
        }
      locked = flock (fd, LOCK_EX | LOCK_NB) == 0;
      if (locked && is_file_at (fd, path))
        {
          g_hash_table_insert (self->locks, g_strdup (id), GINT_TO_POINTER (fd));
          return TRUE;
        }
      /* Where the file itself refuses locks, the draft goes unlocked; an
       * error on a file removed under us (NFS: ESTALE) is tried again */
      if (!locked && errno != EWOULDBLOCK && is_file_at (fd, path))
        {
          g_debug ("Could not lock the draft %s: %s", path, g_strerror (errno));
          g_close (fd, NULL);
          return TRUE;
        }
      g_close (fd, NULL);
      /* Held: by another instance's look (is_held_elsewhere()) for a
       * moment, or by its writer. Removed under us, by the process that
       * held it: a new file is made. */
      if (attempt == 10)
        {
          g_debug ("Could not lock the draft %s: another process holds it", path);
          return FALSE;
        }
      if (!locked)
        g_usleep (2000);
    }
}

/* Lets draft @id go, its lock file with it: called once its files are gone
 * or set aside. */
static void
drop_lock (FpDrafts   *self,
           const char *id)
{
  g_autofree char *path = NULL;

  /* Only a lock of ours: another process's stays with its draft. Removed
   * while still held, so no other process takes a lock on a file about to
   * go. */
  if (!g_hash_table_contains (self->locks, id))
    return;
  path = lock_path (self, id);
  g_unlink (path);
  g_hash_table_remove (self->locks, id);
}

/* TRUE when another process holds draft @id's lock: it is writing it */
static gboolean
is_held_elsewhere (FpDrafts   *self,
                   const char *id)
{
  g_autofree char *path = NULL;
  gboolean held;
  int fd;

  if (g_hash_table_contains (self->locks, id))
    return FALSE;
  path = lock_path (self, id);
  fd = g_open (path, O_RDONLY | O_CLOEXEC, 0);
  if (fd < 0)
    return FALSE;
  /* Shared: on NFS, flock() is a byte-range lock, and an exclusive one
   * needs the file open for writing */
  held = flock (fd, LOCK_SH | LOCK_NB) != 0 && errno == EWOULDBLOCK;
  g_close (fd, NULL);
  return held;
}

gboolean
fp_drafts_save (FpDrafts    *self,
                const char  *id,
                FpPlan      *plan,
                GFile       *original,
                const char  *base_checksum,
                GError     **error)
{
  g_autoptr(GKeyFile) key_file = g_key_file_new ();
  g_autoptr(GFile) draft = NULL;
  g_autoptr(GFile) sidecar = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autofree char *now_text = g_date_time_format_iso8601 (now);
  g_autofree char *sidecar_text = NULL;
  g_autofree char *dir_path = NULL;
  g_autofree char *sidecar_path = NULL;
  g_autofree char *draft_path = NULL;
  gsize sidecar_len;

  g_return_val_if_fail (FP_IS_DRAFTS (self), FALSE);
  g_return_val_if_fail (valid_id (id), FALSE);
  g_return_val_if_fail (FP_IS_PLAN (plan), FALSE);

  dir_path = g_file_get_path (self->dir);
  if (g_mkdir_with_parents (dir_path, 0700) != 0)
    {
      int saved_errno = errno;
      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
                   _("Could not create the drafts folder %s: %s"), dir_path,
                   g_strerror (saved_errno));
      return FALSE;
    }

  if (original != NULL)
    {
      g_autofree char *uri = g_file_get_uri (original);
      g_key_file_set_string (key_file, GROUP, "original", uri);
    }
  if (base_checksum != NULL)
    g_key_file_set_string (key_file, GROUP, "base-sha256", base_checksum);
  g_key_file_set_string (key_file, GROUP, "saved", now_text);
  sidecar_text = g_key_file_to_data (key_file, &sidecar_len, NULL);

  if (!hold_lock (self, id))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_BUSY,
                   "Draft %s is written by another instance of the application", id);
      return FALSE;
    }

  /* The sidecar goes first: a draft without one reads as untitled, which
   * would lose the link to the document. Both writes are atomic. */
  sidecar = child (self, id, SIDECAR_SUFFIX);
  sidecar_path = g_file_get_path (sidecar);
  if (!g_file_set_contents_full (sidecar_path, sidecar_text, sidecar_len,
                                 G_FILE_SET_CONTENTS_CONSISTENT, 0600, error))
    return FALSE;

  bytes = fp_plan_to_bytes (plan);
  draft = child (self, id, DRAFT_SUFFIX);
  draft_path = g_file_get_path (draft);
  return g_file_set_contents_full (draft_path, g_bytes_get_data (bytes, NULL),
                                   g_bytes_get_size (bytes),
                                   G_FILE_SET_CONTENTS_CONSISTENT, 0600, error);
}

gboolean
fp_drafts_discard (FpDrafts    *self,
                   const char  *id,
                   GError     **error)
{
  g_autoptr(GFile) draft = NULL;
  g_autoptr(GFile) sidecar = NULL;
  g_autoptr(GError) local_error = NULL;

  g_return_val_if_fail (FP_IS_DRAFTS (self), FALSE);

  /* Another instance's draft is its to discard */
  if (!valid_id (id) || is_held_elsewhere (self, id))
    return TRUE;
  /* The draft first: a lone sidecar is not listed, and is removed at the
   * next listing. A draft that stays keeps its sidecar, or it would come
   * back as an untitled plan, its document forgotten. */
  draft = child (self, id, DRAFT_SUFFIX);
  sidecar = child (self, id, SIDECAR_SUFFIX);
  if (!g_file_delete (draft, NULL, &local_error) &&
      !g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND))
    {
      drop_lock (self, id);
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  g_file_delete (sidecar, NULL, NULL);
  drop_lock (self, id);
  return TRUE;
}

GFile *
fp_drafts_set_aside (FpDrafts   *self,
                     const char *id)
{
  g_autoptr(GFile) draft = NULL;
  g_autoptr(GFile) sidecar = NULL;
  g_autoptr(GFile) aside = NULL;
  g_autofree char *name = NULL;

  g_return_val_if_fail (FP_IS_DRAFTS (self), NULL);

  /* Under its lock: between the two moves, another instance's listing
   * would take the sidecar for a leftover */
  if (!valid_id (id) || !hold_lock (self, id))
    return NULL;
  draft = child (self, id, DRAFT_SUFFIX);
  sidecar = child (self, id, SIDECAR_SUFFIX);
  name = g_strconcat (id, DRAFT_SUFFIX, UNREAD_SUFFIX, NULL);
  aside = g_file_get_child (self->dir, name);
  if (!g_file_move (draft, aside, G_FILE_COPY_OVERWRITE | G_FILE_COPY_NOFOLLOW_SYMLINKS,
                    NULL, NULL, NULL, NULL))
    {
      drop_lock (self, id);
      return NULL;
    }
  /* The sidecar goes with it: it names the document the draft was of. */
  {
    g_autofree char *sidecar_name = g_strconcat (id, SIDECAR_SUFFIX, UNREAD_SUFFIX, NULL);
    g_autoptr(GFile) sidecar_aside = g_file_get_child (self->dir, sidecar_name);

    g_file_move (sidecar, sidecar_aside, G_FILE_COPY_OVERWRITE | G_FILE_COPY_NOFOLLOW_SYMLINKS,
                 NULL, NULL, NULL, NULL);
  }
  drop_lock (self, id);
  return g_steal_pointer (&aside);
}

gboolean
fp_drafts_has (FpDrafts   *self,
               const char *id)
{
  g_autoptr(GFile) draft = NULL;

  g_return_val_if_fail (FP_IS_DRAFTS (self), FALSE);

  if (!valid_id (id))
    return FALSE;
  draft = child (self, id, DRAFT_SUFFIX);
  return g_file_query_exists (draft, NULL);
}

/* The id in file name @name, when it ends in @suffix */
static char *
id_of (const char *name,
       const char *suffix)
{
  if (!g_str_has_suffix (name, suffix))
    return NULL;
  return g_strndup (name, strlen (name) - strlen (suffix));
}

static int
compare_newest_first (gconstpointer a,
                      gconstpointer b)
{
  const FpDraft *da = *(const FpDraft * const *) a;
  const FpDraft *db = *(const FpDraft * const *) b;

  return g_date_time_compare (db->saved, da->saved);
}

/* Removes what a crash leaves of draft @id when it has no draft file: its
 * sidecar (written first, deleted last) or its lock file (taken before
 * either is written). Only under the lock: a process about to write the
 * draft holds it. */
static void
remove_leftover (FpDrafts   *self,
                 const char *id)
{
  g_autofree char *path = NULL;
  int fd;

  if (!valid_id (id) || g_hash_table_contains (self->locks, id) || fp_drafts_has (self, id))
    return;
  path = lock_path (self, id);
  fd = g_open (path, O_RDWR | O_CREAT | O_CLOEXEC, 0600);
  if (fd < 0)
    return;
  if (flock (fd, LOCK_EX | LOCK_NB) == 0 && is_file_at (fd, path) && !fp_drafts_has (self, id))
    {
      g_autoptr(GFile) sidecar = child (self, id, SIDECAR_SUFFIX);

      g_file_delete (sidecar, NULL, NULL);
      g_unlink (path);
    }
  g_close (fd, NULL);
}

GPtrArray *
fp_drafts_list (FpDrafts *self)
{
  g_autoptr(GPtrArray) drafts = g_ptr_array_new_with_free_func ((GDestroyNotify) fp_draft_free);
  g_autoptr(GPtrArray) leftover_ids = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GFileEnumerator) children = NULL;

  g_return_val_if_fail (FP_IS_DRAFTS (self), NULL);

  children = g_file_enumerate_children (self->dir,
                                        G_FILE_ATTRIBUTE_STANDARD_NAME ","
                                        /* To the microsecond: a document saved in
                                         * the same second is older or newer */
                                        G_FILE_ATTRIBUTE_TIME_MODIFIED ","
                                        G_FILE_ATTRIBUTE_TIME_MODIFIED_USEC,
                                        G_FILE_QUERY_INFO_NOFOLLOW_SYMLINKS, NULL, NULL);
  while (children != NULL)
    {
      g_autoptr(GKeyFile) key_file = g_key_file_new ();
      g_autoptr(GFile) sidecar = NULL;
      g_autofree char *sidecar_path = NULL;
      g_autofree char *id = NULL;
      g_autofree char *uri = NULL;
      FpDraft *draft;
      GFileInfo *info = NULL;
      const char *name;

      if (!g_file_enumerator_iterate (children, &info, NULL, NULL, NULL) || info == NULL)
        break;

      name = g_file_info_get_name (info);
      if ((id = id_of (name, SIDECAR_SUFFIX)) != NULL || (id = id_of (name, LOCK_SUFFIX)) != NULL)
        {
          g_ptr_array_add (leftover_ids, g_steal_pointer (&id));
          continue;
        }
      if ((id = id_of (name, DRAFT_SUFFIX)) == NULL)
        continue;
      if (!valid_id (id) || is_held_elsewhere (self, id))
        continue;

      draft = g_new0 (FpDraft, 1);
      draft->id = g_steal_pointer (&id);
      draft->file = g_file_get_child (self->dir, name);
      draft->saved = g_file_info_get_modification_date_time (info);
      if (draft->saved == NULL)
        draft->saved = g_date_time_new_now_utc ();

      sidecar = child (self, draft->id, SIDECAR_SUFFIX);
      sidecar_path = g_file_get_path (sidecar);
      if (g_key_file_load_from_file (key_file, sidecar_path, G_KEY_FILE_NONE, NULL) &&
          (uri = g_key_file_get_string (key_file, GROUP, "original", NULL)) != NULL &&
          uri[0] != '\0')
        draft->original = g_file_new_for_uri (uri);
      if (draft->original != NULL)
        draft->base_checksum = g_key_file_get_string (key_file, GROUP, "base-sha256", NULL);

      g_ptr_array_add (drafts, draft);
    }

  for (guint i = 0; i < leftover_ids->len; i++)
    remove_leftover (self, g_ptr_array_index (leftover_ids, i));

  g_ptr_array_sort (drafts, compare_newest_first);
  return g_steal_pointer (&drafts);
}

FpPlan *
fp_drafts_load (FpDrafts       *self,
                const FpDraft  *draft,
                GError        **error)
{
  g_return_val_if_fail (FP_IS_DRAFTS (self), NULL);
  g_return_val_if_fail (draft != NULL, NULL);

  return fp_plan_load_file (draft->file, NULL, error);
}
