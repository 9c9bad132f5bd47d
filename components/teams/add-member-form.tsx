"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { UserPlus } from "lucide-react";
import { useForm } from "react-hook-form";
import type { TeamRole } from "@/db/schema/enums";
import { AddMemberInput } from "@/server/teams/schemas";
import { useTRPC } from "../trpc/client";
import { Button } from "../ui/button";
import { FormField } from "../ui/form-field";
import { Input } from "../ui/input";
import { ErrorState } from "../ui/states";
import { RoleField } from "./role-field";

/** Adds someone who already has an account; people without one get an invite link instead. */
export function AddMemberForm({ teamSlug, viewerRole }: { teamSlug: string; viewerRole: TeamRole }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const form = useForm<AddMemberInput>({
    resolver: zodResolver(AddMemberInput),
    mode: "onChange",
    defaultValues: { teamSlug, email: "", role: "member" },
  });
  const add = useMutation(
    trpc.teams.addMember.mutationOptions({
      onSuccess: async () => {
        await queryClient.invalidateQueries({ queryKey: trpc.teams.members.queryKey({ teamSlug }) });
        form.reset({ teamSlug, email: "", role: form.getValues("role") });
      },
    }),
  );

  return (
    <form
      onSubmit={form.handleSubmit((v) => add.mutate(v))}
      className="flex flex-col gap-4"
      aria-label="Add existing user"
      noValidate
    >
      <div className="grid gap-4 sm:grid-cols-[1fr_10rem]">
        <FormField label="Email" error={form.formState.errors.email}>
          {(p) => <Input type="email" autoComplete="off" placeholder="name@example.com" {...p} {...form.register("email")} />}
        </FormField>
        <RoleField label="Role" control={form.control} error={form.formState.errors.role} viewerRole={viewerRole} />
      </div>
      {add.error ? <ErrorState title="Could not add the member" error={add.error} /> : null}
      {add.isSuccess ? (
        <p role="status" className="text-sm text-muted-foreground">
          Added {add.data.name} as {add.data.role}.
        </p>
      ) : null}
      <div>
        <Button type="submit" disabled={add.isPending}>
          <UserPlus aria-hidden /> {add.isPending ? "Adding…" : "Add member"}
        </Button>
      </div>
    </form>
  );
}
