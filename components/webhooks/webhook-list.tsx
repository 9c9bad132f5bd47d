"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { History, Trash2 } from "lucide-react";
import { useTRPC } from "../trpc/client";
import { Badge } from "../ui/badge";
import { Button } from "../ui/button";
import { cn } from "../ui/cn";
import { ConfirmDialog } from "../ui/confirm-dialog";
import { ErrorState } from "../ui/states";
import type { Webhook } from "./types";

/** A project's webhooks: URL, events, an active switch, the way to its delivery log, and delete. */
export function WebhookList({
  projectId,
  webhooks,
  selectedId,
  onSelect,
}: {
  projectId: string;
  webhooks: Webhook[];
  selectedId: string | null;
  onSelect: (webhookId: string | null) => void;
}) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const invalidate = () =>
    Promise.all([
      queryClient.invalidateQueries({ queryKey: trpc.webhooks.list.queryKey({ projectId }) }),
      queryClient.invalidateQueries({ queryKey: trpc.webhooks.deliveries.queryKey() }),
    ]);
  const update = useMutation(trpc.webhooks.update.mutationOptions({ onSuccess: invalidate }));
  const remove = useMutation(
    trpc.webhooks.delete.mutationOptions({
      onSuccess: async (gone) => {
        if (gone.id === selectedId) onSelect(null);
        await invalidate();
      },
    }),
  );

  return (
    <div className="flex flex-col gap-2">
      {update.error ? <ErrorState title="Could not change the webhook" error={update.error} /> : null}
      <ul aria-label="Webhooks" className="flex flex-col divide-y rounded-lg border">
        {webhooks.map((hook) => {
          const selected = hook.id === selectedId;
          return (
            <li
              key={hook.id}
              data-testid="webhook-row"
              data-webhook-id={hook.id}
              className={cn("flex flex-col gap-2 p-3 sm:flex-row sm:items-center", selected && "bg-muted/40")}
            >
              <div className="flex min-w-0 flex-1 flex-col gap-1">
                <span className={cn("break-all font-mono text-xs", !hook.active && "text-muted-foreground line-through")}>{hook.url}</span>
                <span className="flex flex-wrap gap-1">
                  {hook.events.map((event) => (
                    <Badge key={event} variant="secondary" className="font-mono">
                      {event}
                    </Badge>
                  ))}
                </span>
              </div>
              <div className="flex shrink-0 items-center gap-2">
                <label className="flex items-center gap-1.5 text-xs">
                  <input
                    type="checkbox"
                    role="switch"
                    className="size-4 accent-primary"
                    checked={hook.active}
                    aria-checked={hook.active}
                    disabled={update.isPending && update.variables?.webhookId === hook.id}
                    onChange={(e) => update.mutate({ webhookId: hook.id, active: e.target.checked })}
                  />
                  Active
                </label>
                <Button
                  variant={selected ? "secondary" : "ghost"}
                  size="sm"
                  aria-pressed={selected}
                  aria-label={`Deliveries of ${hook.url}`}
                  onClick={() => onSelect(selected ? null : hook.id)}
                >
                  <History aria-hidden /> Deliveries
                </Button>
                <ConfirmDialog
                  trigger={
                    <Button variant="ghost" size="sm" aria-label={`Delete webhook ${hook.url}`}>
                      <Trash2 aria-hidden />
                    </Button>
                  }
                  title="Delete this webhook?"
                  description={`Nothing more is sent to ${hook.url}, and its delivery log is deleted with it. The audit log keeps a record.`}
                  confirmLabel="Delete webhook"
                  onConfirm={() => remove.mutateAsync({ webhookId: hook.id })}
                />
              </div>
            </li>
          );
        })}
      </ul>
    </div>
  );
}
