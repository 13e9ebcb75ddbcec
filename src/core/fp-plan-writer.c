/* fp-plan-writer.c: a plan to *.funnel.json text, and atomic saving */
#include "config.h"

#include <errno.h>
#include <gio/gfiledescriptorbased.h>
#include <glib/gi18n-lib.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "fp-json-private.h"
#include "fp-plan-io.h"
#include "fp-plan-private.h"

/* Appends the keys this version does not know, as they were read. A known
 * key of the same name wins: it was written above from the model. */
static void
add_unknown (JsonObject *object,
             JsonObject *unknown)
{
  JsonObjectIter iter;
  const char *key;
  JsonNode *member;

  if (unknown == NULL)
    return;

  json_object_iter_init_ordered (&iter, unknown);
  while (json_object_iter_next_ordered (&iter, &key, &member))
    if (!json_object_has_member (object, key))
      json_object_set_member (object, key, json_node_copy (member));
}

static JsonNode *
range_node (const FpRange *range)
{
  JsonArray *array = json_array_sized_new (2);

  json_array_add_double_element (array, range->min);
  json_array_add_double_element (array, range->max);
  return _fp_json_node_take_array (array);
}

static JsonNode *
stage_node (const FpStage *stage,
            gboolean       last)
{
  JsonObject *object = json_object_new ();

  json_object_set_string_member (object, "id", stage->id);
  json_object_set_string_member (object, "name", stage->name);
  if (!last)
    {
      json_object_set_double_member (object, "conversion", stage->conversion);
      json_object_set_double_member (object, "duration_days", stage->duration_days);
    }
  if (stage->cost_per_unit != 0)
    json_object_set_double_member (object, "cost_per_unit", stage->cost_per_unit);
  if (stage->benchmark_conversion.set || stage->benchmark_duration_days.set ||
      stage->benchmark_unknown != NULL)
    {
      JsonObject *benchmark = json_object_new ();

      if (stage->benchmark_conversion.set)
        json_object_set_member (benchmark, "conversion", range_node (&stage->benchmark_conversion));
      if (stage->benchmark_duration_days.set)
        json_object_set_member (benchmark, "duration_days",
                                range_node (&stage->benchmark_duration_days));
      add_unknown (benchmark, stage->benchmark_unknown);
      json_object_set_object_member (object, "benchmark", benchmark);
    }
  add_unknown (object, stage->unknown);

  return _fp_json_node_take_object (object);
}

static JsonNode *
plan_node (const FpPlanState *state)
{
  JsonObject *root = json_object_new ();
  JsonObject *period = json_object_new ();
  JsonArray *stages = json_array_new ();
  g_autofree char *start = g_strdup_printf ("%04d-%02d-01", state->start_year, state->start_month);
  guint n = state->stages->len;

  json_object_set_string_member (root, "format", FP_PLAN_FORMAT);
  json_object_set_int_member (root, "version", FP_PLAN_FORMAT_VERSION);
  json_object_set_string_member (root, "title", state->title);
  json_object_set_string_member (root, "currency", state->currency);

  json_object_set_string_member (period, "start", start);
  json_object_set_int_member (period, "months", state->months);
  if (state->weights != NULL)
    {
      JsonArray *weights = json_array_sized_new (state->weights->len);

      for (guint i = 0; i < state->weights->len; i++)
        json_array_add_double_element (weights, g_array_index (state->weights, double, i));
      json_object_set_array_member (period, "weights", weights);
    }
  add_unknown (period, state->period_unknown);
  json_object_set_object_member (root, "period", period);

  json_object_set_double_member (root, "revenue_target", state->revenue_target);
  json_object_set_double_member (root, "average_deal_size", state->average_deal_size);
  json_object_set_string_member (root, "handoff_stage",
                                 ((FpStage *) g_ptr_array_index (state->stages,
                                                                 state->handoff_index))->id);
  json_object_set_string_member (root, "pipeline_stage",
                                 ((FpStage *) g_ptr_array_index (state->stages,
                                                                 state->pipeline_index))->id);
  if (state->has_inflow)
    {
      JsonObject *inflow = json_object_new ();

      json_object_set_string_member (inflow, "stage",
                                     ((FpStage *) g_ptr_array_index (state->stages,
                                                                     state->inflow_index))->id);
      json_object_set_double_member (inflow, "per_month", state->inflow_per_month);
      add_unknown (inflow, state->inflow_unknown);
      json_object_set_object_member (root, "inflow", inflow);
    }

  for (guint i = 0; i < n; i++)
    json_array_add_element (stages, stage_node (g_ptr_array_index (state->stages, i), i == n - 1));
  json_object_set_array_member (root, "stages", stages);

  add_unknown (root, state->unknown);

  return _fp_json_node_take_object (root);
}

/* Takes @text; puts back the tokens json-glib could not keep, where the
 * state's placeholders for them are (see FpPlanState). */
static char *
restore_raw_tokens (char              *text,
                    const FpPlanState *state)
{
  g_autofree char *prefix = NULL;
  GString *out;
  const char *p = text;
  const char *hit;

  if (state->raw_tokens == NULL || state->raw_nonce == NULL)
    return text;
  prefix = g_strdup_printf ("\"" FP_PLAN_RAW_PREFIX "%s-", state->raw_nonce);
  out = g_string_sized_new (strlen (text));
  while ((hit = strstr (p, prefix)) != NULL)
    {
      const char *digits = hit + strlen (prefix);
      char *after = NULL;
      guint64 n = g_ascii_strtoull (digits, &after, 10);

      g_string_append_len (out, p, hit - p);
      /* A whole string, not one inside another ("\\"fp-raw-...") */
      if (after != digits && *after == '"' && n < state->raw_tokens->len &&
          (hit == text || hit[-1] != '\\'))
        {
          g_string_append (out, g_ptr_array_index (state->raw_tokens, n));
          p = after + 1;
        }
      else
        {
          g_string_append (out, prefix);
          p = digits;
        }
    }
  g_string_append (out, p);
  g_free (text);
  return g_string_free (out, FALSE);
}

GBytes *
fp_plan_to_bytes (FpPlan *self)
{
  g_autoptr(JsonNode) root = NULL;
  const FpPlanState *state;
  char *text;

  g_return_val_if_fail (FP_IS_PLAN (self), NULL);

  state = _fp_plan_get_state (self);
  root = plan_node (state);
  text = restore_raw_tokens (_fp_json_write (root), state);
  return g_bytes_new_take (text, strlen (text));
}

void
_fp_plan_explain_write_error (GFile        *file,
                              const GError *cause,
                              GError      **error)
{
  g_autofree char *name = fp_file_get_display_path (file);

  if (g_error_matches (cause, G_IO_ERROR, G_IO_ERROR_NO_SPACE))
    g_set_error (error, G_IO_ERROR, G_IO_ERROR_NO_SPACE,
                 /* Translators: %s is a file */
                 _("The disk is full: “%s” was not saved. Free some space, or save the plan in "
                   "another folder."), name);
  else
    g_set_error (error, cause->domain, cause->code,
                 /* Translators: %1$s is a file; %2$s the system's reason, e.g. "Error writing
                  * to file: Disk quota exceeded" */
                 _("“%1$s” was not saved: %2$s"), name, cause->message);
}

/* The longest file name most file systems take, in bytes (NAME_MAX) */
#define TEMPORARY_NAME_MAX 255
/* ".NAME.12345678~" is this many bytes longer than the name */
#define TEMPORARY_EXTRA_BYTES 11

/* How much of @basename a temporary file's name keeps: a name near the
 * file system's 255 bytes is cut short in it (a cut through a character
 * is no matter for a file nobody sees) */
static gsize
temporary_stem_length (const char *basename)
{
  return MIN (strlen (basename), TEMPORARY_NAME_MAX - TEMPORARY_EXTRA_BYTES);
}

/* The plan cannot go in @folder (not writable, or on a read-only disk):
 * not GIO's message, which names the hidden temporary file */
static void
set_folder_not_writable (GError **error,
                         int      code,
                         GFile   *folder)
{
  g_autofree char *name = fp_file_get_display_path (folder);

  g_set_error (error, G_IO_ERROR, code,
               /* Translators: %s is a folder */
               _("The folder “%s” cannot be written to: save the plan in another folder"),
               name);
}

/* Creates a hidden temporary file beside @file, so that the final rename
 * stays on one file system (and inside one portal folder). */
static GFileOutputStream *
create_temporary (GFile         *file,
                  GFile        **temporary,
                  GCancellable  *cancellable,
                  GError       **error)
{
  g_autoptr(GFile) parent = g_file_get_parent (file);
  g_autofree char *basename = g_file_get_basename (file);

  int kept = (int) temporary_stem_length (basename);

  for (guint attempt = 0;; attempt++)
    {
      g_autofree char *name = g_strdup_printf (".%.*s.%08x~", kept, basename, g_random_int ());
      g_autoptr(GFile) candidate = g_file_get_child (parent, name);
      g_autoptr(GError) local_error = NULL;
      GFileOutputStream *out;

      out = g_file_create (candidate, G_FILE_CREATE_NONE, cancellable, &local_error);
      if (out != NULL)
        {
          *temporary = g_steal_pointer (&candidate);
          return out;
        }
      if (g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_PERMISSION_DENIED) ||
          g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_READ_ONLY))
        {
          set_folder_not_writable (error, local_error->code, parent);
          return NULL;
        }
      if (g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND) ||
          g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_NOT_DIRECTORY))
        {
          g_autofree char *folder = fp_file_get_display_path (parent);

          /* A folder removed since the plan was opened, or typed wrong */
          g_set_error (error, G_IO_ERROR, local_error->code,
                       /* Translators: %s is a folder */
                       _("There is no folder “%s”: save the plan in another folder"), folder);
          return NULL;
        }
      if (attempt >= 8 || !g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_EXISTS))
        {
          _fp_plan_explain_write_error (file, local_error, error);
          return NULL;
        }
    }
}

/* How old a temporary file of ours must be to count as left by a save that
 * never finished (a crash, a kill): a save takes seconds, and one of
 * another instance in progress must keep its file */
#define STALE_TEMPORARY_SECONDS (10 * 60)

/* Whether @name is a temporary file create_temporary() made for a file
 * named @basename */
static gboolean
is_temporary_of (const char *name,
                 const char *basename)
{
  gsize kept = temporary_stem_length (basename);
  gsize length = strlen (name);

  if (length != kept + TEMPORARY_EXTRA_BYTES || name[0] != '.' || strncmp (name + 1, basename, kept) != 0 ||
      name[kept + 1] != '.' || name[length - 1] != '~')
    return FALSE;
  for (gsize i = kept + 2; i < length - 1; i++)
    if (!g_ascii_isxdigit (name[i]))
      return FALSE;
  return TRUE;
}

/* A save killed between its write and its rename leaves its hidden,
 * perhaps truncated, temporary file beside the plan; the next save of the
 * plan removes those older than STALE_TEMPORARY_SECONDS. */
static void
remove_stale_temporaries (GFile        *target,
                          GCancellable *cancellable)
{
  g_autoptr(GFile) parent = g_file_get_parent (target);
  g_autofree char *basename = g_file_get_basename (target);
  g_autoptr(GFileEnumerator) children = NULL;
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;
  GFileInfo *info;

  if (parent == NULL)
    return;
  children = g_file_enumerate_children (parent, G_FILE_ATTRIBUTE_STANDARD_NAME ","
                                        G_FILE_ATTRIBUTE_TIME_MODIFIED,
                                        G_FILE_QUERY_INFO_NOFOLLOW_SYMLINKS, cancellable, NULL);
  while (children != NULL &&
         (info = g_file_enumerator_next_file (children, cancellable, NULL)) != NULL)
    {
      g_autoptr(GFileInfo) owned = info;
      const char *name = g_file_info_get_name (info);

      if (is_temporary_of (name, basename) &&
          g_file_info_has_attribute (info, G_FILE_ATTRIBUTE_TIME_MODIFIED) &&
          now - (gint64) g_file_info_get_attribute_uint64 (info, G_FILE_ATTRIBUTE_TIME_MODIFIED)
          > STALE_TEMPORARY_SECONDS)
        {
          g_autoptr(GFile) stale = g_file_get_child (parent, name);

          g_file_delete (stale, cancellable, NULL);
        }
    }
}

/* Renaming a new file over a symbolic link would put a copy in the link's
 * place and leave the document it points to as it was. */
GFile *
fp_plan_resolve_file (GFile        *file,
                      GCancellable *cancellable)
{
  g_autoptr(GFile) target = g_object_ref (file);
  g_autofree char *path = g_file_get_path (file);
  g_autofree char *real = NULL;

  /* A local file: the system resolves "..", and links among the folders,
   * as it would open the file. */
  if (path != NULL && (real = realpath (path, NULL)) != NULL)
    return g_file_new_for_path (real);

  for (guint depth = 0; depth < 32; depth++)
    {
      g_autoptr(GFileInfo) info = NULL;
      g_autoptr(GFile) parent = NULL;
      const char *link;

      info = g_file_query_info (target, G_FILE_ATTRIBUTE_STANDARD_IS_SYMLINK ","
                                G_FILE_ATTRIBUTE_STANDARD_SYMLINK_TARGET,
                                G_FILE_QUERY_INFO_NOFOLLOW_SYMLINKS, cancellable, NULL);
      if (info == NULL || !g_file_info_get_is_symlink (info))
        break;
      link = g_file_info_get_symlink_target (info);
      parent = g_file_get_parent (target);
      if (link == NULL || parent == NULL)
        break;
      g_object_unref (target);
      target = g_file_resolve_relative_path (parent, link);
    }
  return g_steal_pointer (&target);
}

/* The new file gets the permissions of the one it replaces: a plan kept
 * private (0600) stays so, and one shared with a group (0664) stays
 * writable by it, whatever the umask would give a new file. */
static void
keep_permissions (GFile        *temporary,
                  GFileInfo    *existing,
                  GCancellable *cancellable)
{
  g_autoptr(GError) local_error = NULL;

  if (existing == NULL || !g_file_info_has_attribute (existing, G_FILE_ATTRIBUTE_UNIX_MODE))
    return;
  /* Where the file system has no modes to set (some network shares), the
   * save goes on without. */
  if (!g_file_set_attribute_uint32 (temporary, G_FILE_ATTRIBUTE_UNIX_MODE,
                                    g_file_info_get_attribute_uint32 (existing,
                                                                      G_FILE_ATTRIBUTE_UNIX_MODE) & 07777,
                                    G_FILE_QUERY_INFO_NONE, cancellable, &local_error))
    g_debug ("Could not keep the permissions of the plan: %s", local_error->message);
}

static gboolean
write_and_sync (GOutputStream  *out,
                GBytes         *bytes,
                GCancellable   *cancellable,
                GError        **error)
{
  if (!g_output_stream_write_all (out, g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes),
                                  NULL, cancellable, error))
    return FALSE;
  /* Data on disk before the rename makes it visible: a crash then leaves
   * the old document or the new one, never an empty file. */
  if (G_IS_FILE_DESCRIPTOR_BASED (out) &&
      fsync (g_file_descriptor_based_get_fd (G_FILE_DESCRIPTOR_BASED (out))) != 0)
    {
      int saved_errno = errno;
      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno), "%s",
                   g_strerror (saved_errno));
      return FALSE;
    }
  return g_output_stream_close (out, cancellable, error);
}

/* What a save keeps of @target (its mode) and asks of it (writable?);
 * NULL for a file not there */
static GFileInfo *
query_existing (GFile        *target,
                GCancellable *cancellable)
{
  return g_file_query_info (target, G_FILE_ATTRIBUTE_UNIX_MODE ","
                            G_FILE_ATTRIBUTE_ACCESS_CAN_WRITE ","
                            G_FILE_ATTRIBUTE_STANDARD_TYPE, G_FILE_QUERY_INFO_NONE,
                            cancellable, NULL);
}

/* Read-only for this user, or for everyone: root may write anything, but
 * a file nobody may write is one not to be changed. */
static gboolean
is_read_only (GFileInfo *existing)
{
  if (existing == NULL)
    return FALSE;
  if (g_file_info_has_attribute (existing, G_FILE_ATTRIBUTE_ACCESS_CAN_WRITE) &&
      !g_file_info_get_attribute_boolean (existing, G_FILE_ATTRIBUTE_ACCESS_CAN_WRITE))
    return TRUE;
  return g_file_info_has_attribute (existing, G_FILE_ATTRIBUTE_UNIX_MODE) &&
         (g_file_info_get_attribute_uint32 (existing, G_FILE_ATTRIBUTE_UNIX_MODE) & 0222) == 0;
}

static gboolean
is_on_read_only_file_system (GFile        *file,
                             GCancellable *cancellable)
{
  g_autoptr(GFileInfo) info = g_file_query_filesystem_info (file,
                                                            G_FILE_ATTRIBUTE_FILESYSTEM_READONLY,
                                                            cancellable, NULL);

  return info != NULL &&
         g_file_info_get_attribute_boolean (info, G_FILE_ATTRIBUTE_FILESYSTEM_READONLY);
}

/* A plan is saved over a file or where there is none. A link to a device
 * or a pipe was followed and the device replaced by the plan (a link to
 * /dev/null, for root); a folder gave GIO's "Can’t copy over directory".
 * Opening refuses both in the same words. */
static gboolean
is_plain_file_or_none (GFileInfo  *existing,
                       GFile      *file,
                       GError    **error)
{
  g_autofree char *name = NULL;
  GFileType type;

  if (existing == NULL || !g_file_info_has_attribute (existing, G_FILE_ATTRIBUTE_STANDARD_TYPE))
    return TRUE;
  type = g_file_info_get_file_type (existing);
  if (type != G_FILE_TYPE_DIRECTORY && type != G_FILE_TYPE_SPECIAL)
    return TRUE;
  name = fp_file_get_display_path (file);
  if (type == G_FILE_TYPE_DIRECTORY)
    g_set_error (error, G_IO_ERROR, G_IO_ERROR_IS_DIRECTORY,
                 /* Translators: %s is a folder's name or location */
                 _("%s: a folder, not a plan file"), name);
  else
    g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_REGULAR_FILE,
                 _("%s: not a file but a device or a pipe; a plan is a file"), name);
  return FALSE;
}

gboolean
fp_plan_file_is_read_only (GFile        *file,
                           GCancellable *cancellable)
{
  g_autoptr(GFile) target = NULL;
  g_autoptr(GFileInfo) existing = NULL;

  g_return_val_if_fail (G_IS_FILE (file), FALSE);

  target = fp_plan_resolve_file (file, cancellable);
  existing = query_existing (target, cancellable);
  return is_read_only (existing);
}

gboolean
fp_plan_save_file (FpPlan        *self,
                   GFile         *file,
                   GCancellable  *cancellable,
                   GError       **error)
{
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GFile) target = NULL;
  g_autoptr(GFile) temporary = NULL;
  g_autoptr(GFileInfo) existing = NULL;
  g_autoptr(GFileOutputStream) out = NULL;
  g_autoptr(GError) local_error = NULL;
  gboolean saved;

  g_return_val_if_fail (FP_IS_PLAN (self), FALSE);
  g_return_val_if_fail (G_IS_FILE (file), FALSE);

  bytes = fp_plan_to_bytes (self);
  target = fp_plan_resolve_file (file, cancellable);
  existing = query_existing (target, cancellable);
  if (is_read_only (existing))
    {
      g_autofree char *name = fp_file_get_display_path (file);

      /* Another name would fail as well there: the disk or share is
       * read-only (mounted so, or remounted after an error) */
      if (is_on_read_only_file_system (target, cancellable))
        {
          g_autoptr(GFile) parent = g_file_get_parent (target);

          set_folder_not_writable (error, G_IO_ERROR_READ_ONLY, parent);
          return FALSE;
        }
      /* Renaming a new file over it would work (the folder is writable),
       * but whoever made it read-only meant it to stay as it is. */
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_PERMISSION_DENIED,
                   /* Translators: %s is a file */
                   _("“%s” is read-only: save the plan under another name"), name);
      return FALSE;
    }
  if (!is_plain_file_or_none (existing, file, error))
    return FALSE;

  /* Not g_file_replace_contents(): when a write fails (a full disk), GLib
   * 2.74 closes the stream on unref and so renames the truncated temporary
   * file over the document. Here the rename happens only after every byte
   * is written and synced. */
  out = create_temporary (target, &temporary, cancellable, error);
  if (out == NULL)
    return FALSE;

  saved = write_and_sync (G_OUTPUT_STREAM (out), bytes, cancellable, &local_error);
  if (saved)
    {
      keep_permissions (temporary, existing, cancellable);
      saved = g_file_move (temporary, target,
                           G_FILE_COPY_OVERWRITE | G_FILE_COPY_NO_FALLBACK_FOR_MOVE,
                           cancellable, NULL, NULL, &local_error);
    }
  if (!saved)
    {
      g_output_stream_close (G_OUTPUT_STREAM (out), NULL, NULL);
      g_file_delete (temporary, NULL, NULL);
      /* GLib's words name no file ("Error writing to file: No space left
       * on device") or the hidden temporary one. */
      _fp_plan_explain_write_error (file, local_error, error);
      return FALSE;
    }

  remove_stale_temporaries (target, cancellable);
  _fp_plan_set_file_version (self, bytes);
  fp_plan_set_unmodified (self);
  return TRUE;
}
