/* fp-tornado-view.c: a small chart of FpProjection.sensitivity */
#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>
#include <math.h>

#include "fp-format.h"
#include "fp-theme-gtk.h"
#include "fp-tornado-renderer.h"
#include "fp-tornado-view.h"

struct _FpTornadoView
{
  GtkWidget parent_instance;

  GArray *bars;        /* FpTornadoBar, labels owned by @labels */
  GPtrArray *labels;
  char *summary;
};

G_DEFINE_FINAL_TYPE (FpTornadoView, fp_tornado_view, GTK_TYPE_WIDGET)

static void
fp_tornado_view_measure (GtkWidget      *widget,
                         GtkOrientation  orientation,
                         int             for_size,
                         int            *minimum,
                         int            *natural,
                         int            *minimum_baseline,
                         int            *natural_baseline)
{
  FpTornadoView *self = FP_TORNADO_VIEW (widget);

  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    {
      *minimum = 160;
      *natural = 280;
    }
  else
    {
      gboolean two_lines = FALSE;
      FpTheme theme;

      fp_theme_init_from_widget (&theme, widget);
      /* Names too long for their column at this width take two lines */
      if (for_size > 0 && self->bars->len > 0)
        {
          const FpTornadoBar *bars = (const FpTornadoBar *) (gpointer) self->bars->data;

          two_lines = fp_tornado_needs_two_lines (gtk_widget_get_pango_context (widget), &theme,
                                                  for_size, bars, self->bars->len);
        }
      *minimum = *natural = ceil (fp_tornado_get_height (self->bars->len, two_lines,
                                                         theme.text_scale));
    }
}

static GtkSizeRequestMode
fp_tornado_view_get_request_mode (GtkWidget *widget)
{
  return GTK_SIZE_REQUEST_HEIGHT_FOR_WIDTH;
}

static void
lookup_color (GtkWidget  *widget,
              const char *name,
              FpColor    *color)
{
  GtkStyleContext *context = gtk_widget_get_style_context (widget);
  GdkRGBA rgba;

  if (gtk_style_context_lookup_color (context, name, &rgba))
    *color = (FpColor) { rgba.red, rgba.green, rgba.blue, rgba.alpha };
}

static void
fp_tornado_view_snapshot (GtkWidget   *widget,
                          GtkSnapshot *snapshot)
{
  FpTornadoView *self = FP_TORNADO_VIEW (widget);
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);
  FpTheme theme;
  FpColor helps, hurts;
  cairo_t *cr;

  if (self->bars->len == 0 || width <= 0 || height <= 0)
    return;

  fp_theme_init_from_widget (&theme, widget);
  helps = theme.accent;
  hurts = theme.critical;
  lookup_color (widget, "accent_bg_color", &helps);
  lookup_color (widget, "error_bg_color", &hurts);

  cr = gtk_snapshot_append_cairo (snapshot, &GRAPHENE_RECT_INIT (0, 0, width, height));
  fp_tornado_render (cr, gtk_widget_get_pango_context (widget), width, height,
                     (const FpTornadoBar *) (gpointer) self->bars->data, self->bars->len,
                     &theme, &helps, &hurts);
  cairo_destroy (cr);
}

static void
fp_tornado_view_finalize (GObject *object)
{
  FpTornadoView *self = FP_TORNADO_VIEW (object);

  g_clear_pointer (&self->bars, g_array_unref);
  g_clear_pointer (&self->labels, g_ptr_array_unref);
  g_clear_pointer (&self->summary, g_free);

  G_OBJECT_CLASS (fp_tornado_view_parent_class)->finalize (object);
}

static void
fp_tornado_view_class_init (FpTornadoViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->finalize = fp_tornado_view_finalize;
  widget_class->measure = fp_tornado_view_measure;
  widget_class->get_request_mode = fp_tornado_view_get_request_mode;
  widget_class->snapshot = fp_tornado_view_snapshot;

  gtk_widget_class_set_css_name (widget_class, "fptornado");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_IMG);
}

static void
fp_tornado_view_init (FpTornadoView *self)
{
  self->bars = g_array_new (FALSE, TRUE, sizeof (FpTornadoBar));
  self->labels = g_ptr_array_new_with_free_func (g_free);
  self->summary = g_strdup ("");
  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Effect of a 10% better conversion per stage"),
                                  -1);
}

GtkWidget *
fp_tornado_view_new (void)
{
  return g_object_new (FP_TYPE_TORNADO_VIEW, NULL);
}

void
fp_tornado_view_set_data (FpTornadoView      *self,
                          FpPlan             *plan,
                          const FpProjection *projection)
{
  g_autoptr(GArray) sorted = NULL;
  g_autoptr(GPtrArray) old_labels = NULL;
  GString *summary;
  gboolean same_labels;

  g_return_if_fail (FP_IS_TORNADO_VIEW (self));

  /* The names decide the height (one line or two): kept to compare */
  old_labels = g_steal_pointer (&self->labels);
  self->labels = g_ptr_array_new_with_free_func (g_free);
  g_array_set_size (self->bars, 0);

  if (plan != NULL && projection != NULL && projection->sensitivity != NULL)
    {
      for (guint i = 0; i < projection->sensitivity->len; i++)
        {
          const FpSensitivity *s = &g_array_index (projection->sensitivity, FpSensitivity, i);
          const FpStage *stage;
          FpTornadoBar bar;
          char *label;

          if (s->stage >= fp_plan_get_n_stages (plan))
            continue;
          stage = fp_plan_get_stage (plan, s->stage);
          label = g_strdup (stage->name);
          g_ptr_array_add (self->labels, label);
          bar.label = label;
          /* Within the period: the steady impact is the same 10% at every
           * stage of a funnel and ranks nothing (docs/domain-notes.md) */
          bar.value = s->impact_in_period;
          g_array_append_val (self->bars, bar);
        }
    }

  /* What a screen reader says: the same order as drawn, largest first. */
  sorted = g_array_copy (self->bars);
  g_array_sort (sorted, fp_tornado_compare_bars);
  summary = g_string_new (NULL);
  for (guint i = 0; i < sorted->len; i++)
    {
      const FpTornadoBar *bar = &g_array_index (sorted, FpTornadoBar, i);
      g_autofree char *value = _fp_format_percent_change (bar->value);

      if (i > 0)
        g_string_append (summary, ", ");
      /* As drawn (fp_tornado_render()) */
      g_string_append_printf (summary, "%s: %s", bar->label, value);
    }
  g_free (self->summary);
  self->summary = g_string_free (summary, FALSE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, self->summary,
                                  -1);

  same_labels = old_labels->len == self->labels->len;
  for (guint i = 0; same_labels && i < self->labels->len; i++)
    same_labels = g_str_equal (g_ptr_array_index (old_labels, i),
                               g_ptr_array_index (self->labels, i));
  if (!same_labels)
    gtk_widget_queue_resize (GTK_WIDGET (self));
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

const char *
fp_tornado_view_get_summary (FpTornadoView *self)
{
  g_return_val_if_fail (FP_IS_TORNADO_VIEW (self), NULL);
  return self->summary;
}
