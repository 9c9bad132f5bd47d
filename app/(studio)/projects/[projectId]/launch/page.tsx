import type { Metadata } from "next";
import { can } from "@/server/auth/permissions";
import { getQueryClient, HydrateClient, trpc } from "@/server/trpc/server";
import { loadProject } from "../load-project";
import { LaunchClient } from "./client";

export const metadata: Metadata = { title: "Launch a job" };

export default async function LaunchPage({ params }: { params: Promise<{ projectId: string }> }) {
  const { projectId } = await params;
  const project = await loadProject(projectId);
  // The pickers need the team's compute and the project's environments; roles that cannot launch
  // see why instead of a form.
  if (can(project.role, "runs:write")) {
    await Promise.all([
      getQueryClient().prefetchQuery(trpc.compute.list.queryOptions({ teamSlug: project.teamSlug })),
      getQueryClient().prefetchQuery(trpc.environments.list.queryOptions({ projectId })),
    ]);
  }
  return (
    <HydrateClient>
      <LaunchClient projectId={projectId} />
    </HydrateClient>
  );
}
