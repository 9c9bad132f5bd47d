import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { getQueryClient, HydrateClient, trpc } from "@/server/trpc/server";
import { loadProject } from "../../load-project";
import { ModelClient } from "./client";
import { loadModel } from "./load-model";

type Props = { params: Promise<{ projectId: string; modelId: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  return { title: (await loadModel((await params).modelId)).name };
}

export default async function ModelPage({ params }: Props) {
  const { projectId, modelId } = await params;
  const [project, model] = await Promise.all([loadProject(projectId), loadModel(modelId)]);
  // A model id under another project's path would show that project's header over this model.
  if (model.projectId !== projectId) notFound();
  const queryClient = getQueryClient();
  queryClient.setQueryData(trpc.registry.model.queryKey({ modelId }), model);
  await Promise.all([
    queryClient.prefetchQuery(trpc.registry.versions.queryOptions({ modelId })),
    queryClient.prefetchQuery(trpc.registry.aliases.queryOptions({ modelId })),
    queryClient.prefetchQuery(trpc.registry.aliasHistory.queryOptions({ modelId })),
    queryClient.prefetchQuery(trpc.registry.promotions.queryOptions({ modelId })),
    queryClient.prefetchQuery(trpc.registry.policies.queryOptions({ projectId })),
    // Versions record who registered them by user id; the member list names them.
    queryClient.prefetchQuery(trpc.teams.members.queryOptions({ teamSlug: project.teamSlug })),
  ]);
  return (
    <HydrateClient>
      <ModelClient projectId={projectId} modelId={modelId} />
    </HydrateClient>
  );
}
