/* fp-full-height.c: the height a chart asks for, so that many stages scroll */
#include "config.h"

#include <math.h>

#include "fp-full-height.h"

/* What the height depends on besides the width and the fonts: the title
 * (it may take two lines) and the names (one line or two, and how many) */
static guint
text_key (FpPlan *plan)
{
  guint key = g_str_hash (fp_plan_get_title (plan));

  for (guint i = 0; i < fp_plan_get_n_stages (plan); i++)
    key = key * 31 + g_str_hash (fp_plan_get_stage (plan, i)->name);
  return key;
}

void
fp_full_height_invalidate (FpFullHeight *self)
{
  self->width = -1;
}

gboolean
fp_full_height_changed_by (const FpFullHeight *self,
                           FpPlan             *plan)
{
  return self->width < 0 || text_key (plan) != self->key;
}

int
fp_full_height_get (FpFullHeight     *self,
                    FpPlan           *plan,
                    int               width,
                    FpFullHeightFunc  func,
                    gpointer          data)
{
  guint key = text_key (plan);

  if (width != self->width || key != self->key)
    {
      self->height = ceil (func (plan, width, data));
      self->width = width;
      self->key = key;
    }
  return self->height;
}
