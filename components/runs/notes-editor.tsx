"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useId, useState } from "react";
import { useTRPC } from "../trpc/client";
import { Button } from "../ui/button";
import { Textarea } from "../ui/input";
import { ErrorState } from "../ui/states";

/**
 * Markdown notes, saved with runs.update. The text is the editor's own until saved, so the run's
 * live refresh (every few seconds while running) never overwrites what is being typed.
 */
export function NotesEditor({ runId, notes, canWrite }: { runId: string; notes: string; canWrite: boolean }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const id = useId();
  const [text, setText] = useState(notes);
  const save = useMutation(
    trpc.runs.update.mutationOptions({
      onSuccess: (run) => queryClient.setQueryData(trpc.runs.get.queryKey({ runId }), run),
    }),
  );

  if (!canWrite) {
    return notes ? (
      <pre className="whitespace-pre-wrap rounded-lg border bg-card p-4 font-sans text-sm">{notes}</pre>
    ) : (
      <p className="text-sm text-muted-foreground">No notes.</p>
    );
  }
  const dirty = text !== notes;
  return (
    <form
      className="flex flex-col gap-2"
      onSubmit={(e) => {
        e.preventDefault();
        save.mutate({ runId, notes: text });
      }}
    >
      <label htmlFor={id} className="text-sm font-medium">
        Notes <span className="font-normal text-muted-foreground">(Markdown)</span>
      </label>
      <Textarea id={id} value={text} onChange={(e) => setText(e.target.value)} rows={12} className="font-mono" maxLength={100_000} />
      {save.isError ? <ErrorState title="Could not save the notes" error={save.error} /> : null}
      <div className="flex items-center gap-3">
        <Button type="submit" size="sm" disabled={!dirty || save.isPending}>
          {save.isPending ? "Saving…" : "Save notes"}
        </Button>
        <span className="text-sm text-muted-foreground" aria-live="polite">
          {dirty ? "Unsaved changes" : save.isSuccess ? "Saved" : ""}
        </span>
      </div>
    </form>
  );
}
