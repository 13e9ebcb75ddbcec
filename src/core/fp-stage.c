/* fp-stage.c: one stage of the funnel */
#include "fp-stage.h"

FpStage *
fp_stage_new (const char *id,
              const char *name)
{
  FpStage *stage;

  g_return_val_if_fail (id != NULL, NULL);
  g_return_val_if_fail (name != NULL, NULL);

  stage = g_new0 (FpStage, 1);
  stage->id = g_strdup (id);
  stage->name = g_strdup (name);
  stage->conversion = 0.5;
  stage->duration_days = 30;
  stage->cost_per_unit = 0;

  return stage;
}

FpStage *
fp_stage_copy (const FpStage *stage)
{
  FpStage *copy;

  g_return_val_if_fail (stage != NULL, NULL);

  copy = g_memdup2 (stage, sizeof *stage);
  copy->id = g_strdup (stage->id);
  copy->name = g_strdup (stage->name);
  if (stage->unknown != NULL)
    json_object_ref (stage->unknown);
  if (stage->benchmark_unknown != NULL)
    json_object_ref (stage->benchmark_unknown);

  return copy;
}

void
fp_stage_free (FpStage *stage)
{
  if (stage == NULL)
    return;

  g_free (stage->id);
  g_free (stage->name);
  g_clear_pointer (&stage->unknown, json_object_unref);
  g_clear_pointer (&stage->benchmark_unknown, json_object_unref);
  g_free (stage);
}
