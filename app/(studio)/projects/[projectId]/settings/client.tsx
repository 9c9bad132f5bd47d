"use client";

import { useQuery } from "@tanstack/react-query";
import { PromotionPoliciesSection } from "@/components/models/policies-section";
import { DeleteProjectSection } from "@/components/projects/delete-project-section";
import { EditProjectForm } from "@/components/projects/edit-project-form";
import { useTRPC } from "@/components/trpc/client";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { ErrorState, LoadingRows } from "@/components/ui/states";
import { WebhooksSection } from "@/components/webhooks/webhooks-section";
import { can } from "@/server/auth/permissions";

export function ProjectSettingsClient({ projectId }: { projectId: string }) {
  const trpc = useTRPC();
  const project = useQuery(trpc.projects.get.queryOptions({ projectId }));
  if (project.isPending) return <LoadingRows label="Loading settings" />;
  if (project.isError) return <ErrorState title="Could not load the project" error={project.error} />;

  const p = project.data;
  const mayUpdate = can(p.role, "projects:update");
  return (
    <div className="flex max-w-2xl flex-col gap-6">
      <h2 className="text-lg font-semibold">Settings</h2>
      <Card>
        <CardHeader>
          <CardTitle>General</CardTitle>
          <CardDescription>
            {mayUpdate ? "Rename the project or change its description." : "Your role can view but not change this project."}
          </CardDescription>
        </CardHeader>
        <CardContent>
          <EditProjectForm project={p} disabled={!mayUpdate} />
        </CardContent>
      </Card>
      <PromotionPoliciesSection projectId={p.id} canEdit={can(p.role, "promotions:policy")} />
      {can(p.role, "webhooks:manage") ? <WebhooksSection projectId={p.id} /> : null}
      {can(p.role, "projects:delete") ? <DeleteProjectSection project={p} /> : null}
    </div>
  );
}
