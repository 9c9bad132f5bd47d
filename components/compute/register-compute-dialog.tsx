"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { Plus } from "lucide-react";
import { useState } from "react";
import { useForm } from "react-hook-form";
import type { z } from "zod";
import { Labels, RegisterTargetInput } from "@/server/compute/schemas";
import { SecretField } from "../tokens/secret-field";
import { useTRPC } from "../trpc/client";
import { Button } from "../ui/button";
import { Dialog, DialogClose, DialogContent, DialogDescription, DialogHeader, DialogTitle, DialogTrigger } from "../ui/dialog";
import { FormField } from "../ui/form-field";
import { Input, Textarea } from "../ui/input";
import { ErrorState } from "../ui/states";
import { keyValueLines } from "./key-value-lines";

// The server's schema, with labels typed as key=value lines.
const RegisterComputeForm = RegisterTargetInput.extend({ labels: keyValueLines(Labels) });
type Values = z.input<typeof RegisterComputeForm>;

/**
 * Registers a compute target and shows its agent token once, with the command that starts the
 * agent on the GPU host. Closing the dialog forgets the token: the server keeps only its hash.
 */
export function RegisterComputeDialog({ teamSlug }: { teamSlug: string }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [open, setOpen] = useState(false);
  const form = useForm<Values, unknown, z.output<typeof RegisterComputeForm>>({
    resolver: zodResolver(RegisterComputeForm),
    mode: "onChange",
    defaultValues: { teamSlug, name: "", labels: "" },
  });
  const registration = useMutation(
    trpc.compute.register.mutationOptions({
      onSuccess: () => queryClient.invalidateQueries({ queryKey: trpc.compute.list.queryKey({ teamSlug }) }),
    }),
  );

  function onOpenChange(next: boolean) {
    setOpen(next);
    if (!next) {
      registration.reset();
      form.reset();
    }
  }

  const created = registration.data;
  return (
    <Dialog open={open} onOpenChange={onOpenChange}>
      <DialogTrigger asChild>
        <Button>
          <Plus aria-hidden /> Register compute
        </Button>
      </DialogTrigger>
      <DialogContent className="max-w-xl">
        {created ? (
          <>
            <DialogHeader>
              <DialogTitle>Start the agent for {created.name}</DialogTitle>
              <DialogDescription>
                The agent reports the host&apos;s GPUs, then runs the jobs placed on it. It needs Node.js 20 or later.
              </DialogDescription>
            </DialogHeader>
            <SecretField
              label="Registration token"
              value={created.registrationToken}
              testId="registration-token"
              hint="Copy it now: you will not see this token again. It lets an agent act as this target, nothing more."
            />
            <SecretField
              label="Run this on the GPU host"
              value={`npx trainyard agent --server ${window.location.origin} --token ${created.registrationToken}`}
              testId="agent-command"
              hint="The target shows as online once the agent's first heartbeat arrives."
            />
            <div className="flex justify-end">
              <DialogClose asChild>
                <Button>Done</Button>
              </DialogClose>
            </div>
          </>
        ) : (
          <>
            <DialogHeader>
              <DialogTitle>Register compute</DialogTitle>
              <DialogDescription>
                Name a GPU host for this team. You get a token for the agent that runs there.
              </DialogDescription>
            </DialogHeader>
            <form onSubmit={form.handleSubmit((v) => registration.mutate(v))} className="flex flex-col gap-4" noValidate>
              <FormField label="Name" error={form.formState.errors.name} hint="Lowercase letters, digits and hyphens, e.g. gpu-a">
                {(p) => <Input autoFocus autoComplete="off" className="font-mono" {...p} {...form.register("name")} />}
              </FormField>
              <FormField
                label="Labels"
                error={form.formState.errors.labels}
                hint="Optional. One key=value per line; jobs can ask for targets with these labels."
              >
                {(p) => <Textarea rows={3} placeholder={"zone=eu\ninterconnect=nvlink"} className="font-mono" {...p} {...form.register("labels")} />}
              </FormField>
              {registration.error ? <ErrorState title="Could not register the compute" error={registration.error} /> : null}
              <Button type="submit" disabled={registration.isPending}>
                {registration.isPending ? "Registering…" : "Register"}
              </Button>
            </form>
          </>
        )}
      </DialogContent>
    </Dialog>
  );
}
