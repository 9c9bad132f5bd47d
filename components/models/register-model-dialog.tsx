"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { PackagePlus } from "lucide-react";
import Link from "next/link";
import { useId, useMemo, useState } from "react";
import { Controller, useForm } from "react-hook-form";
import { z } from "zod";
import { ModelName } from "@/server/registry/schemas";
import { formatBytes } from "../charts/prepare/format";
import { useTRPC, useTRPCClient } from "../trpc/client";
import { Button } from "../ui/button";
import { Dialog, DialogClose, DialogContent, DialogDescription, DialogHeader, DialogTitle, DialogTrigger } from "../ui/dialog";
import { FormField } from "../ui/form-field";
import { Input, Textarea } from "../ui/input";
import { Select, SelectContent, SelectItem, SelectTrigger, SelectValue } from "../ui/select";
import { ErrorState, LoadingRows } from "../ui/states";
import { type ArtifactPathOption, artifactPathOptions, suggestedArtifactPath } from "./artifact-paths";
import { modelHref } from "./links";

const RegisterModelForm = z.object({
  modelName: ModelName,
  artifactPath: z.string().min(1, "Choose an artifact"),
  description: z.string().max(10_000),
});
type Values = z.input<typeof RegisterModelForm>;

/**
 * Registers one of the run's artifacts (a file or a folder) as the next version of a model, picked
 * from the project's models or named anew (created first). Ends with a link to the model.
 */
export function RegisterModelDialog({ projectId, runId }: { projectId: string; runId: string }) {
  const [open, setOpen] = useState(false);
  return (
    <Dialog open={open} onOpenChange={setOpen}>
      <DialogTrigger asChild>
        <Button variant="outline" size="sm">
          <PackagePlus aria-hidden /> Register model
        </Button>
      </DialogTrigger>
      <DialogContent className="max-w-lg">
        <DialogHeader>
          <DialogTitle>Register model</DialogTitle>
          <DialogDescription>
            The version is bound to the artifact&apos;s sha256 and records this run&apos;s lineage and metrics as they are now.
          </DialogDescription>
        </DialogHeader>
        {open ? <RegisterForm projectId={projectId} runId={runId} /> : null}
      </DialogContent>
    </Dialog>
  );
}

function RegisterForm({ projectId, runId }: { projectId: string; runId: string }) {
  const trpc = useTRPC();
  const client = useTRPCClient();
  const queryClient = useQueryClient();
  const models = useQuery(trpc.registry.models.queryOptions({ projectId }));
  const artifacts = useQuery(trpc.runs.artifacts.queryOptions({ runId }));
  const options = useMemo(() => artifactPathOptions(artifacts.data ?? []), [artifacts.data]);
  const register = useMutation({
    mutationFn: async (v: z.output<typeof RegisterModelForm>) => {
      const existing = models.data?.find((m) => m.name === v.modelName);
      const model = existing ?? (await client.registry.createModel.mutate({ projectId, name: v.modelName }));
      const description = v.description.trim();
      const version = await client.registry.registerVersion.mutate({
        modelId: model.id,
        runId,
        artifactPath: v.artifactPath,
        ...(description ? { description } : {}),
      });
      return { model: { id: model.id, name: model.name }, version: version.version };
    },
    onSettled: () => queryClient.invalidateQueries({ queryKey: trpc.registry.pathKey() }),
  });

  if (register.data) {
    const { model, version } = register.data;
    return (
      <div className="flex flex-col gap-4">
        <p role="status" className="rounded-md border border-success/40 bg-success/10 p-3 text-sm" data-testid="registered-version">
          Registered <span className="font-mono font-medium">{model.name}</span> version {version}.
        </p>
        <div className="flex justify-end gap-2">
          <DialogClose asChild>
            <Button variant="outline">Close</Button>
          </DialogClose>
          <Button asChild>
            <Link href={modelHref(projectId, model.id)}>Open model</Link>
          </Button>
        </div>
      </div>
    );
  }
  if (artifacts.isPending) return <LoadingRows rows={2} label="Loading artifacts" />;
  if (artifacts.isError) return <ErrorState title="Could not load the run's artifacts" error={artifacts.error} />;
  if (options.length === 0) {
    return <p className="text-sm text-muted-foreground">This run has no artifacts yet. Upload the model with run.log_artifact(path) first.</p>;
  }

  return (
    <RegisterFields
      models={models.data}
      options={options}
      pending={register.isPending}
      error={register.error}
      onSubmit={(v) => register.mutate(v)}
    />
  );
}

function RegisterFields({
  models,
  options,
  pending,
  error,
  onSubmit,
}: {
  models: { id: string; name: string; latestVersion: number | null }[] | undefined;
  options: ArtifactPathOption[];
  pending: boolean;
  error: { message: string } | null;
  onSubmit: (values: z.output<typeof RegisterModelForm>) => void;
}) {
  const listId = useId();
  const form = useForm<Values, unknown, z.output<typeof RegisterModelForm>>({
    resolver: zodResolver(RegisterModelForm),
    defaultValues: { modelName: "", artifactPath: suggestedArtifactPath(options) ?? "", description: "" },
  });
  const typed = form.watch("modelName").trim();
  const isNew = typed !== "" && models !== undefined && !models.some((m) => m.name === typed);
  return (
    <form onSubmit={form.handleSubmit(onSubmit)} className="flex flex-col gap-4" noValidate>
      <FormField
        label="Model"
        error={form.formState.errors.modelName}
        hint={isNew ? `A new model “${typed}” will be created.` : "Pick one of the project's models or type a new name."}
      >
        {(p) => <Input {...p} {...form.register("modelName")} list={listId} autoComplete="off" />}
      </FormField>
      <datalist id={listId}>
        {models?.map((m) => (
          <option key={m.id} value={m.name}>
            {m.latestVersion ? `latest v${m.latestVersion}` : "no versions yet"}
          </option>
        ))}
      </datalist>
      <FormField label="Artifact path" error={form.formState.errors.artifactPath} hint="A file, or a folder and everything under it">
        {(p) => (
          <Controller
            control={form.control}
            name="artifactPath"
            render={({ field }) => (
              <Select value={field.value} onValueChange={field.onChange}>
                <SelectTrigger id={p.id} aria-invalid={p["aria-invalid"]} aria-describedby={p["aria-describedby"]} className="font-mono text-xs">
                  <SelectValue placeholder="Choose an artifact" />
                </SelectTrigger>
                <SelectContent>
                  {options.map((o) => (
                    <SelectItem key={o.path} value={o.path} className="font-mono text-xs">
                      {o.kind === "folder" ? `${o.path}/ (${o.files} file${o.files === 1 ? "" : "s"}, ${formatBytes(o.size)})` : `${o.path} (${formatBytes(o.size)})`}
                    </SelectItem>
                  ))}
                </SelectContent>
              </Select>
            )}
          />
        )}
      </FormField>
      <FormField label="Description" error={form.formState.errors.description}>
        {(p) => <Textarea {...p} {...form.register("description")} />}
      </FormField>
      {error ? <ErrorState title="Could not register the model" error={error} /> : null}
      <Button type="submit" disabled={pending}>
        {pending ? "Registering…" : "Register version"}
      </Button>
    </form>
  );
}
