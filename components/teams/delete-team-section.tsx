"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useTRPC } from "../trpc/client";
import { DangerZone } from "../ui/danger-zone";

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
    <DangerZone
      action="Delete team"
      description="Deletes the team with all its projects, runs and models. The audit log keeps a record. This cannot be undone."
      confirmTitle={`Delete ${name}?`}
      confirmDescription="Every project in this team is deleted with it."
      requireText={teamSlug}
      onConfirm={() => remove.mutateAsync({ teamSlug })}
    />
  );
}
