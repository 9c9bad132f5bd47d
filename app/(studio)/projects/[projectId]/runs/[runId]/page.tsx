import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { getQueryClient, HydrateClient, trpc } from "@/server/trpc/server";
import { loadProject } from "../../load-project";
import { RunClient } from "./client";
import { loadRun } from "./load-run";

type Props = { params: Promise<{ projectId: string; runId: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const run = await loadRun((await params).runId);
  return { title: run.name };
}

export default async function RunPage({ params }: Props) {
  const { projectId, runId } = await params;
  const [, run] = await Promise.all([loadProject(projectId), loadRun(runId)]);
  // A run id under another project's path would show that project's header over this run.
  if (run.projectId !== projectId) notFound();
  const queryClient = getQueryClient();
  queryClient.setQueryData(trpc.runs.get.queryKey({ runId }), run);
  await Promise.all([
    queryClient.prefetchQuery(trpc.runs.artifacts.queryOptions({ runId })),
    queryClient.prefetchQuery(trpc.jobs.ofRun.queryOptions({ runId })),
    queryClient.prefetchQuery(trpc.environments.ofRun.queryOptions({ runId })),
  ]);
  return (
    <HydrateClient>
      <RunClient projectId={projectId} runId={runId} />
    </HydrateClient>
  );
}
