"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { KeyRound } from "lucide-react";
import { useState } from "react";
import { useForm } from "react-hook-form";
import type { z } from "zod";
import { UpdateSlurmTokenInput } from "@/server/compute/schemas";
import { useTRPC } from "../trpc/client";
import { Button } from "../ui/button";
import { Dialog, DialogContent, DialogDescription, DialogHeader, DialogTitle, DialogTrigger } from "../ui/dialog";
import { FormField } from "../ui/form-field";
import { Input } from "../ui/input";
import { ErrorState } from "../ui/states";
import type { ComputeTarget } from "./types";

type Values = z.input<typeof UpdateSlurmTokenInput>;

/** Replaces a Slurm target's JWT (`scontrol token` ones expire); the server tries it before keeping it. */
export function SlurmTokenDialog({ teamSlug, target }: { teamSlug: string; target: ComputeTarget }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [open, setOpen] = useState(false);
  const form = useForm<Values, unknown, z.output<typeof UpdateSlurmTokenInput>>({
    resolver: zodResolver(UpdateSlurmTokenInput),
    defaultValues: { teamSlug, targetId: target.id, token: "" },
  });
  const update = useMutation(
    trpc.compute.updateSlurmToken.mutationOptions({
      onSuccess: async () => {
        await queryClient.invalidateQueries({ queryKey: trpc.compute.list.queryKey({ teamSlug }) });
        setOpen(false);
        form.reset();
      },
    }),
  );
  return (
    <Dialog
      open={open}
      onOpenChange={(next) => {
        setOpen(next);
        if (!next) update.reset();
      }}
    >
      <DialogTrigger asChild>
        <Button variant="ghost" size="sm">
          <KeyRound aria-hidden /> Replace token
        </Button>
      </DialogTrigger>
      <DialogContent className="max-w-lg">
        <DialogHeader>
          <DialogTitle>Replace the Slurm token of {target.name}</DialogTitle>
          <DialogDescription>
            Paste a new JWT for {target.slurm?.user} (<code>scontrol token username={target.slurm?.user}</code>). It is checked against
            slurmrestd, stored encrypted, and never shown again.
          </DialogDescription>
        </DialogHeader>
        <form onSubmit={form.handleSubmit((v) => update.mutate(v))} className="flex flex-col gap-4" noValidate>
          <FormField label="New JWT" error={form.formState.errors.token}>
            {(p) => <Input type="password" autoComplete="off" className="font-mono" {...p} {...form.register("token")} />}
          </FormField>
          {update.error ? <ErrorState title="Could not replace the token" error={update.error} /> : null}
          <Button type="submit" disabled={update.isPending}>
            {update.isPending ? "Checking…" : "Replace token"}
          </Button>
        </form>
      </DialogContent>
    </Dialog>
  );
}
