"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { Plus, Trash2 } from "lucide-react";
import { Controller, useFieldArray, useForm, type Control } from "react-hook-form";
import type { z } from "zod";
import { useTRPC } from "../trpc/client";
import { Button } from "../ui/button";
import { Dialog, DialogContent, DialogDescription, DialogHeader, DialogTitle } from "../ui/dialog";
import { FormField } from "../ui/form-field";
import { Input } from "../ui/input";
import { Select, SelectContent, SelectItem, SelectTrigger, SelectValue } from "../ui/select";
import { ErrorState } from "../ui/states";
import {
  blankCheckRow,
  type CheckKind,
  checkKindLabels,
  directions,
  operators,
  PolicyForm,
  type PolicyFormValues,
  policyFormValues,
  stats,
} from "./policy-form";
import type { PromotionPolicy } from "./types";

const kinds = Object.keys(checkKindLabels) as CheckKind[];

/** Adds a policy for an alias or edits one (its alias then fixed): required approvals and checks. */
export function PolicyDialog({
  projectId,
  policy,
  open,
  onClose,
}: {
  projectId: string;
  /** The policy edited; a new one when undefined. */
  policy: PromotionPolicy | undefined;
  open: boolean;
  onClose: () => void;
}) {
  return (
    <Dialog open={open} onOpenChange={(next) => (next ? undefined : onClose())}>
      <DialogContent className="max-h-[90vh] max-w-3xl overflow-y-auto">
        <DialogHeader>
          <DialogTitle>{policy ? `Policy for ${policy.alias}` : "New promotion policy"}</DialogTitle>
          <DialogDescription>
            An alias with a policy moves only through a reviewed request: it needs this many approvals, and every check passing when the
            last approval comes in.
          </DialogDescription>
        </DialogHeader>
        {open ? <PolicyFormBody key={policy?.alias ?? "new"} projectId={projectId} policy={policy} onSaved={onClose} /> : null}
      </DialogContent>
    </Dialog>
  );
}

function PolicyFormBody({ projectId, policy, onSaved }: { projectId: string; policy: PromotionPolicy | undefined; onSaved: () => void }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const form = useForm<PolicyFormValues, unknown, z.output<typeof PolicyForm>>({
    resolver: zodResolver(PolicyForm),
    defaultValues: policyFormValues(projectId, policy),
  });
  const checks = useFieldArray({ control: form.control, name: "checks" });
  const save = useMutation(
    trpc.registry.setPolicy.mutationOptions({
      onSuccess: async () => {
        await queryClient.invalidateQueries({ queryKey: trpc.registry.policies.queryKey({ projectId }) });
        onSaved();
      },
    }),
  );
  const errors = form.formState.errors;

  return (
    <form onSubmit={form.handleSubmit((v) => save.mutate(v))} className="flex flex-col gap-4" noValidate>
      <div className="grid gap-4 sm:grid-cols-2">
        <FormField label="Alias" error={errors.alias} hint={policy ? undefined : "For example production or staging"}>
          {(p) => <Input {...p} {...form.register("alias")} disabled={policy !== undefined} autoComplete="off" />}
        </FormField>
        <FormField label="Required approvals" error={errors.requiredApprovals} hint="0 to 10; the requester never counts">
          {(p) => <Input {...p} {...form.register("requiredApprovals")} type="number" min={0} max={10} step={1} inputMode="numeric" />}
        </FormField>
      </div>
      <fieldset className="flex flex-col gap-3">
        <legend className="mb-2 text-sm font-medium">Checks</legend>
        {checks.fields.length === 0 ? <p className="text-sm text-muted-foreground">No checks: approvals alone move the alias.</p> : null}
        {checks.fields.map((field, i) => (
          <CheckRowFields key={field.id} index={i} control={form.control} form={form} onRemove={() => checks.remove(i)} />
        ))}
        <Button type="button" variant="outline" size="sm" className="w-fit" onClick={() => checks.append(blankCheckRow())} disabled={checks.fields.length >= 20}>
          <Plus aria-hidden /> Add check
        </Button>
      </fieldset>
      {save.error ? <ErrorState title="Could not save the policy" error={save.error} /> : null}
      <Button type="submit" disabled={save.isPending}>
        {save.isPending ? "Saving…" : "Save policy"}
      </Button>
    </form>
  );
}

function CheckRowFields({
  index,
  control,
  form,
  onRemove,
}: {
  index: number;
  control: Control<PolicyFormValues, unknown, z.output<typeof PolicyForm>>;
  form: ReturnType<typeof useForm<PolicyFormValues, unknown, z.output<typeof PolicyForm>>>;
  onRemove: () => void;
}) {
  const n = index + 1;
  const kind = form.watch(`checks.${index}.kind`);
  const rowErrors = form.formState.errors.checks?.[index];
  const choice = <T extends string>(name: "stat" | "op" | "direction", label: string, options: readonly T[], width: string) => (
    <Controller
      control={control}
      name={`checks.${index}.${name}`}
      render={({ field }) => (
        <Select value={field.value} onValueChange={field.onChange}>
          <SelectTrigger aria-label={`Check ${n} ${label}`} className={width}>
            <SelectValue />
          </SelectTrigger>
          <SelectContent>
            {options.map((o) => (
              <SelectItem key={o} value={o}>
                {name === "direction" ? `${o} is better` : o}
              </SelectItem>
            ))}
          </SelectContent>
        </Select>
      )}
    />
  );
  const hasKey = kind === "metric_threshold" || kind === "beats_current";
  return (
    <div className="flex flex-col gap-1 rounded-md border p-3" data-testid="policy-check-row">
      <div className="flex flex-wrap items-center gap-2">
        <Controller
          control={control}
          name={`checks.${index}.kind`}
          render={({ field }) => (
            <Select
              value={field.value}
              onValueChange={(next) => {
                field.onChange(next);
                // The other kind's complaints (a missing key, a bad value) no longer apply.
                form.clearErrors([`checks.${index}.key`, `checks.${index}.value`]);
              }}
            >
              <SelectTrigger aria-label={`Check ${n} kind`} className="w-60 whitespace-nowrap">
                <SelectValue />
              </SelectTrigger>
              <SelectContent>
                {kinds.map((k) => (
                  <SelectItem key={k} value={k}>
                    {checkKindLabels[k]}
                  </SelectItem>
                ))}
              </SelectContent>
            </Select>
          )}
        />
        {hasKey ? (
          <>
            <Input
              aria-label={`Check ${n} metric key`}
              placeholder="val/acc"
              className="w-40 font-mono text-xs"
              aria-invalid={Boolean(rowErrors?.key)}
              {...form.register(`checks.${index}.key`)}
            />
            {choice("stat", "summary", stats, "w-24")}
          </>
        ) : null}
        {kind === "metric_threshold" ? (
          <>
            {choice("op", "operator", operators, "w-20")}
            <Input
              aria-label={`Check ${n} value`}
              placeholder="0.9"
              inputMode="decimal"
              className="w-24 font-mono text-xs"
              aria-invalid={Boolean(rowErrors?.value)}
              {...form.register(`checks.${index}.value`)}
            />
          </>
        ) : null}
        {kind === "beats_current" ? choice("direction", "direction", directions, "w-40") : null}
        <Button type="button" variant="ghost" size="icon" className="ml-auto" aria-label={`Remove check ${n}`} onClick={onRemove}>
          <Trash2 aria-hidden />
        </Button>
      </div>
      {rowErrors?.key?.message || rowErrors?.value?.message ? (
        <p className="text-xs text-destructive">{[rowErrors.key?.message, rowErrors.value?.message].filter(Boolean).join(" · ")}</p>
      ) : null}
    </div>
  );
}
