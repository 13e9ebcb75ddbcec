/* fp-text-fit.c: fonts measured once, text measured and shortened to fit */
#include "config.h"

#include <math.h>

#include "fp-draw.h"
#include "fp-text-fit.h"

/* Measurements kept on the Pango context, so that a text is laid out once:
 * a chart measures the same names and labels in every frame of a drag, and
 * the search for its full height lays the same header out a dozen times.
 * The context's serial moves when its fonts or options change, and that
 * empties the cache; so does its growing to MEASURES_MAX, as a drag brings
 * a new figure every frame. */
#define MEASURES_MAX 4096

typedef struct
{
  GHashTable *values;  /* "font" or "font\ntext" → double[2] */
  guint serial;
} Measures;

static GQuark
measures_quark (void)
{
  return g_quark_from_static_string ("fp-text-measures");
}

static void
measures_free (gpointer data)
{
  Measures *measures = data;

  g_hash_table_unref (measures->values);
  g_free (measures);
}

static Measures *
measures_of (PangoContext *pango)
{
  Measures *measures = g_object_get_qdata (G_OBJECT (pango), measures_quark ());
  guint serial = pango_context_get_serial (pango);

  if (measures == NULL)
    {
      measures = g_new0 (Measures, 1);
      measures->values = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
      measures->serial = serial;
      g_object_set_qdata_full (G_OBJECT (pango), measures_quark (), measures, measures_free);
    }
  if (measures->serial != serial || g_hash_table_size (measures->values) >= MEASURES_MAX)
    {
      g_hash_table_remove_all (measures->values);
      measures->serial = serial;
    }
  return measures;
}

/* The two values kept for @key, or NULL */
static const double *
measures_lookup (PangoContext *pango,
                 const char   *key)
{
  return g_hash_table_lookup (measures_of (pango)->values, key);
}

/* Keeps two values for @key, which it takes */
static void
measures_keep (PangoContext *pango,
               char         *key,
               double        first,
               double        second)
{
  double *values = g_new (double, 2);

  values[0] = first;
  values[1] = second;
  g_hash_table_insert (measures_of (pango)->values, key, values);
}

guint
_fp_text_measures_kept (PangoContext *pango)
{
  g_return_val_if_fail (PANGO_IS_CONTEXT (pango), 0);

  return g_hash_table_size (measures_of (pango)->values);
}

void
_fp_font_init (FpFont       *font,
               PangoContext *pango,
               const char   *family,
               double        px,
               PangoWeight   weight)
{
  g_autoptr(PangoLayout) layout = NULL;
  PangoRectangle logical;
  const double *kept;

  _fp_font_clear (font);

  font->px = px;
  font->weight = weight;
  font->desc = pango_font_description_new ();
  pango_font_description_set_family (font->desc, family);
  pango_font_description_set_weight (font->desc, weight);
  pango_font_description_set_absolute_size (font->desc, px * PANGO_SCALE);
  font->string = pango_font_description_to_string (font->desc);

  kept = measures_lookup (pango, font->string);
  if (kept != NULL)
    {
      font->height = kept[0];
      font->baseline = kept[1];
      return;
    }
  /* Line metrics from text with ascenders and descenders, so that every
   * line of a font is as tall whatever it says. */
  layout = pango_layout_new (pango);
  pango_layout_set_font_description (layout, font->desc);
  pango_layout_set_text (layout, "Ag", -1);
  pango_layout_get_extents (layout, NULL, &logical);
  font->height = (double) logical.height / PANGO_SCALE;
  font->baseline = (double) pango_layout_get_baseline (layout) / PANGO_SCALE;
  measures_keep (pango, g_strdup (font->string), font->height, font->baseline);
}

void
_fp_font_clear (FpFont *font)
{
  g_clear_pointer (&font->desc, pango_font_description_free);
  g_clear_pointer (&font->string, g_free);
}

double
_fp_font_line_advance (const FpFont *font)
{
  return ceil (font->height) + 1;
}

PangoLayout *
_fp_font_new_layout (const FpFont *font,
                     PangoContext *pango,
                     const char   *text)
{
  PangoLayout *layout = pango_layout_new (pango);

  pango_layout_set_font_description (layout, font->desc);
  pango_layout_set_single_paragraph_mode (layout, TRUE);
  _fp_draw_set_layout_text (layout, text);
  return layout;
}

double
_fp_font_text_width (const FpFont *font,
                     PangoContext *pango,
                     const char   *text)
{
  g_autoptr(PangoLayout) layout = NULL;
  g_autofree char *key = NULL;
  const double *kept;
  PangoRectangle ink;
  PangoRectangle logical;
  double width;

  if (text == NULL || text[0] == '\0')
    return 0;
  key = g_strconcat (font->string, "\n", text, NULL);
  kept = measures_lookup (pango, key);
  if (kept != NULL)
    return kept[0];
  layout = _fp_font_new_layout (font, pango, text);
  pango_layout_get_extents (layout, &ink, &logical);
  width = (double) (MAX (logical.x + logical.width, ink.x + ink.width)
                    - MIN (logical.x, ink.x)) / PANGO_SCALE;
  measures_keep (pango, g_steal_pointer (&key), width, 0);
  return width;
}

char *
_fp_font_fit_text (const FpFont *font,
                   PangoContext *pango,
                   const char   *text,
                   double        max_width)
{
  glong lo = 3;
  glong hi;
  char *best = NULL;

  if (max_width <= 0 || text == NULL)
    return NULL;
  if (_fp_font_text_width (font, pango, text) <= max_width)
    return g_strdup (text);

  /* The longest start that fits with its ellipsis, by bisection. */
  hi = g_utf8_strlen (text, -1) - 1;
  while (lo <= hi)
    {
      glong mid = (lo + hi) / 2;
      const char *end = g_utf8_offset_to_pointer (text, mid);
      g_autofree char *head = g_strndup (text, end - text);
      g_autofree char *candidate = g_strconcat (g_strchomp (head), FP_ELLIPSIS, NULL);

      if (_fp_font_text_width (font, pango, candidate) <= max_width)
        {
          g_free (best);
          best = g_steal_pointer (&candidate);
          lo = mid + 1;
        }
      else
        hi = mid - 1;
    }
  return best;
}

/* The first @length bytes of @text, without the spaces a break leaves. */
static char *
line_head (const char *text,
           gsize       length)
{
  return g_strchomp (g_strndup (text, length));
}

/* A letter of a script whose words are broken with a hyphen: a hyphen
 * would break the joined letters of Arabic, say. */
static gboolean
is_hyphenating_letter (gunichar c)
{
  GUnicodeScript script = g_unichar_get_script (c);

  return g_unichar_isalpha (c) &&
         (script == G_UNICODE_SCRIPT_LATIN || script == G_UNICODE_SCRIPT_GREEK ||
          script == G_UNICODE_SCRIPT_CYRILLIC);
}

/* Three such letters before @p in @text, and three from @p on */
static gboolean
letters_around (const char *text,
                const char *p)
{
  const char *q = p;

  for (int k = 0; k < 3; k++)
    {
      if (q <= text)
        return FALSE;
      q = g_utf8_prev_char (q);
      if (!is_hyphenating_letter (g_utf8_get_char (q)))
        return FALSE;
    }
  q = p;
  for (int k = 0; k < 3; k++, q = g_utf8_next_char (q))
    if (*q == '\0' || !is_hyphenating_letter (g_utf8_get_char (q)))
      return FALSE;
  return TRUE;
}

/* The byte offsets in @text before which a line may start, first to
 * last, never 0; Pango knows the rules of each script. With @in_words,
 * the places inside a word instead, three letters from either end, where
 * a line may be broken with a hyphen (in Latin, Greek and Cyrillic). */
static GArray *
line_break_offsets (const FpFont *font,
                    PangoContext *pango,
                    const char   *text,
                    gboolean      in_words)
{
  g_autoptr(PangoLayout) layout = _fp_font_new_layout (font, pango, text);
  GArray *offsets = g_array_new (FALSE, FALSE, sizeof (gsize));
  const PangoLogAttr *attrs;
  const char *p = text;
  int n_attrs;

  attrs = pango_layout_get_log_attrs_readonly (layout, &n_attrs);
  for (int i = 0; i < n_attrs && *p != '\0'; i++, p = g_utf8_next_char (p))
    {
      gboolean here;

      if (i == 0)
        continue;
      if (!in_words)
        here = attrs[i].is_line_break;
      else
        here = attrs[i].is_cursor_position && !attrs[i].is_line_break &&
               letters_around (text, p);
      if (here)
        {
          gsize offset = p - text;

          g_array_append_val (offsets, offset);
        }
    }
  return offsets;
}

/* A vowel of Latin, Greek or Cyrillic, accents aside */
static gboolean
is_vowel (gunichar c)
{
  static const char vowels[] = "aeiouyαεηιουωаеёиоуыэюяієї";
  gunichar base[4];

  if (g_unichar_fully_decompose (c, FALSE, base, G_N_ELEMENTS (base)) == 0)
    return FALSE;
  return g_utf8_strchr (vowels, -1, g_unichar_tolower (base[0])) != NULL;
}

/* Two Latin letters that spell one sound, never split: "c|h" in "Fisher" */
static gboolean
is_digraph (gunichar first,
            gunichar second)
{
  static const char *const digraphs[] = { "ch", "ck", "gh", "ph", "qu", "rh", "sh", "th", "wh" };
  char pair[3] = { (char) g_unichar_tolower (first), (char) g_unichar_tolower (second), '\0' };

  if (first > 0x7f || second > 0x7f)
    return FALSE;
  for (guint k = 0; k < G_N_ELEMENTS (digraphs); k++)
    if (g_str_equal (pair, digraphs[k]))
      return TRUE;
  return FALSE;
}

/* Whether a break before @p, inside a word of @text, falls between
 * syllables by the rule most Latin, Greek and Cyrillic spellings share:
 * a single consonant starts the next syllable ("Opportuni-ties"), two
 * consonants between vowels are split ("Oppor-tunities"). A guess, with
 * no dictionary, but it avoids "Opportunit-ies". letters_around() holds. */
static gboolean
is_syllable_break (const char *text,
                   const char *p)
{
  const char *before = g_utf8_prev_char (p);
  gunichar b1;
  gunichar b2;
  gunichar a1 = g_utf8_get_char (p);
  gunichar a2 = g_utf8_get_char (g_utf8_next_char (p));

  g_assert (before > text);
  b1 = g_utf8_get_char (before);
  b2 = g_utf8_get_char (g_utf8_prev_char (before));
  if (is_vowel (a1) || !is_vowel (a2))
    return FALSE;
  if (is_vowel (b1))
    return TRUE;
  return is_vowel (b2) && !is_digraph (b1, a1);
}

/* As _fp_font_wrap_two_lines(), at the breaks of line_break_offsets().
 * Between words, the last break whose first line fits puts the most on
 * that line. Inside a word, the last break between syllables whose lines
 * both fit comes first, then the last break whose first line fits. */
static gboolean
wrap_at_breaks (const FpFont *font,
                PangoContext *pango,
                const char   *text,
                double        max_width,
                gboolean      in_words,
                char        **first,
                char        **second)
{
  g_autoptr(GArray) breaks = line_break_offsets (font, pango, text, in_words);
  g_autofree char *chosen = NULL;  /* the first line */
  gsize chosen_offset = 0;
  char *rest;

  for (guint k = breaks->len; k-- > 0;)
    {
      gsize offset = g_array_index (breaks, gsize, k);
      g_autofree char *head = line_head (text, offset);
      gboolean best;

      if (in_words)
        {
          char *hyphenated = g_strconcat (head, "-", NULL);

          g_free (head);
          head = hyphenated;
        }
      if (head[0] == '\0' || _fp_font_text_width (font, pango, head) > max_width)
        continue;
      best = !in_words ||
             (is_syllable_break (text, text + offset) &&
              _fp_font_text_width (font, pango, text + offset) <= max_width);
      if (chosen == NULL || best)
        {
          g_free (chosen);
          chosen = g_steal_pointer (&head);
          chosen_offset = offset;
        }
      if (best)
        break;
    }
  if (chosen == NULL)
    return FALSE;
  rest = _fp_font_fit_text (font, pango, text + chosen_offset, max_width);
  if (rest == NULL)
    return FALSE;
  *first = g_steal_pointer (&chosen);
  *second = rest;
  return TRUE;
}

double
_fp_font_two_line_width (const FpFont *font,
                         PangoContext *pango,
                         const char   *text)
{
  g_autoptr(GArray) breaks = NULL;
  double best;

  if (text == NULL || text[0] == '\0')
    return 0;
  best = _fp_font_text_width (font, pango, text);
  breaks = line_break_offsets (font, pango, text, FALSE);
  for (guint k = 0; k < breaks->len; k++)
    {
      gsize offset = g_array_index (breaks, gsize, k);
      g_autofree char *head = line_head (text, offset);
      double width = MAX (_fp_font_text_width (font, pango, head),
                          _fp_font_text_width (font, pango, text + offset));

      best = MIN (best, width);
    }
  return best;
}

gboolean
_fp_font_wrap_two_lines (const FpFont *font,
                         PangoContext *pango,
                         const char   *text,
                         double        max_width,
                         char        **first,
                         char        **second)
{
  g_return_val_if_fail (first != NULL && second != NULL, FALSE);

  if (max_width <= 0 || text == NULL || _fp_font_text_width (font, pango, text) <= max_width)
    return FALSE;
  /* Between words; else inside a word too long for the line, as GTK's
   * own labels do, which beats cutting it short with an ellipsis. */
  return wrap_at_breaks (font, pango, text, max_width, FALSE, first, second) ||
         wrap_at_breaks (font, pango, text, max_width, TRUE, first, second);
}

FpRect
_fp_text_bounds (const FpRect *logical,
                 const FpRect *ink)
{
  double x0 = logical->x;
  double y0 = logical->y;
  double x1 = logical->x + logical->width;
  double y1 = logical->y + logical->height;

  if (ink->width > 0 && ink->height > 0)
    {
      x0 = MIN (x0, ink->x);
      y0 = MIN (y0, ink->y);
      x1 = MAX (x1, ink->x + ink->width);
      y1 = MAX (y1, ink->y + ink->height);
    }
  return (FpRect) { x0, y0, x1 - x0, y1 - y0 };
}

gboolean
_fp_rects_overlap (const FpRect *a,
                   const FpRect *b)
{
  return a->x < b->x + b->width && b->x < a->x + a->width
      && a->y < b->y + b->height && b->y < a->y + a->height;
}

void
_fp_text_move_below (FpRect       *logical,
                     FpRect       *ink,
                     const FpRect *above)
{
  FpRect covers = _fp_text_bounds (logical, ink);
  double overlap = above->y + above->height - covers.y;

  if (overlap > 0)
    {
      logical->y += ceil (overlap);
      ink->y += ceil (overlap);
    }
}

guint
_fp_rows_per_name (const FpFont *font,
                   double        row_h)
{
  return (guint) MAX (1, ceil ((font->height + 2) / MAX (1, row_h)));
}

gboolean
_fp_row_is_named (guint i,
                  guint n,
                  guint stride)
{
  g_return_val_if_fail (stride > 0, FALSE);

  return i + 1 == n || (i % stride == 0 && n - 1 - i >= stride);
}

double
_fp_shortest_height (FpHeightNeededFunc  needed,
                     gpointer            data,
                     double              enough)
{
  double short_of = 0;

  while (enough - short_of > 1)
    {
      double height = round ((short_of + enough) / 2);

      if (needed (height, data) <= height)
        enough = height;
      else
        short_of = height;
    }
  return enough;
}
