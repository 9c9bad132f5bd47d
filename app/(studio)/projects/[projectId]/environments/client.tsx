"use client";

import { useQuery } from "@tanstack/react-query";
import { EnvironmentsEmpty } from "@/components/environments/environments-empty";
import { EnvironmentsTable } from "@/components/environments/environments-table";
import { SPEC_SCHEMA_URL } from "@/components/environments/example-spec";
import { NewEnvironmentDialog } from "@/components/environments/new-environment-dialog";
import { useTRPC } from "@/components/trpc/client";
import { ErrorState, LoadingRows } from "@/components/ui/states";
import { can } from "@/server/auth/permissions";

export function EnvironmentsClient({ projectId }: { projectId: string }) {
  const trpc = useTRPC();
  const project = useQuery(trpc.projects.get.queryOptions({ projectId }));
  const environments = useQuery(trpc.environments.list.queryOptions({ projectId }));
  const canWrite = can(project.data?.role, "runs:write");

  return (
    <section aria-labelledby="environments-heading" className="flex flex-col gap-4">
      <div className="flex flex-wrap items-center justify-between gap-4">
        <div>
          <h2 id="environments-heading" className="text-lg font-semibold">
            Environments
          </h2>
          <p className="text-sm text-muted-foreground">
            Versioned specs of what jobs run in. A job names one as <code className="font-mono text-xs">name@version</code>; see the{" "}
            <a href={SPEC_SCHEMA_URL} target="_blank" rel="noreferrer" className="text-primary hover:underline">
              JSON Schema
            </a>
            .
          </p>
        </div>
        {canWrite ? <NewEnvironmentDialog projectId={projectId} existingNames={environments.data?.map((e) => e.name) ?? []} /> : null}
      </div>
      {environments.isPending ? (
        <LoadingRows label="Loading environments" />
      ) : environments.isError ? (
        <ErrorState title="Could not load the environments" error={environments.error} />
      ) : environments.data.length === 0 ? (
        <EnvironmentsEmpty canWrite={canWrite} />
      ) : (
        <EnvironmentsTable projectId={projectId} environments={environments.data} />
      )}
    </section>
  );
}
