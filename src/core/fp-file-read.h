/* fp-file-read.h: the bytes of a plan's file, read without blocking on
 * what is not a file
 *
 * Opening the document (fp_plan_load_file()) and telling its version on
 * disk (fp_file_version_query()) read through here, so both refuse the
 * same things and neither waits on a pipe or reads a device. A local file
 * is opened without blocking and checked once open: what is read is what
 * was checked, even when another program renames a pipe or a larger file
 * over the path meanwhile.
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

typedef enum
{
  FP_FILE_READ_OK,
  FP_FILE_READ_GONE,       /* nothing there */
  FP_FILE_READ_FOLDER,
  FP_FILE_READ_SPECIAL,    /* a pipe, a device, a socket */
  FP_FILE_READ_PLACE,      /* a GVfs shortcut or mountable: a place, not a file */
  FP_FILE_READ_TOO_LARGE,  /* more than FP_PLAN_MAX_FILE_SIZE bytes */
  FP_FILE_READ_FAILED,     /* there, but it could not be read */
} FpFileRead;

/* Sets @bytes on FP_FILE_READ_OK. On FP_FILE_READ_GONE and
 * FP_FILE_READ_FAILED sets @error, in GIO's domain, its message naming
 * the file (but for a read cancelled through @cancellable). A local
 * file's open does not block, and its read takes what a plan's size
 * takes; a GVfs location's query and read block as GIO's do, and stop
 * past a plan's size. */
FpFileRead _fp_file_read (GFile         *file,
                          GCancellable  *cancellable,
                          GBytes       **bytes,
                          GError       **error);

G_END_DECLS
