"use client";

import { useQuery } from "@tanstack/react-query";
import { LayoutDashboard } from "lucide-react";
import Link from "next/link";
import { can } from "@/server/auth/permissions";
import type { TeamRole } from "@/db/schema/enums";
import { DateTime } from "../audit/date-time";
import { useTRPC } from "../trpc/client";
import { EmptyState, ErrorState, LoadingRows } from "../ui/states";
import { CreateDashboardDialog } from "./create-dashboard-dialog";

/** The project's dashboards, oldest (the default one) first. */
export function DashboardList({ projectId, role }: { projectId: string; role: TeamRole | undefined }) {
  const trpc = useTRPC();
  const list = useQuery(trpc.dashboards.list.queryOptions({ projectId }));
  return (
    <section aria-labelledby="dashboards-heading" className="flex flex-col gap-4">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <h2 id="dashboards-heading" className="text-lg font-semibold">
          Dashboards
        </h2>
        {can(role, "dashboards:write") ? <CreateDashboardDialog projectId={projectId} /> : null}
      </div>
      {list.isPending ? (
        <LoadingRows rows={2} label="Loading dashboards" />
      ) : list.isError ? (
        <ErrorState title="Could not load the dashboards" error={list.error} />
      ) : list.data.length === 0 ? (
        <EmptyState title="No dashboards" />
      ) : (
        <ul aria-label="Dashboards" className="grid gap-3 md:grid-cols-2 xl:grid-cols-3">
          {list.data.map((d) => (
            <li key={d.id}>
              <Link
                href={`/projects/${projectId}/dashboards/${d.id}`}
                className="flex h-full flex-col gap-1.5 rounded-lg border bg-card p-4 shadow-xs transition-colors hover:border-primary/50"
              >
                <span className="flex items-center gap-2 font-medium">
                  <LayoutDashboard className="size-4 text-muted-foreground" aria-hidden />
                  {d.name}
                </span>
                {d.description ? <span className="line-clamp-2 text-sm text-muted-foreground">{d.description}</span> : null}
                <span className="mt-auto text-xs text-muted-foreground">
                  {d.panelCount} {d.panelCount === 1 ? "panel" : "panels"} · edited <DateTime value={d.updatedAt} />
                  {d.updatedByName ? ` by ${d.updatedByName}` : ""}
                </span>
              </Link>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
