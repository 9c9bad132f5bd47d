"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { Trash2 } from "lucide-react";
import { useTRPC } from "../trpc/client";
import { Button } from "../ui/button";
import { ConfirmDialog } from "../ui/confirm-dialog";
import type { ComputeTarget } from "./types";

/** Removes a team's own target; its agent token stops working. Shared targets are not the team's to remove. */
export function RemoveTargetButton({ teamSlug, target }: { teamSlug: string; target: ComputeTarget }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const remove = useMutation(
    trpc.compute.remove.mutationOptions({
      onSuccess: () => queryClient.invalidateQueries({ queryKey: trpc.compute.list.queryKey({ teamSlug }) }),
    }),
  );
  const busy = target.jobs.length;
  return (
    <ConfirmDialog
      trigger={
        <Button variant="ghost" size="sm" aria-label={`Remove ${target.name}`}>
          <Trash2 aria-hidden /> Remove
        </Button>
      }
      title={`Remove ${target.name}?`}
      description={
        busy
          ? `${busy} job${busy === 1 ? " is" : "s are"} running on it now. Its agent's token stops working at once and no more jobs are placed there. The audit log keeps a record.`
          : "Its agent's token stops working at once and no more jobs are placed there. Register the host again to bring it back. The audit log keeps a record."
      }
      confirmLabel="Remove compute"
      requireText={target.name}
      onConfirm={() => remove.mutateAsync({ teamSlug, targetId: target.id })}
    />
  );
}
