import type { Metadata } from "next";
import { getQueryClient, HydrateClient, trpc } from "@/server/trpc/server";
import { loadProject } from "../load-project";
import { ModelsClient } from "./client";

export const metadata: Metadata = { title: "Models" };

export default async function ModelsPage({ params }: { params: Promise<{ projectId: string }> }) {
  const { projectId } = await params;
  await loadProject(projectId);
  await getQueryClient().prefetchQuery(trpc.registry.models.queryOptions({ projectId }));
  return (
    <HydrateClient>
      <ModelsClient projectId={projectId} />
    </HydrateClient>
  );
}
