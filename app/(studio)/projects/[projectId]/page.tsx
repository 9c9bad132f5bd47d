import { HydrateClient } from "@/server/trpc/server";
import { ProjectOverviewClient } from "./client";
import { loadProject } from "./load-project";

export default async function ProjectOverviewPage({ params }: { params: Promise<{ projectId: string }> }) {
  const { projectId } = await params;
  // The layout seeds projects.get; awaiting the shared lookup keeps outsiders on the not-found page.
  await loadProject(projectId);
  return (
    <HydrateClient>
      <ProjectOverviewClient projectId={projectId} />
    </HydrateClient>
  );
}
