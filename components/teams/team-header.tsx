"use client";

import { useQuery } from "@tanstack/react-query";
import { can, type Scope } from "@/server/auth/permissions";
import { useTRPC } from "../trpc/client";
import { Skeleton } from "../ui/states";
import { NavTabs } from "./nav-tabs";
import { RoleBadge } from "./role-badge";

const tabs: { segment: string; label: string; scope: Scope }[] = [
  { segment: "", label: "Overview", scope: "team:read" },
  { segment: "/members", label: "Members", scope: "team:read" },
  { segment: "/compute", label: "Compute", scope: "team:read" },
  { segment: "/audit", label: "Audit log", scope: "audit:read" },
  { segment: "/settings", label: "Settings", scope: "team:read" },
];

/** Title and tabs shared by every page of a team; tabs the role cannot use are left out. */
export function TeamHeader({ teamSlug }: { teamSlug: string }) {
  const trpc = useTRPC();
  const team = useQuery(trpc.teams.get.queryOptions({ teamSlug }));
  const base = `/teams/${teamSlug}`;

  return (
    <div className="flex flex-col gap-4 border-b">
      <div className="flex flex-wrap items-center gap-3">
        {team.data ? (
          <>
            <h1 className="text-2xl font-semibold">{team.data.name}</h1>
            <RoleBadge role={team.data.role} data-testid="team-role" />
          </>
        ) : (
          <Skeleton className="h-8 w-56" />
        )}
        <span className="font-mono text-xs text-muted-foreground">{teamSlug}</span>
      </div>
      <NavTabs
        label="Team"
        tabs={tabs.filter((tab) => can(team.data?.role, tab.scope)).map((tab) => ({ href: base + tab.segment, label: tab.label }))}
      />
    </div>
  );
}
