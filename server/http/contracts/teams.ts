import { z } from "zod";
import { teamRoles } from "../../../db/schema/enums";
import { Timestamp } from "./common";

export const TeamSlugParams = z.object({ teamSlug: z.string().min(1) }).strict();

export const CreateTeamBody = z.object({ name: z.string(), slug: z.string() }).strict();

export const TeamBody = z
  .object({ id: z.string(), name: z.string(), slug: z.string(), role: z.enum(teamRoles), created_at: Timestamp })
  .strict();

export const TeamListBody = z.object({ teams: z.array(TeamBody) }).strict();

export const AddMemberBody = z.object({ email: z.string(), role: z.enum(teamRoles) }).strict();

export const MemberBody = z
  .object({ user_id: z.string(), email: z.string(), name: z.string(), role: z.enum(teamRoles) })
  .strict();

export const MemberListBody = z.object({ members: z.array(MemberBody) }).strict();
