"use client";

import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { CreateProjectDialog } from "@/components/projects/create-project-dialog";
import { useTRPC } from "@/components/trpc/client";
import { ProjectCards } from "@/components/projects/project-cards";
import { Button } from "@/components/ui/button";
import { EmptyState, ErrorState, LoadingRows } from "@/components/ui/states";

export function ProjectsClient() {
  const trpc = useTRPC();
  const projects = useQuery(trpc.projects.list.queryOptions({}));
  const teams = useQuery(trpc.teams.list.queryOptions());
  const creatableTeams = (teams.data ?? []).filter((t) => t.role !== "viewer");

  return (
    <div className="flex flex-col gap-6">
      <div className="flex items-center justify-between">
        <div>
          <h1 className="text-2xl font-semibold">Projects</h1>
          <p className="text-sm text-muted-foreground">Every project in the teams you belong to.</p>
        </div>
        {creatableTeams.length > 0 ? <CreateProjectDialog teams={creatableTeams} /> : null}
      </div>
      {projects.isPending ? (
        <LoadingRows label="Loading projects" />
      ) : projects.isError ? (
        <ErrorState title="Could not load projects" error={projects.error} />
      ) : projects.data.length === 0 ? (
        teams.data && teams.data.length === 0 ? (
          <EmptyState
            title="Create a team first"
            description="Projects live in teams. Create a team, then invite the people you work with."
            action={
              <Button asChild>
                <Link href="/teams?create=1">New team</Link>
              </Button>
            }
          />
        ) : (
          <EmptyState title="No projects yet" description="Create the first project of your team." />
        )
      ) : (
        <ProjectCards projects={projects.data} label="Projects" showTeam />
      )}
    </div>
  );
}
