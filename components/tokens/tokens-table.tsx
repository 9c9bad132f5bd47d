"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type { inferRouterOutputs } from "@trpc/server";
import { useState } from "react";
import type { AppRouter } from "@/server/trpc/root";
import { DateTime } from "../audit/date-time";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { useTRPC } from "../trpc/client";
import { Badge } from "../ui/badge";
import { Button } from "../ui/button";
import { EmptyState, ErrorState, LoadingRows } from "../ui/states";
import { Table, TBody, Td, Th, THead, Tr } from "../ui/table";

type Token = inferRouterOutputs<AppRouter>["account"]["tokens"][number];

function statusOf(token: Token, now: Date): "active" | "revoked" | "expired" {
  if (token.revokedAt) return "revoked";
  if (token.expiresAt && token.expiresAt <= now) return "expired";
  return "active";
}

export function TokensTable() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const tokens = useQuery(trpc.account.tokens.queryOptions());
  // Read the clock once per mount: rendering must stay pure, and expiry is coarse enough for that.
  const [now] = useState(() => new Date());
  const revoke = useMutation(
    trpc.account.revokeToken.mutationOptions({
      onSuccess: () =>
        Promise.all([
          queryClient.invalidateQueries({ queryKey: trpc.account.tokens.queryKey() }),
          queryClient.invalidateQueries({ queryKey: trpc.account.activity.queryKey() }),
        ]),
    }),
  );

  if (tokens.isPending) return <LoadingRows label="Loading tokens" />;
  if (tokens.isError) return <ErrorState title="Could not load your tokens" error={tokens.error} />;
  if (tokens.data.length === 0) {
    return <EmptyState title="No API tokens" description="Create one for the CLI, an agent or the Python SDK." />;
  }
  return (
    <Table aria-label="API tokens">
      <THead>
        <Tr>
          <Th>Name</Th>
          <Th>Prefix</Th>
          <Th>Created</Th>
          <Th>Last used</Th>
          <Th>Expires</Th>
          <Th>Status</Th>
          <Th className="text-right">Actions</Th>
        </Tr>
      </THead>
      <TBody>
        {tokens.data.map((token) => {
          const status = statusOf(token, now);
          return (
            <Tr key={token.id}>
              <Td className="font-medium">{token.name}</Td>
              <Td className="font-mono text-xs">{token.prefix}…</Td>
              <Td className="text-muted-foreground">
                <DateTime value={token.createdAt} />
              </Td>
              <Td className="text-muted-foreground">
                <DateTime value={token.lastUsedAt} fallback="Never" />
              </Td>
              <Td className="text-muted-foreground">
                <DateTime value={token.expiresAt} fallback="Never" />
              </Td>
              <Td>
                <Badge variant={status === "active" ? "default" : status === "revoked" ? "destructive" : "outline"}>
                  {status === "active" ? "Active" : status === "revoked" ? "Revoked" : "Expired"}
                </Badge>
              </Td>
              <Td className="text-right">
                {status === "active" ? (
                  <ConfirmDialog
                    trigger={
                      <Button variant="outline" size="sm" aria-label={`Revoke ${token.name}`}>
                        Revoke
                      </Button>
                    }
                    title={`Revoke “${token.name}”?`}
                    description="Anything using this token stops working at once."
                    confirmLabel="Revoke token"
                    onConfirm={() => revoke.mutateAsync({ tokenId: token.id })}
                  />
                ) : null}
              </Td>
            </Tr>
          );
        })}
      </TBody>
    </Table>
  );
}
