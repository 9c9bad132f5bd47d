"use client";

import { Plus } from "lucide-react";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { Controller, useWatch } from "react-hook-form";
import { Button } from "../ui/button";
import { Dialog, DialogClose, DialogContent, DialogDescription, DialogHeader, DialogTitle, DialogTrigger } from "../ui/dialog";
import { FormField } from "../ui/form-field";
import { Input } from "../ui/input";
import { ErrorState } from "../ui/states";
import { EXAMPLE_SPEC } from "./example-spec";
import { environmentHref } from "./format";
import { SpecField } from "./spec-editor";
import { useSaveEnvironment } from "./use-save-environment";

/**
 * Names an environment and saves its first version, then opens its page. A name that exists
 * already gets the spec as its next version, which the Name field says before saving.
 */
export function NewEnvironmentDialog({ projectId, existingNames }: { projectId: string; existingNames: readonly string[] }) {
  const router = useRouter();
  const [open, setOpen] = useState(false);
  const { form, save, otherError, submit } = useSaveEnvironment({
    projectId,
    defaults: { name: "", spec: "" },
    onSaved: (saved) => router.push(environmentHref(projectId, saved.name)),
  });
  const errors = form.formState.errors;
  const typedName = useWatch({ control: form.control, name: "name" }).trim();
  const busy = save.isPending || save.isSuccess;

  function onOpenChange(next: boolean) {
    setOpen(next);
    if (!next) {
      save.reset();
      form.reset();
    }
  }

  return (
    <Dialog open={open} onOpenChange={onOpenChange}>
      <DialogTrigger asChild>
        <Button>
          <Plus aria-hidden /> New environment
        </Button>
      </DialogTrigger>
      <DialogContent className="max-h-[calc(100dvh-2rem)] max-w-2xl overflow-y-auto">
        <DialogHeader>
          <DialogTitle>New environment</DialogTitle>
          <DialogDescription>
            What a job runs in: Python version, packages, image, variables. Each save that changes the spec becomes a new version; jobs
            name one as <code className="font-mono">name@version</code>.
          </DialogDescription>
        </DialogHeader>
        <form onSubmit={submit} className="flex flex-col gap-4" aria-label="New environment" noValidate>
          <FormField
            label="Name"
            error={errors.name}
            hint={
              !busy && existingNames.includes(typedName)
                ? `${typedName} exists: saving adds a version to it.`
                : "Lowercase letters, digits and inner . _ -, e.g. torch-cuda12"
            }
          >
            {(p) => <Input autoFocus autoComplete="off" spellCheck={false} className="font-mono" {...p} {...form.register("name")} />}
          </FormField>
          <Controller
            control={form.control}
            name="spec"
            render={({ field, fieldState }) => (
              <SpecField value={field.value} onChange={field.onChange} onBlur={field.onBlur} error={fieldState.error?.message} />
            )}
          />
          {otherError ? <ErrorState title="Could not save the environment" error={otherError} /> : null}
          <div className="flex items-center gap-2">
            <Button type="submit" disabled={busy}>
              {busy ? "Saving…" : "Save"}
            </Button>
            <Button
              type="button"
              variant="ghost"
              onClick={() => form.setValue("spec", EXAMPLE_SPEC, { shouldValidate: true, shouldDirty: true })}
            >
              Start from the example
            </Button>
            <DialogClose asChild>
              <Button type="button" variant="ghost" className="ml-auto">
                Cancel
              </Button>
            </DialogClose>
          </div>
        </form>
      </DialogContent>
    </Dialog>
  );
}
