"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { Trash2 } from "lucide-react";
import { useRouter } from "next/navigation";
import { useTRPC } from "../trpc/client";
import { Button } from "../ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "../ui/card";
import { ConfirmDialog } from "./confirm-dialog";

export function DeleteTeamSection({ teamSlug, name }: { teamSlug: string; name: string }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const router = useRouter();
  const remove = useMutation(
    trpc.teams.delete.mutationOptions({
      onSuccess: async () => {
        router.push("/teams");
        await Promise.all([
          queryClient.invalidateQueries({ queryKey: trpc.teams.list.queryKey() }),
          queryClient.invalidateQueries({ queryKey: trpc.projects.list.queryKey() }),
        ]);
      },
    }),
  );

  return (
    <Card className="border-destructive/40">
      <CardHeader>
        <CardTitle>Delete team</CardTitle>
        <CardDescription>
          Deletes the team with all its projects, runs and models. The audit log keeps a record. This cannot be undone.
        </CardDescription>
      </CardHeader>
      <CardContent>
        <ConfirmDialog
          trigger={
            <Button variant="destructive">
              <Trash2 aria-hidden /> Delete team
            </Button>
          }
          title={`Delete ${name}?`}
          description="Every project in this team is deleted with it."
          confirmLabel="Delete team"
          requireText={teamSlug}
          onConfirm={() => remove.mutateAsync({ teamSlug })}
        />
      </CardContent>
    </Card>
  );
}
