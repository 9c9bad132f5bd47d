"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { Link2 } from "lucide-react";
import { Controller, useForm } from "react-hook-form";
import type { TeamRole } from "@/db/schema/enums";
import { CreateInviteInput } from "@/server/teams/schemas";
import { SecretField } from "../tokens/secret-field";
import { useTRPC } from "../trpc/client";
import { Button } from "../ui/button";
import { FormField } from "../ui/form-field";
import { Select, SelectContent, SelectItem, SelectTrigger, SelectValue } from "../ui/select";
import { ErrorState } from "../ui/states";
import { RoleField } from "./role-field";

const expiryChoices = [1, 7, 30] as const;

/** Creates a single-use invite link. The server keeps only its hash, so the link is shown once. */
export function InviteForm({ teamSlug, viewerRole }: { teamSlug: string; viewerRole: TeamRole }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const form = useForm<CreateInviteInput>({
    resolver: zodResolver(CreateInviteInput),
    mode: "onChange",
    defaultValues: { teamSlug, role: "member", expiresInDays: 7 },
  });
  const create = useMutation(
    trpc.teams.createInvite.mutationOptions({
      onSuccess: () => queryClient.invalidateQueries({ queryKey: trpc.teams.invites.queryKey({ teamSlug }) }),
    }),
  );

  return (
    <form
      onSubmit={form.handleSubmit((v) => create.mutate(v))}
      className="flex flex-col gap-4"
      aria-label="Create invite link"
      noValidate
    >
      <div className="grid gap-4 sm:grid-cols-2">
        <RoleField label="Invite as" control={form.control} error={form.formState.errors.role} viewerRole={viewerRole} />
        <FormField label="Link expires in" error={form.formState.errors.expiresInDays}>
          {(p) => (
            <Controller
              control={form.control}
              name="expiresInDays"
              render={({ field }) => (
                <Select value={String(field.value ?? 7)} onValueChange={(v) => field.onChange(Number(v))}>
                  <SelectTrigger {...p}>
                    <SelectValue />
                  </SelectTrigger>
                  <SelectContent>
                    {expiryChoices.map((days) => (
                      <SelectItem key={days} value={String(days)}>
                        {days === 1 ? "1 day" : `${days} days`}
                      </SelectItem>
                    ))}
                  </SelectContent>
                </Select>
              )}
            />
          )}
        </FormField>
      </div>
      {create.error ? <ErrorState title="Could not create the invite" error={create.error} /> : null}
      {create.data ? (
        <SecretField
          label={`Invite link (${create.data.role})`}
          value={`${window.location.origin}${create.data.path}`}
          testId="invite-link"
          hint="Copy it now: it is shown only once. Anyone with the link can join until it is used, revoked or expires."
        />
      ) : null}
      <div>
        <Button type="submit" disabled={create.isPending}>
          <Link2 aria-hidden /> {create.isPending ? "Creating…" : "Create invite link"}
        </Button>
      </div>
    </form>
  );
}
