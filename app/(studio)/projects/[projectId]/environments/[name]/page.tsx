import type { Metadata } from "next";
import { getQueryClient, HydrateClient, trpc } from "@/server/trpc/server";
import { loadProject } from "../../load-project";
import { EnvironmentClient } from "./client";
import { loadEnvironmentVersions } from "./load-environment";

type Props = { params: Promise<{ projectId: string; name: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  return { title: (await params).name };
}

export default async function EnvironmentPage({ params }: Props) {
  // Environment names never need URL encoding; anything else is not a name and gets not-found.
  const { projectId, name } = await params;
  const project = await loadProject(projectId);
  const versions = await loadEnvironmentVersions(projectId, name);
  const queryClient = getQueryClient();
  queryClient.setQueryData(trpc.environments.versions.queryKey({ projectId, name }), versions);
  // Versions record who saved them by user id; the member list names them from the first render.
  await queryClient.prefetchQuery(trpc.teams.members.queryOptions({ teamSlug: project.teamSlug }));
  return (
    <HydrateClient>
      <EnvironmentClient projectId={projectId} name={name} />
    </HydrateClient>
  );
}
