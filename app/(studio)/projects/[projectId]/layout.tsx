import type { Metadata } from "next";
import { ProjectHeader } from "@/components/projects/project-header";
import { getQueryClient, HydrateClient, trpc } from "@/server/trpc/server";
import { loadProject } from "./load-project";

type Props = { params: Promise<{ projectId: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const project = await loadProject((await params).projectId);
  return { title: project.name };
}

export default async function ProjectLayout({ children, params }: Props & { children: React.ReactNode }) {
  const { projectId } = await params;
  const project = await loadProject(projectId);
  getQueryClient().setQueryData(trpc.projects.get.queryKey({ projectId }), project);
  return (
    <HydrateClient>
      <div className="flex flex-col gap-6">
        <ProjectHeader projectId={projectId} />
        {children}
      </div>
    </HydrateClient>
  );
}
