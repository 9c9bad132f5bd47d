"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { Controller, useForm } from "react-hook-form";
import type { z } from "zod";
import { useTRPC } from "../trpc/client";
import { Button } from "../ui/button";
import { Dialog, DialogContent, DialogDescription, DialogHeader, DialogTitle } from "../ui/dialog";
import { FormField } from "../ui/form-field";
import { Input, Textarea } from "../ui/input";
import { Select, SelectContent, SelectItem, SelectTrigger, SelectValue } from "../ui/select";
import { ErrorState } from "../ui/states";
import { promotionHref } from "./links";
import { aliasChoices, CUSTOM_ALIAS, RequestPromotionForm, type RequestPromotionFormValues } from "./request-form";
import { versionLabel } from "./summaries";
import type { ModelAlias, ModelVersion, PromotionPolicy } from "./types";

export interface RequestPreset {
  version?: number;
  alias?: string;
}

interface Props {
  projectId: string;
  modelId: string;
  /** Newest first. */
  versions: ModelVersion[];
  aliases: ModelAlias[];
  policies: PromotionPolicy[];
  /** Opens the dialog with these choices made; null closes it. */
  preset: RequestPreset | null;
  onClose: () => void;
}

/** Asks to move an alias to a version; opens the new request's page. */
export function RequestPromotionDialog({ preset, onClose, ...props }: Props) {
  return (
    <Dialog open={preset !== null} onOpenChange={(open) => (open ? undefined : onClose())}>
      <DialogContent className="max-w-lg">
        <DialogHeader>
          <DialogTitle>Request promotion</DialogTitle>
          <DialogDescription>Reviewers approve or reject it; once approved and every check passes, the alias moves.</DialogDescription>
        </DialogHeader>
        {preset ? <RequestForm {...props} preset={preset} /> : null}
      </DialogContent>
    </Dialog>
  );
}

function RequestForm({ projectId, modelId, versions, aliases, policies, preset }: Omit<Props, "onClose" | "preset"> & { preset: RequestPreset }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const router = useRouter();
  const choices = aliasChoices(
    aliases.map((a) => a.alias),
    policies.map((p) => p.alias),
  );
  const presetAlias = preset.alias;
  const form = useForm<RequestPromotionFormValues, unknown, z.output<typeof RequestPromotionForm>>({
    resolver: zodResolver(RequestPromotionForm),
    defaultValues: {
      modelId,
      version: String(preset.version ?? versions[0]?.version ?? ""),
      alias: presetAlias === undefined ? "" : choices.includes(presetAlias) ? presetAlias : CUSTOM_ALIAS,
      customAlias: presetAlias !== undefined && !choices.includes(presetAlias) ? presetAlias : "",
      description: "",
    },
  });
  const request = useMutation(
    trpc.registry.requestPromotion.mutationOptions({
      onSuccess: async (promotion) => {
        await queryClient.invalidateQueries({ queryKey: trpc.registry.pathKey() });
        router.push(promotionHref(projectId, promotion.id));
      },
    }),
  );

  const chosen = form.watch("alias");
  const alias = chosen === CUSTOM_ALIAS ? form.watch("customAlias").trim() : chosen;
  const holder = aliases.find((a) => a.alias === alias);
  const policy = policies.find((p) => p.alias === alias);

  return (
    <form onSubmit={form.handleSubmit((v) => request.mutate(v))} className="flex flex-col gap-4" noValidate>
      <FormField label="Version" error={form.formState.errors.version}>
        {(p) => (
          <Controller
            control={form.control}
            name="version"
            render={({ field }) => (
              <Select value={field.value} onValueChange={field.onChange}>
                <SelectTrigger id={p.id} aria-invalid={p["aria-invalid"]} aria-describedby={p["aria-describedby"]}>
                  <SelectValue placeholder="Choose a version" />
                </SelectTrigger>
                <SelectContent>
                  {versions.map((v, i) => (
                    <SelectItem key={v.id} value={String(v.version)}>
                      v{v.version}
                      {i === 0 ? " · latest" : ""}
                      {v.aliases.length ? ` · ${v.aliases.join(", ")}` : ""}
                    </SelectItem>
                  ))}
                </SelectContent>
              </Select>
            )}
          />
        )}
      </FormField>
      <FormField
        label="Alias"
        error={form.formState.errors.alias}
        hint={
          alias
            ? `${alias} points to ${versionLabel(holder?.version)} now; ${
                policy
                  ? `its policy asks for ${policy.requiredApprovals} approval${policy.requiredApprovals === 1 ? "" : "s"} and ${policy.checks.length} check${policy.checks.length === 1 ? "" : "s"}.`
                  : "no policy: one reviewer's approval, no checks."
              }`
            : undefined
        }
      >
        {(p) => (
          <Controller
            control={form.control}
            name="alias"
            render={({ field }) => (
              <Select value={field.value} onValueChange={field.onChange}>
                <SelectTrigger id={p.id} aria-invalid={p["aria-invalid"]} aria-describedby={p["aria-describedby"]}>
                  <SelectValue placeholder="Choose an alias" />
                </SelectTrigger>
                <SelectContent>
                  {choices.map((a) => (
                    <SelectItem key={a} value={a}>
                      {a}
                    </SelectItem>
                  ))}
                  <SelectItem value={CUSTOM_ALIAS}>Another alias…</SelectItem>
                </SelectContent>
              </Select>
            )}
          />
        )}
      </FormField>
      {chosen === CUSTOM_ALIAS ? (
        <FormField label="Alias name" error={form.formState.errors.customAlias} hint="Lowercase letters, digits, _ and -">
          {(p) => <Input {...p} {...form.register("customAlias")} autoComplete="off" autoFocus />}
        </FormField>
      ) : null}
      <FormField label="Description" error={form.formState.errors.description} hint="Why this version: what changed, what was evaluated">
        {(p) => <Textarea {...p} {...form.register("description")} />}
      </FormField>
      {request.error ? <ErrorState title="Could not open the request" error={request.error} /> : null}
      <Button type="submit" disabled={request.isPending || request.isSuccess}>
        {request.isPending ? "Requesting…" : "Request promotion"}
      </Button>
    </form>
  );
}
