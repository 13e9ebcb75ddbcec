/* fp-tornado-view.h: a small chart of FpProjection.sensitivity */
#pragma once

#include <gtk/gtk.h>

#include "fp-projection.h"

G_BEGIN_DECLS

#define FP_TYPE_TORNADO_VIEW (fp_tornado_view_get_type ())
G_DECLARE_FINAL_TYPE (FpTornadoView, fp_tornado_view, FP, TORNADO_VIEW, GtkWidget)

GtkWidget *fp_tornado_view_new      (void);
/* Copies the sensitivities of @projection, labelled with @plan's stage
 * names. Either may be NULL to show nothing. */
void       fp_tornado_view_set_data (FpTornadoView      *self,
                                     FpPlan             *plan,
                                     const FpProjection *projection);
/* The accessible summary, e.g. "Leads: +10.0%, ...", also for tests. */
const char *fp_tornado_view_get_summary (FpTornadoView *self);

G_END_DECLS
