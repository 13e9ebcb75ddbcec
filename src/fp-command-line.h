/* fp-command-line.h: what `funnel-planner` does without a window */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Each returns the process exit code: 0 on success; 1 for a document that
 * cannot be read or an export that cannot be written, with the message on
 * stderr and nothing on stdout; 2 for a command line that makes no sense. */
int fp_command_line_project (const char * const *files);
/* @size: "WIDTHxHEIGHT" or NULL; @view: "funnel", "timeline" or NULL */
int fp_command_line_export  (const char         *uri_or_path,
                             const char         *size,
                             const char         *view,
                             const char * const *files);

G_END_DECLS
