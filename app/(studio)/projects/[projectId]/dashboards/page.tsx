import type { Metadata } from "next";
import { getQueryClient, HydrateClient, trpc } from "@/server/trpc/server";
import { loadProject } from "../load-project";
import { DashboardsClient } from "./client";

export const metadata: Metadata = { title: "Dashboards" };

export default async function DashboardsPage({ params }: { params: Promise<{ projectId: string }> }) {
  const { projectId } = await params;
  await loadProject(projectId);
  // The first listing of a project made before dashboards existed also creates its default one.
  await getQueryClient().prefetchQuery(trpc.dashboards.list.queryOptions({ projectId }));
  return (
    <HydrateClient>
      <DashboardsClient projectId={projectId} />
    </HydrateClient>
  );
}
