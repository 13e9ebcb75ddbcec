/* fp-window-disk.c: the document's file as others change it
 *
 * The window watches its file. Another program's write is offered for
 * reloading; a file deleted or moved away makes the plan unsaved, so that
 * closing asks and a draft keeps it, until the same bytes are back; and
 * Save asks before writing over a version it never loaded
 * (fp-window-documents.c, with _fp_window_file_changed_on_disk()).
 *
 * A version of the file is its bytes (their SHA-256), not its modification
 * time (fp-file-version.h).
 *
 * The news shows in a banner under the header bar, not in a toast: it
 * stays until answered, and a toast that stays covers the content.
 */
#include "config.h"

#include <glib/gi18n.h>

#include "fp-file-version.h"
#include "fp-plan-io.h"
#include "fp-window-private.h"

/* Editors write in bursts, and save by writing a new file and renaming it
 * over the old one: look once that settles. */
#define MONITOR_DELAY_MS 250

/* The file_version when no version on disk is the window's: the file was
 * deleted or moved away, or saved after the draft recovered in it */
#define GONE_VERSION ""

/* The banner is going: a focus on its buttons goes to the chart, rather
 * than staying on a hidden button, from where GTK gave it to the first
 * text field, its text selected for the next key to replace. Asked of the
 * window: while a dialog is up, the banner has no focus child to say so. */
static void
move_focus_off_banner (FpWindow *self)
{
  _fp_window_focus_chart_from (self, GTK_WIDGET (self->disk_banner));
}

/* The user waved the reload offer away: the banner goes, and this version
 * is not offered again (disk_version keeps it from check_disk_state(); one
 * newer is offered at the next look). Waving it away is no leave to write
 * over it: Save still asks first, as a text editor asks of a file changed
 * since it was read. It wrote over it unasked before, and a person who
 * closed the banner to see the chart lost another program's change to the
 * next Save. The plan's changes are still to the version the window
 * loaded, and its drafts say so: recovered after a crash, one offers the
 * newer file again. */
void
_fp_window_on_disk_banner_dismissed (FpWindow *self)
{
  move_focus_off_banner (self);
}

static void
show_disk_news (FpWindow   *self,
                FpDiskNews  news,
                const char *title,
                const char *button_label,
                const char *action_name)
{
  fp_banner_show (self->disk_banner, title, button_label, action_name);
  self->disk_news = news;
}

static void
hide_disk_news (FpWindow *self)
{
  move_focus_off_banner (self);
  fp_banner_hide (self->disk_banner);
}

gboolean
_fp_window_disk_news_is (FpWindow   *self,
                         FpDiskNews  news)
{
  return fp_banner_is_shown (self->disk_banner) && self->disk_news == news;
}

void
_fp_window_remember_disk_state (FpWindow *self,
                                FpPlan   *read)
{
  g_clear_pointer (&self->file_version, g_free);
  g_clear_pointer (&self->file_checksum, g_free);
  g_clear_pointer (&self->draft_base, g_free);
  g_clear_pointer (&self->disk_version, g_free);
  self->reload_after_draft = FALSE;
  hide_disk_news (self);
  if (self->file == NULL)
    return;
  /* The version as read or written, when the plan knows it: asked of the
   * file a moment later, another program's write in between would pass
   * for ours */
  if (read != NULL && fp_plan_get_file_checksum (read) != NULL)
    self->file_checksum = g_strdup (fp_plan_get_file_checksum (read));
  else
    self->file_checksum = fp_file_version_query (self->file);
  self->draft_base = g_strdup (self->file_checksum);
  /* Not there (a recovered draft of a deleted file): whatever appears
   * there later is another program's. */
  self->file_version = g_strdup (self->file_checksum != NULL ? self->file_checksum
                                                             : GONE_VERSION);
}

gboolean
_fp_window_file_changed_on_disk (FpWindow *self)
{
  g_autofree char *version = NULL;

  if (self->file == NULL || self->file_version == NULL)
    return FALSE;
  version = fp_file_version_query (self->file);
  /* Gone: saving puts it back, and nothing is overwritten. */
  return version != NULL && g_strcmp0 (version, self->file_version) != 0;
}

void
_fp_window_reload (FpWindow *self)
{
  g_autoptr(FpPlan) plan = NULL;
  g_autoptr(GError) error = NULL;

  if (self->file == NULL || self->plan == NULL)
    return;

  plan = fp_plan_load_file (self->file, NULL, &error);
  if (plan == NULL)
    {
      fp_window_show_error (self, _("Could Not Reload Plan"), error->message);
      return;
    }
  /* One undo step: the edits before the reload can still be brought back. */
  fp_plan_replace (self->plan, plan);
  fp_plan_set_unmodified (self->plan);
  _fp_window_remember_disk_state (self, plan);
}

/* The reload offer in words that fit the plan as it is now: edited, it
 * warns that reloading discards the edits. */
static void
show_reload_offer (FpWindow *self)
{
  gboolean modified = fp_plan_get_modified (self->plan);
  const char *title;

  if (self->reload_after_draft)
    title = modified ? _("The file was saved after this recovered version; reloading discards "
                         "the recovered changes")
                     : _("The file was saved after the recovered version");
  else
    title = modified ? _("The file changed on disk; reloading discards your changes")
                     : _("The file changed on disk");
  show_disk_news (self, FP_DISK_NEWS_RELOAD, title, _("_Reload"), "win.reload");
}

static void
offer_reload (FpWindow *self,
              char     *version)
{
  g_free (self->disk_version);
  self->disk_version = version;
  if (_fp_window_disk_news_is (self, FP_DISK_NEWS_RELOAD))
    return;
  self->reload_after_draft = FALSE;
  show_reload_offer (self);
}

/* The modification time of @file, or NULL */
static GDateTime *
query_modified (GFile *file)
{
  g_autoptr(GFileInfo) info = g_file_query_info (file, G_FILE_ATTRIBUTE_TIME_MODIFIED ","
                                                 G_FILE_ATTRIBUTE_TIME_MODIFIED_USEC,
                                                 G_FILE_QUERY_INFO_NONE, NULL, NULL);

  return info != NULL ? g_file_info_get_modification_date_time (info) : NULL;
}

void
_fp_window_keep_draft_base (FpWindow      *self,
                            const FpDraft *draft)
{
  g_free (self->draft_base);
  /* "" when its bytes are not known: no version the file has */
  self->draft_base = g_strdup (draft->base_checksum != NULL ? draft->base_checksum : "");
}

/* TRUE when the file is not the version @draft's changes were made to.
 * Told by the bytes when the draft says which they were: a file synced or
 * copied with its older time is still another version, and one touched
 * is still the same. A draft of an older version of the application
 * gives a time only. */
static gboolean
changed_since_draft (FpWindow      *self,
                     const FpDraft *draft)
{
  g_autoptr(GDateTime) file_saved = NULL;

  if (draft->base_checksum != NULL)
    return g_strcmp0 (draft->base_checksum, self->file_checksum) != 0;
  file_saved = query_modified (self->file);
  return file_saved != NULL && draft->saved != NULL &&
         g_date_time_compare (file_saved, draft->saved) > 0;
}

/* A draft put off at one start ("Not Now") and the file saved after it,
 * another program's write, or a change on disk that came while the draft
 * was being made: the draft, shown as an edit on the file, would have gone
 * back over the newer version at the next Save, unsaid. The banner offers
 * the file instead, and Save asks first: the version on disk is not the
 * one the draft was made from. */
void
_fp_window_check_file_after_draft (FpWindow      *self,
                                   const FpDraft *draft)
{
  if (self->file == NULL || self->file_version == NULL || !changed_since_draft (self, draft))
    return;

  g_free (self->disk_version);
  self->disk_version = g_steal_pointer (&self->file_version);
  self->file_version = g_strdup (GONE_VERSION);
  /* Nor are its bytes: written again as they are (a sync, a touch), they
   * are still the newer version, not the draft's */
  g_clear_pointer (&self->file_checksum, g_free);
  /* The window's drafts are still changes to the draft's version, not to
   * the file: a second crash must not lose that */
  _fp_window_keep_draft_base (self, draft);
  self->reload_after_draft = TRUE;
  show_reload_offer (self);
}

/* Edits made after the offer came: it warns of them from then on, and an
 * undo back to the saved plan takes the warning away again. */
void
_fp_window_disk_news_follow_modified (FpWindow *self)
{
  if (self->plan != NULL && _fp_window_disk_news_is (self, FP_DISK_NEWS_RELOAD))
    show_reload_offer (self);
}

/* No version of the plan is on disk any more: it is unsaved (the title
 * says so, a draft is written, closing asks). No version is empty:
 * whatever file appears there later is another program's, offered for
 * reloading, and asked about before a save. */
static void
mark_file_gone (FpWindow *self)
{
  g_clear_pointer (&self->disk_version, g_free);
  g_free (self->file_version);
  self->file_version = g_strdup (GONE_VERSION);
  fp_plan_set_saved_gone (self->plan);
}

/* The file is gone */
static void
report_missing (FpWindow *self)
{
  g_autofree char *name = _fp_window_display_name (self->file);
  g_autofree char *title = NULL;

  mark_file_gone (self);
  if (_fp_window_disk_news_is (self, FP_DISK_NEWS_MISSING))
    return;

  /* Translators: %s is a file name */
  title = g_strdup_printf (_("“%s” was deleted or moved; save to keep the plan"), name);
  show_disk_news (self, FP_DISK_NEWS_MISSING, title, _("_Save"), "win.save");
}

/* The path holds a folder, a device or a pipe where the plan was, @type
 * as a stat gives it: Save would refuse to write there (the writer says
 * why), and the offer to reload it could only fail. The plan is unsaved,
 * and the banner asks for another name. */
static void
report_replaced (FpWindow  *self,
                 GFileType  type)
{
  g_autofree char *name = _fp_window_display_name (self->file);
  g_autofree char *title = NULL;

  mark_file_gone (self);
  if (_fp_window_disk_news_is (self, FP_DISK_NEWS_REPLACED))
    return;

  if (type == G_FILE_TYPE_DIRECTORY)
    /* Translators: %s is a file name */
    title = g_strdup_printf (_("“%s” is now a folder; save the plan under another name"), name);
  else
    /* Translators: %s is a file name */
    title = g_strdup_printf (_("“%s” is no longer a file; save the plan under another name"),
                             name);
  show_disk_news (self, FP_DISK_NEWS_REPLACED, title, _("Save _As…"), "win.save-as");
}

/* The kind of thing at the plan's path, its link followed as the reader
 * and the writer follow it; G_FILE_TYPE_UNKNOWN when nothing is there */
static GFileType
query_file_type (GFile *file)
{
  g_autoptr(GFileInfo) info = g_file_query_info (file, G_FILE_ATTRIBUTE_STANDARD_TYPE,
                                                 G_FILE_QUERY_INFO_NONE, NULL, NULL);

  return info != NULL ? g_file_info_get_file_type (info) : G_FILE_TYPE_UNKNOWN;
}

static gboolean
check_disk_state (gpointer data)
{
  FpWindow *self = FP_WINDOW (data);
  g_autofree char *version = NULL;
  GFileType type;

  self->monitor_source = 0;
  if (self->file == NULL || self->plan == NULL)
    return G_SOURCE_REMOVE;

  version = fp_file_version_query (self->file);
  if (version == NULL)
    {
      if (!g_file_query_exists (self->file, NULL))
        report_missing (self);
      return G_SOURCE_REMOVE;
    }
  /* What we wrote or last offered; a file back after it was gone is
   * another program's, and the banner says so instead */
  if (g_strcmp0 (version, self->disk_version) == 0)
    return G_SOURCE_REMOVE;
  if (g_strcmp0 (version, self->file_version) == 0)
    {
      /* The window's own version back (a checkout away and back): the
       * offer of the other one is past */
      if (_fp_window_disk_news_is (self, FP_DISK_NEWS_RELOAD))
        {
          g_clear_pointer (&self->disk_version, g_free);
          hide_disk_news (self);
        }
      return G_SOURCE_REMOVE;
    }
  if (g_strcmp0 (version, self->file_checksum) == 0)
    {
      /* The bytes last loaded or saved, back (checked out, moved back):
       * nothing to reload, and nothing missing any more; the state they
       * hold is saved again. */
      g_free (self->file_version);
      self->file_version = g_steal_pointer (&version);
      fp_plan_set_saved_back (self->plan);
      if (_fp_window_disk_news_is (self, FP_DISK_NEWS_MISSING) ||
          _fp_window_disk_news_is (self, FP_DISK_NEWS_REPLACED))
        hide_disk_news (self);
      return G_SOURCE_REMOVE;
    }
  type = query_file_type (self->file);
  if (type != G_FILE_TYPE_REGULAR && type != G_FILE_TYPE_UNKNOWN)
    {
      report_replaced (self, type);
      return G_SOURCE_REMOVE;
    }
  offer_reload (self, g_steal_pointer (&version));
  return G_SOURCE_REMOVE;
}

/* Once the news settles: a later event puts the look off again */
static void
schedule_disk_check (FpWindow *self)
{
  g_clear_handle_id (&self->monitor_source, g_source_remove);
  self->monitor_source = g_timeout_add (MONITOR_DELAY_MS, check_disk_state, self);
}

/* Read-only or not, as Save will find it: said before the person edits
 * a plan that cannot be saved back */
static void
check_read_only (FpWindow *self)
{
  gboolean read_only = self->file != NULL && fp_plan_file_is_read_only (self->file, NULL);

  if (read_only != self->read_only)
    {
      self->read_only = read_only;
      _fp_window_update_title (self);
    }
}

static void
on_monitor_changed (GFileMonitor      *monitor,
                    GFile             *file,
                    GFile             *other_file,
                    GFileMonitorEvent  event,
                    FpWindow          *self)
{
  switch (event)
    {
    case G_FILE_MONITOR_EVENT_CHANGES_DONE_HINT:
    case G_FILE_MONITOR_EVENT_CREATED:
    case G_FILE_MONITOR_EVENT_CHANGED:
    case G_FILE_MONITOR_EVENT_DELETED:
    case G_FILE_MONITOR_EVENT_MOVED_IN:
    case G_FILE_MONITOR_EVENT_MOVED_OUT:
    case G_FILE_MONITOR_EVENT_RENAMED:
    /* The share or disk holding the file went away: the file is missing
     * as a deleted one is, and a Save would go to the bare mount point */
    case G_FILE_MONITOR_EVENT_UNMOUNTED:
      schedule_disk_check (self);
      break;

    case G_FILE_MONITOR_EVENT_ATTRIBUTE_CHANGED:
      check_read_only (self);
      break;

    default:
      break;
    }
}

/* A file monitor tells of no unmount: the disk or share holding the file
 * went away, and the window said nothing while a Save went quietly into
 * the bare mount point. Any change of the mounts checks the file again. */
static void
on_mounts_changed (FpWindow *self)
{
  if (self->file == NULL)
    return;
  schedule_disk_check (self);
}

/* Some changes send no event at all: a folder on the file's path renamed
 * or moved away, a file on a network share written by another machine.
 * Coming back to the window looks at the file again, as a text editor
 * does. */
static void
on_is_active_changed (FpWindow *self)
{
  if (self->file != NULL && gtk_window_is_active (GTK_WINDOW (self)))
    schedule_disk_check (self);
}

void
_fp_window_watch_file (FpWindow *self)
{
  g_autoptr(GFile) watched = NULL;

  check_read_only (self);
  if (self->monitor != NULL)
    {
      GFile *for_file = g_object_get_data (G_OBJECT (self->monitor), "fp-file");

      if (self->file != NULL && g_file_equal (for_file, self->file))
        return;
      g_signal_handlers_disconnect_by_data (self->monitor, self);
      g_file_monitor_cancel (self->monitor);
      g_clear_object (&self->monitor);
    }
  g_clear_handle_id (&self->monitor_source, g_source_remove);

  if (self->file == NULL)
    return;

  /* The file a link points to: a monitor watches the folder of the path it
   * is given, and another program writes the document where it is. */
  watched = fp_plan_resolve_file (self->file, NULL);
  self->monitor = g_file_monitor_file (watched, G_FILE_MONITOR_NONE, NULL, NULL);
  if (self->monitor == NULL)
    return;
  g_object_set_data_full (G_OBJECT (self->monitor), "fp-file", g_object_ref (self->file),
                          g_object_unref);
  g_signal_connect (self->monitor, "changed", G_CALLBACK (on_monitor_changed), self);
  if (self->mount_monitor == NULL)
    {
      self->mount_monitor = g_unix_mount_monitor_get ();
      g_signal_connect_swapped (self->mount_monitor, "mounts-changed",
                                G_CALLBACK (on_mounts_changed), self);
      g_signal_connect (self, "notify::is-active", G_CALLBACK (on_is_active_changed), NULL);
    }
}

void
_fp_window_disk_dispose (FpWindow *self)
{
  g_clear_handle_id (&self->monitor_source, g_source_remove);
  if (self->monitor != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->monitor, self);
      g_file_monitor_cancel (self->monitor);
      g_clear_object (&self->monitor);
    }
  if (self->mount_monitor != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->mount_monitor, self);
      g_clear_object (&self->mount_monitor);
    }
  g_clear_pointer (&self->disk_version, g_free);
}
