/* fp-theme-gtk.h: an FpTheme from a widget's style */
#pragma once

#include <gtk/gtk.h>

#include "fp-theme.h"

G_BEGIN_DECLS

/* Fills @theme from @widget's CSS named colours (libadwaita's accent,
 * window, warning and error colours) and its font, on top of the render
 * palette for the current light or dark style. Call it again from
 * GtkWidget::css_changed. */
void fp_theme_init_from_widget (FpTheme   *theme,
                                GtkWidget *widget);

G_END_DECLS
