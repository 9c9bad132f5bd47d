"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { KeyRound } from "lucide-react";
import { Controller, useForm } from "react-hook-form";
import { CreateTokenInput } from "@/server/tokens/schemas";
import { useTRPC } from "../trpc/client";
import { Button } from "../ui/button";
import { FormField } from "../ui/form-field";
import { Input } from "../ui/input";
import { Select, SelectContent, SelectItem, SelectTrigger, SelectValue } from "../ui/select";
import { ErrorState } from "../ui/states";
import { SecretField } from "./secret-field";

const expiryChoices = [
  { value: "never", label: "Never", days: undefined },
  { value: "30", label: "30 days", days: 30 },
  { value: "90", label: "90 days", days: 90 },
  { value: "365", label: "1 year", days: 365 },
] as const;

/** Creates a personal API token; the server stores only its hash, so the token is shown once. */
export function CreateTokenForm() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const form = useForm<CreateTokenInput>({
    resolver: zodResolver(CreateTokenInput),
    mode: "onChange",
    defaultValues: { name: "", expiresInDays: undefined },
  });
  const create = useMutation(
    trpc.account.createToken.mutationOptions({
      onSuccess: async () => {
        form.reset({ name: "", expiresInDays: form.getValues("expiresInDays") });
        await Promise.all([
          queryClient.invalidateQueries({ queryKey: trpc.account.tokens.queryKey() }),
          queryClient.invalidateQueries({ queryKey: trpc.account.activity.queryKey() }),
        ]);
      },
    }),
  );

  return (
    <form
      onSubmit={form.handleSubmit((v) => create.mutate(v))}
      className="flex flex-col gap-4"
      aria-label="Create API token"
      noValidate
    >
      <div className="grid gap-4 sm:grid-cols-[1fr_10rem]">
        <FormField label="Token name" error={form.formState.errors.name} hint="Where it is used, e.g. “laptop” or “gpu-agent-1”">
          {(p) => <Input autoComplete="off" {...p} {...form.register("name")} />}
        </FormField>
        <FormField label="Expires" error={form.formState.errors.expiresInDays}>
          {(p) => (
            <Controller
              control={form.control}
              name="expiresInDays"
              render={({ field }) => (
                <Select
                  value={field.value ? String(field.value) : "never"}
                  onValueChange={(v) => field.onChange(expiryChoices.find((c) => c.value === v)?.days)}
                >
                  <SelectTrigger {...p}>
                    <SelectValue />
                  </SelectTrigger>
                  <SelectContent>
                    {expiryChoices.map((c) => (
                      <SelectItem key={c.value} value={c.value}>
                        {c.label}
                      </SelectItem>
                    ))}
                  </SelectContent>
                </Select>
              )}
            />
          )}
        </FormField>
      </div>
      {create.error ? <ErrorState title="Could not create the token" error={create.error} /> : null}
      {create.data ? (
        <SecretField
          label={`New token “${create.data.name}”`}
          value={create.data.token}
          testId="new-token"
          hint="Copy it now: it is shown only once. It acts as you, with your permissions in every team."
        />
      ) : null}
      <div>
        <Button type="submit" disabled={create.isPending}>
          <KeyRound aria-hidden /> {create.isPending ? "Creating…" : "Create token"}
        </Button>
      </div>
    </form>
  );
}
