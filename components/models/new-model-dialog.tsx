"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { Plus } from "lucide-react";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { useForm } from "react-hook-form";
import type { z } from "zod";
import { CreateModelInput } from "@/server/registry/schemas";
import { useTRPC } from "../trpc/client";
import { Button } from "../ui/button";
import { Dialog, DialogContent, DialogDescription, DialogHeader, DialogTitle, DialogTrigger } from "../ui/dialog";
import { FormField } from "../ui/form-field";
import { Input, Textarea } from "../ui/input";
import { ErrorState } from "../ui/states";
import { modelHref } from "./links";

type Values = z.input<typeof CreateModelInput>;

/** Creates an empty model to register versions into; opens its page. */
export function NewModelDialog({ projectId }: { projectId: string }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const router = useRouter();
  const [open, setOpen] = useState(false);
  const form = useForm<Values, unknown, z.output<typeof CreateModelInput>>({
    resolver: zodResolver(CreateModelInput),
    mode: "onChange",
    defaultValues: { projectId, name: "", description: "" },
  });
  const create = useMutation(
    trpc.registry.createModel.mutationOptions({
      onSuccess: async (model) => {
        await queryClient.invalidateQueries({ queryKey: trpc.registry.models.queryKey({ projectId }) });
        setOpen(false);
        form.reset();
        router.push(modelHref(projectId, model.id));
      },
    }),
  );

  return (
    <Dialog
      open={open}
      onOpenChange={(next) => {
        setOpen(next);
        if (!next) create.reset();
      }}
    >
      <DialogTrigger asChild>
        <Button>
          <Plus aria-hidden /> New model
        </Button>
      </DialogTrigger>
      <DialogContent>
        <DialogHeader>
          <DialogTitle>New model</DialogTitle>
          <DialogDescription>A named home for versions; register them from a run's artifacts.</DialogDescription>
        </DialogHeader>
        <form onSubmit={form.handleSubmit((v) => create.mutate(v))} className="flex flex-col gap-4" noValidate>
          <FormField label="Name" error={form.formState.errors.name} hint="Letters, digits, _ . and -; how the SDK and REST address it">
            {(p) => <Input {...p} {...form.register("name")} autoComplete="off" />}
          </FormField>
          <FormField label="Description" error={form.formState.errors.description}>
            {(p) => <Textarea {...p} {...form.register("description")} />}
          </FormField>
          {create.error ? <ErrorState title="Could not create the model" error={create.error} /> : null}
          <Button type="submit" disabled={create.isPending}>
            {create.isPending ? "Creating…" : "Create model"}
          </Button>
        </form>
      </DialogContent>
    </Dialog>
  );
}
