"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useForm } from "react-hook-form";
import { z } from "zod";
import { EnvironmentName } from "@/server/environments/schemas";
import { useTRPC } from "../trpc/client";
import type { EnvironmentVersion } from "./types";

/** What the editors submit; the spec's content is the server's to judge (one home for its rules). */
export const EnvironmentSpecForm = z.object({
  name: EnvironmentName,
  spec: z
    .string()
    .max(2_000_000, "The spec is too long")
    .refine((s) => s.trim() !== "", "Write a spec: YAML with python, packages, image …"),
});
export type EnvironmentSpecForm = z.input<typeof EnvironmentSpecForm>;

export type SavedVersion = EnvironmentVersion & { created: boolean };

/**
 * The form and mutation behind "New environment" and "New version". What only the server can tell
 * (YAML that does not parse, unknown keys, malformed pins) comes back on the field it concerns;
 * `otherError` is anything else (no permission, the server down).
 */
export function useSaveEnvironment({
  projectId,
  defaults,
  onSaved,
}: {
  projectId: string;
  defaults: EnvironmentSpecForm;
  onSaved: (saved: SavedVersion) => void | Promise<void>;
}) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const form = useForm<EnvironmentSpecForm, unknown, z.output<typeof EnvironmentSpecForm>>({
    resolver: zodResolver(EnvironmentSpecForm),
    mode: "onChange",
    defaultValues: defaults,
  });
  const save = useMutation(
    trpc.environments.save.mutationOptions({
      onSuccess: async (saved) => {
        await Promise.all([
          queryClient.invalidateQueries({ queryKey: trpc.environments.list.queryKey({ projectId }) }),
          queryClient.invalidateQueries({ queryKey: trpc.environments.versions.queryKey({ projectId, name: saved.name }) }),
        ]);
        await onSaved(saved);
      },
      onError: (error) => {
        const fields = error.data?.zod?.fieldErrors as Partial<Record<string, string[]>> | undefined;
        const name = fields?.name?.[0];
        const spec = fields?.spec?.[0] ?? (error.data?.code === "UNPROCESSABLE_CONTENT" ? error.message : undefined);
        if (name) form.setError("name", { type: "server", message: name });
        if (spec) form.setError("spec", { type: "server", message: spec }, { shouldFocus: true });
      },
    }),
  );
  const code = save.error?.data?.code;
  const onField = code === "UNPROCESSABLE_CONTENT" || (code === "BAD_REQUEST" && Boolean(save.error?.data?.zod));
  return {
    form,
    save,
    otherError: save.error && !onField ? save.error : null,
    submit: form.handleSubmit((v) => save.mutate({ projectId, name: v.name, spec: v.spec })),
  };
}
