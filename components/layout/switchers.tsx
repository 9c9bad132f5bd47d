"use client";

import { useQuery } from "@tanstack/react-query";
import { ChevronsUpDown, FolderKanban, Plus, Users } from "lucide-react";
import Link from "next/link";
import { useParams } from "next/navigation";
import { useTRPC } from "../trpc/client";
import { Button } from "../ui/button";
import {
  DropdownMenu,
  DropdownMenuContent,
  DropdownMenuItem,
  DropdownMenuLabel,
  DropdownMenuSeparator,
  DropdownMenuTrigger,
} from "../ui/dropdown-menu";

/** The team and project the page is about: from the URL, or the team of the project in it. */
function useCurrent() {
  const trpc = useTRPC();
  const params = useParams<{ teamSlug?: string; projectId?: string }>();
  const teams = useQuery(trpc.teams.list.queryOptions());
  const projects = useQuery(trpc.projects.list.queryOptions({}));
  const project = projects.data?.find((p) => p.id === params.projectId);
  const teamSlug = params.teamSlug ?? project?.teamSlug;
  return {
    teams: teams.data ?? [],
    team: teams.data?.find((t) => t.slug === teamSlug),
    teamProjects: (projects.data ?? []).filter((p) => p.teamSlug === teamSlug),
    project,
  };
}

export function Switchers() {
  const { teams, team, teamProjects, project } = useCurrent();
  return (
    <>
      <DropdownMenu>
        <DropdownMenuTrigger asChild>
          <Button variant="ghost" size="sm" data-testid="team-switcher" className="gap-1">
            {team?.name ?? "All teams"}
            <ChevronsUpDown className="opacity-60" />
          </Button>
        </DropdownMenuTrigger>
        <DropdownMenuContent align="start">
          <DropdownMenuLabel>Teams</DropdownMenuLabel>
          {teams.map((t) => (
            <DropdownMenuItem key={t.id} asChild>
              <Link href={`/teams/${t.slug}`}>
                <Users /> {t.name}
              </Link>
            </DropdownMenuItem>
          ))}
          <DropdownMenuSeparator />
          <DropdownMenuItem asChild>
            <Link href="/teams?create=1">
              <Plus /> New team
            </Link>
          </DropdownMenuItem>
        </DropdownMenuContent>
      </DropdownMenu>
      {team ? (
        <>
          <span className="text-muted-foreground">/</span>
          <DropdownMenu>
            <DropdownMenuTrigger asChild>
              <Button variant="ghost" size="sm" data-testid="project-switcher" className="gap-1">
                {project?.name ?? "Projects"}
                <ChevronsUpDown className="opacity-60" />
              </Button>
            </DropdownMenuTrigger>
            <DropdownMenuContent align="start">
              <DropdownMenuLabel>Projects in {team.name}</DropdownMenuLabel>
              {teamProjects.length === 0 ? <DropdownMenuItem disabled>No projects yet</DropdownMenuItem> : null}
              {teamProjects.map((p) => (
                <DropdownMenuItem key={p.id} asChild>
                  <Link href={`/projects/${p.id}`}>
                    <FolderKanban /> {p.name}
                  </Link>
                </DropdownMenuItem>
              ))}
            </DropdownMenuContent>
          </DropdownMenu>
        </>
      ) : null}
    </>
  );
}
