import { z } from "zod";
import { MetricKey } from "../tracking/schemas";

// The chart query: runs × keys × x-range × max points per series. Shared by tRPC, REST and
// (later) dashboards; the limits below are the one place that caps what a chart may ask for.

export const xAxes = ["step", "relative_time", "wall_time"] as const;
export type XAxis = (typeof xAxes)[number];

/** Runs one chart query may overlay: the compare view's cap. */
export const MAX_CHART_RUNS = 100;
/** Metric keys one chart query may ask for. */
export const MAX_CHART_KEYS = 20;
/** About one point per pixel of a wide chart. */
export const DEFAULT_MAX_POINTS = 1000;
export const MAX_MAX_POINTS = 10_000;

/** [from, to] in the x-axis' unit: steps, milliseconds since the run started, or epoch milliseconds. */
export const ChartRange = z
  .tuple([z.number(), z.number()])
  .refine(([from, to]) => from <= to, "range must be [from, to] with from <= to");
export type ChartRange = z.infer<typeof ChartRange>;

export const ChartQueryInput = z.object({
  projectId: z.string().min(1),
  runIds: z
    .array(z.string().min(1).max(100))
    .min(1, "ask for at least one run")
    .max(MAX_CHART_RUNS, `at most ${MAX_CHART_RUNS} runs per chart query`),
  keys: z
    .array(MetricKey)
    .min(1, "ask for at least one metric key")
    .max(MAX_CHART_KEYS, `at most ${MAX_CHART_KEYS} metric keys per chart query`),
  maxPoints: z.number().int().min(2).max(MAX_MAX_POINTS).default(DEFAULT_MAX_POINTS),
  xAxis: z.enum(xAxes).default("step"),
  range: ChartRange.optional(),
});
export type ChartQueryInput = z.input<typeof ChartQueryInput>;

// tRPC sends each series' numbers packed (superjson walks every value of a plain array: 100 runs
// × 1,000 points took ~600 ms to serialize). `data` is base64 of float64 little-endian columns,
// each `n` long, in this order; min, max and count are there only when the series is aggregated.
export const packedColumns = ["x", "y", "min", "max", "count"] as const;

export const PackedChartSeries = z.object({
  runId: z.string(),
  key: z.string(),
  aggregated: z.boolean(),
  /** Points in the asked range before downsampling. */
  total: z.number(),
  n: z.number(),
  data: z.string(),
});
export type PackedChartSeries = z.infer<typeof PackedChartSeries>;
