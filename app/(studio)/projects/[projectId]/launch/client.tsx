"use client";

import { skipToken, useQuery } from "@tanstack/react-query";
import { ArrowLeft } from "lucide-react";
import Link from "next/link";
import { useSearchParams } from "next/navigation";
import { useEnvironmentOptions } from "@/components/environments/use-environment-options";
import { LaunchForm } from "@/components/jobs/launch-form";
import { useTRPC } from "@/components/trpc/client";
import { EmptyState, ErrorState, LoadingRows } from "@/components/ui/states";
import { can } from "@/server/auth/permissions";

/** Free GPU counts in the target picker stay current while the form is open. */
const TARGETS_REFRESH_MS = 5000;

export function LaunchClient({ projectId }: { projectId: string }) {
  const trpc = useTRPC();
  const project = useQuery(trpc.projects.get.queryOptions({ projectId }));
  const mayLaunch = can(project.data?.role, "runs:write");
  const teamSlug = project.data?.teamSlug;
  const targets = useQuery({
    ...trpc.compute.list.queryOptions(teamSlug && mayLaunch ? { teamSlug } : skipToken),
    refetchInterval: TARGETS_REFRESH_MS,
  });
  const environments = useEnvironmentOptions(projectId, mayLaunch);
  // The environment page links here with ?environment=name@version to launch on that version.
  const presetEnvironment = useSearchParams().get("environment") ?? undefined;

  if (project.isPending) return <LoadingRows rows={4} label="Loading launch form" />;
  if (project.isError) return <ErrorState title="Could not load the project" error={project.error} />;

  return (
    <section aria-labelledby="launch-heading" className="flex flex-col gap-4">
      <Link href={`/projects/${projectId}/runs`} className="flex w-fit items-center gap-1 text-sm text-muted-foreground hover:text-foreground">
        <ArrowLeft className="size-4" aria-hidden /> All runs
      </Link>
      <div>
        <h2 id="launch-heading" className="text-lg font-semibold">
          Launch a job
        </h2>
        <p className="text-sm text-muted-foreground">
          Queue a command on the team&apos;s compute. It gets a run in this project that records its logs, metrics and outcome.
        </p>
      </div>
      {!mayLaunch ? (
        <EmptyState
          title="Your role cannot launch jobs"
          description="Viewers can follow runs; members, reviewers, admins and owners can launch jobs."
        />
      ) : (
        <>
          {targets.isError ? <ErrorState title="Could not load the team's compute" error={targets.error} /> : null}
          {environments.error ? <ErrorState title="Could not load the project's environments" error={environments.error} /> : null}
          <LaunchForm
            projectId={projectId}
            teamSlug={project.data.teamSlug}
            targets={targets.data}
            targetsPending={targets.isPending}
            environments={environments.isPending || environments.error ? undefined : environments.groups}
            environmentsPending={environments.isPending}
            defaultEnvironment={presetEnvironment}
          />
        </>
      )}
    </section>
  );
}
