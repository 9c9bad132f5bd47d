"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useTRPC } from "../trpc/client";
import { DangerZone } from "../ui/danger-zone";

export function DeleteProjectSection({ project }: { project: { id: string; name: string; slug: string; teamSlug: string } }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const router = useRouter();
  const remove = useMutation(
    trpc.projects.delete.mutationOptions({
      onSuccess: async () => {
        router.push(`/teams/${project.teamSlug}`);
        await Promise.all([
          queryClient.invalidateQueries({ queryKey: trpc.projects.list.queryKey() }),
          queryClient.invalidateQueries({ queryKey: trpc.teams.list.queryKey() }),
        ]);
      },
    }),
  );

  return (
    <DangerZone
      action="Delete project"
      description="Deletes the project with its runs, jobs and models. The audit log keeps a record. This cannot be undone."
      confirmTitle={`Delete ${project.name}?`}
      confirmDescription="Everything recorded in this project is deleted with it."
      requireText={project.slug}
      onConfirm={() => remove.mutateAsync({ projectId: project.id })}
    />
  );
}
