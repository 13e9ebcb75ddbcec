/* fp-file-read.c: the bytes of a plan's file, read without blocking on
 * what is not a file */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gstdio.h>
#include <sys/stat.h>
#include <unistd.h>

#include "fp-file-read.h"
#include "fp-plan-io.h"

#define CHUNK_SIZE (64 * 1024)

char *
fp_file_get_display_path (GFile *file)
{
  g_autofree char *path = NULL;

  g_return_val_if_fail (G_IS_FILE (file), NULL);

  path = g_file_get_path (file);
  return path != NULL ? g_filename_display_name (path) : g_file_get_parse_name (file);
}

static FpFileRead
set_errno_error (GFile   *file,
                 int      saved_errno,
                 GError **error)
{
  g_autofree char *name = fp_file_get_display_path (file);

  g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno), "%s: %s", name,
               g_strerror (saved_errno));
  return saved_errno == ENOENT || saved_errno == ENOTDIR ? FP_FILE_READ_GONE
                                                         : FP_FILE_READ_FAILED;
}

static FpFileRead
read_open_file (GFile         *file,
                int            fd,
                GCancellable  *cancellable,
                GBytes       **bytes,
                GError       **error)
{
  g_autoptr(GByteArray) data = NULL;
  struct stat st;

  if (fstat (fd, &st) != 0)
    return set_errno_error (file, errno, error);
  if (S_ISDIR (st.st_mode))
    return FP_FILE_READ_FOLDER;
  if (!S_ISREG (st.st_mode))
    return FP_FILE_READ_SPECIAL;
  if (st.st_size > FP_PLAN_MAX_FILE_SIZE)
    return FP_FILE_READ_TOO_LARGE;

  data = g_byte_array_sized_new (st.st_size);
  for (;;)
    {
      guint8 chunk[CHUNK_SIZE];
      ssize_t n;

      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        return FP_FILE_READ_FAILED;
      n = read (fd, chunk, sizeof chunk);
      if (n < 0 && errno == EINTR)
        continue;
      if (n < 0)
        return set_errno_error (file, errno, error);
      if (n == 0)
        break;
      g_byte_array_append (data, chunk, n);
      /* Still being written, past any plan's size: read no further */
      if (data->len > FP_PLAN_MAX_FILE_SIZE)
        return FP_FILE_READ_TOO_LARGE;
    }
  *bytes = g_byte_array_free_to_bytes (g_steal_pointer (&data));
  return FP_FILE_READ_OK;
}

/* Opened without blocking, and checked on the open file: a pipe renamed
 * over the path after a look at it would block open() for good. */
static FpFileRead
read_local (GFile         *file,
            const char    *path,
            GCancellable  *cancellable,
            GBytes       **bytes,
            GError       **error)
{
  FpFileRead result;
  int fd;

  fd = g_open (path, O_RDONLY | O_NONBLOCK | O_CLOEXEC, 0);
  if (fd < 0)
    return set_errno_error (file, errno, error);
  result = read_open_file (file, fd, cancellable, bytes, error);
  g_close (fd, NULL);
  return result;
}

static FpFileRead
propagate_gio_error (GError  *gio_error,
                     GError **error)
{
  gboolean gone = g_error_matches (gio_error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);

  g_propagate_error (error, gio_error);
  return gone ? FP_FILE_READ_GONE : FP_FILE_READ_FAILED;
}

/* A GVfs location's stream, read to its end, up to a plan's size */
static FpFileRead
read_stream (GInputStream  *stream,
             GCancellable  *cancellable,
             GBytes       **bytes,
             GError       **error)
{
  g_autoptr(GByteArray) data = g_byte_array_new ();

  for (;;)
    {
      guint8 chunk[CHUNK_SIZE];
      GError *gio_error = NULL;
      gssize n = g_input_stream_read (stream, chunk, sizeof chunk, cancellable, &gio_error);

      if (n < 0)
        return propagate_gio_error (gio_error, error);
      if (n == 0)
        break;
      g_byte_array_append (data, chunk, n);
      /* A size the location did not tell, or a file still growing */
      if (data->len > FP_PLAN_MAX_FILE_SIZE)
        return FP_FILE_READ_TOO_LARGE;
    }
  *bytes = g_byte_array_free_to_bytes (g_steal_pointer (&data));
  return FP_FILE_READ_OK;
}

/* Not local (a GVfs location): GIO's own read, once its type and size
 * are a plan's. A location may tell neither (an unknown type, no size):
 * the read stops past a plan's size. */
static FpFileRead
read_remote (GFile         *file,
             GCancellable  *cancellable,
             GBytes       **bytes,
             GError       **error)
{
  g_autoptr(GFileInfo) info = NULL;
  g_autoptr(GFileInputStream) stream = NULL;
  GError *gio_error = NULL;
  FpFileRead result;

  info = g_file_query_info (file, G_FILE_ATTRIBUTE_STANDARD_SIZE "," G_FILE_ATTRIBUTE_STANDARD_TYPE,
                            G_FILE_QUERY_INFO_NONE, cancellable, &gio_error);
  if (info == NULL)
    return propagate_gio_error (gio_error, error);
  switch (g_file_info_get_file_type (info))
    {
    case G_FILE_TYPE_DIRECTORY:
      return FP_FILE_READ_FOLDER;
    case G_FILE_TYPE_SPECIAL:
      return FP_FILE_READ_SPECIAL;
    case G_FILE_TYPE_SHORTCUT:
    case G_FILE_TYPE_MOUNTABLE:
      return FP_FILE_READ_PLACE;
    case G_FILE_TYPE_REGULAR:
    case G_FILE_TYPE_SYMBOLIC_LINK:
    case G_FILE_TYPE_UNKNOWN:
    default:
      break;
    }
  if (g_file_info_has_attribute (info, G_FILE_ATTRIBUTE_STANDARD_SIZE) &&
      g_file_info_get_size (info) > FP_PLAN_MAX_FILE_SIZE)
    return FP_FILE_READ_TOO_LARGE;

  stream = g_file_read (file, cancellable, &gio_error);
  if (stream == NULL)
    return propagate_gio_error (gio_error, error);
  result = read_stream (G_INPUT_STREAM (stream), cancellable, bytes, error);
  g_input_stream_close (G_INPUT_STREAM (stream), NULL, NULL);
  return result;
}

FpFileRead
_fp_file_read (GFile         *file,
               GCancellable  *cancellable,
               GBytes       **bytes,
               GError       **error)
{
  g_autofree char *path = NULL;

  g_return_val_if_fail (G_IS_FILE (file), FP_FILE_READ_FAILED);
  g_return_val_if_fail (bytes != NULL && *bytes == NULL, FP_FILE_READ_FAILED);

  path = g_file_get_path (file);
  if (path != NULL)
    return read_local (file, path, cancellable, bytes, error);
  return read_remote (file, cancellable, bytes, error);
}
