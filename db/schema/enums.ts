// Closed value sets shared by pgEnum columns, zod schemas and the UI. This module must stay free of
// imports so that client code may import it (the one db/ module it may).
export const teamRoles = ["owner", "admin", "member", "reviewer", "viewer"] as const;
export type TeamRole = (typeof teamRoles)[number];

export const signupPolicies = ["open", "invite", "closed"] as const;
export type SignupPolicy = (typeof signupPolicies)[number];
