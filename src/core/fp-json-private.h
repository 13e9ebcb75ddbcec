/* fp-json-private.h: the JSON text layer under plan documents */
#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

/* Refuses, before json-glib sees it, what json-glib cannot take safely: an
 * empty text, more than FP_PLAN_MAX_FILE_SIZE bytes, nesting deeper than
 * FP_PLAN_MAX_DEPTH, NUL bytes, invalid UTF-8 and numbers out of the range
 * of a double. Messages start "DISPLAY_NAME:LINE:COLUMN: ". */
gboolean  _fp_json_scan  (const char  *data,
                          gsize        length,
                          const char  *display_name,
                          GError     **error);

/* @node as pretty-printed JSON (2-space indent, a final newline), doubles as
 * the shortest text that reads back to the same value. */
char     *_fp_json_write (JsonNode    *node);

/* Nodes that own @object / @array (json_node_init_object() would add a
 * reference of its own, and the caller's would leak). */
JsonNode *_fp_json_node_take_object (JsonObject *object);
JsonNode *_fp_json_node_take_array  (JsonArray  *array);

G_END_DECLS
