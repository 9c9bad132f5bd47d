"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useForm } from "react-hook-form";
import { UpdateTeamInput } from "@/server/teams/schemas";
import { useTRPC } from "../trpc/client";
import { Button } from "../ui/button";
import { FormField } from "../ui/form-field";
import { Input } from "../ui/input";
import { ErrorState } from "../ui/states";

export function RenameTeamForm({ teamSlug, name, disabled }: { teamSlug: string; name: string; disabled: boolean }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const form = useForm<UpdateTeamInput>({
    resolver: zodResolver(UpdateTeamInput),
    mode: "onChange",
    defaultValues: { teamSlug, name },
  });
  const update = useMutation(
    trpc.teams.update.mutationOptions({
      onSuccess: async (team) => {
        form.reset({ teamSlug, name: team.name });
        // The header, the team switcher and the teams list all show the name.
        await Promise.all([
          queryClient.invalidateQueries({ queryKey: trpc.teams.get.queryKey({ teamSlug }) }),
          queryClient.invalidateQueries({ queryKey: trpc.teams.list.queryKey() }),
          queryClient.invalidateQueries({ queryKey: trpc.projects.list.queryKey() }),
        ]);
      },
    }),
  );

  return (
    <form onSubmit={form.handleSubmit((v) => update.mutate(v))} className="flex flex-col gap-4" noValidate>
      <FormField label="Team name" error={form.formState.errors.name}>
        {(p) => <Input disabled={disabled} {...p} {...form.register("name")} />}
      </FormField>
      <FormField label="Team slug" hint="The slug is part of every URL and API path, so it does not change.">
        {(p) => <Input {...p} value={teamSlug} readOnly disabled className="font-mono" />}
      </FormField>
      {update.error ? <ErrorState title="Could not rename the team" error={update.error} /> : null}
      {update.isSuccess && !form.formState.isDirty ? (
        <p role="status" className="text-sm text-muted-foreground">
          Saved.
        </p>
      ) : null}
      {disabled ? null : (
        <div>
          <Button type="submit" disabled={update.isPending || !form.formState.isDirty}>
            {update.isPending ? "Saving…" : "Save"}
          </Button>
        </div>
      )}
    </form>
  );
}
