import { z } from "zod";
import { runStatuses } from "@/db/schema/enums";
import { MAX_CHART_KEYS, MAX_CHART_RUNS, xAxes } from "../compare/schemas";
import { MetricKey } from "../tracking/schemas";

// A dashboard is a stored document: its panels' configs are kept in jsonb exactly as written here
// (snake_case keys, the same on tRPC and REST). Client code imports these schemas to build and
// check panels before a save; the server parses every save with them.

export const panelKinds = ["line_charts", "scatter", "parallel", "leaderboard", "compute_usage", "pending_promotions"] as const;
export type PanelKind = (typeof panelKinds)[number];

export const GRID_COLUMNS = 12;
export const MAX_PANEL_ROWS = 8;
export const MAX_PANELS = 50;
export const MAX_LEADERBOARD_K = 100;
export const metricStats = ["last", "min", "max"] as const;
export const sortDirections = ["asc", "desc"] as const;
export const usageGroups = ["user", "target"] as const;
export type UsageGroup = (typeof usageGroups)[number];

/** A runs-table column id: `started`, `p:<param>` or `m:<last|min|max>:<metric>` (components/runs/columns). */
const ColumnId = z.string().trim().min(1).max(300);

/**
 * A saved run filter: the compare view's "top N" selection (runs-table query text, sort column,
 * direction, how many) plus an optional status — or, when `run_ids` is not empty, exactly those
 * runs in that order (a hand-picked comparison), and the rest is ignored.
 */
export const RunFilterConfig = z
  .object({
    q: z.string().max(500).default(""),
    status: z.enum(runStatuses).nullable().default(null),
    by: ColumnId.default("started"),
    dir: z.enum(sortDirections).default("desc"),
    top: z.number().int().min(1).max(MAX_CHART_RUNS).default(10),
    run_ids: z.array(z.string().min(1).max(100)).max(MAX_CHART_RUNS, `at most ${MAX_CHART_RUNS} picked runs`).default([]),
  })
  .strict();
export type RunFilterConfig = z.infer<typeof RunFilterConfig>;

const filter = () => RunFilterConfig.prefault({});

export const LineChartsConfig = z
  .object({
    filter: filter(),
    /** The metrics to chart; empty = every metric with a history, or those under `prefix`. */
    keys: z.array(MetricKey).max(MAX_CHART_KEYS).default([]),
    prefix: z.string().max(250).default(""),
    x_axis: z.enum(xAxes).default("step"),
    smoothing: z.number().min(0).max(0.99).default(0),
    log_y: z.boolean().default(false),
  })
  .strict();

export const ScatterConfig = z.object({ filter: filter(), x: ColumnId.nullable().default(null), y: ColumnId.nullable().default(null) }).strict();

export const ParallelConfig = z
  .object({ filter: filter(), params: z.array(ColumnId).max(12).default([]), metric: ColumnId.nullable().default(null) })
  .strict();

export const LeaderboardConfig = z
  .object({
    /** null until someone picks one (a new project's default leaderboard). */
    metric: MetricKey.nullable().default(null),
    stat: z.enum(metricStats).default("last"),
    direction: z.enum(sortDirections).default("desc"),
    k: z.number().int().min(1).max(MAX_LEADERBOARD_K).default(10),
    /** Param keys shown as columns; empty = the params that differ among the ranked runs. */
    params: z.array(z.string().min(1).max(250)).max(20).default([]),
  })
  .strict();

export const ComputeUsageConfig = z
  .object({ days: z.number().int().min(1).max(365).default(30), group_by: z.enum(usageGroups).default("user") })
  .strict();

export const PendingPromotionsConfig = z.object({}).strict();

const panelBase = {
  /** Stable within a dashboard; the server assigns one when a new panel comes without. */
  id: z.string().min(1).max(64).regex(/^[\w-]+$/, "panel id may hold letters, digits, _ and -").optional(),
  title: z.string().trim().max(120).default(""),
  w: z.number().int().min(1).max(GRID_COLUMNS).default(6),
  h: z.number().int().min(1).max(MAX_PANEL_ROWS).default(3),
};

export const PanelInput = z.discriminatedUnion("kind", [
  z.object({ ...panelBase, kind: z.literal("line_charts"), config: LineChartsConfig.prefault({}) }).strict(),
  z.object({ ...panelBase, kind: z.literal("scatter"), config: ScatterConfig.prefault({}) }).strict(),
  z.object({ ...panelBase, kind: z.literal("parallel"), config: ParallelConfig.prefault({}) }).strict(),
  z.object({ ...panelBase, kind: z.literal("leaderboard"), config: LeaderboardConfig.prefault({}) }).strict(),
  z.object({ ...panelBase, kind: z.literal("compute_usage"), config: ComputeUsageConfig.prefault({}) }).strict(),
  z.object({ ...panelBase, kind: z.literal("pending_promotions"), config: PendingPromotionsConfig.prefault({}) }).strict(),
]);
export type PanelInput = z.input<typeof PanelInput>;
/** A parsed panel, every default filled in; `id` is set once the server has stored it. */
export type Panel = z.output<typeof PanelInput> & { id: string };
export type PanelOf<K extends PanelKind> = Extract<Panel, { kind: K }>;

export const PanelList = z
  .array(PanelInput)
  .max(MAX_PANELS, `a dashboard holds at most ${MAX_PANELS} panels`)
  .superRefine((panels, ctx) => {
    const seen = new Set<string>();
    panels.forEach((p, i) => {
      if (!p.id) return;
      if (seen.has(p.id)) ctx.addIssue({ code: "custom", path: [i, "id"], message: `panel id "${p.id}" appears twice` });
      seen.add(p.id);
    });
  });

const Name = z.string().trim().min(1, "Name is required").max(120);
const Description = z.string().trim().max(2000);

export const ProjectDashboardsInput = z.object({ projectId: z.string().min(1) });
export type ProjectDashboardsInput = z.infer<typeof ProjectDashboardsInput>;

export const DashboardRef = z.object({ dashboardId: z.string().min(1) });
export type DashboardRef = z.infer<typeof DashboardRef>;

export const CreateDashboardInput = ProjectDashboardsInput.extend({
  name: Name,
  description: Description.default(""),
  /** Without panels a new dashboard starts empty. */
  panels: PanelList.default([]),
});
export type CreateDashboardInput = z.input<typeof CreateDashboardInput>;

/** Replaces what it names as a whole; `revision` is the one the editor started from. */
export const UpdateDashboardInput = DashboardRef.extend({
  revision: z.number().int().min(1),
  name: Name.optional(),
  description: Description.optional(),
  panels: PanelList.optional(),
});
export type UpdateDashboardInput = z.input<typeof UpdateDashboardInput>;

export const LeaderboardInput = ProjectDashboardsInput.extend({
  metric: MetricKey,
  stat: z.enum(metricStats).default("last"),
  direction: z.enum(sortDirections).default("desc"),
  k: z.number().int().min(1).max(MAX_LEADERBOARD_K).default(10),
});
export type LeaderboardInput = z.input<typeof LeaderboardInput>;

export const ComputeUsageInput = ProjectDashboardsInput.extend({
  days: z.number().int().min(1).max(365).default(30),
  groupBy: z.enum(usageGroups).default("user"),
});
export type ComputeUsageInput = z.input<typeof ComputeUsageInput>;
