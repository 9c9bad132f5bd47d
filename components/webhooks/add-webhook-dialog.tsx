"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { Plus } from "lucide-react";
import { useState } from "react";
import { Controller, useForm } from "react-hook-form";
import { z } from "zod";
import { webhookEvents } from "@/db/schema/enums";
import { CreateWebhookInput, WebhookSecret } from "@/server/webhooks/schemas";
import { SecretField } from "../tokens/secret-field";
import { useTRPC } from "../trpc/client";
import { Button } from "../ui/button";
import { Dialog, DialogClose, DialogContent, DialogDescription, DialogHeader, DialogTitle, DialogTrigger } from "../ui/dialog";
import { FormField } from "../ui/form-field";
import { Input } from "../ui/input";
import { ErrorState } from "../ui/states";
import { eventLabels } from "./format";

// The server's schema, with an empty secret field meaning "generate one".
const AddWebhookForm = CreateWebhookInput.extend({ secret: z.union([z.literal(""), WebhookSecret]) });
type Values = z.input<typeof AddWebhookForm>;

/**
 * Adds a webhook and shows its signing secret once: the server keeps it sealed and never returns
 * it again, so closing the dialog forgets it.
 */
export function AddWebhookDialog({ projectId }: { projectId: string }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [open, setOpen] = useState(false);
  const form = useForm<Values, unknown, z.output<typeof AddWebhookForm>>({
    resolver: zodResolver(AddWebhookForm),
    mode: "onChange",
    defaultValues: { projectId, url: "", events: [...webhookEvents], secret: "" },
  });
  const create = useMutation(
    trpc.webhooks.create.mutationOptions({
      onSuccess: () => queryClient.invalidateQueries({ queryKey: trpc.webhooks.list.queryKey({ projectId }) }),
    }),
  );

  function onOpenChange(next: boolean) {
    setOpen(next);
    if (!next) {
      create.reset();
      form.reset();
    }
  }

  const created = create.data;
  return (
    <Dialog open={open} onOpenChange={onOpenChange}>
      <DialogTrigger asChild>
        <Button size="sm">
          <Plus aria-hidden /> Add webhook
        </Button>
      </DialogTrigger>
      <DialogContent className="max-w-xl">
        {created ? (
          <>
            <DialogHeader>
              <DialogTitle>Webhook added</DialogTitle>
              <DialogDescription className="break-all">Events are POSTed to {created.url}.</DialogDescription>
            </DialogHeader>
            <SecretField
              label="Signing secret"
              value={created.secret}
              testId="webhook-secret"
              hint="Copy it now: it is shown only once. Your receiver uses it to check the X-Trainyard-Signature header of each request."
            />
            <div className="flex justify-end">
              <DialogClose asChild>
                <Button>Done</Button>
              </DialogClose>
            </div>
          </>
        ) : (
          <>
            <DialogHeader>
              <DialogTitle>Add a webhook</DialogTitle>
              <DialogDescription>Trainyard POSTs a signed JSON body to this URL when the events you pick happen.</DialogDescription>
            </DialogHeader>
            <form
              onSubmit={form.handleSubmit((v) => create.mutate({ ...v, secret: v.secret === "" ? undefined : v.secret }))}
              className="flex flex-col gap-4"
              noValidate
            >
              <FormField label="Payload URL" error={form.formState.errors.url} hint="http:// or https://, e.g. https://ci.example.com/hooks/trainyard">
                {(p) => <Input autoFocus autoComplete="off" inputMode="url" className="font-mono" {...p} {...form.register("url")} />}
              </FormField>
              <fieldset className="flex flex-col gap-2">
                <legend className="mb-1 text-sm font-medium">Events</legend>
                <Controller
                  control={form.control}
                  name="events"
                  render={({ field }) =>
                    <>
                      {webhookEvents.map((event) => (
                        <label key={event} className="flex items-start gap-2 text-sm">
                          <input
                            type="checkbox"
                            className="mt-0.5 size-4 accent-primary"
                            checked={field.value.includes(event)}
                            onChange={(e) => field.onChange(e.target.checked ? [...field.value, event] : field.value.filter((v) => v !== event))}
                          />
                          <span>
                            <span className="font-mono text-xs">{event}</span>
                            <span className="block text-xs text-muted-foreground">{eventLabels[event]}</span>
                          </span>
                        </label>
                      ))}
                    </>
                  }
                />
                {form.formState.errors.events ? (
                  <p role="alert" className="text-xs text-destructive">
                    {form.formState.errors.events.message}
                  </p>
                ) : null}
              </fieldset>
              <FormField label="Signing secret" error={form.formState.errors.secret} hint="Optional, at least 16 characters. Leave empty to have one generated.">
                {(p) => <Input type="password" autoComplete="new-password" className="font-mono" {...p} {...form.register("secret")} />}
              </FormField>
              {create.error ? <ErrorState title="Could not add the webhook" error={create.error} /> : null}
              <Button type="submit" disabled={create.isPending}>
                {create.isPending ? "Adding…" : "Add webhook"}
              </Button>
            </form>
          </>
        )}
      </DialogContent>
    </Dialog>
  );
}
