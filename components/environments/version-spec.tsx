import { Rocket } from "lucide-react";
import Link from "next/link";
import { DateTime } from "../audit/date-time";
import { Button } from "../ui/button";
import { Card, CardContent, CardHeader, CardTitle } from "../ui/card";
import { Digest } from "./digest";
import { versionSelector } from "./format";
import { PinnedBadge } from "./pinned-badge";
import type { EnvironmentVersion } from "./types";

/** One version: its canonical YAML, how a job names it, and what keeps it from being pinned. */
export function VersionSpec({
  version,
  createdBy,
  projectId,
  canLaunch,
}: {
  version: EnvironmentVersion;
  createdBy?: string;
  projectId: string;
  canLaunch: boolean;
}) {
  const selector = versionSelector(version.name, version.version);
  return (
    <Card role="region" aria-label={`Version ${version.version}`} data-testid="env-selected-version" data-version={version.version}>
      <CardHeader>
        <div className="flex flex-wrap items-center gap-3">
          <CardTitle>Version {version.version}</CardTitle>
          <PinnedBadge pinned={version.pinned} />
          <Digest digest={version.digest} />
          {canLaunch ? (
            <Button asChild variant="outline" size="sm" className="ml-auto">
              <Link href={`/projects/${projectId}/launch?environment=${encodeURIComponent(selector)}`}>
                <Rocket aria-hidden /> Launch a job with it
              </Link>
            </Button>
          ) : null}
        </div>
        <p className="text-sm text-muted-foreground">
          Saved <DateTime value={version.createdAt} />
          {createdBy ? ` by ${createdBy}` : ""}. Jobs name it <code className="rounded bg-muted px-1 font-mono text-xs">{selector}</code>.
        </p>
      </CardHeader>
      <CardContent className="flex flex-col gap-4">
        {!version.pinned && version.unpinned.length ? (
          <div
            data-testid="env-unpinned"
            className="rounded-md border border-amber-500/40 bg-amber-500/5 px-3 py-2 text-sm"
          >
            <p className="font-medium">Not pinned: a rebuild may install something else.</p>
            <ul className="mt-1 list-disc pl-5 text-muted-foreground">
              {version.unpinned.map((message) => (
                <li key={message}>{message}</li>
              ))}
            </ul>
          </div>
        ) : null}
        <pre
          data-testid="env-spec-yaml"
          aria-label={`Spec of version ${version.version}`}
          className="max-h-[32rem] overflow-auto rounded-md border bg-muted px-3 py-2 font-mono text-xs leading-5"
        >
          {version.specYaml || "{}\n"}
        </pre>
      </CardContent>
    </Card>
  );
}
