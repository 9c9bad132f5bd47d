import { z } from "zod";
import { teamRoles } from "@/db/schema/enums";

// Shared by the server and the forms that validate as you type: keep this module free of server
// imports.
export const Slug = z
  .string()
  .trim()
  .min(2, "At least 2 characters")
  .max(48, "At most 48 characters")
  .regex(/^[a-z0-9](?:[a-z0-9-]*[a-z0-9])?$/, "Lowercase letters, digits and inner hyphens only");

export const TeamRoleSchema = z.enum(teamRoles);

export const CreateTeamInput = z.object({
  name: z.string().trim().min(1, "Name is required").max(80),
  slug: Slug,
});
export type CreateTeamInput = z.infer<typeof CreateTeamInput>;

export const TeamRef = z.object({ teamSlug: z.string().min(1) });
export type TeamRef = z.infer<typeof TeamRef>;

export const UpdateTeamInput = TeamRef.extend({ name: z.string().trim().min(1).max(80) });
export type UpdateTeamInput = z.infer<typeof UpdateTeamInput>;

export const AddMemberInput = TeamRef.extend({ email: z.email(), role: TeamRoleSchema });
export type AddMemberInput = z.infer<typeof AddMemberInput>;

export const ChangeRoleInput = TeamRef.extend({ userId: z.string().min(1), role: TeamRoleSchema });
export type ChangeRoleInput = z.infer<typeof ChangeRoleInput>;

export const RemoveMemberInput = TeamRef.extend({ userId: z.string().min(1) });
export type RemoveMemberInput = z.infer<typeof RemoveMemberInput>;

export const CreateInviteInput = TeamRef.extend({
  role: TeamRoleSchema,
  expiresInDays: z.number().int().min(1).max(30).default(7),
});
export type CreateInviteInput = z.input<typeof CreateInviteInput>;

export const RevokeInviteInput = TeamRef.extend({ inviteId: z.string().min(1) });
export type RevokeInviteInput = z.infer<typeof RevokeInviteInput>;

export const InviteTokenInput = z.object({ token: z.string().min(10).max(200) });
export type InviteTokenInput = z.infer<typeof InviteTokenInput>;
