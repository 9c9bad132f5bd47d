"use client";

import { type Control, Controller, type FieldError, type FieldValues, type Path, useWatch } from "react-hook-form";
import type { TeamRole } from "@/db/schema/enums";
import { assignableRoles, roleDescriptions } from "@/server/auth/permissions";
import { FormField } from "../ui/form-field";
import { RoleSelect } from "./role-select";

/** The `role` field of a form, offering only what the viewer may grant, with the role's meaning as its hint. */
export function RoleField<T extends FieldValues & { role: TeamRole }>({
  label,
  control,
  error,
  viewerRole,
}: {
  label: string;
  control: Control<T>;
  error?: FieldError;
  viewerRole: TeamRole;
}) {
  const name = "role" as Path<T>;
  const role = useWatch({ control, name }) as TeamRole | undefined;
  return (
    <FormField label={label} error={error} hint={role ? roleDescriptions[role] : undefined}>
      {(p) => (
        <Controller
          control={control}
          name={name}
          render={({ field }) => (
            <RoleSelect {...p} roles={assignableRoles(viewerRole)} value={field.value} onChange={field.onChange} />
          )}
        />
      )}
    </FormField>
  );
}
