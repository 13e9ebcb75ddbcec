/* fp-json-private.h: the JSON text layer under plan documents */
#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

/* A byte range [start, end) of a JSON text */
typedef struct
{
  gsize start;
  gsize end;
} FpJsonSpan;

/* Where a value starts in a JSON text: lines from 1, columns in
 * characters from 1, as editors show them */
typedef struct
{
  guint line;
  guint column;
} FpJsonPosition;

/* Sets @error to "DISPLAY_NAME:LINE:COLUMN: @message", the form of every
 * message about a place in a JSON text, in FP_PLAN_ERROR with @code.
 * Returns FALSE, for a caller to return. */
gboolean  _fp_json_fail_at (GError               **error,
                            int                    code,
                            const char            *display_name,
                            const FpJsonPosition  *at,
                            const char            *message);

/* Refuses, before json-glib sees it, what json-glib cannot take safely: an
 * empty text, more than FP_PLAN_MAX_FILE_SIZE bytes, nesting deeper than
 * FP_PLAN_MAX_DEPTH, NUL bytes, invalid UTF-8, numbers out of the range of
 * a double or of 64 bits, and strings with "\u0000" or half a surrogate
 * pair. Those last tokens are kept, not refused, inside the keys a plan
 * does not know, which the format says are never an error: their ranges
 * go into @raw_spans (FpJsonSpan, in order), for the reader to keep as
 * they were, with those of numbers json-glib reads as 0 though they are
 * not ("1e-400"). Messages start "DISPLAY_NAME:LINE:COLUMN: ".
 *
 * @value_positions, when not NULL, gets where each value starts, by its
 * path as the reader names it ("period.start", "stages[1].conversion";
 * "" for the document), an FpJsonPosition: the reader's messages about a
 * value give its line and column. */
gboolean  _fp_json_scan  (const char  *data,
                          gsize        length,
                          const char  *display_name,
                          GArray      *raw_spans,
                          GHashTable  *value_positions,
                          GError     **error);

/* Where @data first breaks JSON's grammar, said in the words of what is
 * wrong there and where the fix goes ("a “,” is missing here, after the
 * value of “format”"), in place of json-glib's state of its parser
 * ("unexpected string constant"). For a text _fp_json_scan() took, whose
 * every token it checked, before json-glib reads it; strings may hold
 * line breaks, as json-glib takes them. Returns TRUE if it finds nothing
 * wrong. Messages start "DISPLAY_NAME:LINE:COLUMN: ". */
gboolean  _fp_json_check_grammar (const char  *data,
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
