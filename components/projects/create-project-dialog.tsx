"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { Plus } from "lucide-react";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { Controller, useForm } from "react-hook-form";
import type { z } from "zod";
import { CreateProjectInput } from "@/server/projects/schemas";
import { useTRPC } from "../trpc/client";
import { Button } from "../ui/button";
import { Dialog, DialogContent, DialogDescription, DialogHeader, DialogTitle, DialogTrigger } from "../ui/dialog";
import { FormField } from "../ui/form-field";
import { Input, Textarea } from "../ui/input";
import { Select, SelectContent, SelectItem, SelectTrigger, SelectValue } from "../ui/select";
import { ErrorState } from "../ui/states";
import { slugify } from "./slugify";

type Values = z.input<typeof CreateProjectInput>;

export function CreateProjectDialog({ teams }: { teams: { slug: string; name: string }[] }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const router = useRouter();
  const [open, setOpen] = useState(false);
  const form = useForm<Values>({
    resolver: zodResolver(CreateProjectInput),
    mode: "onChange",
    defaultValues: { teamSlug: teams.length === 1 ? teams[0]!.slug : "", name: "", slug: "", description: "" },
  });
  const create = useMutation(
    trpc.projects.create.mutationOptions({
      onSuccess: async (project) => {
        await queryClient.invalidateQueries({ queryKey: trpc.projects.list.queryKey() });
        setOpen(false);
        form.reset();
        router.push(`/projects/${project.id}`);
      },
    }),
  );
  const nameField = form.register("name", {
    onChange: (e: React.ChangeEvent<HTMLInputElement>) => {
      if (!form.getFieldState("slug").isDirty) form.setValue("slug", slugify(e.target.value), { shouldValidate: true });
    },
  });

  return (
    <Dialog open={open} onOpenChange={setOpen}>
      <DialogTrigger asChild>
        <Button>
          <Plus /> New project
        </Button>
      </DialogTrigger>
      <DialogContent>
        <DialogHeader>
          <DialogTitle>New project</DialogTitle>
          <DialogDescription>Runs, jobs and models are organised by project.</DialogDescription>
        </DialogHeader>
        <form onSubmit={form.handleSubmit((v) => create.mutate(v))} className="flex flex-col gap-4" noValidate>
          <FormField label="Team" error={form.formState.errors.teamSlug}>
            {(p) => (
              <Controller
                control={form.control}
                name="teamSlug"
                render={({ field }) => (
                  <Select value={field.value} onValueChange={field.onChange}>
                    <SelectTrigger id={p.id} aria-invalid={p["aria-invalid"]}>
                      <SelectValue placeholder="Choose a team" />
                    </SelectTrigger>
                    <SelectContent>
                      {teams.map((t) => (
                        <SelectItem key={t.slug} value={t.slug}>
                          {t.name}
                        </SelectItem>
                      ))}
                    </SelectContent>
                  </Select>
                )}
              />
            )}
          </FormField>
          <FormField label="Name" error={form.formState.errors.name}>
            {(p) => <Input {...p} {...nameField} />}
          </FormField>
          <FormField label="Slug" error={form.formState.errors.slug} hint="Used in URLs and the API">
            {(p) => <Input {...p} {...form.register("slug")} />}
          </FormField>
          <FormField label="Description" error={form.formState.errors.description}>
            {(p) => <Textarea {...p} {...form.register("description")} />}
          </FormField>
          {create.error ? <ErrorState title="Could not create the project" error={create.error} /> : null}
          <Button type="submit" disabled={create.isPending}>
            {create.isPending ? "Creating…" : "Create project"}
          </Button>
        </form>
      </DialogContent>
    </Dialog>
  );
}
