import { type TeamRole, teamRoles } from "@/db/schema/enums";

// The one table of who may do what inside a team, used by the service layer and the UI alike.
// Later domains add their scopes here (runs:write, models:approve, compute:admin …).
export const scopes = [
  "team:read",
  "team:update",
  "team:delete",
  "members:manage",
  "audit:read",
  "compute:admin",
  "projects:create",
  "projects:update",
  "projects:delete",
  "runs:write",
  "models:write",
  "promotions:request",
  "promotions:review",
  "promotions:policy",
  "webhooks:manage",
  "dashboards:write",
] as const;
export type Scope = (typeof scopes)[number];

const memberScopes: Scope[] = [
  "team:read",
  "projects:create",
  "projects:update",
  "runs:write",
  "models:write",
  "promotions:request",
  "dashboards:write",
];
const adminScopes: Scope[] = scopes.filter((s) => s !== "team:delete");

export const roleScopes: Record<TeamRole, ReadonlySet<Scope>> = {
  owner: new Set(scopes),
  admin: new Set(adminScopes),
  member: new Set(memberScopes),
  reviewer: new Set<Scope>([...memberScopes, "promotions:review"]),
  viewer: new Set<Scope>(["team:read"]),
};

export function can(role: TeamRole | null | undefined, scope: Scope): boolean {
  return role ? roleScopes[role].has(scope) : false;
}

/** Roles an actor may hand out: nobody grants more than they hold, and only owners make owners. */
export function assignableRoles(actorRole: TeamRole): TeamRole[] {
  if (!can(actorRole, "members:manage")) return [];
  return actorRole === "owner" ? [...teamRoles] : teamRoles.filter((r) => r !== "owner");
}

export const roleDescriptions: Record<TeamRole, string> = {
  owner: "Everything, including deleting the team",
  admin: "Manage members, compute and projects",
  member: "Create projects, launch and log runs, register models, request promotions",
  reviewer: "Everything a member can, plus approve or reject promotions",
  viewer: "Read only",
};
