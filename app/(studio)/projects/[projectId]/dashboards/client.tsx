"use client";

import { useQuery } from "@tanstack/react-query";
import { DashboardList } from "@/components/dashboards/dashboard-list";
import { useTRPC } from "@/components/trpc/client";

export function DashboardsClient({ projectId }: { projectId: string }) {
  const trpc = useTRPC();
  const project = useQuery(trpc.projects.get.queryOptions({ projectId }));
  return <DashboardList projectId={projectId} role={project.data?.role} />;
}
