import { DateTime } from "../audit/date-time";
import { formatDuration } from "../charts/prepare/format";
import { Badge } from "../ui/badge";
import { Card, CardContent, CardHeader, CardTitle } from "../ui/card";
import { runDurationMs } from "./columns";
import { RunStatusBadge } from "./run-status-badge";
import type { RunDetail } from "./types";

function None() {
  return <span className="text-muted-foreground">—</span>;
}

function Mono({ value, keep }: { value: string | null | undefined; keep?: number }) {
  if (!value) return <None />;
  return (
    <span className="break-all font-mono text-xs leading-5" title={value}>
      {keep && value.length > keep ? `${value.slice(0, keep)}…` : value}
    </span>
  );
}

/** What the platform recorded about the run: timing, who, code revision, environment, data, tags. */
export function RunOverview({ run, now }: { run: RunDetail; now: number }) {
  const tags = Object.entries(run.tags);
  return (
    <Card>
      <CardHeader>
        <CardTitle>Overview</CardTitle>
      </CardHeader>
      <CardContent>
        <dl className="grid grid-cols-[auto_minmax(0,1fr)] gap-x-4 gap-y-2 text-sm" data-testid="run-overview">
          <dt className="text-muted-foreground">Status</dt>
          <dd>
            <RunStatusBadge status={run.status} />
          </dd>
          <dt className="text-muted-foreground">Duration</dt>
          <dd className="tabular-nums">{formatDuration(runDurationMs(run, now))}</dd>
          <dt className="text-muted-foreground">Started</dt>
          <dd>
            <DateTime value={run.startedAt} />
          </dd>
          <dt className="text-muted-foreground">Ended</dt>
          <dd>
            <DateTime value={run.endedAt} />
          </dd>
          <dt className="text-muted-foreground">Creator</dt>
          <dd title={run.creator?.email}>{run.creator?.name ?? <None />}</dd>
          <dt className="text-muted-foreground">Git</dt>
          <dd>
            <Mono value={run.source.gitUrl} />
          </dd>
          <dt className="text-muted-foreground">Commit</dt>
          <dd>
            <Mono value={run.source.commit} keep={12} />
          </dd>
          <dt className="text-muted-foreground">Uncommitted</dt>
          <dd>
            {run.source.dirtySha256 ? <Mono value={`sha256:${run.source.dirtySha256}`} keep={19} /> : run.source.commit ? "clean" : <None />}
          </dd>
          <dt className="text-muted-foreground">Environment</dt>
          <dd>
            {run.environment ? <Mono value={`${run.environment.name}@${run.environment.version}`} /> : <None />}
          </dd>
          <dt className="text-muted-foreground">Datasets</dt>
          <dd>
            {run.datasets.length ? (
              <ul className="flex flex-col gap-1">
                {run.datasets.map((d) => (
                  <li key={`${d.uri}:${d.context}`} title={d.digest || undefined}>
                    <Mono value={d.name || d.uri} />
                    {d.context ? <span className="ml-1 text-xs text-muted-foreground">({d.context})</span> : null}
                  </li>
                ))}
              </ul>
            ) : (
              <None />
            )}
          </dd>
          <dt className="text-muted-foreground">Tags</dt>
          <dd className="flex flex-wrap gap-1">
            {tags.length ? (
              tags.map(([k, v]) => (
                <Badge key={k} variant="secondary" className="max-w-full font-mono font-normal" title={`${k}=${v}`}>
                  <span className="min-w-0 truncate">{v ? `${k}=${v}` : k}</span>
                </Badge>
              ))
            ) : (
              <None />
            )}
          </dd>
          <dt className="text-muted-foreground">Run ID</dt>
          <dd>
            <Mono value={run.id} />
          </dd>
        </dl>
      </CardContent>
    </Card>
  );
}
