/* fp-plan-io.h: reading and writing *.funnel.json documents (PLAN-FORMAT.md) */
#pragma once

#include "fp-plan.h"

G_BEGIN_DECLS

#define FP_PLAN_FORMAT          "funnel-planner/plan"
#define FP_PLAN_FORMAT_VERSION  1
#define FP_PLAN_MAX_FILE_SIZE   (64 * 1024 * 1024)
/* json-glib recurses once per level and overflows the C stack at about
 * 200,000; no plan needs more than a handful. */
#define FP_PLAN_MAX_DEPTH       64
/* json-glib keeps every value of a document as a node of over 100 bytes:
 * 64 MiB of empty lists took 2.6 GB. A plan of 64 stages holds about a
 * thousand; what the app does not know about is kept, up to this many. */
#define FP_PLAN_MAX_VALUES      500000

/* @display_name names the document in messages ("FILE:3:7: ..."). */
FpPlan *fp_plan_load_bytes  (GBytes       *bytes,
                             const char   *display_name,
                             GError      **error);
FpPlan *fp_plan_load_file   (GFile        *file,
                             GCancellable *cancellable,
                             GError      **error);
/* The document as UTF-8 JSON text, unknown keys kept, numbers exact. */
GBytes *fp_plan_to_bytes    (FpPlan       *self);
/* The version of the file last read into @self by fp_plan_load_file() or
 * written from it by fp_plan_save_file(): the SHA-256 of its bytes as
 * read or written. NULL before either. */
const char *fp_plan_get_file_checksum (FpPlan *self);
/* Atomic: a temporary file beside @file is renamed over it. Marks the plan
 * unmodified on success. */
gboolean fp_plan_save_file  (FpPlan       *self,
                             GFile        *file,
                             GCancellable *cancellable,
                             GError      **error);
/* Whether fp_plan_save_file() refuses @file as read-only: not writable by
 * this user, or by anyone (root may write anything). FALSE for a file
 * that does not exist. */
gboolean fp_plan_file_is_read_only (GFile        *file,
                                    GCancellable *cancellable);
/* The file a save writes for @file, and the file its changes show on: @file
 * itself, or the document it links to, links followed all the way. */
GFile   *fp_plan_resolve_file (GFile        *file,
                               GCancellable *cancellable);
/* Where @file is, as messages name it: its path, in UTF-8, or its URI
 * where it has no path. g_file_get_parse_name() gives a path whose name
 * is not UTF-8 as a URI ("file:///tmp/%FF.funnel.json"); here the byte
 * that cannot be read shows as U+FFFD. */
char    *fp_file_get_display_path (GFile *file);

G_END_DECLS
