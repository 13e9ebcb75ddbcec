/* fp-accessible-mend.h: what GTK 4.8 and libadwaita 1.2 would tell a
 * screen reader wrongly, mended as widgets are mapped
 *
 * - A button whose label has a mnemonic gets the raw label ("_Save") as
 *   its accessible label, and its label child names it again: a screen
 *   reader says "_Save Save". The label child alone names it.
 * - An icon button is labelled by its image, whose name is its class:
 *   "GtkImage Remove Stage". Its own label alone names it.
 * - A row of a list that selects nothing (every preferences group, an
 *   expander row's header) is selectable all the same: Orca ended every
 *   row with "not selected". It is not selectable; so are the rows of a
 *   folded expander row, in the tree though not mapped.
 * - An expander row's header never says whether the row is open: Return
 *   on a stage row said nothing. Its header tells the expanded state.
 * - A message dialog says its heading and not its text: "Save Changes?
 *   dialog. Save push button", and not which plan. The button the focus
 *   starts on describes itself with the text.
 * - A combo row's list opens with the focus on its first item, whatever is
 *   chosen: a screen reader said "January" with July chosen, and Down went
 *   on from January. The chosen item takes the focus.
 *
 * libadwaita's dialogs, toasts and rows build such widgets where the
 * application cannot reach them, so each is mended as it is mapped, before
 * a screen reader can meet it. A button whose label changes while it is
 * mapped, or one in the tree though never mapped, needs
 * fp_accessible_mend_button() itself.
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* Mends every widget mapped from now on, until uninstalled: from the
 * application's startup to its shutdown. A button with a mnemonic label
 * cannot keep an accessible label of its own meanwhile. */
gulong fp_accessible_mend_install   (void);
void   fp_accessible_mend_uninstall (gulong hook);
/* What the hook does to one button */
void   fp_accessible_mend_button    (GtkButton *button);

G_END_DECLS
