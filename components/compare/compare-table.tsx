"use client";

import { Download } from "lucide-react";
import Link from "next/link";
import { useId, useMemo } from "react";
import { formatMetric } from "../charts/prepare/format";
import { cellValue } from "../runs/columns";
import { RunColorDot } from "../runs/run-color-dot";
import { RunStatusBadge } from "../runs/run-status-badge";
import type { RunRow } from "../runs/types";
import { Button } from "../ui/button";
import { Table, TBody, Td, Th, THead, Tr } from "../ui/table";
import { compareColumns, compareCsv } from "./run-table";

/**
 * Params and metric summaries (last, min, max) side by side, a row per run; "differences only"
 * hides what is the same everywhere. The CSV holds what the table shows, values unformatted.
 */
export function CompareTable({
  runs,
  differencesOnly,
  onDifferencesOnly,
  runHref,
  fileName,
}: {
  runs: readonly RunRow[];
  differencesOnly: boolean;
  onDifferencesOnly: (on: boolean) => void;
  runHref: (runId: string) => string;
  fileName: string;
}) {
  const columns = useMemo(() => compareColumns(runs, differencesOnly), [runs, differencesOnly]);
  const hidden = useMemo(() => (differencesOnly ? compareColumns(runs, false).length - columns.length : 0), [runs, differencesOnly, columns]);
  const toggleId = useId();

  const download = () => {
    const blob = new Blob([compareCsv(runs, columns)], { type: "text/csv;charset=utf-8" });
    const url = URL.createObjectURL(blob);
    const a = document.createElement("a");
    a.href = url;
    a.download = fileName;
    a.click();
    setTimeout(() => URL.revokeObjectURL(url), 1000);
  };

  return (
    <div className="flex flex-col gap-3">
      <div className="flex flex-wrap items-center gap-4">
        <label htmlFor={toggleId} className="flex items-center gap-2 text-sm">
          <input id={toggleId} type="checkbox" checked={differencesOnly} onChange={(e) => onDifferencesOnly(e.target.checked)} className="size-4 accent-primary" />
          Differences only
        </label>
        {hidden > 0 ? <span className="text-xs text-muted-foreground">{hidden} columns with the same value in every run hidden</span> : null}
        <Button variant="outline" size="sm" className="ml-auto" onClick={download}>
          <Download aria-hidden /> Export CSV
        </Button>
      </div>
      <Table aria-label="Compared runs">
        <THead>
          <Tr>
            <Th scope="col" className="sticky left-0 z-10 bg-muted">
              Run
            </Th>
            {columns.map((c) => (
              <Th key={c.id} scope="col" className="whitespace-nowrap normal-case" title={c.id}>
                {c.kind === "metric" ? (
                  <>
                    {c.key} <span className="text-muted-foreground">({c.agg})</span>
                  </>
                ) : (
                  c.key
                )}
              </Th>
            ))}
          </Tr>
        </THead>
        <TBody>
          {runs.map((run) => (
            <Tr key={run.id} data-run-id={run.id}>
              <Th scope="row" className="sticky left-0 z-10 bg-card font-normal">
                <span className="flex items-center gap-2">
                  <RunColorDot runId={run.id} />
                  <Link href={runHref(run.id)} prefetch={false} className="max-w-56 truncate hover:underline">
                    {run.name}
                  </Link>
                  {run.status === "running" || run.status === "queued" ? <RunStatusBadge status={run.status} /> : null}
                </span>
              </Th>
              {columns.map((c) => {
                const v = cellValue(run, c, 0);
                return (
                  <Td key={c.id} className={c.kind === "metric" ? "text-right tabular-nums" : "whitespace-nowrap font-mono text-xs"}>
                    {c.kind === "metric" ? formatMetric(v as number | null) : v === null ? <span className="text-muted-foreground">—</span> : String(v)}
                  </Td>
                );
              })}
            </Tr>
          ))}
        </TBody>
      </Table>
    </div>
  );
}
