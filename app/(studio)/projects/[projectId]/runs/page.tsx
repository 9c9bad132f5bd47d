import { dehydrate, HydrationBoundary } from "@tanstack/react-query";
import type { Metadata } from "next";
import { makeQueryClient } from "@/components/trpc/query-client";
import { trpc } from "@/server/trpc/server";
import { loadProject } from "../load-project";
import { RunsClient } from "./client";

export const metadata: Metadata = { title: "Runs" };

export default async function RunsPage({ params }: { params: Promise<{ projectId: string }> }) {
  const { projectId } = await params;
  await loadProject(projectId);
  // Filters, sort and columns are applied in the browser (see search-params.ts), so one list
  // prefetch serves every view of the table and changing a filter never goes back to the server.
  // The list gets a query client of its own: the layout's HydrateClient dehydrates the shared one
  // whenever it renders, and caught this prefetch too, sending 10,000 runs (10 MB) twice.
  const queryClient = makeQueryClient();
  await queryClient.prefetchQuery(trpc.runs.list.queryOptions({ projectId }));
  return (
    <HydrationBoundary state={dehydrate(queryClient)}>
      <RunsClient projectId={projectId} />
    </HydrationBoundary>
  );
}
