/* fp-banner.c: a message under the header bar that stays until answered */
#include "config.h"

#include <glib/gi18n.h>

#include "fp-banner.h"
#include "fp-accessible-mend.h"

struct _FpBanner
{
  GtkWidget parent_instance;

  GtkWidget *revealer;
  GtkWidget *title;
  GtkWidget *button;
};

G_DEFINE_FINAL_TYPE (FpBanner, fp_banner, GTK_TYPE_WIDGET)

enum
{
  DISMISSED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
on_close_button_clicked (GtkButton *button,
                         FpBanner  *self)
{
  fp_banner_hide (self);
  g_signal_emit (self, signals[DISMISSED], 0);
}

/* Hidden once it slid away, so that neither it nor what it holds stays in
 * the focus chain or the accessible tree: a hidden banner was read as an
 * empty panel ("GtkLabel", after its empty title) */
static void
on_revealer_notify_child_revealed (GtkRevealer *revealer,
                                   GParamSpec  *pspec,
                                   FpBanner    *self)
{
  if (!gtk_revealer_get_child_revealed (revealer) && !gtk_revealer_get_reveal_child (revealer))
    {
      gtk_widget_set_visible (self->revealer, FALSE);
      gtk_widget_set_visible (GTK_WIDGET (self), FALSE);
    }
}

static void
fp_banner_dispose (GObject *object)
{
  FpBanner *self = FP_BANNER (object);

  g_clear_pointer (&self->revealer, gtk_widget_unparent);
  G_OBJECT_CLASS (fp_banner_parent_class)->dispose (object);
}

static void
fp_banner_class_init (FpBannerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = fp_banner_dispose;

  /**
   * FpBanner::dismissed:
   *
   * The user closed the banner without its button.
   */
  signals[DISMISSED] = g_signal_new ("dismissed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                     0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "fpbanner");
  /* News that stays until answered, for a screen reader as for the eye */
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_ALERT);
}

static void
fp_banner_init (FpBanner *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *close_button = gtk_button_new_from_icon_name ("window-close-symbolic");

  gtk_widget_set_visible (GTK_WIDGET (self), FALSE);
  self->revealer = gtk_revealer_new ();
  gtk_revealer_set_transition_type (GTK_REVEALER (self->revealer),
                                    GTK_REVEALER_TRANSITION_TYPE_SLIDE_DOWN);
  gtk_widget_set_visible (self->revealer, FALSE);
  gtk_widget_set_parent (self->revealer, GTK_WIDGET (self));
  g_signal_connect (self->revealer, "notify::child-revealed",
                    G_CALLBACK (on_revealer_notify_child_revealed), self);

  gtk_widget_add_css_class (box, "fp-banner");
  gtk_revealer_set_child (GTK_REVEALER (self->revealer), box);

  /* Centred, as AdwBanner sets its title; long words wrap rather than
   * widen the window. */
  self->title = gtk_label_new (NULL);
  gtk_label_set_wrap (GTK_LABEL (self->title), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (self->title), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_justify (GTK_LABEL (self->title), GTK_JUSTIFY_CENTER);
  gtk_widget_set_hexpand (self->title, TRUE);
  gtk_box_append (GTK_BOX (box), self->title);

  self->button = gtk_button_new ();
  gtk_button_set_use_underline (GTK_BUTTON (self->button), TRUE);
  gtk_widget_set_valign (self->button, GTK_ALIGN_CENTER);
  gtk_box_append (GTK_BOX (box), self->button);

  gtk_widget_add_css_class (close_button, "flat");
  gtk_widget_add_css_class (close_button, "circular");
  gtk_widget_set_valign (close_button, GTK_ALIGN_CENTER);
  gtk_widget_set_tooltip_text (close_button, _("Dismiss"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (close_button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Dismiss"), -1);
  g_signal_connect (close_button, "clicked", G_CALLBACK (on_close_button_clicked), self);
  gtk_box_append (GTK_BOX (box), close_button);

  gtk_accessible_update_relation (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_RELATION_LABELLED_BY, self->title, NULL, -1);
}

GtkWidget *
fp_banner_new (void)
{
  return g_object_new (FP_TYPE_BANNER, NULL);
}

void
fp_banner_show (FpBanner   *self,
                const char *title,
                const char *button_label,
                const char *action_name)
{
  g_return_if_fail (FP_IS_BANNER (self));
  g_return_if_fail (title != NULL);
  g_return_if_fail (button_label != NULL);
  g_return_if_fail (action_name != NULL);

  gtk_label_set_text (GTK_LABEL (self->title), title);
  gtk_button_set_label (GTK_BUTTON (self->button), button_label);
  /* The button may be mapped already, where the map hook cannot mend it */
  fp_accessible_mend_button (GTK_BUTTON (self->button));
  gtk_actionable_set_action_name (GTK_ACTIONABLE (self->button), action_name);
  gtk_widget_set_visible (GTK_WIDGET (self), TRUE);
  gtk_widget_set_visible (self->revealer, TRUE);
  gtk_revealer_set_reveal_child (GTK_REVEALER (self->revealer), TRUE);
}

void
fp_banner_hide (FpBanner *self)
{
  g_return_if_fail (FP_IS_BANNER (self));

  gtk_revealer_set_reveal_child (GTK_REVEALER (self->revealer), FALSE);
}

gboolean
fp_banner_is_shown (FpBanner *self)
{
  g_return_val_if_fail (FP_IS_BANNER (self), FALSE);

  return gtk_revealer_get_reveal_child (GTK_REVEALER (self->revealer));
}

const char *
fp_banner_get_title (FpBanner *self)
{
  g_return_val_if_fail (FP_IS_BANNER (self), NULL);

  return gtk_label_get_text (GTK_LABEL (self->title));
}
