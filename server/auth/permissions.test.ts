import { describe, expect, it } from "vitest";
import { teamRoles } from "@/db/schema/enums";
import { assignableRoles, can, roleScopes, scopes } from "./permissions";

describe("role permissions", () => {
  it("gives owners everything and admins everything but deleting the team", () => {
    for (const scope of scopes) expect(can("owner", scope)).toBe(true);
    for (const scope of scopes) expect(can("admin", scope)).toBe(scope !== "team:delete");
  });

  it("lets reviewers do what members do plus review promotions", () => {
    for (const scope of roleScopes.member) expect(can("reviewer", scope)).toBe(true);
    expect(can("member", "promotions:review")).toBe(false);
    expect(can("reviewer", "promotions:review")).toBe(true);
    expect(can("member", "members:manage")).toBe(false);
  });

  it("keeps viewers read-only and refuses everything to non-members", () => {
    expect([...roleScopes.viewer]).toEqual(["team:read"]);
    for (const scope of scopes) expect(can(null, scope)).toBe(false);
  });

  it("lets only owners grant ownership, and nobody without members:manage grant anything", () => {
    expect(assignableRoles("owner")).toEqual([...teamRoles]);
    expect(assignableRoles("admin")).not.toContain("owner");
    expect(assignableRoles("member")).toEqual([]);
    expect(assignableRoles("viewer")).toEqual([]);
  });
});
