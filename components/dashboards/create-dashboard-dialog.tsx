"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { Plus } from "lucide-react";
import { useRouter } from "next/navigation";
import { useId, useState } from "react";
import { useTRPC } from "../trpc/client";
import { Button } from "../ui/button";
import { Dialog, DialogContent, DialogDescription, DialogHeader, DialogTitle, DialogTrigger } from "../ui/dialog";
import { Input, Textarea } from "../ui/input";
import { Label } from "../ui/label";
import { ErrorState } from "../ui/states";

/** A new, empty dashboard; the browser goes to it to add panels. */
export function CreateDashboardDialog({ projectId }: { projectId: string }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const router = useRouter();
  const [open, setOpen] = useState(false);
  const [name, setName] = useState("");
  const [description, setDescription] = useState("");
  const nameId = useId();
  const descriptionId = useId();
  const create = useMutation(
    trpc.dashboards.create.mutationOptions({
      onSuccess: async (dashboard) => {
        await queryClient.invalidateQueries({ queryKey: trpc.dashboards.list.queryKey({ projectId }) });
        setOpen(false);
        router.push(`/projects/${projectId}/dashboards/${dashboard.id}?edit=1`);
      },
    }),
  );
  return (
    <Dialog
      open={open}
      onOpenChange={(next) => {
        setOpen(next);
        if (next) {
          setName("");
          setDescription("");
          create.reset();
        }
      }}
    >
      <DialogTrigger asChild>
        <Button>
          <Plus /> New dashboard
        </Button>
      </DialogTrigger>
      <DialogContent>
        <DialogHeader>
          <DialogTitle>New dashboard</DialogTitle>
          <DialogDescription>Everyone in the team sees it; members can change it.</DialogDescription>
        </DialogHeader>
        <form
          className="flex flex-col gap-4"
          onSubmit={(e) => {
            e.preventDefault();
            create.mutate({ projectId, name, description });
          }}
        >
          <div className="flex flex-col gap-1.5">
            <Label htmlFor={nameId}>Name</Label>
            <Input id={nameId} value={name} maxLength={120} required onChange={(e) => setName(e.target.value)} />
          </div>
          <div className="flex flex-col gap-1.5">
            <Label htmlFor={descriptionId}>Description</Label>
            <Textarea id={descriptionId} value={description} maxLength={2000} onChange={(e) => setDescription(e.target.value)} />
          </div>
          {create.error ? <ErrorState title="Could not create the dashboard" error={create.error} /> : null}
          <Button type="submit" disabled={create.isPending || !name.trim()}>
            {create.isPending ? "Creating…" : "Create dashboard"}
          </Button>
        </form>
      </DialogContent>
    </Dialog>
  );
}
