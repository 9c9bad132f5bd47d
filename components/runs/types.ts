import type { inferRouterOutputs } from "@trpc/server";
import type { AppRouter } from "@/server/trpc/root";

type Outputs = inferRouterOutputs<AppRouter>;
export type RunListItem = Outputs["runs"]["list"][number];
export type RunDetail = Outputs["runs"]["get"];
export type RunArtifact = Outputs["runs"]["artifacts"][number];
export type LogLine = Outputs["runs"]["logs"]["lines"][number];

export interface MetricSummary {
  count: number;
  last: number | null;
  lastStep: number | null;
  min: number | null;
  max: number | null;
}

/** What the table logic needs of a run; the list output satisfies it, tests build it by hand. */
export interface RunRow {
  id: string;
  name: string;
  status: RunListItem["status"];
  startedAt: Date;
  endedAt: Date | null;
  creatorName: string | null;
  params: Record<string, string>;
  tags: Record<string, string>;
  metrics: Record<string, MetricSummary>;
}
