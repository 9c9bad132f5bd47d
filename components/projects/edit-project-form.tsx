"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useForm } from "react-hook-form";
import { UpdateProjectInput } from "@/server/projects/schemas";
import { useTRPC } from "../trpc/client";
import { Button } from "../ui/button";
import { FormField } from "../ui/form-field";
import { Input, Textarea } from "../ui/input";
import { ErrorState } from "../ui/states";

interface Project {
  id: string;
  name: string;
  slug: string;
  description: string;
}

export function EditProjectForm({ project, disabled }: { project: Project; disabled: boolean }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const form = useForm<UpdateProjectInput>({
    resolver: zodResolver(UpdateProjectInput),
    mode: "onChange",
    defaultValues: { projectId: project.id, name: project.name, description: project.description },
  });
  const update = useMutation(
    trpc.projects.update.mutationOptions({
      onSuccess: async (updated) => {
        form.reset({ projectId: project.id, name: updated.name, description: updated.description });
        await Promise.all([
          queryClient.invalidateQueries({ queryKey: trpc.projects.get.queryKey({ projectId: project.id }) }),
          queryClient.invalidateQueries({ queryKey: trpc.projects.list.queryKey() }),
        ]);
      },
    }),
  );

  return (
    <form onSubmit={form.handleSubmit((v) => update.mutate(v))} className="flex flex-col gap-4" noValidate>
      <FormField label="Project name" error={form.formState.errors.name}>
        {(p) => <Input disabled={disabled} {...p} {...form.register("name")} />}
      </FormField>
      <FormField label="Project slug" hint="Used in URLs and the API, so it does not change.">
        {(p) => <Input {...p} value={project.slug} readOnly disabled className="font-mono" />}
      </FormField>
      <FormField label="Description" error={form.formState.errors.description}>
        {(p) => <Textarea disabled={disabled} rows={4} {...p} {...form.register("description")} />}
      </FormField>
      {update.error ? <ErrorState title="Could not save the project" error={update.error} /> : null}
      {update.isSuccess && !form.formState.isDirty ? (
        <p role="status" className="text-sm text-muted-foreground">
          Saved.
        </p>
      ) : null}
      {disabled ? null : (
        <div>
          <Button type="submit" disabled={update.isPending || !form.formState.isDirty}>
            {update.isPending ? "Saving…" : "Save changes"}
          </Button>
        </div>
      )}
    </form>
  );
}
