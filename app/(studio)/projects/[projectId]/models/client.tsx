"use client";

import { useQuery } from "@tanstack/react-query";
import { ModelsEmpty } from "@/components/models/models-empty";
import { ModelsTable } from "@/components/models/models-table";
import { NewModelDialog } from "@/components/models/new-model-dialog";
import { useTRPC } from "@/components/trpc/client";
import { ErrorState, LoadingRows } from "@/components/ui/states";
import { can } from "@/server/auth/permissions";

export function ModelsClient({ projectId }: { projectId: string }) {
  const trpc = useTRPC();
  const project = useQuery(trpc.projects.get.queryOptions({ projectId }));
  const models = useQuery(trpc.registry.models.queryOptions({ projectId }));
  const canWrite = can(project.data?.role, "models:write");

  return (
    <section aria-labelledby="models-heading" className="flex flex-col gap-4">
      <div className="flex flex-wrap items-center justify-between gap-4">
        <div>
          <h2 id="models-heading" className="text-lg font-semibold">
            Models
          </h2>
          <p className="text-sm text-muted-foreground">
            Registered models and their versions. An alias such as <code className="font-mono text-xs">production</code> moves to a version
            through a reviewed promotion request.
          </p>
        </div>
        {canWrite ? <NewModelDialog projectId={projectId} /> : null}
      </div>
      {models.isPending ? (
        <LoadingRows label="Loading models" />
      ) : models.isError ? (
        <ErrorState title="Could not load the models" error={models.error} />
      ) : models.data.length === 0 ? (
        <ModelsEmpty canWrite={canWrite} />
      ) : (
        <ModelsTable projectId={projectId} models={models.data} />
      )}
    </section>
  );
}
