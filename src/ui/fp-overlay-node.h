/* fp-overlay-node.h: what a canvas draws over its cached chart */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

typedef void (*FpOverlayDrawFunc) (gpointer  data,
                                   cairo_t  *cr);

/* Appends what @draw draws (in the canvas's coordinates) to @snapshot, in
 * a node only as large as its ink, and no node when it draws nothing. */
void fp_snapshot_append_overlay (GtkSnapshot       *snapshot,
                                 FpOverlayDrawFunc  draw,
                                 gpointer           data);

G_END_DECLS
