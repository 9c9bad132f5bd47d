import type { Metadata } from "next";
import { HydrateClient } from "@/server/trpc/server";
import { loadProject } from "../load-project";
import { ProjectSettingsClient } from "./client";

export const metadata: Metadata = { title: "Project settings" };

export default async function ProjectSettingsPage({ params }: { params: Promise<{ projectId: string }> }) {
  const { projectId } = await params;
  await loadProject(projectId);
  return (
    <HydrateClient>
      <ProjectSettingsClient projectId={projectId} />
    </HydrateClient>
  );
}
