"use client";

import { useQuery, useQueryClient } from "@tanstack/react-query";
import { AlertTriangle } from "lucide-react";
import Link from "next/link";
import { useEffect, useRef } from "react";
import type { RunStatus } from "@/db/schema/enums";
import { ShortDate } from "../runs/short-date";
import { useTRPC } from "../trpc/client";
import { Card, CardContent, CardHeader, CardTitle } from "../ui/card";
import { ErrorState } from "../ui/states";
import { Digest } from "./digest";
import { environmentHref, versionSelector } from "./format";
import { PinnedBadge } from "./pinned-badge";
import { ReproductionVerdictBadge } from "./reproduction-verdict-badge";
import type { CapturedEnvironment, Reproduction, RunEnvironment as RunEnvironmentData } from "./types";

/** While the run is live the agent's capture may arrive; reproductions of it get verdicts later. */
const LIVE_REFRESH_MS = 3000;
const VERDICTS_REFRESH_MS = 10_000;

function None() {
  return <span className="text-muted-foreground">—</span>;
}

/** "2 × NVIDIA A100-SXM4-80GB" rather than the same name twice. */
function gpuSummary(gpus: string[]): string[] {
  const counts = new Map<string, number>();
  for (const g of gpus) counts.set(g, (counts.get(g) ?? 0) + 1);
  return [...counts].map(([name, n]) => (n > 1 ? `${n} × ${name}` : name));
}

function Captured({ captured }: { captured: CapturedEnvironment }) {
  const packages = captured.packages ?? [];
  return (
    <>
      <dt className="text-muted-foreground">Python</dt>
      <dd className="font-mono text-xs leading-5">{captured.python ?? <None />}</dd>
      <dt className="text-muted-foreground">OS</dt>
      <dd className="break-words text-xs leading-5">{captured.os ?? <None />}</dd>
      <dt className="text-muted-foreground">Driver</dt>
      <dd className="font-mono text-xs leading-5">{captured.driver ?? <None />}</dd>
      <dt className="text-muted-foreground">CUDA</dt>
      <dd className="font-mono text-xs leading-5">{captured.cuda ?? <None />}</dd>
      <dt className="text-muted-foreground">GPUs</dt>
      <dd className="text-xs leading-5">
        {captured.gpus?.length ? (
          <ul>
            {gpuSummary(captured.gpus).map((g) => (
              <li key={g}>{g}</li>
            ))}
          </ul>
        ) : (
          <None />
        )}
      </dd>
      <dt className="text-muted-foreground">Packages</dt>
      <dd>
        {packages.length ? (
          <details data-testid="env-packages">
            <summary className="cursor-pointer text-xs text-primary hover:underline">pip freeze ({packages.length})</summary>
            <ul className="mt-1 max-h-72 overflow-auto rounded-md border bg-muted px-2 py-1 font-mono text-xs leading-5">
              {packages.map((p) => (
                <li key={p} className="break-all">
                  {p}
                </li>
              ))}
            </ul>
          </details>
        ) : (
          <None />
        )}
      </dd>
    </>
  );
}

function EnvironmentCard({ projectId, data, live }: { projectId: string; data: RunEnvironmentData; live: boolean }) {
  const { declared, captured, drift } = data;
  return (
    <Card role="region" aria-label="Environment" data-testid="run-environment">
      <CardHeader>
        <div className="flex flex-wrap items-center gap-2">
          <CardTitle>Environment</CardTitle>
          {declared ? <PinnedBadge pinned={declared.pinned} /> : null}
        </div>
      </CardHeader>
      <CardContent className="flex flex-col gap-3">
        {drift.length ? (
          <div role="alert" className="rounded-md border border-amber-500/40 bg-amber-500/5 px-3 py-2 text-sm">
            <p className="flex items-center gap-1.5 font-medium">
              <AlertTriangle className="size-4 text-amber-600 dark:text-amber-400" aria-hidden />
              {data.reproduction ? "Differs from what was declared or what the original ran" : "Differs from what was declared"}
            </p>
            <ul data-testid="env-drift" className="mt-1 list-disc pl-5 text-xs leading-5 text-muted-foreground">
              {drift.map((d) => (
                <li key={`${d.kind}:${d.message}`} data-kind={d.kind}>
                  {d.message}
                </li>
              ))}
            </ul>
          </div>
        ) : null}
        <dl className="grid grid-cols-[auto_minmax(0,1fr)] gap-x-4 gap-y-2 text-sm">
          <dt className="text-muted-foreground">Declared</dt>
          <dd>
            {declared ? (
              <Link
                href={environmentHref(projectId, declared.name, declared.version)}
                className="font-mono text-xs text-primary hover:underline"
                data-testid="declared-environment"
              >
                {versionSelector(declared.name, declared.version)}
              </Link>
            ) : (
              <span className="text-muted-foreground">none (host python)</span>
            )}
          </dd>
          {declared ? (
            <>
              <dt className="text-muted-foreground">Digest</dt>
              <dd>
                <Digest digest={declared.digest} />
              </dd>
            </>
          ) : null}
        </dl>
        {captured ? (
          <section aria-label="Captured" className="flex flex-col gap-2">
            <p className="text-xs font-medium uppercase tracking-wide text-muted-foreground">
              Captured <ShortDate value={captured.capturedAt} />
            </p>
            <dl className="grid grid-cols-[auto_minmax(0,1fr)] gap-x-4 gap-y-2 text-sm" data-testid="env-captured">
              <Captured captured={captured.captured} />
            </dl>
          </section>
        ) : (
          <p className="text-xs text-muted-foreground">
            {live ? "Nothing captured yet: the agent reports what it installed when the job starts." : "The agent reported nothing about what ran."}
          </p>
        )}
      </CardContent>
    </Card>
  );
}

function ReproductionsCard({ projectId, reproductions }: { projectId: string; reproductions: Reproduction[] }) {
  const newestFirst = [...reproductions].sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime());
  return (
    <Card role="region" aria-label="Reproductions">
      <CardHeader>
        <CardTitle>Reproductions</CardTitle>
      </CardHeader>
      <CardContent>
        <ul className="flex flex-col divide-y text-sm">
          {newestFirst.map((r) => (
            <li key={r.runId} data-testid="reproduced-by" data-run-id={r.runId} data-verdict={r.verdict} className="flex flex-col gap-1 py-2 first:pt-0 last:pb-0">
              <div className="flex items-center justify-between gap-2">
                <Link href={`/projects/${projectId}/runs/${r.runId}`} className="truncate text-primary hover:underline" title={r.runId}>
                  <ShortDate value={r.createdAt} />
                </Link>
                <ReproductionVerdictBadge verdict={r.verdict} />
              </div>
              {r.detail ? <p className="text-xs text-muted-foreground">{r.detail}</p> : null}
            </li>
          ))}
        </ul>
      </CardContent>
    </Card>
  );
}

/**
 * The run's environment (declared version, what the agent captured, and where they differ) and the
 * runs launched to reproduce it. Renders nothing for a run with neither. Polls while the run is
 * live and refetches when its status moves, so a capture made between two polls still shows.
 */
export function RunEnvironment({ projectId, runId, status }: { projectId: string; runId: string; status: RunStatus }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const live = status === "queued" || status === "running";
  const env = useQuery({
    ...trpc.environments.ofRun.queryOptions({ runId }),
    refetchInterval: (query) =>
      live ? LIVE_REFRESH_MS : query.state.data?.reproducedBy.some((r) => r.verdict === "pending") ? VERDICTS_REFRESH_MS : false,
  });
  const seen = useRef(status);
  useEffect(() => {
    if (seen.current === status) return;
    seen.current = status;
    void queryClient.invalidateQueries({ queryKey: trpc.environments.ofRun.queryKey({ runId }) });
  }, [status, queryClient, trpc, runId]);
  if (env.isError) return <ErrorState title="Could not load the run's environment" error={env.error} />;
  if (!env.data) return null;
  const { declared, captured, reproducedBy } = env.data;
  return (
    <>
      {declared || captured ? <EnvironmentCard projectId={projectId} data={env.data} live={live} /> : null}
      {reproducedBy.length ? <ReproductionsCard projectId={projectId} reproductions={reproducedBy} /> : null}
    </>
  );
}
