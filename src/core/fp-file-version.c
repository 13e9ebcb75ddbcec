/* fp-file-version.c: which version of a plan's file is on disk */
#include "config.h"

#include "fp-file-read.h"
#include "fp-file-version.h"

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
  g_autoptr(GBytes) bytes = NULL;
  g_autofree char *what = NULL;
  FpFileRead result;

  g_return_val_if_fail (G_IS_FILE (file), NULL);

  result = _fp_file_read (file, NULL, &bytes, NULL);
  if (result == FP_FILE_READ_OK)
    return fp_file_version_of_data (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
  if (result == FP_FILE_READ_GONE)
    return NULL;

  info = g_file_query_info (file, G_FILE_ATTRIBUTE_STANDARD_SIZE ","
                            G_FILE_ATTRIBUTE_STANDARD_TYPE "," G_FILE_ATTRIBUTE_ETAG_VALUE ","
                            G_FILE_ATTRIBUTE_UNIX_INODE, G_FILE_QUERY_INFO_NONE, NULL, NULL);
  /* Gone since it was read */
  if (info == NULL)
    return NULL;
  /* Its type, inode, size and time: a folder and a pipe made within one
   * tick of the clock have the same time */
  what = g_strdup_printf ("%d:%" G_GUINT64_FORMAT ":%" G_GOFFSET_FORMAT ":%s",
                          g_file_info_get_file_type (info),
                          g_file_info_get_attribute_uint64 (info, G_FILE_ATTRIBUTE_UNIX_INODE),
                          g_file_info_get_size (info),
                          g_file_info_get_etag (info) != NULL ? g_file_info_get_etag (info) : "");
  return g_strconcat (result == FP_FILE_READ_FAILED ? "unreadable:" : "no-plan:", what, NULL);
}
