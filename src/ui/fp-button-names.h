/* fp-button-names.h: buttons named by their label, never "_Save Save"
 * or "GtkImage Save"
 *
 * GTK 4.8 gives a button whose label has a mnemonic the raw label
 * ("_Save") as its accessible label, and its label child names it again:
 * a screen reader says "_Save Save". libadwaita's dialogs and toasts build
 * such buttons where the application cannot reach them, so every button is
 * mended as it is mapped, before a screen reader can meet it: the label
 * child alone names it. An icon button is labelled by its image, named
 * after its class: its own label alone names it. A button whose label
 * changes while it is mapped
 * needs fp_button_names_mend() again.
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* Mends every button mapped from now on, until uninstalled: from the
 * application's startup to its shutdown. A button with a mnemonic label
 * cannot keep an accessible label of its own meanwhile. */
gulong fp_button_names_install   (void);
void   fp_button_names_uninstall (gulong hook);
/* What the hook does to one button, for a label set while it is mapped */
void   fp_button_names_mend      (GtkButton *button);

G_END_DECLS
