/* bench-util.h: what the benchmarks share: a clock, the plan they time and
 * how they report a median with its spread */
#pragma once

#include "fp-plan.h"

G_BEGIN_DECLS

/* CLOCK_MONOTONIC, in nanoseconds */
double  bench_now_ns    (void);
/* 12 stages, a 36-month period with weights, an inflow, costs, benchmarks */
FpPlan *bench_make_plan (void);
/* Sorts @samples (nanoseconds) and prints their median, 10th–90th
 * percentile and minimum in @unit_ns ("µs" for 1e3, "ms" for 1e6) against
 * @goal_ns (none when 0); returns the median. */
double  bench_report    (const char *name,
                         double     *samples,
                         guint       n_samples,
                         double      unit_ns,
                         double      goal_ns);

G_END_DECLS
