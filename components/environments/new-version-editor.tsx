"use client";

import { Controller } from "react-hook-form";
import { Button } from "../ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "../ui/card";
import { ErrorState } from "../ui/states";
import { SpecField } from "./spec-editor";
import { type SavedVersion, useSaveEnvironment } from "./use-save-environment";

/**
 * Edits the latest spec into a new version. A spec whose canonical form equals an existing version
 * (other key order, spacing, package spelling) adds nothing, and the result says which it matched.
 */
export function NewVersionEditor({
  projectId,
  name,
  latest,
  onSaved,
  onClose,
}: {
  projectId: string;
  name: string;
  /** The version the editor starts from: its canonical YAML. */
  latest: { version: number; specYaml: string };
  onSaved: (saved: SavedVersion) => void;
  onClose: () => void;
}) {
  const { form, save, otherError, submit } = useSaveEnvironment({ projectId, defaults: { name, spec: latest.specYaml }, onSaved });
  const saved = save.data;

  return (
    <Card role="region" aria-label="New version">
      <CardHeader>
        <CardTitle>New version</CardTitle>
        <CardDescription>
          Starts from version {latest.version}. Saving a changed spec makes version {latest.version + 1}; jobs that named an earlier
          version keep it.
        </CardDescription>
      </CardHeader>
      <CardContent>
        <form onSubmit={submit} className="flex flex-col gap-4" aria-label="New version" noValidate>
          <Controller
            control={form.control}
            name="spec"
            render={({ field, fieldState }) => (
              <SpecField
                autoFocus
                value={field.value}
                onChange={(value) => {
                  if (save.data) save.reset();
                  field.onChange(value);
                }}
                onBlur={field.onBlur}
                error={fieldState.error?.message}
              />
            )}
          />
          {otherError ? <ErrorState title="Could not save the version" error={otherError} /> : null}
          <div className="flex flex-wrap items-center gap-3">
            <Button type="submit" disabled={save.isPending}>
              {save.isPending ? "Saving…" : "Save"}
            </Button>
            <Button type="button" variant="ghost" onClick={onClose}>
              Close
            </Button>
            {saved ? (
              <p role="status" data-testid="save-result" data-created={saved.created} className="text-sm">
                {saved.created ? `Saved as version ${saved.version}` : `Unchanged: identical to version ${saved.version}`}
              </p>
            ) : null}
          </div>
        </form>
      </CardContent>
    </Card>
  );
}
