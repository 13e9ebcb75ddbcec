/* fp-export.c: the funnel or timeline chart to PNG, SVG or PDF
 *
 * Each format is drawn into memory, then written in one go through
 * g_file_set_contents_full(), which writes a temporary file beside the
 * target and renames it over.
 */

#include "config.h"

#include <errno.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <math.h>
#include <string.h>

#include <cairo.h>
#include <cairo-pdf.h>
#include <cairo-svg.h>
#include <pango/pangocairo.h>

#include "fp-chart-size.h"
#include "fp-draw.h"
#include "fp-error.h"
#include "fp-export.h"
#include "fp-export-notes.h"
#include "fp-funnel-layout.h"
#include "fp-funnel-renderer.h"
#include "fp-plan-io.h"
#include "fp-projection.h"
#include "fp-theme.h"
#include "fp-timeline-layout.h"
#include "fp-timeline-renderer.h"

#define PDF_POINTS_PER_PIXEL 0.75

typedef enum
{
  FORMAT_PNG,
  FORMAT_SVG,
  FORMAT_PDF,
} Format;

static cairo_status_t
append_to_byte_array (void                *closure,
                      const unsigned char *data,
                      unsigned int         length)
{
  g_byte_array_append (closure, data, length);
  return CAIRO_STATUS_SUCCESS;
}

static gboolean
format_from_path (const char  *path,
                  Format      *format,
                  GError     **error)
{
  g_autofree char *basename = g_path_get_basename (path);
  const char *dot = strrchr (basename, '.');
  g_autofree char *ext = NULL;

  if (dot == NULL || dot == basename || dot[1] == '\0')
    {
      g_set_error (error, FP_PLAN_ERROR, FP_PLAN_ERROR_EXPORT,
                   _("%s: no file name extension: use .png, .svg or .pdf"), path);
      return FALSE;
    }

  ext = g_ascii_strdown (dot + 1, -1);
  if (g_str_equal (ext, "png"))
    *format = FORMAT_PNG;
  else if (g_str_equal (ext, "svg"))
    *format = FORMAT_SVG;
  else if (g_str_equal (ext, "pdf"))
    *format = FORMAT_PDF;
  else
    {
      g_set_error (error, FP_PLAN_ERROR, FP_PLAN_ERROR_EXPORT,
                   _("%s: cannot export to “.%s” files: use .png, .svg or .pdf"),
                   path, dot + 1);
      return FALSE;
    }
  return TRUE;
}

static gboolean
check_cairo (cairo_status_t   status,
             const char      *path,
             GError         **error)
{
  if (status == CAIRO_STATUS_SUCCESS)
    return TRUE;
  g_set_error (error, FP_PLAN_ERROR, FP_PLAN_ERROR_EXPORT,
               _("%s: could not draw the chart: %s"), path, cairo_status_to_string (status));
  return FALSE;
}

static void
append_number (GString *out,
               double   value)
{
  char buf[G_ASCII_DTOSTR_BUF_SIZE];

  /* Always a "." whatever the locale: SVG wants it. */
  g_string_append (out, g_ascii_formatd (buf, sizeof buf, "%.2f", value));
}

/* @text escaped for XML, with a space for each control character (a tab
 * pasted from a spreadsheet into a stage's name), which XML 1.0 has no way
 * to write, and U+FFFD for each noncharacter, as the other formats draw
 * them (U+FFFE and U+FFFF it cannot write either). An SVG with "&#x1;" in
 * it does not open. */
static char *
xml_text (const char *text)
{
  g_autoptr(GString) printable = g_string_new (NULL);
  /* Noncharacters as the PNG and PDF draw them */
  g_autofree char *shown = _fp_draw_shown_text (text);

  for (const char *p = shown; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (c < 0x20)
        g_string_append_c (printable, ' ');
      else
        g_string_append_unichar (printable, c);
    }
  return g_markup_escape_text (printable->str, -1);
}

/* One line of the chart's text as a real SVG <text>, so that it stays
 * text: selectable, searchable and editable in other tools. @x is where
 * @align anchors it; @baseline, its baseline; @width, its width as laid
 * out. The width goes in as textLength: a viewer without the font (few
 * outside GNOME have Cantarell) draws a wider one, which overlapped the
 * next column; with it, the fallback is fitted to the same width. */
static void
append_svg_text (GString       *out,
                 const char    *text,
                 double         x,
                 double         baseline,
                 FpTextAlign    align,
                 double         width,
                 const char    *family,
                 double         size_px,
                 int            weight,
                 const FpColor *color)
{
  g_autofree char *escaped_family = xml_text (family);
  g_autofree char *escaped_text = xml_text (text);
  const char *anchor = align == FP_TEXT_ALIGN_CENTER ? "middle"
                     : align == FP_TEXT_ALIGN_END ? "end"
                     : "start";

  g_string_append (out, "<text x=\"");
  append_number (out, x);
  g_string_append (out, "\" y=\"");
  append_number (out, baseline);
  g_string_append_printf (out, "\" font-family=\"%s, sans-serif\" font-size=\"", escaped_family);
  append_number (out, size_px);
  g_string_append_printf (out, "px\" font-weight=\"%d\" fill=\"#%02x%02x%02x\" fill-opacity=\"",
                          weight,
                          (int) CLAMP (color->r * 255 + 0.5, 0, 255),
                          (int) CLAMP (color->g * 255 + 0.5, 0, 255),
                          (int) CLAMP (color->b * 255 + 0.5, 0, 255));
  append_number (out, color->a);
  g_string_append_printf (out, "\" text-anchor=\"%s\"", anchor);
  if (width > 0)
    {
      g_string_append (out, " textLength=\"");
      append_number (out, width);
      g_string_append (out, "\" lengthAdjust=\"spacingAndGlyphs\"");
    }
  g_string_append_printf (out, " xml:space=\"preserve\">%s</text>\n", escaped_text);
}

static void
append_funnel_text (GString              *out,
                    const FpFunnelLayout *layout,
                    const FpTheme        *theme)
{
  const FpTextItem *items;
  guint n_items;

  items = fp_funnel_layout_get_text_items (layout, &n_items);
  for (guint i = 0; i < n_items; i++)
    {
      const FpTextItem *item = &items[i];

      append_svg_text (out, item->text, item->x, item->y, item->align, item->logical.width,
                       item->family,
                       item->size_px, item->weight, fp_theme_get_color (theme, item->color));
    }
}

static void
append_timeline_text (GString                *out,
                      const FpTimelineLayout *layout,
                      const FpTheme          *theme)
{
  const FpTimelineText *texts;
  guint n_texts;

  texts = fp_timeline_layout_get_texts (layout, &n_texts);
  for (guint i = 0; i < n_texts; i++)
    {
      const FpTimelineText *t = &texts[i];
      const PangoFontDescription *font = pango_layout_get_font_description (t->layout);
      double baseline = t->logical.y + (double) pango_layout_get_baseline (t->layout) / PANGO_SCALE;
      double x = t->align == FP_TEXT_ALIGN_CENTER ? t->logical.x + t->logical.width / 2
               : t->align == FP_TEXT_ALIGN_END ? t->logical.x + t->logical.width
               : t->logical.x;

      /* The layout's own font: its size is absolute, in pixels */
      append_svg_text (out, t->text, x, baseline, t->align, t->logical.width,
                       pango_font_description_get_family (font),
                       (double) pango_font_description_get_size (font) / PANGO_SCALE,
                       pango_font_description_get_weight (font),
                       fp_theme_get_color (theme, t->color));
    }
}

static void
append_notes_text (GString             *out,
                   const FpExportNotes *notes,
                   double               y,
                   const FpTheme       *theme)
{
  g_autoptr(GArray) lines = fp_export_notes_get_lines (notes, y);

  for (guint i = 0; i < lines->len; i++)
    {
      const FpExportNoteLine *line = &g_array_index (lines, FpExportNoteLine, i);

      append_svg_text (out, line->text, line->x, line->baseline, FP_TEXT_ALIGN_START, line->width,
                       pango_font_description_get_family (line->font),
                       (double) pango_font_description_get_size (line->font) / PANGO_SCALE,
                       pango_font_description_get_weight (line->font),
                       fp_theme_get_color (theme, line->color));
    }
}

/* The notes under a chart @width x @height (NULL when there are none),
 * fitted twice: in the room they may take, then again at the margin and
 * scale of the chart laid out in the rest (shorter, so with a smaller
 * margin and text), in no more room than the first fitting took.
 * @chart_height is the chart's. */
static FpExportNotes *
fit_notes (const FpProjection *projection,
           PangoContext       *pango,
           const FpTheme      *theme,
           int                 width,
           int                 height,
           double             *chart_height)
{
  g_autoptr(FpExportNotes) first = NULL;
  double scale, pad;

  *chart_height = height;
  _fp_chart_size (width, height, &scale, &pad);
  first = fp_export_notes_new (projection, pango, theme, pad, width - 2 * pad,
                               floor (height * FP_EXPORT_NOTES_SHARE), scale);
  if (first == NULL)
    return NULL;
  *chart_height = height - fp_export_notes_get_height (first);
  _fp_chart_size (width, *chart_height, &scale, &pad);
  return fp_export_notes_new (projection, pango, theme, pad, width - 2 * pad,
                              height - *chart_height, scale);
}

/* The text of an export, measured on @cr: unhinted metrics, so that what
 * was measured is what every format draws */
static PangoContext *
new_export_pango (cairo_t *cr)
{
  PangoContext *pango = pango_cairo_create_context (cr);
  cairo_font_options_t *options = cairo_font_options_create ();

  cairo_font_options_set_hint_metrics (options, CAIRO_HINT_METRICS_OFF);
  pango_cairo_context_set_font_options (pango, options);
  cairo_font_options_destroy (options);
  return pango;
}

/* Lays @chart out at @width x @height and draws it on @cr, the warnings
 * in words under it (fp-export-notes.h). For SVG (@text_elements not
 * NULL) it leaves the text out of the drawing and appends it to
 * @text_elements as <text> instead. */
static void
draw_chart (cairo_t       *cr,
            PangoContext  *pango,
            FpPlan        *plan,
            FpExportChart  chart,
            int            width,
            int            height,
            GString       *text_elements)
{
  g_autoptr(FpProjection) projection = fp_projection_new (plan);
  g_autoptr(FpExportNotes) notes = NULL;
  FpRenderFlags flags = text_elements != NULL ? FP_RENDER_SKIP_TEXT : FP_RENDER_NONE;
  double chart_height;
  FpTheme theme;

  fp_theme_init_light (&theme);
  /* The charts paint their own height; the notes lie under it */
  _fp_draw_set_color (cr, &theme.background);
  cairo_paint (cr);
  notes = fit_notes (projection, pango, &theme, width, height, &chart_height);
  if (chart == FP_EXPORT_TIMELINE)
    {
      /* 0: the day axis the plan's own offsets call for */
      FpTimelineLayout *layout = fp_timeline_layout_new (plan, projection, pango, &theme,
                                                         width, chart_height, 0);

      fp_timeline_render (cr, layout, &theme, flags, FP_HIT_INIT_NONE, -1);
      if (text_elements != NULL)
        append_timeline_text (text_elements, layout, &theme);
      fp_timeline_layout_free (layout);
    }
  else
    {
      g_autoptr(FpFunnelLayout) layout = fp_funnel_layout_new (plan, projection, pango, &theme,
                                                               width, chart_height);

      fp_funnel_render (cr, layout, &theme, flags, FP_HIT_INIT_NONE);
      if (text_elements != NULL)
        append_funnel_text (text_elements, layout, &theme);
    }

  if (notes != NULL)
    {
      /* At the bottom, whatever room the second fitting left */
      double notes_y = height - fp_export_notes_get_height (notes);

      fp_export_notes_render (cr, notes, &theme, notes_y, text_elements != NULL);
      if (text_elements != NULL)
        append_notes_text (text_elements, notes, notes_y, &theme);
    }
}

/* fp_export_check(), with the format @path's extension names */
static gboolean
check_request (const char  *path,
               int          width,
               int          height,
               Format      *format,
               GError     **error)
{
  if (!format_from_path (path, format, error))
    return FALSE;
  if (width < FP_EXPORT_MIN_SIZE || width > FP_EXPORT_MAX_SIZE
      || height < FP_EXPORT_MIN_SIZE || height > FP_EXPORT_MAX_SIZE)
    {
      g_set_error (error, FP_PLAN_ERROR, FP_PLAN_ERROR_EXPORT,
                   _("%s: cannot export at %d×%d: width and height must be %d to %d"),
                   path, width, height, FP_EXPORT_MIN_SIZE, FP_EXPORT_MAX_SIZE);
      return FALSE;
    }
  return TRUE;
}

gboolean
fp_export_check (const char  *path,
                 int          width,
                 int          height,
                 GError     **error)
{
  Format format;

  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  return check_request (path, width, height, &format, error);
}

gboolean
fp_export_parse_size (const char *size,
                      int        *width,
                      int        *height)
{
  g_autofree char *lower = NULL;
  g_auto(GStrv) parts = NULL;
  guint64 w, h;

  g_return_val_if_fail (width != NULL && height != NULL, FALSE);

  if (size == NULL)
    {
      *width = FP_EXPORT_DEFAULT_WIDTH;
      *height = FP_EXPORT_DEFAULT_HEIGHT;
      return TRUE;
    }

  lower = g_ascii_strdown (size, -1);
  parts = g_strsplit (lower, "x", 0);
  if (g_strv_length (parts) != 2 ||
      !g_ascii_string_to_unsigned (parts[0], 10, 1, G_MAXINT, &w, NULL) ||
      !g_ascii_string_to_unsigned (parts[1], 10, 1, G_MAXINT, &h, NULL))
    return FALSE;

  *width = w;
  *height = h;
  return TRUE;
}

/* Writes @bytes to @path in one go. GLib's messages name the hidden
 * temporary file beside the export ("x.png.GEE9Y3"), which the person never
 * asked for: these name the export and its folder. */
static gboolean
write_export (const char  *path,
              GByteArray  *bytes,
              GError     **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autoptr(GFile) given = g_file_new_for_path (path);
  g_autoptr(GFile) resolved = NULL;
  g_autofree char *target = NULL;
  g_autofree char *folder = NULL;
  GStatBuf existing;
  gboolean replaces;

  /* As a plan is saved (fp-plan-writer.c): the rename replaced a file its
   * owner had made read-only, gave the new one the umask's permissions (a
   * private 0600 export came back readable by all), and put a copy in a
   * link's place. A file nobody may write (root may write anything)
   * stays as it is; any other keeps its permissions; a link is followed
   * to the file it names. */
  if (fp_plan_file_is_read_only (given, NULL))
    {
      /* Translators: %s is the export's file */
      g_set_error (error, FP_PLAN_ERROR, FP_PLAN_ERROR_EXPORT,
                   _("%s: cannot export: the file is read-only"), path);
      return FALSE;
    }
  resolved = fp_plan_resolve_file (given, NULL);
  target = g_file_get_path (resolved);
  if (target == NULL)
    target = g_strdup (path);
  replaces = g_lstat (target, &existing) == 0 && S_ISREG (existing.st_mode);
  if (g_file_set_contents_full (target, (const char *) bytes->data, bytes->len,
                                G_FILE_SET_CONTENTS_CONSISTENT,
                                replaces ? (int) (existing.st_mode & 07777) : 0666, &local_error))
    {
      GStatBuf written;

      /* The mode given is narrowed by the umask: a group's write is set
       * again, on the file just written (not on a link put in its place) */
      if (replaces && g_lstat (target, &written) == 0 && S_ISREG (written.st_mode) &&
          (written.st_mode & 07777) != (existing.st_mode & 07777) &&
          g_chmod (target, existing.st_mode & 07777) != 0)
        g_debug ("Export to %s: could not keep its permissions: %s", path, g_strerror (errno));
      return TRUE;
    }

  folder = g_path_get_dirname (path);
  if (g_error_matches (local_error, G_FILE_ERROR, G_FILE_ERROR_NOTDIR) &&
      g_file_test (folder, G_FILE_TEST_EXISTS) && !g_file_test (folder, G_FILE_TEST_IS_DIR))
    /* Translators: %1$s is the export's file, %2$s what should be its
     * folder */
    g_set_error (error, FP_PLAN_ERROR, FP_PLAN_ERROR_EXPORT,
                 _("%1$s: cannot export: “%2$s” is a file, not a folder"), path, folder);
  else if (g_error_matches (local_error, G_FILE_ERROR, G_FILE_ERROR_NOENT) ||
           g_error_matches (local_error, G_FILE_ERROR, G_FILE_ERROR_NOTDIR))
    /* Translators: %1$s is the export's file, %2$s its folder */
    g_set_error (error, FP_PLAN_ERROR, FP_PLAN_ERROR_EXPORT,
                 _("%1$s: cannot export: there is no folder “%2$s”"), path, folder);
  else if (g_error_matches (local_error, G_FILE_ERROR, G_FILE_ERROR_ACCES) ||
           g_error_matches (local_error, G_FILE_ERROR, G_FILE_ERROR_PERM) ||
           g_error_matches (local_error, G_FILE_ERROR, G_FILE_ERROR_ROFS))
    /* Translators: %1$s is the export's file, %2$s its folder */
    g_set_error (error, FP_PLAN_ERROR, FP_PLAN_ERROR_EXPORT,
                 _("%1$s: cannot export: the folder “%2$s” cannot be written to"), path, folder);
  else if (g_error_matches (local_error, G_FILE_ERROR, G_FILE_ERROR_NOSPC))
    /* Translators: %s is the export's file */
    g_set_error (error, FP_PLAN_ERROR, FP_PLAN_ERROR_EXPORT,
                 _("%s: cannot export: the disk is full"), path);
  else if (g_error_matches (local_error, G_FILE_ERROR, G_FILE_ERROR_ISDIR))
    /* Translators: %s is the export's file */
    g_set_error (error, FP_PLAN_ERROR, FP_PLAN_ERROR_EXPORT,
                 _("%s: cannot export: a folder has that name"), path);
  else
    {
      /* Rarer failures in GLib's words for the log, which name the
       * temporary file; the person reads a sentence about the export */
      g_debug ("Export to %s: %s", path, local_error->message);
      /* Translators: %s is the export's file */
      g_set_error (error, FP_PLAN_ERROR, FP_PLAN_ERROR_EXPORT,
                   _("%s: cannot export: the file cannot be written"), path);
    }
  return FALSE;
}

int
fp_export_fitting_height (FpPlan        *plan,
                          FpExportChart  chart,
                          int            width,
                          int            min_height)
{
  g_autoptr(FpProjection) projection = NULL;
  cairo_surface_t *surface;
  cairo_t *cr;
  PangoContext *pango;
  FpTheme theme;
  double needed;
  int height;

  g_return_val_if_fail (FP_IS_PLAN (plan), min_height);
  g_return_val_if_fail (width >= FP_EXPORT_MIN_SIZE && width <= FP_EXPORT_MAX_SIZE, min_height);

  projection = fp_projection_new (plan);
  fp_theme_init_light (&theme);
  surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 1, 1);
  cr = cairo_create (surface);
  pango = new_export_pango (cr);

  needed = chart == FP_EXPORT_TIMELINE
           ? fp_timeline_layout_get_full_height (plan, pango, &theme, width)
           : fp_funnel_layout_get_full_height (plan, projection, pango, &theme, width);
  /* The notes under the chart take a share of whatever height it gets:
   * taller until the chart's own part holds it */
  height = MAX (min_height, (int) ceil (needed));
  for (int i = 0; i < 8 && height < FP_EXPORT_MAX_SIZE; i++)
    {
      g_autoptr(FpExportNotes) notes = NULL;
      double chart_height;

      notes = fit_notes (projection, pango, &theme, width, height, &chart_height);
      if (chart_height >= needed)
        break;
      height += (int) ceil (needed - chart_height);
    }

  g_object_unref (pango);
  cairo_destroy (cr);
  cairo_surface_destroy (surface);
  return MIN (height, FP_EXPORT_MAX_SIZE);
}

gboolean
fp_export_chart (FpPlan         *plan,
                 FpExportChart   chart,
                 const char     *path,
                 int             width,
                 int             height,
                 GError        **error)
{
  g_autoptr(GString) text_elements = NULL;
  PangoContext *pango = NULL;
  g_autoptr(GByteArray) bytes = NULL;
  cairo_surface_t *surface = NULL;
  cairo_t *cr = NULL;
  Format format;
  gboolean ok;

  g_return_val_if_fail (FP_IS_PLAN (plan), FALSE);
  g_return_val_if_fail (chart == FP_EXPORT_FUNNEL || chart == FP_EXPORT_TIMELINE, FALSE);
  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!check_request (path, width, height, &format, error))
    return FALSE;

  bytes = g_byte_array_new ();
  switch (format)
    {
    case FORMAT_PNG:
      surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, width, height);
      break;
    case FORMAT_SVG:
      surface = cairo_svg_surface_create_for_stream (append_to_byte_array, bytes, width, height);
      /* One user unit is one pixel, as the text elements assume. */
      cairo_svg_surface_set_document_unit (surface, CAIRO_SVG_UNIT_PX);
      break;
    case FORMAT_PDF:
    default:
      {
        /* Cairo refuses a title with a noncharacter in it */
        g_autofree char *title = _fp_draw_shown_text (fp_plan_get_title (plan));

        /* A pixel is a CSS pixel, 3/4 of a point (96 to the inch), as
         * browsers print: 1920x1080 is a page of 20 x 11.25 inches, not the
         * 26.7 x 15 of a point per pixel. The drawing is scaled to match. */
        surface = cairo_pdf_surface_create_for_stream (append_to_byte_array, bytes,
                                                       width * PDF_POINTS_PER_PIXEL,
                                                       height * PDF_POINTS_PER_PIXEL);
        cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_TITLE, title);
        cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_CREATOR, "Funnel Planner");
        break;
      }
    }
  if (!check_cairo (cairo_surface_status (surface), path, error))
    {
      cairo_surface_destroy (surface);
      return FALSE;
    }

  cr = cairo_create (surface);
  if (format == FORMAT_PDF)
    cairo_scale (cr, PDF_POINTS_PER_PIXEL, PDF_POINTS_PER_PIXEL);
  pango = new_export_pango (cr);

  if (format == FORMAT_SVG)
    text_elements = g_string_new ("<g id=\"funnel-planner-text\">\n");
  draw_chart (cr, pango, plan, chart, width, height, text_elements);

  ok = check_cairo (cairo_status (cr), path, error);
  cairo_destroy (cr);
  /* PangoContext has no autoptr in Pango 1.50 */
  g_object_unref (pango);

  if (ok && format == FORMAT_PNG)
    ok = check_cairo (cairo_surface_write_to_png_stream (surface, append_to_byte_array, bytes),
                      path, error);
  cairo_surface_finish (surface);
  ok = ok && check_cairo (cairo_surface_status (surface), path, error);
  cairo_surface_destroy (surface);
  if (!ok)
    return FALSE;

  if (format == FORMAT_SVG)
    {
      const char *svg = (const char *) bytes->data;
      const char *close = g_strrstr_len (svg, bytes->len, "</svg>");
      gsize at;

      if (close == NULL)
        {
          g_set_error (error, FP_PLAN_ERROR, FP_PLAN_ERROR_EXPORT,
                       _("%s: cairo wrote no closing </svg>"), path);
          return FALSE;
        }
      at = close - svg;
      g_byte_array_remove_range (bytes, at, bytes->len - at);
      g_string_append (text_elements, "</g>\n");
      g_byte_array_append (bytes, (const guint8 *) text_elements->str, text_elements->len);
      g_byte_array_append (bytes, (const guint8 *) "</svg>\n", strlen ("</svg>\n"));
    }

  return write_export (path, bytes, error);
}
