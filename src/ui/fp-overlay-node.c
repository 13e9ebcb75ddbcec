/* fp-overlay-node.c: what a canvas draws over its cached chart
 *
 * The focus ring and the value bubble move (a Tab from grip to grip)
 * while the chart under them stays cached. A cairo node the size of the
 * canvas would be rasterized whole on every such frame (GTK 4.8's GL
 * renderer paints it into two canvas-sized surfaces and uploads it), for
 * a few small marks: at 1920x1080 that is 16 MB of fresh memory a frame.
 * So the overlay is recorded first and put in a node that covers only its
 * ink.
 */

#include "config.h"

#include <math.h>

#include "fp-overlay-node.h"

void
fp_snapshot_append_overlay (GtkSnapshot       *snapshot,
                            FpOverlayDrawFunc  draw,
                            gpointer           data)
{
  cairo_surface_t *recording;
  cairo_t *cr;
  double x, y, width, height;

  g_return_if_fail (GTK_IS_SNAPSHOT (snapshot));
  g_return_if_fail (draw != NULL);

  recording = cairo_recording_surface_create (CAIRO_CONTENT_COLOR_ALPHA, NULL);
  cr = cairo_create (recording);
  draw (data, cr);
  cairo_destroy (cr);
  cairo_recording_surface_ink_extents (recording, &x, &y, &width, &height);
  if (width > 0 && height > 0)
    {
      /* Whole pixels, so the node's raster lines up with the chart's. */
      double x0 = floor (x);
      double y0 = floor (y);
      graphene_rect_t bounds = GRAPHENE_RECT_INIT (x0, y0, ceil (x + width) - x0, ceil (y + height) - y0);

      cr = gtk_snapshot_append_cairo (snapshot, &bounds);
      cairo_set_source_surface (cr, recording, 0, 0);
      cairo_paint (cr);
      cairo_destroy (cr);
    }
  cairo_surface_destroy (recording);
}
