import Link from "next/link";
import { formatDuration, formatMetric } from "../charts/prepare/format";
import { cn } from "../ui/cn";
import { type Column, runDurationMs } from "./columns";
import { RunColorDot } from "./run-color-dot";
import { RunStatusBadge } from "./run-status-badge";
import { ShortDate } from "./short-date";
import type { RunRow } from "./types";

export const cellClass = "h-10 overflow-hidden text-ellipsis whitespace-nowrap border-b px-3 align-middle";

export function NameCell({ run, href }: { run: RunRow; href: string }) {
  return (
    <span className="flex min-w-0 items-center gap-2">
      <RunColorDot runId={run.id} />
      <Link href={href} className="truncate font-medium text-primary hover:underline" title={run.name} prefetch={false}>
        {run.name}
      </Link>
    </span>
  );
}

/** One cell's content; `now` is the data's fetch time so server and browser agree on durations. */
export function CellContent({ run, column, now }: { run: RunRow; column: Column; now: number }) {
  switch (column.kind) {
    case "name":
      return run.name;
    case "param": {
      const value = run.params[column.key];
      return value === undefined ? <Missing /> : <span title={value}>{value}</span>;
    }
    case "metric": {
      const value = run.metrics[column.key]?.[column.agg];
      if (value === undefined || value === null) return <Missing />;
      return <span title={String(value)}>{formatMetric(value)}</span>;
    }
    case "fixed":
      switch (column.id) {
        case "status":
          return <RunStatusBadge status={run.status} />;
        case "started":
          return <ShortDate value={run.startedAt} />;
        case "duration":
          return <span className={cn(!run.endedAt && "text-muted-foreground")}>{formatDuration(runDurationMs(run, now))}</span>;
        case "creator":
          return run.creatorName ? <span title={run.creatorName}>{run.creatorName}</span> : <Missing />;
      }
  }
}

function Missing() {
  return (
    <span className="text-muted-foreground">
      <span aria-hidden>—</span>
      <span className="sr-only">none</span>
    </span>
  );
}

export const isNumericColumn = (c: Column) => c.kind === "metric" || (c.kind === "fixed" && c.id === "duration");
