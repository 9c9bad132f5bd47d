"use client";

import { useQuery } from "@tanstack/react-query";
import { CreateProjectDialog } from "@/components/projects/create-project-dialog";
import { useTRPC } from "@/components/trpc/client";
import { ProjectCards } from "@/components/projects/project-cards";
import { EmptyState, ErrorState, LoadingRows } from "@/components/ui/states";
import { can } from "@/server/auth/permissions";

export function TeamOverviewClient({ teamSlug }: { teamSlug: string }) {
  const trpc = useTRPC();
  const team = useQuery(trpc.teams.get.queryOptions({ teamSlug }));
  const projects = useQuery(trpc.projects.list.queryOptions({ teamSlug }));
  const mayCreate = can(team.data?.role, "projects:create");

  return (
    <section aria-labelledby="team-projects" className="flex flex-col gap-4">
      <div className="flex items-center justify-between gap-4">
        <h2 id="team-projects" className="text-lg font-semibold">
          Projects
        </h2>
        {team.data && mayCreate ? <CreateProjectDialog teams={[{ slug: teamSlug, name: team.data.name }]} /> : null}
      </div>
      {projects.isPending ? (
        <LoadingRows label="Loading projects" />
      ) : projects.isError ? (
        <ErrorState title="Could not load projects" error={projects.error} />
      ) : projects.data.length === 0 ? (
        <EmptyState
          title="No projects in this team yet"
          description={
            mayCreate
              ? "A project holds runs, jobs and models. Create the first one."
              : "Members with the member role or above can create projects."
          }
        />
      ) : (
        <ProjectCards projects={projects.data} label={`Projects of ${team.data?.name ?? teamSlug}`} />
      )}
    </section>
  );
}
