"use client";

import { useQuery } from "@tanstack/react-query";
import { ChevronRight } from "lucide-react";
import Link from "next/link";
import { can } from "@/server/auth/permissions";
import { NavTabs } from "../teams/nav-tabs";
import { RoleBadge } from "../teams/role-badge";
import { useTRPC } from "../trpc/client";
import { Skeleton } from "../ui/states";

/** Breadcrumb, title and tabs shared by every page of a project. */
export function ProjectHeader({ projectId }: { projectId: string }) {
  const trpc = useTRPC();
  const project = useQuery(trpc.projects.get.queryOptions({ projectId }));
  const base = `/projects/${projectId}`;
  const role = project.data?.role;
  const tabs = [
    { href: base, label: "Overview", show: true },
    { href: `${base}/runs`, label: "Runs", show: true, matchNested: true },
    { href: `${base}/models`, label: "Models", show: true, matchNested: true },
    { href: `${base}/dashboards`, label: "Dashboard", show: true, matchNested: true },
    { href: `${base}/environments`, label: "Environments", show: true, matchNested: true },
    { href: `${base}/settings`, label: "Settings", show: can(role, "projects:update") || can(role, "projects:delete") },
  ];

  return (
    <div className="flex flex-col gap-3 border-b">
      {project.data ? (
        <>
          <nav aria-label="Breadcrumb" className="flex items-center gap-1 text-sm text-muted-foreground">
            <Link href={`/teams/${project.data.teamSlug}`} className="hover:text-foreground hover:underline">
              {project.data.teamName}
            </Link>
            <ChevronRight className="size-3.5" aria-hidden />
            <span aria-current="page">{project.data.name}</span>
          </nav>
          <div className="flex flex-wrap items-center gap-3">
            <h1 className="text-2xl font-semibold">{project.data.name}</h1>
            <RoleBadge role={project.data.role} />
          </div>
        </>
      ) : (
        <Skeleton className="h-14 w-72" />
      )}
      <NavTabs label="Project" tabs={tabs.filter((tab) => tab.show)} />
    </div>
  );
}
