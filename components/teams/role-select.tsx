"use client";

import type { TeamRole } from "@/db/schema/enums";
import { roleDescriptions } from "@/server/auth/permissions";
import { Select, SelectContent, SelectItem, SelectTrigger, SelectValue } from "../ui/select";
import { roleLabel } from "./role-badge";

/** A role picker offering only the roles the viewer may grant (see `assignableRoles`). */
export function RoleSelect({
  roles,
  value,
  onChange,
  disabled,
  className,
  ...trigger
}: {
  roles: readonly TeamRole[];
  value: TeamRole | undefined;
  onChange: (role: TeamRole) => void;
  disabled?: boolean;
  className?: string;
  id?: string;
  "aria-label"?: string;
  "aria-invalid"?: boolean;
  "aria-describedby"?: string;
}) {
  return (
    <Select value={value} onValueChange={(v) => onChange(v as TeamRole)} disabled={disabled}>
      <SelectTrigger className={className} {...trigger}>
        <SelectValue placeholder="Choose a role" />
      </SelectTrigger>
      <SelectContent>
        {roles.map((role) => (
          <SelectItem key={role} value={role} title={roleDescriptions[role]}>
            {roleLabel(role)}
          </SelectItem>
        ))}
      </SelectContent>
    </Select>
  );
}
