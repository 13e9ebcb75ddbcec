/* fp-row-header-layout.h: a libadwaita row's or preferences group's
 * header laid out without asking its wrapping text how wide it must be at
 * a given height
 */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define FP_TYPE_ROW_HEADER_LAYOUT (fp_row_header_layout_get_type ())

G_DECLARE_FINAL_TYPE (FpRowHeaderLayout, fp_row_header_layout, FP, ROW_HEADER_LAYOUT, GtkLayoutManager)

/* Lays out the header of every libadwaita action row in @root, @root
 * included (action and expander rows, and the rows already added to an
 * expander; not entry or combo rows), with an FpRowHeaderLayout. Call it
 * once a row is built; a row added later needs its own call. Rows already
 * done are left as they are. */
void fp_row_header_layout_install (GtkWidget *root);

/* Lays out @group's own header, its title and description, with an
 * FpRowHeaderLayout; not the rows in it. It may be called at any time: a
 * title or description set later is laid out the same way. A header
 * suffix is placed as GtkBoxLayout would only if it is as wide at any
 * height (a button). A second call leaves the header as it is. */
void fp_row_header_layout_install_on_group (AdwPreferencesGroup *group);

G_END_DECLS
