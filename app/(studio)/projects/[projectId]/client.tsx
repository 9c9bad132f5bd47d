"use client";

import { useQuery } from "@tanstack/react-query";
import { Rocket, Settings, Users } from "lucide-react";
import Link from "next/link";
import { DateTime } from "@/components/audit/date-time";
import { RunStatusBadge } from "@/components/runs/run-status-badge";
import { RoleBadge } from "@/components/teams/role-badge";
import { useTRPC } from "@/components/trpc/client";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { EmptyState, ErrorState, LoadingRows } from "@/components/ui/states";
import { can, roleDescriptions } from "@/server/auth/permissions";

function RecentRuns({ projectId }: { projectId: string }) {
  const trpc = useTRPC();
  const runs = useQuery(trpc.runs.list.queryOptions({ projectId, limit: 5 }));
  if (runs.isPending) return <LoadingRows rows={2} label="Loading runs" />;
  if (runs.isError) return <ErrorState title="Could not load runs" error={runs.error} />;
  if (runs.data.length === 0) {
    return (
      <EmptyState
        title="No runs yet"
        description="Training runs logged to this project, from the studio, the SDK or the mlflow client, will appear here."
      />
    );
  }
  return (
    <>
      <ul aria-label="Recent runs" className="divide-y rounded-lg border">
        {runs.data.map((r) => (
          <li key={r.id} className="flex items-center justify-between gap-3 px-3 py-2 text-sm">
            <Link href={`/projects/${projectId}/runs/${r.id}`} className="truncate font-medium text-primary hover:underline">
              {r.name}
            </Link>
            <RunStatusBadge status={r.status} />
          </li>
        ))}
      </ul>
      <Link href={`/projects/${projectId}/runs`} className="text-sm text-primary hover:underline">
        All runs
      </Link>
    </>
  );
}

export function ProjectOverviewClient({ projectId }: { projectId: string }) {
  const trpc = useTRPC();
  const project = useQuery(trpc.projects.get.queryOptions({ projectId }));
  if (project.isPending) return <LoadingRows label="Loading project" />;
  if (project.isError) return <ErrorState title="Could not load the project" error={project.error} />;
  const p = project.data;

  return (
    <div className="grid gap-6 lg:grid-cols-[1fr_18rem]">
      <section aria-labelledby="runs-heading" className="flex flex-col gap-3">
        <h2 id="runs-heading" className="text-lg font-semibold">
          Runs
        </h2>
        <RecentRuns projectId={projectId} />
      </section>
      <aside className="flex flex-col gap-4">
        <Card>
          <CardHeader>
            <CardTitle>About</CardTitle>
            <CardDescription className="whitespace-pre-line">{p.description || "No description."}</CardDescription>
          </CardHeader>
          <CardContent>
            <dl className="grid grid-cols-[auto_1fr] gap-x-4 gap-y-2 text-sm">
              <dt className="text-muted-foreground">Team</dt>
              <dd>
                <Link href={`/teams/${p.teamSlug}`} className="text-primary hover:underline">
                  {p.teamName}
                </Link>
              </dd>
              <dt className="text-muted-foreground">Slug</dt>
              <dd className="font-mono text-xs leading-5">{p.slug}</dd>
              <dt className="text-muted-foreground">Your role</dt>
              <dd>
                <RoleBadge role={p.role} title={roleDescriptions[p.role]} data-testid="project-role" />
              </dd>
              <dt className="text-muted-foreground">Created</dt>
              <dd>
                <DateTime value={p.createdAt} />
              </dd>
            </dl>
          </CardContent>
        </Card>
        <nav aria-label="Project shortcuts" className="flex flex-col gap-1 text-sm">
          {can(p.role, "runs:write") ? (
            <Link href={`/projects/${projectId}/launch`} className="flex items-center gap-2 rounded-md px-2 py-1.5 hover:bg-accent">
              <Rocket className="size-4 text-muted-foreground" aria-hidden /> Launch job
            </Link>
          ) : null}
          {can(p.role, "projects:update") ? (
            <Link href={`/projects/${projectId}/settings`} className="flex items-center gap-2 rounded-md px-2 py-1.5 hover:bg-accent">
              <Settings className="size-4 text-muted-foreground" aria-hidden /> Project settings
            </Link>
          ) : null}
          <Link href={`/teams/${p.teamSlug}/members`} className="flex items-center gap-2 rounded-md px-2 py-1.5 hover:bg-accent">
            <Users className="size-4 text-muted-foreground" aria-hidden /> Team members
          </Link>
        </nav>
      </aside>
    </div>
  );
}
