"use client";

import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { useMemo } from "react";
import type { PanelOf } from "@/server/dashboards/schemas";
import { formatMetric } from "../charts/prepare/format";
import { RunColorDot } from "../runs/run-color-dot";
import { RunStatusBadge } from "../runs/run-status-badge";
import { useTRPC } from "../trpc/client";
import { EmptyState, ErrorState } from "../ui/states";
import { leaderboardCaption, leaderboardParamColumns } from "./leaderboard-columns";
import { PanelCaption, PanelLoading } from "./panel-states";

/** The top k runs by one metric summary, with the params that tell them apart. */
export function LeaderboardPanel({ projectId, config }: { projectId: string; config: PanelOf<"leaderboard">["config"] }) {
  const trpc = useTRPC();
  const metric = config.metric;
  const board = useQuery({
    ...trpc.dashboards.leaderboard.queryOptions({ projectId, metric: metric ?? "", stat: config.stat, direction: config.direction, k: config.k }),
    enabled: metric !== null,
  });
  const columns = useMemo(() => leaderboardParamColumns(board.data?.rows ?? [], config.params), [board.data, config.params]);
  if (metric === null) return <EmptyState title="No metric chosen yet" description="Edit this panel to rank runs by a metric." />;
  if (board.isPending) return <PanelLoading label="Loading the leaderboard" />;
  if (board.isError) return <ErrorState title="Could not load the leaderboard" error={board.error} />;
  if (board.data.rows.length === 0) return <EmptyState title={`No run has logged ${metric} yet`} />;
  return (
    <div className="flex flex-col gap-2">
      <div className="overflow-x-auto rounded-md border">
        <table aria-label={`Leaderboard by ${metric}`} className="w-full text-sm">
          <thead className="bg-muted/50 text-left text-xs text-muted-foreground">
            <tr>
              <th className="h-8 w-10 px-2 text-right font-medium">#</th>
              <th className="px-2 font-medium">Run</th>
              <th className="px-2 text-right font-medium">
                <span className="font-mono">{metric}</span> ({config.stat})
              </th>
              {columns.map((key) => (
                <th key={key} className="px-2 font-mono font-medium">
                  {key}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {board.data.rows.map((row) => (
              <tr key={row.runId} data-run-id={row.runId} className="border-t">
                <td className="px-2 py-1.5 text-right tabular-nums text-muted-foreground">{row.rank}</td>
                <td className="max-w-64 px-2 py-1.5">
                  <span className="flex min-w-0 items-center gap-1.5">
                    <RunColorDot runId={row.runId} />
                    <Link href={`/projects/${projectId}/runs/${row.runId}`} prefetch={false} className="truncate hover:underline" title={row.name}>
                      {row.name}
                    </Link>
                    {row.status === "running" || row.status === "failed" ? <RunStatusBadge status={row.status} /> : null}
                  </span>
                </td>
                <td className="px-2 py-1.5 text-right font-medium tabular-nums">{formatMetric(row.value)}</td>
                {columns.map((key) => (
                  <td key={key} className="max-w-40 truncate px-2 py-1.5 font-mono text-xs" title={row.params[key]}>
                    {row.params[key] ?? <span className="text-muted-foreground">—</span>}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <PanelCaption>{leaderboardCaption(board.data)}</PanelCaption>
    </div>
  );
}
