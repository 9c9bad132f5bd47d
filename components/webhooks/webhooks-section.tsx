"use client";

import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { useTRPC } from "../trpc/client";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "../ui/card";
import { EmptyState, ErrorState, LoadingRows } from "../ui/states";
import { AddWebhookDialog } from "./add-webhook-dialog";
import { DeliveryLog } from "./delivery-log";
import { WebhookList } from "./webhook-list";

/** Project settings: webhooks and their delivery log. Shown only to roles with webhooks:manage. */
export function WebhooksSection({ projectId }: { projectId: string }) {
  const trpc = useTRPC();
  const webhooks = useQuery(trpc.webhooks.list.queryOptions({ projectId }));
  const [selectedId, setSelectedId] = useState<string | null>(null);
  const selected = webhooks.data?.find((w) => w.id === selectedId) ?? null;

  return (
    <Card>
      <CardHeader className="flex-row items-start justify-between gap-4">
        <div className="flex flex-col gap-1">
          <CardTitle>Webhooks</CardTitle>
          <CardDescription>
            Signed POST requests to your URLs when a model version is registered or a promotion is applied. Failed deliveries are retried
            with backoff for about 14 hours.
          </CardDescription>
        </div>
        <AddWebhookDialog projectId={projectId} />
      </CardHeader>
      <CardContent className="flex flex-col gap-5">
        {webhooks.isPending ? (
          <LoadingRows rows={2} label="Loading webhooks" />
        ) : webhooks.isError ? (
          <ErrorState title="Could not load the webhooks" error={webhooks.error} />
        ) : webhooks.data.length === 0 ? (
          <EmptyState title="No webhooks" description="Add one to tell CI, chat or a deploy system about new model versions and promotions." />
        ) : (
          <>
            <WebhookList projectId={projectId} webhooks={webhooks.data} selectedId={selected?.id ?? null} onSelect={setSelectedId} />
            <section aria-labelledby="delivery-log-title" className="flex flex-col gap-2">
              <h3 id="delivery-log-title" className="text-sm font-semibold">
                Delivery log{" "}
                <span className="font-normal text-muted-foreground">
                  {selected ? <span className="break-all font-mono text-xs">— {selected.url}</span> : "— all webhooks"}
                </span>
              </h3>
              <DeliveryLog projectId={projectId} webhookId={selected?.id ?? null} />
            </section>
          </>
        )}
      </CardContent>
    </Card>
  );
}
