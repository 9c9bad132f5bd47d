import { dehydrate, HydrationBoundary } from "@tanstack/react-query";
import { TRPCError } from "@trpc/server";
import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { cache } from "react";
import { makeQueryClient } from "@/components/trpc/query-client";
import { serverCaller, trpc } from "@/server/trpc/server";
import { loadProject } from "../../load-project";
import { DashboardClient } from "./client";

type Props = { params: Promise<{ projectId: string; dashboardId: string }> };

/** The dashboard, or not-found for an id that is not one of this project's dashboards. */
const loadDashboard = cache(async (projectId: string, dashboardId: string) => {
  try {
    const dashboard = await (await serverCaller()).dashboards.get({ dashboardId });
    if (dashboard.projectId !== projectId) notFound();
    return dashboard;
  } catch (error) {
    if (error instanceof TRPCError && error.code === "NOT_FOUND") notFound();
    throw error;
  }
});

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { projectId, dashboardId } = await params;
  return { title: (await loadDashboard(projectId, dashboardId)).name };
}

const RUN_PANELS = new Set(["line_charts", "scatter", "parallel"]);

export default async function DashboardPage({ params }: Props) {
  const { projectId, dashboardId } = await params;
  await loadProject(projectId);
  const dashboard = await loadDashboard(projectId, dashboardId);
  // A query client of its own, as on the runs and compare pages: the runs list can be large and
  // the layout's shared client would send it twice. Panel data (chart series, leaderboards,
  // usage) is asked for by each panel once it is on screen.
  const queryClient = makeQueryClient();
  queryClient.setQueryData(trpc.dashboards.get.queryKey({ dashboardId }), dashboard);
  if (dashboard.panels.some((p) => RUN_PANELS.has(p.kind))) await queryClient.prefetchQuery(trpc.runs.list.queryOptions({ projectId }));
  return (
    <HydrationBoundary state={dehydrate(queryClient)}>
      <DashboardClient projectId={projectId} dashboardId={dashboardId} />
    </HydrationBoundary>
  );
}
