import type { Metadata } from "next";
import { HydrateClient, trpc, getQueryClient } from "@/server/trpc/server";
import { ProjectsClient } from "./client";

export const metadata: Metadata = { title: "Projects" };

export default async function ProjectsPage() {
  const queryClient = getQueryClient();
  await Promise.all([
    queryClient.prefetchQuery(trpc.projects.list.queryOptions({})),
    queryClient.prefetchQuery(trpc.teams.list.queryOptions()),
  ]);
  return (
    <HydrateClient>
      <ProjectsClient />
    </HydrateClient>
  );
}
