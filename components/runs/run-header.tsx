"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { ChevronDown, Pencil } from "lucide-react";
import { useState } from "react";
import { type RunStatus, terminalRunStatuses } from "@/db/schema/enums";
import { useTRPC } from "../trpc/client";
import { Button } from "../ui/button";
import { DropdownMenu, DropdownMenuContent, DropdownMenuItem, DropdownMenuLabel, DropdownMenuTrigger } from "../ui/dropdown-menu";
import { Input } from "../ui/input";
import { ErrorState } from "../ui/states";
import { RunColorDot } from "./run-color-dot";
import { RunStatusBadge, statusLabel } from "./run-status-badge";
import type { RunDetail } from "./types";

/** Name and status, editable for roles with runs:write. A finished run's status is final. `actions` go on the right. */
export function RunHeader({ run, canWrite, actions }: { run: RunDetail; canWrite: boolean; actions?: React.ReactNode }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [editing, setEditing] = useState(false);
  const [name, setName] = useState(run.name);
  const update = useMutation(
    trpc.runs.update.mutationOptions({
      onSuccess: (updated) => {
        queryClient.setQueryData(trpc.runs.get.queryKey({ runId: run.id }), updated);
        void queryClient.invalidateQueries({ queryKey: trpc.runs.list.queryKey({ projectId: run.projectId }) });
        setEditing(false);
      },
    }),
  );

  return (
    <div className="flex flex-col gap-2">
      <div className="flex flex-wrap items-center gap-3">
        <RunColorDot runId={run.id} />
        {editing ? (
          <form
            className="flex items-center gap-2"
            onSubmit={(e) => {
              e.preventDefault();
              update.mutate({ runId: run.id, name });
            }}
          >
            <Input aria-label="Run name" value={name} onChange={(e) => setName(e.target.value)} className="w-72" maxLength={250} autoFocus />
            <Button type="submit" size="sm" disabled={!name.trim() || update.isPending}>
              Save
            </Button>
            <Button type="button" variant="ghost" size="sm" onClick={() => setEditing(false)}>
              Cancel
            </Button>
          </form>
        ) : (
          <h2 className="text-xl font-semibold" data-testid="run-name">
            {run.name}
          </h2>
        )}
        <RunStatusBadge status={run.status} />
        {canWrite && !editing ? (
          <Button
            variant="ghost"
            size="sm"
            onClick={() => {
              setName(run.name);
              setEditing(true);
            }}
          >
            <Pencil aria-hidden /> Rename
          </Button>
        ) : null}
        {canWrite && run.status === "running" ? (
          <DropdownMenu>
            <DropdownMenuTrigger asChild>
              <Button variant="outline" size="sm" disabled={update.isPending}>
                Set status <ChevronDown aria-hidden />
              </Button>
            </DropdownMenuTrigger>
            <DropdownMenuContent align="start">
              <DropdownMenuLabel>Finish the run as</DropdownMenuLabel>
              {(terminalRunStatuses as readonly RunStatus[]).map((s) => (
                <DropdownMenuItem key={s} onSelect={() => update.mutate({ runId: run.id, status: s })}>
                  {statusLabel(s)}
                </DropdownMenuItem>
              ))}
            </DropdownMenuContent>
          </DropdownMenu>
        ) : null}
        {actions ? <div className="ml-auto flex items-center gap-2">{actions}</div> : null}
      </div>
      {update.isError ? <ErrorState title="Could not update the run" error={update.error} /> : null}
    </div>
  );
}
