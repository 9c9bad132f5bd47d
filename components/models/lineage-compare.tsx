import Link from "next/link";
import type { PromotionState } from "@/db/schema/enums";
import { formatBytes } from "../charts/prepare/format";
import { Digest } from "../environments/digest";
import { environmentHref } from "../environments/format";
import { PinnedBadge } from "../environments/pinned-badge";
import { ShortDate } from "../runs/short-date";
import { Card, CardContent, CardHeader, CardTitle } from "../ui/card";
import { runPageHref } from "./links";
import type { PromotionDetails } from "./types";

type Version = PromotionDetails["version"];

function Row({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <>
      <dt className="text-muted-foreground">{label}</dt>
      <dd className="min-w-0 break-words">{children}</dd>
    </>
  );
}

const none = <span className="text-muted-foreground">—</span>;

/** Where one version came from: run, job, code, environment, data and bytes, as recorded at registration. */
function Lineage({ projectId, version }: { projectId: string; version: Version }) {
  const l = version.lineage;
  return (
    <dl className="grid grid-cols-[8rem_minmax(0,1fr)] gap-x-3 gap-y-1.5 text-sm">
      <Row label="Run">
        {version.runId ? (
          <Link href={runPageHref(projectId, version.runId)} className="text-primary hover:underline">
            {l.runName}
          </Link>
        ) : (
          <span title="The run was deleted; its lineage is kept">{l.runName} (deleted)</span>
        )}
      </Row>
      <Row label="Job">
        {l.jobId ? (
          version.runId ? (
            <Link href={runPageHref(projectId, version.runId)} className="font-mono text-xs text-primary hover:underline">
              {l.jobId}
            </Link>
          ) : (
            <code className="font-mono text-xs">{l.jobId}</code>
          )
        ) : (
          <span className="text-muted-foreground">logged outside a job</span>
        )}
      </Row>
      <Row label="Commit">
        {l.source.commit ? (
          <span className="flex flex-wrap items-center gap-1">
            <code className="font-mono text-xs" title={l.source.commit}>
              {l.source.commit.slice(0, 12)}
            </code>
            {l.source.gitUrl ? <span className="truncate text-xs text-muted-foreground">{l.source.gitUrl}</span> : null}
            {l.source.dirtySha256 ? <span className="text-xs text-amber-700 dark:text-amber-400">with uncommitted changes</span> : null}
          </span>
        ) : l.source.snapshotSha256 ? (
          <span className="text-xs">code snapshot <Digest digest={l.source.snapshotSha256} copy={false} /></span>
        ) : (
          none
        )}
      </Row>
      <Row label="Environment">
        {l.environment ? (
          <span className="flex flex-wrap items-center gap-2">
            <Link href={environmentHref(projectId, l.environment.name, l.environment.version)} className="font-mono text-xs text-primary hover:underline">
              {l.environment.name}@{l.environment.version}
            </Link>
            <PinnedBadge pinned={l.environment.pinned} />
          </span>
        ) : (
          <span className="text-muted-foreground">none declared</span>
        )}
      </Row>
      <Row label="Datasets">
        {l.datasets.length ? (
          <ul className="flex flex-col gap-0.5">
            {l.datasets.map((d) => (
              <li key={`${d.uri}:${d.context}`} className="truncate font-mono text-xs" title={`${d.uri}${d.digest ? ` (${d.digest})` : ""}`}>
                {d.name || d.uri}
                {d.context ? <span className="text-muted-foreground"> · {d.context}</span> : null}
              </li>
            ))}
          </ul>
        ) : (
          none
        )}
      </Row>
      <Row label="Artifact">
        <span className="flex flex-wrap items-center gap-x-2">
          <code className="font-mono text-xs">{version.artifactPath}</code>
          <span className="text-xs text-muted-foreground">{formatBytes(version.artifactSize)}</span>
          <Digest digest={version.artifactSha256} />
        </span>
      </Row>
      <Row label="Registered">
        <ShortDate value={version.createdAt} />
      </Row>
    </dl>
  );
}

/** The requested version's lineage beside the current holder's (or the one it replaced, once applied). */
export function LineageCompare({
  projectId,
  version,
  current,
  alias,
  state,
}: {
  projectId: string;
  version: Version;
  current: Version | null;
  alias: string;
  state: PromotionState;
}) {
  const applied = state === "applied";
  return (
    <div className="grid gap-4 md:grid-cols-2" data-testid="lineage">
      <Card role="region" aria-label="This version">
        <CardHeader>
          <CardTitle>This version · v{version.version}</CardTitle>
        </CardHeader>
        <CardContent>
          <Lineage projectId={projectId} version={version} />
        </CardContent>
      </Card>
      <Card role="region" aria-label="Current version">
        <CardHeader>
          <CardTitle>
            {applied ? "Replaced" : "Current"} {alias}
            {current ? ` · v${current.version}` : ""}
          </CardTitle>
        </CardHeader>
        <CardContent>
          {current ? (
            <Lineage projectId={projectId} version={current} />
          ) : (
            <p className="text-sm text-muted-foreground">
              {`No current version: ${alias} ${applied ? "pointed nowhere before" : "points nowhere yet"}.`}
            </p>
          )}
        </CardContent>
      </Card>
    </div>
  );
}
