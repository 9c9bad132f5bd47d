"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useId, useState } from "react";
import { useTRPC } from "../trpc/client";
import { Button } from "../ui/button";
import { Textarea } from "../ui/input";
import { Label } from "../ui/label";
import { ErrorState } from "../ui/states";
import type { PromotionDetails } from "./types";

/**
 * What the viewer may do with the request, as the server says (`can`): review with a comment,
 * cancel their own, or apply an approved one whose checks held it back. Errors show here.
 */
export function ReviewActions({ promotion }: { promotion: PromotionDetails }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const commentId = useId();
  const [comment, setComment] = useState("");
  // Every registry view (this page, the queue and its count, the model page) may have changed.
  const onSuccess = async () => {
    setComment("");
    await queryClient.invalidateQueries({ queryKey: trpc.registry.pathKey() });
  };
  const approve = useMutation(trpc.registry.approve.mutationOptions({ onSuccess }));
  const reject = useMutation(trpc.registry.reject.mutationOptions({ onSuccess }));
  const cancel = useMutation(trpc.registry.cancel.mutationOptions({ onSuccess }));
  const apply = useMutation(trpc.registry.applyPromotion.mutationOptions({ onSuccess }));
  const pending = approve.isPending || reject.isPending || cancel.isPending || apply.isPending;
  const error = approve.error ?? reject.error ?? cancel.error ?? apply.error;
  const reset = () => [approve, reject, cancel, apply].forEach((m) => m.reset());
  const { can } = promotion;
  const input = () => ({ promotionId: promotion.id, ...(comment.trim() ? { comment: comment.trim() } : {}) });

  if (!can.approve && !can.reject && !can.cancel && !can.apply) return null;
  return (
    <section aria-label="Decide" className="flex flex-col gap-3 rounded-lg border bg-card p-5">
      {can.approve || can.reject ? (
        <>
          <div className="flex flex-col gap-1.5">
            <Label htmlFor={commentId}>Comment</Label>
            <Textarea id={commentId} value={comment} onChange={(e) => setComment(e.target.value)} maxLength={10_000} placeholder="What you checked, or what is missing" />
          </div>
          <div className="flex flex-wrap gap-2">
            {can.approve ? (
              <Button
                disabled={pending}
                onClick={() => {
                  reset();
                  approve.mutate(input());
                }}
              >
                {approve.isPending ? "Approving…" : "Approve"}
              </Button>
            ) : null}
            {can.reject ? (
              <Button
                variant="destructive"
                disabled={pending}
                onClick={() => {
                  reset();
                  reject.mutate(input());
                }}
              >
                {reject.isPending ? "Rejecting…" : "Reject"}
              </Button>
            ) : null}
          </div>
        </>
      ) : null}
      {can.apply || can.cancel ? (
        <div className="flex flex-wrap items-center gap-2">
          {can.apply ? (
            <>
              <Button
                disabled={pending}
                onClick={() => {
                  reset();
                  apply.mutate({ promotionId: promotion.id });
                }}
              >
                {apply.isPending ? "Applying…" : "Apply now"}
              </Button>
              <span className="text-sm text-muted-foreground">Approved; checks are judged again and the alias moves if they all pass.</span>
            </>
          ) : null}
          {can.cancel ? (
            <Button
              variant="outline"
              disabled={pending}
              onClick={() => {
                reset();
                cancel.mutate(input());
              }}
            >
              {cancel.isPending ? "Cancelling…" : "Cancel request"}
            </Button>
          ) : null}
        </div>
      ) : null}
      {error ? <ErrorState title="Could not complete the action" error={error} /> : null}
    </section>
  );
}
