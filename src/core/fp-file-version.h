/* fp-file-version.h: which version of a plan's file is on disk
 *
 * A version is the file's bytes, as their SHA-256, not its modification
 * time: a write that keeps the time (cp -p, touch -r, a sync that sets the
 * sender's time, two writes within one tick of a coarse clock) is another
 * version all the same, and the same bytes written again are not.
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* The version of @file now: the SHA-256 of its bytes (as
 * g_compute_checksum_for_bytes() writes it), or, for what is there but
 * gives no bytes to compare (a folder, a pipe, a device, a file larger
 * than any plan, one that cannot be read), a marker of what it is and of
 * its entity tag, which no checksum equals and which differs from one such
 * thing to the next. NULL when nothing is there.
 *
 * Reads at most FP_PLAN_MAX_FILE_SIZE bytes, and opens a local file so
 * that a pipe put there meanwhile neither blocks nor is read. */
char *fp_file_version_query   (GFile        *file);
/* The version of a file holding @length bytes at @data (its SHA-256) */
char *fp_file_version_of_data (const guint8 *data,
                               gsize         length);

G_END_DECLS
