"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { ChevronDown, ChevronRight, RotateCw } from "lucide-react";
import { Fragment, useState } from "react";
import { ShortDate } from "../runs/short-date";
import { useTRPC } from "../trpc/client";
import { Button } from "../ui/button";
import { EmptyState, ErrorState, LoadingRows } from "../ui/states";
import { Table, TBody, Td, Th, THead, Tr } from "../ui/table";
import { DeliveryStateBadge } from "./delivery-state-badge";
import type { WebhookDelivery } from "./types";

/** When it was delivered or given up, or for a delivery still waiting, when it was queued or is next tried. */
function When({ delivery }: { delivery: WebhookDelivery }) {
  if (delivery.state === "delivered") return <ShortDate value={delivery.deliveredAt} />;
  const [label, at] =
    delivery.state === "failed"
      ? ["gave up", delivery.nextAttemptAt]
      : delivery.attempts === 0
        ? ["queued", delivery.createdAt]
        : ["next try", delivery.nextAttemptAt];
  return (
    <>
      <span className="block">{label}</span>
      <ShortDate value={at} />
    </>
  );
}

/**
 * The newest deliveries of a project (or of one of its webhooks): state, attempts, the receiver's
 * last answer, the payload on demand, and a redeliver button. Polls while any delivery is pending.
 */
export function DeliveryLog({ projectId, webhookId }: { projectId: string; webhookId: string | null }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [open, setOpen] = useState<ReadonlySet<string>>(new Set());
  const input = { projectId, ...(webhookId ? { webhookId } : {}), limit: 50 };
  const deliveries = useQuery(
    trpc.webhooks.deliveries.queryOptions(input, {
      refetchInterval: (q) => (q.state.data?.some((d) => d.state === "pending") ? 3000 : false),
    }),
  );
  const redeliver = useMutation(
    trpc.webhooks.redeliver.mutationOptions({
      onSuccess: () => queryClient.invalidateQueries({ queryKey: trpc.webhooks.deliveries.queryKey() }),
    }),
  );

  if (deliveries.isPending) return <LoadingRows label="Loading deliveries" />;
  if (deliveries.isError) return <ErrorState title="Could not load the delivery log" error={deliveries.error} />;
  if (deliveries.data.length === 0) {
    return (
      <EmptyState
        title="No deliveries yet"
        description="A delivery is queued whenever a subscribed event happens: a model version is registered or a promotion is applied."
      />
    );
  }

  const toggle = (id: string) =>
    setOpen((prev) => {
      const next = new Set(prev);
      if (next.has(id)) next.delete(id);
      else next.add(id);
      return next;
    });

  return (
    <div className="flex flex-col gap-2">
      {redeliver.error ? <ErrorState title="Could not redeliver" error={redeliver.error} /> : null}
      <Table aria-label="Webhook deliveries" className="[&_td]:px-2 [&_th]:px-2">
        <THead>
          <Tr>
            <Th className="w-8">
              <span className="sr-only">Payload</span>
            </Th>
            <Th>State</Th>
            <Th>Event</Th>
            <Th className="text-right">Attempts</Th>
            <Th>Status</Th>
            <Th>When</Th>
            <Th className="text-right">
              <span className="sr-only">Actions</span>
            </Th>
          </Tr>
        </THead>
        <TBody>
          {deliveries.data.map((d) => {
            const expanded = open.has(d.id);
            return (
              <Fragment key={d.id}>
                <Tr data-testid="delivery-row" data-delivery-id={d.id} data-state={d.state}>
                  <Td>
                    <Button
                      variant="ghost"
                      size="icon"
                      className="size-7"
                      aria-expanded={expanded}
                      aria-controls={`payload-${d.id}`}
                      aria-label={expanded ? "Hide payload" : "Show payload"}
                      onClick={() => toggle(d.id)}
                    >
                      {expanded ? <ChevronDown aria-hidden /> : <ChevronRight aria-hidden />}
                    </Button>
                  </Td>
                  <Td>
                    <DeliveryStateBadge state={d.state} />
                  </Td>
                  <Td className="font-mono text-xs">{d.event}</Td>
                  <Td className="text-right tabular-nums">{d.attempts}</Td>
                  <Td className="max-w-40 truncate text-xs" title={d.lastError ?? undefined}>
                    {d.lastStatus !== null ? <span className="font-mono tabular-nums">{d.lastStatus}</span> : null}
                    {d.lastStatus === null && d.lastError ? <span className="text-destructive">{d.lastError}</span> : null}
                    {d.lastStatus === null && !d.lastError ? <span className="text-muted-foreground">—</span> : null}
                  </Td>
                  <Td className="whitespace-nowrap text-xs text-muted-foreground">
                    <When delivery={d} />
                  </Td>
                  <Td className="text-right">
                    <Button
                      variant="outline"
                      size="icon"
                      className="size-8"
                      title="Redeliver: send it again now, with the same id and payload"
                      disabled={redeliver.isPending && redeliver.variables?.deliveryId === d.id}
                      onClick={() => redeliver.mutate({ deliveryId: d.id })}
                      aria-label={`Redeliver ${d.id}`}
                    >
                      <RotateCw aria-hidden />
                    </Button>
                  </Td>
                </Tr>
                {expanded ? (
                  <tr id={`payload-${d.id}`} className="border-b bg-muted/20">
                    <td colSpan={7} className="px-3 py-2">
                      <dl className="mb-2 grid grid-cols-[auto_1fr] gap-x-3 gap-y-1 text-xs">
                        <dt className="text-muted-foreground">Delivery</dt>
                        <dd className="font-mono">{d.id}</dd>
                        <dt className="text-muted-foreground">Queued</dt>
                        <dd>
                          <ShortDate value={d.createdAt} />
                        </dd>
                        {d.lastError ? (
                          <>
                            <dt className="text-muted-foreground">Last error</dt>
                            <dd className="break-all font-mono text-destructive">{d.lastError}</dd>
                          </>
                        ) : null}
                      </dl>
                      <pre className="max-h-72 overflow-auto rounded-md bg-muted p-3 font-mono text-xs" data-testid="delivery-payload">
                        {JSON.stringify(d.payload, null, 2)}
                      </pre>
                    </td>
                  </tr>
                ) : null}
              </Fragment>
            );
          })}
        </TBody>
      </Table>
    </div>
  );
}
