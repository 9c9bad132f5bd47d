"use client";

import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { CreateProjectDialog } from "@/components/projects/create-project-dialog";
import { RoleBadge } from "@/components/teams/role-badge";
import { useTRPC } from "@/components/trpc/client";
import { Button } from "@/components/ui/button";
import { Card, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
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
        <ul className="grid gap-3 sm:grid-cols-2" aria-label="Projects">
          {projects.data.map((p) => (
            <li key={p.id}>
              <Link href={`/projects/${p.id}`} className="block rounded-lg focus-visible:ring-2 focus-visible:ring-ring">
                <Card className="h-full transition-colors hover:border-primary/50">
                  <CardHeader>
                    <div className="flex items-center justify-between gap-2">
                      <p className="text-xs text-muted-foreground">{p.teamName}</p>
                      <RoleBadge role={p.role} />
                    </div>
                    <CardTitle>{p.name}</CardTitle>
                    <CardDescription className="line-clamp-2">{p.description || "No description"}</CardDescription>
                  </CardHeader>
                </Card>
              </Link>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
