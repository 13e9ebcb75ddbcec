/* fp-export-notes.c: the warnings, in words, under an exported chart */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <pango/pangocairo.h>

#include "fp-draw.h"
#include "fp-export-notes.h"

/* Their text at scale 1, in pixels */
#define FONT_PX         13.0
#define MIN_FONT_PX     9.0
/* In lines of the notes' text */
#define PADDING_LINES   0.8
#define SPACING_LINES   0.35

typedef struct
{
  FpSeverity severity;
  PangoLayout *layout;
  double top;           /* from the block's top */
} Note;

struct _FpExportNotes
{
  GArray *notes;        /* Note, those written out */
  PangoLayout *more;    /* "2 more warnings…", or NULL */
  double more_top;
  double x;
  double width;
  double line_height;
  double marker_size;
  double text_x;        /* where each note's words start */
  double height;
};

static void
clear_note (gpointer data)
{
  Note *note = data;

  g_clear_object (&note->layout);
}

static void
clear_line (gpointer data)
{
  FpExportNoteLine *line = data;

  g_clear_pointer (&line->text, g_free);
}

static PangoLayout *
make_layout (PangoContext               *pango,
             const PangoFontDescription *font,
             const char                 *text,
             double                      width)
{
  PangoLayout *layout = pango_layout_new (pango);

  pango_layout_set_font_description (layout, font);
  if (width > 0)
    pango_layout_set_width (layout, (int) (width * PANGO_SCALE));
  pango_layout_set_wrap (layout, PANGO_WRAP_WORD_CHAR);
  _fp_draw_set_layout_text (layout, text);
  return layout;
}

/* "3 more warnings…", after the warnings that fit */
static char *
count_text (guint rest)
{
  /* Translators: under an exported chart, after the warnings that fit */
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                       "%u more warning: the projections in Funnel Planner "
                                       "list every one",
                                       "%u more warnings: the projections in Funnel Planner "
                                       "list every one", rest), rest);
}

static double
height_of (PangoLayout *layout)
{
  int height;

  pango_layout_get_pixel_size (layout, NULL, &height);
  return height;
}

FpExportNotes *
fp_export_notes_new (const FpProjection *projection,
                     PangoContext       *pango,
                     const FpTheme      *theme,
                     double              x,
                     double              width,
                     double              max_height,
                     double              scale)
{
  g_autoptr(FpExportNotes) self = NULL;
  g_autoptr(PangoFontDescription) font = NULL;
  GPtrArray *warnings;
  double padding, spacing, text_width, y, count_height;

  g_return_val_if_fail (projection != NULL, NULL);
  g_return_val_if_fail (PANGO_IS_CONTEXT (pango), NULL);
  g_return_val_if_fail (theme != NULL, NULL);

  warnings = projection->warnings;
  if (warnings == NULL || warnings->len == 0)
    return NULL;

  self = g_new0 (FpExportNotes, 1);
  self->notes = g_array_new (FALSE, TRUE, sizeof (Note));
  g_array_set_clear_func (self->notes, clear_note);
  self->x = x;
  self->width = width;

  font = pango_font_description_new ();
  pango_font_description_set_family (font, theme->font_family[0] ? theme->font_family : "Sans");
  pango_font_description_set_absolute_size (font, MAX (MIN_FONT_PX, round (FONT_PX * scale))
                                                  * PANGO_SCALE);
  {
    g_autoptr(PangoLayout) probe = make_layout (pango, font, "Ag", -1);

    self->line_height = height_of (probe);
  }
  self->marker_size = round (self->line_height * 0.9);
  self->text_x = x + self->marker_size + round (self->line_height * 0.5);
  text_width = x + width - self->text_x;
  padding = round (self->line_height * PADDING_LINES);
  spacing = round (self->line_height * SPACING_LINES);
  if (text_width < 4 * self->line_height)
    return NULL;
  /* The room kept for the count of the rest: as it is laid out, at its
   * longest (it may wrap) */
  {
    g_autofree char *text = count_text (warnings->len);
    g_autoptr(PangoLayout) count = make_layout (pango, font, text, text_width);

    count_height = height_of (count);
  }

  /* The loudest first, as many as fit with room kept for the count of
   * the rest, when there is a rest */
  y = padding;
  for (guint i = 0; i < warnings->len; i++)
    {
      const FpWarning *warning = g_ptr_array_index (warnings, i);
      Note note = { warning->severity, make_layout (pango, font, warning->message, text_width), y };
      double bottom = y + height_of (note.layout) + padding;
      gboolean last = i + 1 == warnings->len;

      if (bottom + (last ? 0 : spacing + count_height) > max_height)
        {
          g_object_unref (note.layout);
          break;
        }
      g_array_append_val (self->notes, note);
      y += height_of (note.layout) + spacing;
    }
  if (self->notes->len == 0)
    return NULL;

  if (self->notes->len < warnings->len)
    {
      g_autofree char *text = count_text (warnings->len - self->notes->len);

      self->more = make_layout (pango, font, text, text_width);
      self->more_top = y;
      y += height_of (self->more) + spacing;
    }
  self->height = y - spacing + padding;
  return g_steal_pointer (&self);
}

void
fp_export_notes_free (FpExportNotes *self)
{
  if (self == NULL)
    return;
  g_clear_pointer (&self->notes, g_array_unref);
  g_clear_object (&self->more);
  g_free (self);
}

double
fp_export_notes_get_height (const FpExportNotes *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return self->height;
}

guint
fp_export_notes_get_n_shown (const FpExportNotes *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return self->notes->len;
}

void
fp_export_notes_render (cairo_t             *cr,
                        const FpExportNotes *self,
                        const FpTheme       *theme,
                        double               y,
                        gboolean             skip_text)
{
  FpColor rule = fp_color_with_alpha (&theme->foreground, 0.15);

  g_return_if_fail (cr != NULL);
  g_return_if_fail (self != NULL);
  g_return_if_fail (theme != NULL);

  cairo_save (cr);
  /* A hairline above, as under the chart's header */
  _fp_draw_set_color (cr, &rule);
  cairo_set_line_width (cr, 1);
  cairo_move_to (cr, self->x, floor (y) + 0.5);
  cairo_line_to (cr, self->x + self->width, floor (y) + 0.5);
  cairo_stroke (cr);

  for (guint i = 0; i < self->notes->len; i++)
    {
      const Note *note = &g_array_index (self->notes, Note, i);
      double top = y + note->top;
      /* Centred on the first line */
      FpRect marker = { self->x, round (top + (self->line_height - self->marker_size) / 2),
                        self->marker_size, self->marker_size };

      _fp_draw_severity_marker (cr, &marker, note->severity, theme);
      if (!skip_text)
        {
          _fp_draw_set_color (cr, &theme->foreground);
          cairo_move_to (cr, self->text_x, top);
          pango_cairo_show_layout (cr, note->layout);
        }
    }
  if (self->more != NULL && !skip_text)
    {
      _fp_draw_set_color (cr, &theme->dim_foreground);
      cairo_move_to (cr, self->text_x, y + self->more_top);
      pango_cairo_show_layout (cr, self->more);
    }
  cairo_restore (cr);
}

static void
append_lines (GArray      *lines,
              PangoLayout *layout,
              double       x,
              double       top,
              FpColorRole  color)
{
  const char *text = pango_layout_get_text (layout);
  PangoLayoutIter *iter = pango_layout_get_iter (layout);

  do
    {
      PangoLayoutLine *line = pango_layout_iter_get_line_readonly (iter);
      PangoRectangle logical;
      FpExportNoteLine out;

      pango_layout_iter_get_line_extents (iter, NULL, &logical);
      out.text = g_strndup (text + line->start_index, line->length);
      g_strchomp (out.text);
      out.x = x + (double) logical.x / PANGO_SCALE;
      out.baseline = top + (double) pango_layout_iter_get_baseline (iter) / PANGO_SCALE;
      out.width = (double) logical.width / PANGO_SCALE;
      out.font = pango_layout_get_font_description (layout);
      out.color = color;
      g_array_append_val (lines, out);
    }
  while (pango_layout_iter_next_line (iter));
  pango_layout_iter_free (iter);
}

GArray *
fp_export_notes_get_lines (const FpExportNotes *self,
                           double               y)
{
  GArray *lines;

  g_return_val_if_fail (self != NULL, NULL);

  lines = g_array_new (FALSE, TRUE, sizeof (FpExportNoteLine));
  g_array_set_clear_func (lines, clear_line);
  for (guint i = 0; i < self->notes->len; i++)
    {
      const Note *note = &g_array_index (self->notes, Note, i);

      append_lines (lines, note->layout, self->text_x, y + note->top, FP_COLOR_ROLE_FOREGROUND);
    }
  if (self->more != NULL)
    append_lines (lines, self->more, self->text_x, y + self->more_top, FP_COLOR_ROLE_DIM);
  return lines;
}
