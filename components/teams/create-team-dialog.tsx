"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { Plus } from "lucide-react";
import { useRouter } from "next/navigation";
import { useForm } from "react-hook-form";
import { CreateTeamInput } from "@/server/teams/schemas";
import { slugify } from "../projects/slugify";
import { useTRPC } from "../trpc/client";
import { Button } from "../ui/button";
import { Dialog, DialogContent, DialogDescription, DialogHeader, DialogTitle, DialogTrigger } from "../ui/dialog";
import { FormField } from "../ui/form-field";
import { Input } from "../ui/input";
import { ErrorState } from "../ui/states";

/** Controlled by the page so that `/teams?create=1` (the team switcher's link) can open it. */
export function CreateTeamDialog({ open, onOpenChange }: { open: boolean; onOpenChange: (open: boolean) => void }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const router = useRouter();
  const form = useForm<CreateTeamInput>({
    resolver: zodResolver(CreateTeamInput),
    mode: "onChange",
    defaultValues: { name: "", slug: "" },
  });
  const create = useMutation(
    trpc.teams.create.mutationOptions({
      onSuccess: async (team) => {
        await queryClient.invalidateQueries({ queryKey: trpc.teams.list.queryKey() });
        form.reset();
        router.push(`/teams/${team.slug}`);
      },
    }),
  );
  const nameField = form.register("name", {
    onChange: (e: React.ChangeEvent<HTMLInputElement>) => {
      if (!form.getFieldState("slug").isDirty) form.setValue("slug", slugify(e.target.value), { shouldValidate: true });
    },
  });

  return (
    <Dialog open={open} onOpenChange={onOpenChange}>
      <DialogTrigger asChild>
        <Button>
          <Plus aria-hidden /> New team
        </Button>
      </DialogTrigger>
      <DialogContent>
        <DialogHeader>
          <DialogTitle>New team</DialogTitle>
          <DialogDescription>You become its owner; invite the people you work with afterwards.</DialogDescription>
        </DialogHeader>
        <form onSubmit={form.handleSubmit((v) => create.mutate(v))} className="flex flex-col gap-4" noValidate>
          <FormField label="Team name" error={form.formState.errors.name}>
            {(p) => <Input autoFocus {...p} {...nameField} />}
          </FormField>
          <FormField label="Team slug" error={form.formState.errors.slug} hint="Used in URLs and the API; cannot change later">
            {(p) => <Input {...p} {...form.register("slug")} />}
          </FormField>
          {create.error ? <ErrorState title="Could not create the team" error={create.error} /> : null}
          <Button type="submit" disabled={create.isPending}>
            {create.isPending ? "Creating…" : "Create team"}
          </Button>
        </form>
      </DialogContent>
    </Dialog>
  );
}
