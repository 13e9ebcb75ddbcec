/* fp-stage.h: one stage of the funnel, a plain value owned by its FpPlan */
#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

typedef struct
{
  double min;
  double max;
  gboolean set;
} FpRange;

typedef struct
{
  char *id;               /* 1-32 of a-z 0-9 _ - ; unique in the plan */
  char *name;             /* 1-200 characters */
  double conversion;      /* (0, 1]; meaningless for the last stage */
  double duration_days;   /* [0, 3650]; meaningless for the last stage */
  double cost_per_unit;   /* >= 0; 0 when the document has none */
  FpRange benchmark_conversion;
  FpRange benchmark_duration_days;
  /* Keys this version does not know, written back unchanged. Never mutated
   * after load, so copies share them by reference. May be NULL. */
  JsonObject *unknown;
  JsonObject *benchmark_unknown;
} FpStage;

FpStage *fp_stage_new  (const char    *id,
                        const char    *name);
FpStage *fp_stage_copy (const FpStage *stage);
void     fp_stage_free (FpStage       *stage);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (FpStage, fp_stage_free)

G_END_DECLS
