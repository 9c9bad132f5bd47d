import { dehydrate, HydrationBoundary } from "@tanstack/react-query";
import type { Metadata } from "next";
import { makeQueryClient } from "@/components/trpc/query-client";
import { trpc } from "@/server/trpc/server";
import { loadProject } from "../load-project";
import { CompareClient } from "./client";

export const metadata: Metadata = { title: "Compare runs" };

export default async function ComparePage({ params }: { params: Promise<{ projectId: string }> }) {
  const { projectId } = await params;
  await loadProject(projectId);
  // The selection (picked ids or "top N by a column") resolves in the browser against the same
  // list the runs table uses, so going from the table to a comparison needs no second fetch. Its
  // own query client keeps the layout's hydration from sending the list twice (see runs/page.tsx).
  // Chart series are asked for by each chart once it knows its width.
  const queryClient = makeQueryClient();
  await queryClient.prefetchQuery(trpc.runs.list.queryOptions({ projectId }));
  return (
    <HydrationBoundary state={dehydrate(queryClient)}>
      <CompareClient projectId={projectId} />
    </HydrationBoundary>
  );
}
