import Link from "next/link";
import { runColor } from "../charts/prepare/run-color";
import { runDashes } from "../charts/prepare/run-dashes";
import { RunStatusBadge } from "../runs/run-status-badge";
import type { RunRow } from "../runs/types";

/** The compared runs with their colours and line styles, as every chart draws them. */
export function RunLegend({ runs, runHref }: { runs: readonly RunRow[]; runHref: (runId: string) => string }) {
  const dashes = runDashes(runs.map((r) => r.id));
  return (
    <ul aria-label="Compared runs" className="flex max-h-24 flex-wrap gap-x-4 gap-y-1.5 overflow-y-auto text-sm">
      {runs.map((run) => (
        <li key={run.id} data-run-id={run.id} className="flex min-w-0 items-center gap-1.5">
          <svg aria-hidden width="18" height="8" className="shrink-0">
            <line x1="1" x2="17" y1="4" y2="4" stroke={runColor(run.id)} strokeWidth="2.5" strokeDasharray={dashes.get(run.id)} />
          </svg>
          {/* No prefetch: a hundred run pages rendered ahead would compete with the charts. */}
          <Link href={runHref(run.id)} prefetch={false} className="max-w-56 truncate hover:underline" title={run.name}>
            {run.name}
          </Link>
          {run.status === "running" || run.status === "queued" ? <RunStatusBadge status={run.status} /> : null}
        </li>
      ))}
    </ul>
  );
}
