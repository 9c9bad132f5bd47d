"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { Pencil, Plus, Trash2 } from "lucide-react";
import { useState } from "react";
import { useTRPC } from "../trpc/client";
import { Button } from "../ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "../ui/card";
import { ConfirmDialog } from "../ui/confirm-dialog";
import { ErrorState, LoadingRows } from "../ui/states";
import { PolicyDialog } from "./policy-dialog";
import { checkLabel } from "@/server/registry/schemas";
import type { PromotionPolicy } from "./types";

/**
 * The project's promotion policies, one per alias. Owners and admins (promotions:policy) add, edit
 * and delete them; everyone else reads them.
 */
export function PromotionPoliciesSection({ projectId, canEdit }: { projectId: string; canEdit: boolean }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const policies = useQuery(trpc.registry.policies.queryOptions({ projectId }));
  const [editing, setEditing] = useState<PromotionPolicy | "new" | null>(null);
  const remove = useMutation(
    trpc.registry.deletePolicy.mutationOptions({
      onSuccess: () => queryClient.invalidateQueries({ queryKey: trpc.registry.policies.queryKey({ projectId }) }),
    }),
  );

  return (
    <Card role="region" aria-label="Promotion policies">
      <CardHeader>
        <div className="flex flex-wrap items-center justify-between gap-2">
          <CardTitle>Promotion policies</CardTitle>
          {canEdit ? (
            <Button size="sm" variant="outline" onClick={() => setEditing("new")}>
              <Plus aria-hidden /> Add policy
            </Button>
          ) : null}
        </div>
        <CardDescription>
          {canEdit
            ? "Per alias: how many reviewers must approve and which checks must pass before a model version takes it. An alias without a policy needs one approval and no checks."
            : "Per alias: required approvals and checks before a version takes it. Owners and admins edit them."}
        </CardDescription>
      </CardHeader>
      <CardContent>
        {policies.isPending ? (
          <LoadingRows rows={2} label="Loading policies" />
        ) : policies.isError ? (
          <ErrorState title="Could not load the policies" error={policies.error} />
        ) : policies.data.length === 0 ? (
          <p className="text-sm text-muted-foreground">No policies yet.</p>
        ) : (
          <ul className="divide-y rounded-md border">
            {policies.data.map((p) => (
              <li key={p.alias} className="flex flex-wrap items-start gap-3 px-3 py-2 text-sm" data-testid="policy-row" data-alias={p.alias}>
                <div className="flex min-w-0 flex-1 flex-col gap-1">
                  <span>
                    <span className="font-mono font-medium">{p.alias}</span>
                    <span className="ml-2 text-muted-foreground">
                      {p.requiredApprovals} approval{p.requiredApprovals === 1 ? "" : "s"}
                    </span>
                  </span>
                  {p.checks.length ? (
                    <ul className="list-inside list-disc text-xs text-muted-foreground">
                      {p.checks.map((c, i) => (
                        <li key={i}>{checkLabel(c)}</li>
                      ))}
                    </ul>
                  ) : (
                    <span className="text-xs text-muted-foreground">No checks</span>
                  )}
                </div>
                {canEdit ? (
                  <div className="flex gap-1">
                    <Button variant="ghost" size="sm" aria-label={`Edit the ${p.alias} policy`} onClick={() => setEditing(p)}>
                      <Pencil aria-hidden /> Edit
                    </Button>
                    <ConfirmDialog
                      trigger={
                        <Button variant="ghost" size="sm" aria-label={`Delete the ${p.alias} policy`}>
                          <Trash2 aria-hidden /> Delete
                        </Button>
                      }
                      title={`Delete the ${p.alias} policy?`}
                      description={`${p.alias} will then move with one reviewer's approval and no checks, or directly through the MLflow API.`}
                      confirmLabel="Delete policy"
                      onConfirm={() => remove.mutateAsync({ projectId, alias: p.alias })}
                    />
                  </div>
                ) : null}
              </li>
            ))}
          </ul>
        )}
      </CardContent>
      {canEdit ? (
        <PolicyDialog projectId={projectId} policy={editing === "new" ? undefined : (editing ?? undefined)} open={editing !== null} onClose={() => setEditing(null)} />
      ) : null}
    </Card>
  );
}
