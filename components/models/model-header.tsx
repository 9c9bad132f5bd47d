"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { Pencil } from "lucide-react";
import { useId, useState } from "react";
import { useTRPC } from "../trpc/client";
import { Button } from "../ui/button";
import { Textarea } from "../ui/input";
import { Label } from "../ui/label";
import { ErrorState } from "../ui/states";
import type { ModelDetail } from "./types";

/** The model's name and description; roles with models:write edit the description in place. */
export function ModelHeader({ model, canWrite, versionCount }: { model: ModelDetail; canWrite: boolean; versionCount: number }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const fieldId = useId();
  const [editing, setEditing] = useState(false);
  const [description, setDescription] = useState(model.description);
  const update = useMutation(
    trpc.registry.updateModel.mutationOptions({
      onSuccess: (row) => {
        queryClient.setQueryData(trpc.registry.model.queryKey({ modelId: model.id }), { ...model, ...row });
        void queryClient.invalidateQueries({ queryKey: trpc.registry.models.queryKey({ projectId: model.projectId }) });
        setEditing(false);
      },
    }),
  );

  return (
    <div className="flex flex-col gap-2">
      <div className="flex flex-wrap items-center gap-3">
        <h2 className="font-mono text-xl font-semibold" data-testid="model-name">
          {model.name}
        </h2>
        <span className="text-sm text-muted-foreground">
          {versionCount} version{versionCount === 1 ? "" : "s"}
        </span>
        {canWrite && !editing ? (
          <Button
            variant="ghost"
            size="sm"
            onClick={() => {
              setDescription(model.description);
              setEditing(true);
            }}
          >
            <Pencil aria-hidden /> Edit description
          </Button>
        ) : null}
      </div>
      {editing ? (
        <form
          className="flex max-w-2xl flex-col gap-2"
          onSubmit={(e) => {
            e.preventDefault();
            update.mutate({ modelId: model.id, description });
          }}
        >
          <Label htmlFor={fieldId}>Description</Label>
          <Textarea id={fieldId} value={description} onChange={(e) => setDescription(e.target.value)} maxLength={10_000} autoFocus />
          <div className="flex gap-2">
            <Button type="submit" size="sm" disabled={update.isPending}>
              {update.isPending ? "Saving…" : "Save"}
            </Button>
            <Button type="button" variant="ghost" size="sm" onClick={() => setEditing(false)}>
              Cancel
            </Button>
          </div>
          {update.isError ? <ErrorState title="Could not save the description" error={update.error} /> : null}
        </form>
      ) : model.description ? (
        <p className="max-w-3xl whitespace-pre-wrap text-sm text-muted-foreground">{model.description}</p>
      ) : (
        <p className="text-sm text-muted-foreground">No description.</p>
      )}
    </div>
  );
}
