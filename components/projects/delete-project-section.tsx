"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { Trash2 } from "lucide-react";
import { useRouter } from "next/navigation";
import { ConfirmDialog } from "../teams/confirm-dialog";
import { useTRPC } from "../trpc/client";
import { Button } from "../ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "../ui/card";

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
    <Card className="border-destructive/40">
      <CardHeader>
        <CardTitle>Delete project</CardTitle>
        <CardDescription>
          Deletes the project with its runs, jobs and models. The audit log keeps a record. This cannot be undone.
        </CardDescription>
      </CardHeader>
      <CardContent>
        <ConfirmDialog
          trigger={
            <Button variant="destructive">
              <Trash2 aria-hidden /> Delete project
            </Button>
          }
          title={`Delete ${project.name}?`}
          description="Everything recorded in this project is deleted with it."
          confirmLabel="Delete project"
          requireText={project.slug}
          onConfirm={() => remove.mutateAsync({ projectId: project.id })}
        />
      </CardContent>
    </Card>
  );
}
