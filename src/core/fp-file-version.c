/* fp-file-version.c: which version of a plan's file is on disk */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gstdio.h>
#include <sys/stat.h>
#include <unistd.h>

#include "fp-file-version.h"
#include "fp-plan-io.h"

#define CHUNK_SIZE (64 * 1024)

typedef enum
{
  READ_OK,
  READ_GONE,
  READ_NO_PLAN,     /* not a regular file, or too large */
  READ_UNREADABLE,
} ReadResult;

/* The bytes of the regular file at @path, at most a plan's size. Opened
 * without blocking, and checked on the open file: a pipe renamed over the
 * path after it was looked at would have blocked open() for good. */
static ReadResult
read_local (const char  *path,
            GByteArray **bytes)
{
  g_autoptr(GByteArray) data = NULL;
  struct stat st;
  int fd;

  fd = g_open (path, O_RDONLY | O_NONBLOCK | O_CLOEXEC, 0);
  if (fd < 0)
    return errno == ENOENT || errno == ENOTDIR ? READ_GONE : READ_UNREADABLE;
  if (fstat (fd, &st) != 0)
    {
      g_close (fd, NULL);
      return READ_UNREADABLE;
    }
  if (!S_ISREG (st.st_mode) || st.st_size > FP_PLAN_MAX_FILE_SIZE)
    {
      g_close (fd, NULL);
      return READ_NO_PLAN;
    }

  data = g_byte_array_sized_new (st.st_size);
  for (;;)
    {
      guint8 chunk[CHUNK_SIZE];
      ssize_t n = read (fd, chunk, sizeof chunk);

      if (n < 0 && errno == EINTR)
        continue;
      if (n < 0)
        {
          g_close (fd, NULL);
          return READ_UNREADABLE;
        }
      if (n == 0)
        break;
      g_byte_array_append (data, chunk, n);
      /* Still being written, past any plan's size: read no further */
      if (data->len > FP_PLAN_MAX_FILE_SIZE)
        {
          g_close (fd, NULL);
          return READ_NO_PLAN;
        }
    }
  g_close (fd, NULL);
  *bytes = g_steal_pointer (&data);
  return READ_OK;
}

/* A file that is not local (a GVfs location): GIO's own read, once its
 * type and size are known to be a plan's */
static ReadResult
read_remote (GFile       *file,
             GFileInfo   *info,
             GByteArray **bytes)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) read = NULL;
  gsize size;
  gconstpointer data;

  if (g_file_info_get_file_type (info) != G_FILE_TYPE_REGULAR ||
      g_file_info_get_size (info) > FP_PLAN_MAX_FILE_SIZE)
    return READ_NO_PLAN;
  read = g_file_load_bytes (file, NULL, NULL, &error);
  if (read == NULL)
    return g_error_matches (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND) ? READ_GONE
                                                                      : READ_UNREADABLE;
  data = g_bytes_get_data (read, &size);
  *bytes = g_byte_array_sized_new (size);
  g_byte_array_append (*bytes, data, size);
  return READ_OK;
}

char *
fp_file_version_of_data (const guint8 *data,
                         gsize         length)
{
  return g_compute_checksum_for_data (G_CHECKSUM_SHA256, data, length);
}

char *
fp_file_version_query (GFile *file)
{
  g_autoptr(GFileInfo) info = NULL;
  g_autoptr(GByteArray) bytes = NULL;
  g_autofree char *path = NULL;
  g_autofree char *what = NULL;
  ReadResult result;

  g_return_val_if_fail (G_IS_FILE (file), NULL);

  info = g_file_query_info (file, G_FILE_ATTRIBUTE_STANDARD_SIZE ","
                            G_FILE_ATTRIBUTE_STANDARD_TYPE "," G_FILE_ATTRIBUTE_ETAG_VALUE ","
                            G_FILE_ATTRIBUTE_UNIX_INODE, G_FILE_QUERY_INFO_NONE, NULL, NULL);
  if (info == NULL)
    return NULL;

  path = g_file_get_path (file);
  result = path != NULL ? read_local (path, &bytes) : read_remote (file, info, &bytes);
  if (result == READ_OK)
    return fp_file_version_of_data (bytes->data, bytes->len);
  if (result == READ_GONE)
    return NULL;
  /* Its type, inode, size and time: a folder and a pipe made within one
   * tick of the clock have the same time */
  what = g_strdup_printf ("%d:%" G_GUINT64_FORMAT ":%" G_GOFFSET_FORMAT ":%s",
                          g_file_info_get_file_type (info),
                          g_file_info_get_attribute_uint64 (info, G_FILE_ATTRIBUTE_UNIX_INODE),
                          g_file_info_get_size (info),
                          g_file_info_get_etag (info) != NULL ? g_file_info_get_etag (info) : "");
  return g_strconcat (result == READ_NO_PLAN ? "no-plan:" : "unreadable:", what, NULL);
}
