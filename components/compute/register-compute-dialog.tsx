"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { Plus } from "lucide-react";
import { useState } from "react";
import { useForm, type UseFormReturn } from "react-hook-form";
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
    defaultValues: { teamSlug, name: "", labels: "", kind: "agent" },
  });
  const kind = form.watch("kind");
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
      <DialogContent className="max-h-[90vh] max-w-xl overflow-y-auto">
        {created && created.registrationToken === null ? (
          <>
            <DialogHeader>
              <DialogTitle>{created.name} is registered</DialogTitle>
              <DialogDescription>
                Trainyard read the cluster&apos;s partitions and nodes through slurmrestd. Jobs launched on {created.name} are
                submitted as batch jobs that run <code>trainyard exec</code> on a compute node. The token is stored encrypted and is
                never shown again.
              </DialogDescription>
            </DialogHeader>
            <div className="flex justify-end">
              <DialogClose asChild>
                <Button>Done</Button>
              </DialogClose>
            </div>
          </>
        ) : created ? (
          <>
            <DialogHeader>
              <DialogTitle>Start the agent for {created.name}</DialogTitle>
              <DialogDescription>
                The agent reports the host&apos;s GPUs, then runs the jobs placed on it. It needs Node.js 20 or later.
              </DialogDescription>
            </DialogHeader>
            <SecretField
              label="Registration token"
              value={created.registrationToken ?? ""}
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
              <fieldset className="flex flex-col gap-1.5">
                <legend className="mb-1.5 text-sm font-medium">Kind</legend>
                <div className="flex flex-wrap gap-4 text-sm">
                  <label className="flex items-center gap-2">
                    <input type="radio" value="agent" {...form.register("kind")} /> Agent on a GPU host
                  </label>
                  <label className="flex items-center gap-2">
                    <input type="radio" value="slurm" {...form.register("kind")} /> Slurm cluster (slurmrestd)
                  </label>
                </div>
              </fieldset>
              <FormField label="Name" error={form.formState.errors.name} hint="Lowercase letters, digits and hyphens, e.g. gpu-a">
                {(p) => <Input autoFocus autoComplete="off" className="font-mono" {...p} {...form.register("name")} />}
              </FormField>
              {kind === "slurm" ? <SlurmFields form={form} /> : null}
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

const blankToUndefined = (v: unknown) => (v === "" ? undefined : v);
// The Slurm fields leave the values when the agent kind is picked again, so they are not validated.
const unmounted = { shouldUnregister: true } as const;

/** slurmrestd's address and credentials, the partition jobs go to, and the shared working directory. */
function SlurmFields({ form }: { form: UseFormReturn<Values, unknown, z.output<typeof RegisterComputeForm>> }) {
  const errors = form.formState.errors.slurm;
  return (
    <div className="grid gap-4 sm:grid-cols-2">
      <FormField label="slurmrestd URL" error={errors?.baseUrl} hint="e.g. http://slurm-head:6820">
        {(p) => <Input autoComplete="off" className="font-mono" {...p} {...form.register("slurm.baseUrl", unmounted)} />}
      </FormField>
      <FormField label="API version" error={errors?.apiVersion} hint="v0.0.38 for Slurm 22.05">
        {(p) => <Input autoComplete="off" className="font-mono" defaultValue="v0.0.38" {...p} {...form.register("slurm.apiVersion", unmounted)} />}
      </FormField>
      <FormField label="Slurm user" error={errors?.user} hint="Jobs run as this user">
        {(p) => <Input autoComplete="off" className="font-mono" {...p} {...form.register("slurm.user", unmounted)} />}
      </FormField>
      <FormField label="JWT" error={errors?.token} hint="From `scontrol token username=<user>`; stored encrypted, never shown again">
        {(p) => <Input type="password" autoComplete="off" className="font-mono" {...p} {...form.register("slurm.token", unmounted)} />}
      </FormField>
      <FormField label="Partition" error={errors?.partition}>
        {(p) => <Input autoComplete="off" className="font-mono" {...p} {...form.register("slurm.partition", unmounted)} />}
      </FormField>
      <FormField label="Account" error={errors?.account} hint="Optional">
        {(p) => <Input autoComplete="off" className="font-mono" {...p} {...form.register("slurm.account", { ...unmounted, setValueAs: blankToUndefined })} />}
      </FormField>
      <FormField label="QOS" error={errors?.qos} hint="Optional">
        {(p) => <Input autoComplete="off" className="font-mono" {...p} {...form.register("slurm.qos", { ...unmounted, setValueAs: blankToUndefined })} />}
      </FormField>
      <FormField label="Working directory" error={errors?.workDir} hint="Shared by the compute nodes, writable by the user">
        {(p) => <Input autoComplete="off" className="font-mono" {...p} {...form.register("slurm.workDir", unmounted)} />}
      </FormField>
      <div className="sm:col-span-2">
        <FormField label="Executor command" error={errors?.execCommand} hint="How compute nodes start the CLI, e.g. trainyard or node /opt/trainyard/cli/bin/trainyard.mjs">
          {(p) => <Input autoComplete="off" className="font-mono" defaultValue="trainyard" {...p} {...form.register("slurm.execCommand", unmounted)} />}
        </FormField>
      </div>
    </div>
  );
}
