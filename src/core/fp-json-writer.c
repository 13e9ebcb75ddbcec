/* fp-json-writer.c: JSON text that diffs well and keeps every double exact
 *
 * json-glib 1.6 writes doubles with "%.17g" (0.2 becomes
 * 0.20000000000000001), which is exact but unreadable in version control.
 */
#include "config.h"

#include "fp-json-private.h"
#include "fp-plan-private.h"

static void write_node (GString *out, JsonNode *node, guint indent);

static void
write_indent (GString *out,
              guint    indent)
{
  for (guint i = 0; i < indent; i++)
    g_string_append (out, "  ");
}

static void
write_string (GString    *out,
              const char *text)
{
  g_string_append_c (out, '"');
  for (const char *p = text; *p; p++)
    {
      unsigned char c = *p;

      switch (c)
        {
        case '"':  g_string_append (out, "\\\""); break;
        case '\\': g_string_append (out, "\\\\"); break;
        case '\n': g_string_append (out, "\\n"); break;
        case '\r': g_string_append (out, "\\r"); break;
        case '\t': g_string_append (out, "\\t"); break;
        case '\b': g_string_append (out, "\\b"); break;
        case '\f': g_string_append (out, "\\f"); break;
        default:
          if (c < 0x20)
            g_string_append_printf (out, "\\u%04x", c);
          else
            g_string_append_c (out, c);
        }
    }
  g_string_append_c (out, '"');
}

static void
write_value (GString  *out,
             JsonNode *node)
{
  char buffer[G_ASCII_DTOSTR_BUF_SIZE];

  switch (json_node_get_value_type (node))
    {
    case G_TYPE_INT64:
      g_string_append_printf (out, "%" G_GINT64_FORMAT, json_node_get_int (node));
      break;

    case G_TYPE_DOUBLE:
      _fp_format_double (buffer, sizeof buffer, json_node_get_double (node));
      g_string_append (out, buffer);
      break;

    case G_TYPE_BOOLEAN:
      g_string_append (out, json_node_get_boolean (node) ? "true" : "false");
      break;

    case G_TYPE_STRING:
      write_string (out, json_node_get_string (node));
      break;

    default:
      g_assert_not_reached ();
    }
}

static void
write_node (GString  *out,
            JsonNode *node,
            guint     indent)
{
  switch (JSON_NODE_TYPE (node))
    {
    case JSON_NODE_NULL:
      g_string_append (out, "null");
      break;

    case JSON_NODE_VALUE:
      write_value (out, node);
      break;

    case JSON_NODE_ARRAY:
      {
        JsonArray *array = json_node_get_array (node);
        guint n = json_array_get_length (array);
        gboolean scalars = TRUE;

        if (n == 0)
          {
            g_string_append (out, "[]");
            break;
          }
        /* Short lists of numbers ([0.1, 0.25]) stay on one line. */
        for (guint i = 0; i < n; i++)
          if (JSON_NODE_TYPE (json_array_get_element (array, i)) != JSON_NODE_VALUE)
            scalars = FALSE;
        if (scalars && n <= 12)
          {
            g_string_append_c (out, '[');
            for (guint i = 0; i < n; i++)
              {
                if (i > 0)
                  g_string_append (out, ", ");
                write_node (out, json_array_get_element (array, i), indent);
              }
            g_string_append_c (out, ']');
            break;
          }
        g_string_append (out, "[\n");
        for (guint i = 0; i < n; i++)
          {
            write_indent (out, indent + 1);
            write_node (out, json_array_get_element (array, i), indent + 1);
            g_string_append (out, i + 1 < n ? ",\n" : "\n");
          }
        write_indent (out, indent);
        g_string_append_c (out, ']');
      }
      break;

    case JSON_NODE_OBJECT:
      {
        JsonObject *object = json_node_get_object (node);
        JsonObjectIter iter;
        const char *key;
        JsonNode *member;
        gboolean first = TRUE;

        if (json_object_get_size (object) == 0)
          {
            g_string_append (out, "{}");
            break;
          }
        g_string_append (out, "{\n");
        json_object_iter_init_ordered (&iter, object);
        while (json_object_iter_next_ordered (&iter, &key, &member))
          {
            if (!first)
              g_string_append (out, ",\n");
            first = FALSE;
            write_indent (out, indent + 1);
            write_string (out, key);
            g_string_append (out, ": ");
            write_node (out, member, indent + 1);
          }
        g_string_append_c (out, '\n');
        write_indent (out, indent);
        g_string_append_c (out, '}');
      }
      break;

    default:
      g_assert_not_reached ();
    }
}

char *
_fp_json_write (JsonNode *node)
{
  GString *out = g_string_new (NULL);

  write_node (out, node, 0);
  g_string_append_c (out, '\n');
  return g_string_free (out, FALSE);
}

JsonNode *
_fp_json_node_take_object (JsonObject *object)
{
  JsonNode *node = json_node_new (JSON_NODE_OBJECT);

  json_node_take_object (node, object);
  return node;
}

JsonNode *
_fp_json_node_take_array (JsonArray *array)
{
  JsonNode *node = json_node_new (JSON_NODE_ARRAY);

  json_node_take_array (node, array);
  return node;
}
