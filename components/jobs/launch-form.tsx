"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { Rocket } from "lucide-react";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { Controller, useForm } from "react-hook-form";
import type { z } from "zod";
import { targetStatusLabel } from "../compute/target-status-badge";
import type { ComputeTarget } from "../compute/types";
import type { EnvironmentOption, EnvironmentOptionGroup } from "../environments/use-environment-options";
import { useTRPC } from "../trpc/client";
import { Button } from "../ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "../ui/card";
import { FormField } from "../ui/form-field";
import { Input, Textarea } from "../ui/input";
import { Select, SelectContent, SelectGroup, SelectItem, SelectLabel, SelectTrigger, SelectValue } from "../ui/select";
import { ErrorState } from "../ui/states";
import { ANY_TARGET, launchDefaults, LaunchJobForm, NO_ENVIRONMENT, toSubmitInput } from "./launch-schema";

function environmentLabel(v: EnvironmentOption): string {
  return `${v.selector} · ${v.pinned ? "pinned" : "unpinned"}${v.latest ? " · latest" : ""}`;
}

function targetLabel(t: ComputeTarget): string {
  const free = t.gpus.length - t.allocatedGpus.length;
  const gpus = t.gpus.length ? `${free}/${t.gpus.length} GPUs free` : "no GPUs";
  return `${t.name}${t.shared ? " (shared)" : ""} · ${targetStatusLabel[t.status].toLowerCase()} · ${gpus}`;
}

/**
 * Queues a job and opens its run. Fields are checked by the server's SubmitJobInput as they are
 * typed; what only the server can know (no target could ever fit the request) comes back inline.
 */
export function LaunchForm({
  projectId,
  teamSlug,
  targets,
  targetsPending,
  environments,
  environmentsPending,
  defaultEnvironment,
}: {
  projectId: string;
  teamSlug: string;
  /** The team's targets; undefined while they load or when they could not be read. */
  targets: ComputeTarget[] | undefined;
  targetsPending: boolean;
  /** The project's environment versions; undefined while they load or when they could not be read. */
  environments: EnvironmentOptionGroup[] | undefined;
  environmentsPending: boolean;
  /** A `name@version` to start with (the environment page's "Launch a job with it"). */
  defaultEnvironment?: string;
}) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const router = useRouter();
  const form = useForm<LaunchJobForm, unknown, z.output<typeof LaunchJobForm>>({
    resolver: zodResolver(LaunchJobForm),
    mode: "onChange",
    defaultValues: launchDefaults(projectId, defaultEnvironment),
  });
  const submit = useMutation(
    trpc.jobs.submit.mutationOptions({
      onSuccess: async ({ runId }) => {
        router.push(`/projects/${projectId}/runs/${runId}`);
        await queryClient.invalidateQueries({ queryKey: trpc.runs.list.queryKey({ projectId }) });
      },
    }),
  );
  const errors = form.formState.errors;
  const busy = submit.isPending || submit.isSuccess;

  return (
    <form
      onSubmit={form.handleSubmit((v) => submit.mutate(toSubmitInput(v)))}
      className="flex max-w-3xl flex-col gap-6"
      aria-label="Launch job"
      noValidate
    >
      <Card>
        <CardHeader>
          <CardTitle>What to run</CardTitle>
          <CardDescription>
            The command runs in a shell in the job&apos;s folder, with the code checked out there. Params reach it as
            TRAINYARD_PARAM_* variables and are recorded on the run.
          </CardDescription>
        </CardHeader>
        <CardContent className="flex flex-col gap-4">
          <FormField label="Name" error={errors.name} hint="Optional. The run gets a generated name otherwise.">
            {(p) => <Input autoComplete="off" {...p} {...form.register("name")} />}
          </FormField>
          <FormField label="Command" error={errors.command}>
            {(p) => (
              <Textarea
                rows={3}
                autoFocus
                spellCheck={false}
                placeholder="python train.py --epochs 10"
                className="font-mono"
                {...p}
                {...form.register("command")}
              />
            )}
          </FormField>
          <fieldset className="flex flex-col gap-2">
            <legend className="mb-2 text-sm font-medium">Code</legend>
            <div className="grid gap-4 sm:grid-cols-[1fr_12rem]">
              <FormField
                label="Git URL"
                error={errors.code?.git}
                hint="Optional. Leave empty to run the command without checking out code."
              >
                {(p) => (
                  <Input
                    autoComplete="off"
                    spellCheck={false}
                    placeholder="https://github.com/acme/train.git"
                    className="font-mono"
                    {...p}
                    {...form.register("code.git")}
                  />
                )}
              </FormField>
              <FormField label="Ref" error={errors.code?.ref} hint="Branch, tag or commit">
                {(p) => <Input autoComplete="off" spellCheck={false} placeholder="HEAD" className="font-mono" {...p} {...form.register("code.ref")} />}
              </FormField>
            </div>
          </fieldset>
          <FormField label="Params" error={errors.params} hint="Optional. One key=value per line.">
            {(p) => <Textarea rows={3} spellCheck={false} placeholder={"lr=0.0003\nepochs=10"} className="font-mono" {...p} {...form.register("params")} />}
          </FormField>
          <FormField
            label="Environment"
            error={errors.environment}
            hint={
              environmentsPending
                ? "Loading the project's environments…"
                : environments?.length === 0
                  ? "Optional. This project has no environments yet: the command runs with the host's python."
                  : "Optional. The version is installed before the command runs and recorded on the run."
            }
          >
            {(p) => (
              <Controller
                control={form.control}
                name="environment"
                render={({ field }) => {
                  const chosen = environments?.flatMap((g) => g.versions).find((v) => v.selector === field.value);
                  return (
                    <Select value={field.value} onValueChange={field.onChange}>
                      <SelectTrigger {...p} className="font-mono">
                        <SelectValue>
                          {field.value === NO_ENVIRONMENT ? "none (host python)" : chosen ? environmentLabel(chosen) : field.value}
                        </SelectValue>
                      </SelectTrigger>
                      <SelectContent>
                        <SelectItem value={NO_ENVIRONMENT}>none (host python)</SelectItem>
                        {(environments ?? []).map((g) => (
                          <SelectGroup key={g.name}>
                            <SelectLabel>{g.name}</SelectLabel>
                            {g.versions.map((v) => (
                              <SelectItem key={v.selector} value={v.selector} className="font-mono">
                                {environmentLabel(v)}
                              </SelectItem>
                            ))}
                          </SelectGroup>
                        ))}
                      </SelectContent>
                    </Select>
                  );
                }}
              />
            )}
          </FormField>
        </CardContent>
      </Card>

      <Card>
        <CardHeader>
          <CardTitle>Where to run</CardTitle>
          <CardDescription>
            The job waits in the queue until a matching target has enough free GPUs. Targets are listed on the team&apos;s{" "}
            <Link href={`/teams/${teamSlug}/compute`} className="text-primary hover:underline">
              Compute
            </Link>{" "}
            page.
          </CardDescription>
        </CardHeader>
        <CardContent className="flex flex-col gap-4">
          <div className="grid gap-4 sm:grid-cols-2">
            <FormField label="GPUs" error={errors.resources?.gpus}>
              {(p) => <Input type="number" min={0} max={64} step={1} {...p} {...form.register("resources.gpus", { valueAsNumber: true })} />}
            </FormField>
            <FormField label="GPU model" error={errors.resources?.gpuModel} hint="Optional. Part of the GPU's name, e.g. A100.">
              {(p) => <Input autoComplete="off" {...p} {...form.register("resources.gpuModel")} />}
            </FormField>
            <FormField label="Time limit (minutes)" error={errors.resources?.timeLimitMinutes} hint="Optional. A Slurm target stops the job at this limit.">
              {(p) => (
                <Input
                  type="number"
                  min={1}
                  step={1}
                  {...p}
                  {...form.register("resources.timeLimitMinutes", { setValueAs: (v: unknown) => (v === "" || v === undefined ? undefined : Number(v)) })}
                />
              )}
            </FormField>
          </div>
          <FormField
            label="Target"
            error={errors.target}
            hint={
              targetsPending
                ? "Loading the team's targets…"
                : targets?.length === 0
                  ? "This team has no compute yet: an owner or admin can register some."
                  : undefined
            }
          >
            {(p) => (
              <Controller
                control={form.control}
                name="target"
                render={({ field }) => {
                  const chosen = targets?.find((t) => t.id === field.value);
                  return (
                    <Select value={field.value} onValueChange={field.onChange}>
                      <SelectTrigger {...p}>
                        {/* Spelled out so the server render shows it too; Radix fills an empty Value only once mounted. */}
                        <SelectValue>{chosen ? targetLabel(chosen) : "Any matching target"}</SelectValue>
                      </SelectTrigger>
                      <SelectContent>
                        <SelectItem value={ANY_TARGET}>Any matching target</SelectItem>
                        {(targets ?? []).map((t) => (
                          <SelectItem key={t.id} value={t.id}>
                            {targetLabel(t)}
                          </SelectItem>
                        ))}
                      </SelectContent>
                    </Select>
                  );
                }}
              />
            )}
          </FormField>
          <FormField label="Labels" error={errors.labels} hint="Optional. Only targets with all of these labels, one key=value per line.">
            {(p) => <Textarea rows={2} spellCheck={false} placeholder="zone=eu" className="font-mono" {...p} {...form.register("labels")} />}
          </FormField>
          <div className="grid gap-4 sm:grid-cols-2">
            <FormField label="Priority" error={errors.priority} hint="Higher runs first, from -1000 to 1000.">
              {(p) => <Input type="number" min={-1000} max={1000} step={1} {...p} {...form.register("priority", { valueAsNumber: true })} />}
            </FormField>
            <FormField label="Max retries" error={errors.maxRetries} hint="Times the job is queued again if its agent is lost, up to 10.">
              {(p) => <Input type="number" min={0} max={10} step={1} {...p} {...form.register("maxRetries", { valueAsNumber: true })} />}
            </FormField>
          </div>
        </CardContent>
      </Card>

      {submit.error ? <ErrorState title="Could not launch the job" error={submit.error} /> : null}
      <div className="flex items-center gap-2">
        <Button type="submit" disabled={busy}>
          <Rocket aria-hidden /> {busy ? "Launching…" : "Launch"}
        </Button>
        <Button asChild variant="ghost">
          <Link href={`/projects/${projectId}/runs`}>Cancel</Link>
        </Button>
      </div>
    </form>
  );
}
