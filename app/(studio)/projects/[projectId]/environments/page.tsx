import type { Metadata } from "next";
import { getQueryClient, HydrateClient, trpc } from "@/server/trpc/server";
import { loadProject } from "../load-project";
import { EnvironmentsClient } from "./client";

export const metadata: Metadata = { title: "Environments" };

export default async function EnvironmentsPage({ params }: { params: Promise<{ projectId: string }> }) {
  const { projectId } = await params;
  await loadProject(projectId);
  await getQueryClient().prefetchQuery(trpc.environments.list.queryOptions({ projectId }));
  return (
    <HydrateClient>
      <EnvironmentsClient projectId={projectId} />
    </HydrateClient>
  );
}
