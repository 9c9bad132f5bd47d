import { z } from "zod";
import { ChartRange, MAX_CHART_KEYS, MAX_CHART_RUNS, MAX_MAX_POINTS, xAxes } from "../../compare/schemas";
import { MetricKey } from "../../tracking/schemas";
import { WireNumber } from "./tracking";

export const ChartQueryBody = z
  .object({
    run_ids: z.array(z.string().min(1)).min(1).max(MAX_CHART_RUNS),
    keys: z.array(MetricKey).min(1).max(MAX_CHART_KEYS),
    max_points: z.number().int().min(2).max(MAX_MAX_POINTS).optional(),
    x_axis: z.enum(xAxes).optional(),
    /** [from, to] in the x-axis' unit: steps, ms since the run started, or epoch ms. */
    range: ChartRange.optional(),
  })
  .strict();

// An aggregated point stands for a bucket: y is its mean, min and max its extremes.
export const ChartPointBody = z
  .object({ x: z.number(), y: WireNumber, min: WireNumber.optional(), max: WireNumber.optional() })
  .strict();

export const ChartQueryResult = z
  .object({
    series: z.array(
      z.object({ run_id: z.string(), key: z.string(), aggregated: z.boolean(), points: z.array(ChartPointBody) }).strict(),
    ),
  })
  .strict();
