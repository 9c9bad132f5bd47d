"use client";

import { useMemo, useState } from "react";
import { formatMetric } from "../charts/prepare/format";
import { runColor } from "../charts/prepare/run-color";
import { runDashes } from "../charts/prepare/run-dashes";
import { type ChartSettings, CompareChartCard } from "../compare/compare-chart-card";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "../ui/card";
import { cn } from "../ui/cn";
import { Select, SelectContent, SelectItem, SelectTrigger, SelectValue } from "../ui/select";
import { Table, TBody, Td, Th, THead, Tr } from "../ui/table";
import { type MetricCompareRow, type MetricStat, metricCompareRows } from "./metric-rows";
import type { PromotionDetails } from "./types";

type Version = PromotionDetails["version"];
const stats: MetricStat[] = ["last", "min", "max"];

function formatDelta(delta: number | null): string {
  if (delta === null) return "";
  return delta > 0 ? `+${formatMetric(delta)}` : formatMetric(delta);
}

/**
 * The two versions' metric snapshots as a table (a key's summary per version) and the chosen key's
 * curves from both versions' runs, drawn by the compare view's chart.
 */
export function MetricCompare({
  projectId,
  version,
  current,
  metricKey,
  stat,
  onChange,
}: {
  projectId: string;
  version: Version;
  current: Version | null;
  /** The charted key; its row is marked. */
  metricKey: string | null;
  stat: MetricStat;
  onChange: (next: { metric?: string; stat?: MetricStat }) => void;
}) {
  const rows = useMemo(() => metricCompareRows(version.lineage.metrics, current?.lineage.metrics ?? null, stat), [version, current, stat]);
  return (
    <Card role="region" aria-label="Metrics">
      <CardHeader>
        <div className="flex flex-wrap items-center justify-between gap-2">
          <CardTitle>Metrics</CardTitle>
          <Select value={stat} onValueChange={(v) => onChange({ stat: v as MetricStat })}>
            <SelectTrigger className="w-32" aria-label="Summary">
              <SelectValue />
            </SelectTrigger>
            <SelectContent>
              {stats.map((s) => (
                <SelectItem key={s} value={s}>
                  {s}
                </SelectItem>
              ))}
            </SelectContent>
          </Select>
        </div>
        <CardDescription>Each run&apos;s summaries when its version was registered. Choose a key to chart it.</CardDescription>
      </CardHeader>
      <CardContent className="flex flex-col gap-4">
        {rows.length === 0 ? (
          <p className="text-sm text-muted-foreground">Neither version&apos;s run logged metrics.</p>
        ) : (
          <MetricTable rows={rows} version={version.version} current={current?.version ?? null} metricKey={metricKey} onChoose={(metric) => onChange({ metric })} />
        )}
        {metricKey ? <VersionsChart projectId={projectId} metricKey={metricKey} version={version} current={current} /> : null}
      </CardContent>
    </Card>
  );
}

function MetricTable({
  rows,
  version,
  current,
  metricKey,
  onChoose,
}: {
  rows: MetricCompareRow[];
  version: number;
  current: number | null;
  metricKey: string | null;
  onChoose: (key: string) => void;
}) {
  return (
    <Table aria-label="Metric comparison">
      <THead>
        <Tr>
          <Th>Key</Th>
          <Th className="text-right">This version (v{version})</Th>
          <Th className="text-right">{current === null ? "Current version" : `Current (v${current})`}</Th>
          <Th className="text-right">Change</Th>
        </Tr>
      </THead>
      <TBody>
        {rows.map((r) => (
          <Tr key={r.key} data-testid="metric-compare-row" data-key={r.key} className={cn(r.key === metricKey && "bg-accent/60 hover:bg-accent/60")}>
            <Td>
              <button
                type="button"
                aria-pressed={r.key === metricKey}
                title={`Chart ${r.key}`}
                onClick={() => onChoose(r.key)}
                className="rounded-sm font-mono text-xs text-primary hover:underline focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-ring"
              >
                {r.key}
              </button>
            </Td>
            <Td className="text-right font-mono text-xs tabular-nums">{formatMetric(r.candidate)}</Td>
            <Td className="text-right font-mono text-xs tabular-nums">{formatMetric(r.current)}</Td>
            <Td className="text-right font-mono text-xs tabular-nums text-muted-foreground">{formatDelta(r.delta)}</Td>
          </Tr>
        ))}
      </TBody>
    </Table>
  );
}

const chartSettings = (range: [number, number] | null): ChartSettings => ({ x: "step", smoothing: 0, logY: false, range });

function VersionsChart({ projectId, metricKey, version, current }: { projectId: string; metricKey: string; version: Version; current: Version | null }) {
  const [range, setRange] = useState<[number, number] | null>(null);
  const sides = [
    { v: version, label: `v${version.version} (this version)` },
    ...(current ? [{ v: current, label: `v${current.version} (current)` }] : []),
  ].filter((s): s is { v: Version & { runId: string }; label: string } => s.v.runId !== null);
  // Two versions of one run draw one line: name it after both.
  const runIds = [...new Set(sides.map((s) => s.v.runId))];
  const runIdsKey = runIds.join(",");
  const namesKey = JSON.stringify(runIds.map((id) => [id, sides.filter((s) => s.v.runId === id).map((s) => s.label).join(" = ")]));
  const names = useMemo(() => new Map<string, string>(JSON.parse(namesKey)), [namesKey]);
  const dashes = useMemo(() => runDashes(runIdsKey.split(",")), [runIdsKey]);
  const settings = useMemo(() => chartSettings(range), [range]);
  if (runIds.length === 0) return <p className="text-sm text-muted-foreground">The versions&apos; runs were deleted: no curves to draw.</p>;
  return (
    <div className="flex flex-col gap-2" data-testid="promotion-chart">
      <ul aria-label="Charted versions" className="flex flex-wrap gap-x-4 gap-y-1 text-sm">
        {runIds.map((id) => (
          <li key={id} className="flex items-center gap-1.5">
            <svg aria-hidden width="18" height="8" className="shrink-0">
              <line x1="1" x2="17" y1="4" y2="4" stroke={runColor(id)} strokeWidth="2.5" strokeDasharray={dashes.get(id)} />
            </svg>
            {names.get(id)}
          </li>
        ))}
      </ul>
      <CompareChartCard
        projectId={projectId}
        metricKey={metricKey}
        runIds={runIds}
        names={names}
        dashes={dashes}
        settings={settings}
        live={false}
        onZoom={setRange}
        onResetZoom={() => setRange(null)}
      />
    </div>
  );
}
