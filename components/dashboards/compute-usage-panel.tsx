"use client";

import { useQuery } from "@tanstack/react-query";
import { useMemo } from "react";
import type { PanelOf } from "@/server/dashboards/schemas";
import { ValueBars } from "../charts/value-bars";
import { useTRPC } from "../trpc/client";
import { EmptyState, ErrorState } from "../ui/states";
import { PanelCaption, PanelLoading } from "./panel-states";
import { formatGpuHours, prepareUsage } from "./usage";

const REFRESH_MS = 60_000;
/** Below this height the bars give their room to the table. */
const BARS_MIN_PX = 260;

/** GPU-hours of the project's jobs over a window, by who launched them or where they ran. */
export function ComputeUsagePanel({ projectId, config, height }: { projectId: string; config: PanelOf<"compute_usage">["config"]; height: number }) {
  const trpc = useTRPC();
  const usage = useQuery({
    ...trpc.dashboards.computeUsage.queryOptions({ projectId, days: config.days, groupBy: config.group_by }),
    // Running jobs keep adding hours.
    refetchInterval: REFRESH_MS,
  });
  const prepared = useMemo(() => (usage.data ? prepareUsage(usage.data.groups, usage.data.groupBy) : null), [usage.data]);
  const who = config.group_by === "user" ? "User" : "Target";
  if (usage.isPending) return <PanelLoading label="Loading compute usage" />;
  if (usage.isError) return <ErrorState title="Could not load compute usage" error={usage.error} />;
  if (!prepared || prepared.rows.length === 0) {
    return <EmptyState title={`No GPU jobs in the last ${config.days} ${config.days === 1 ? "day" : "days"}`} description="Jobs launched with GPUs in this project count here." />;
  }
  return (
    <div className="flex flex-col gap-2">
      {height >= BARS_MIN_PX && prepared.bars.length > 1 ? <ValueBars bars={prepared.bars} label={`GPU-hours by ${config.group_by}`} height={Math.min(200, height / 2)} /> : null}
      <div className="overflow-x-auto rounded-md border">
        <table aria-label={`GPU-hours by ${config.group_by}`} className="w-full text-sm">
          <thead className="bg-muted/50 text-left text-xs text-muted-foreground">
            <tr>
              <th className="h-8 px-2 font-medium">{who}</th>
              <th className="px-2 text-right font-medium">GPU-hours</th>
              <th className="px-2 text-right font-medium">Share</th>
              <th className="px-2 text-right font-medium">Jobs</th>
            </tr>
          </thead>
          <tbody>
            {prepared.rows.map((row) => (
              <tr key={row.key} className="border-t">
                <td className="max-w-48 truncate px-2 py-1.5" title={row.label}>
                  {row.label}
                  {row.running ? <span className="ml-1.5 text-xs text-primary">{row.running} running</span> : null}
                </td>
                <td className="px-2 py-1.5 text-right font-medium tabular-nums">{formatGpuHours(row.gpuHours)}</td>
                <td className="px-2 py-1.5 text-right tabular-nums text-muted-foreground">{Math.round(row.share * 100)}%</td>
                <td className="px-2 py-1.5 text-right tabular-nums">{row.jobs}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <PanelCaption>
        {formatGpuHours(prepared.total)} GPU-hours in the last {config.days} {config.days === 1 ? "day" : "days"}
      </PanelCaption>
    </div>
  );
}
