import type { TeamRole } from "@/db/schema/enums";
import { Badge } from "../ui/badge";

export function roleLabel(role: TeamRole): string {
  return role.charAt(0).toUpperCase() + role.slice(1);
}

export function RoleBadge({ role, ...props }: { role: TeamRole } & React.HTMLAttributes<HTMLSpanElement>) {
  const variant = role === "owner" || role === "admin" ? "default" : role === "viewer" ? "outline" : "secondary";
  return (
    <Badge variant={variant} {...props}>
      {roleLabel(role)}
    </Badge>
  );
}
