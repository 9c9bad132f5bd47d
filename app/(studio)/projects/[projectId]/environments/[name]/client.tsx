"use client";

import { skipToken, useQuery } from "@tanstack/react-query";
import { ArrowLeft, Pencil } from "lucide-react";
import Link from "next/link";
import { useCallback, useMemo, useState } from "react";
import { NewVersionEditor } from "@/components/environments/new-version-editor";
import { SpecDiff } from "@/components/environments/spec-diff";
import type { SavedVersion } from "@/components/environments/use-save-environment";
import { VersionSpec } from "@/components/environments/version-spec";
import { VersionsTable } from "@/components/environments/versions-table";
import { useUrlState } from "@/components/runs/use-url-state";
import { useTRPC } from "@/components/trpc/client";
import { Button } from "@/components/ui/button";
import { EmptyState, ErrorState, LoadingRows } from "@/components/ui/states";
import { can } from "@/server/auth/permissions";
import { parseEnvironmentView, serializeEnvironmentView } from "./search-params";

export function EnvironmentClient({ projectId, name }: { projectId: string; name: string }) {
  const trpc = useTRPC();
  const project = useQuery(trpc.projects.get.queryOptions({ projectId }));
  const versions = useQuery(trpc.environments.versions.queryOptions({ projectId, name }));
  const teamSlug = project.data?.teamSlug;
  // Versions record who saved them by user id; the team's member list gives the names.
  const members = useQuery(trpc.teams.members.queryOptions(teamSlug ? { teamSlug } : skipToken));
  const names = useMemo(() => new Map(members.data?.map((m) => [m.userId, m.name])), [members.data]);
  const userName = useCallback((userId: string) => names.get(userId), [names]);
  const [view, setView] = useUrlState(parseEnvironmentView, serializeEnvironmentView);
  const [editing, setEditing] = useState(false);
  const canWrite = can(project.data?.role, "runs:write");

  const onSaved = useCallback(
    (saved: SavedVersion) =>
      // A new version is the latest: show it and its change against the one before. An unchanged
      // spec shows the version it matched.
      setView(saved.created ? { version: null, a: null, b: null } : (v) => ({ ...v, version: saved.version })),
    [setView],
  );

  const back = (
    <Link href={`/projects/${projectId}/environments`} className="flex w-fit items-center gap-1 text-sm text-muted-foreground hover:text-foreground">
      <ArrowLeft className="size-4" aria-hidden /> All environments
    </Link>
  );
  if (versions.isPending) return <LoadingRows rows={4} label="Loading environment" />;
  if (versions.isError) {
    return (
      <div className="flex flex-col gap-4">
        {back}
        <ErrorState title="Could not load the environment" error={versions.error} />
      </div>
    );
  }

  const [latest, ...older] = versions.data;
  const header = (
    <div className="flex flex-wrap items-center gap-3">
      <h2 className="font-mono text-xl font-semibold" data-testid="environment-name">
        {name}
      </h2>
      <span className="text-sm text-muted-foreground">
        {versions.data.length} version{versions.data.length === 1 ? "" : "s"}
      </span>
      {canWrite && latest && !editing ? (
        <Button variant="outline" size="sm" className="ml-auto" onClick={() => setEditing(true)}>
          <Pencil aria-hidden /> New version
        </Button>
      ) : null}
    </div>
  );
  if (!latest) {
    return (
      <div className="flex flex-col gap-4">
        {back}
        {header}
        <EmptyState title="No versions yet" description="This environment has no saved spec." />
      </div>
    );
  }

  const find = (n: number | null) => (n === null ? undefined : versions.data.find((v) => v.version === n));
  const selected = find(view.version) ?? latest;
  const previous = older[0];
  const a = find(view.a) ?? previous ?? latest;
  const b = find(view.b) ?? latest;

  return (
    <div className="flex flex-col gap-4">
      {back}
      {header}
      {editing ? <NewVersionEditor projectId={projectId} name={name} latest={latest} onSaved={onSaved} onClose={() => setEditing(false)} /> : null}
      <section aria-labelledby="history-heading" className="flex flex-col gap-2">
        <h3 id="history-heading" className="text-base font-semibold">
          History
        </h3>
        <VersionsTable
          versions={versions.data}
          selected={selected.version}
          onSelect={(version) => setView((v) => ({ ...v, version: version === latest.version ? null : version }))}
          userName={userName}
        />
      </section>
      <VersionSpec
        version={selected}
        createdBy={selected.createdBy ? userName(selected.createdBy) : undefined}
        projectId={projectId}
        canLaunch={canWrite}
      />
      {previous ? (
        <SpecDiff
          versions={versions.data}
          a={a}
          b={b}
          onChange={(next) =>
            setView((v) => ({ ...v, a: next.a === previous.version ? null : next.a, b: next.b === latest.version ? null : next.b }))
          }
        />
      ) : (
        <p className="text-sm text-muted-foreground">Save a second version to compare versions side by side.</p>
      )}
    </div>
  );
}
