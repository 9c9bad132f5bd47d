import { z } from "zod";
import { teamRoles } from "../../../db/schema/enums";

export const SignupBody = z
  .object({
    email: z.string(),
    password: z.string(),
    name: z.string(),
    invite_token: z.string().optional(),
  })
  .strict();

export const UserBody = z.object({ id: z.string(), email: z.string(), name: z.string(), is_admin: z.boolean() }).strict();

export const TokenRequestBody = z
  .object({ email: z.string(), password: z.string(), name: z.string().optional() })
  .strict();

export const TokenResponseBody = z.object({ token: z.string(), id: z.string(), name: z.string() }).strict();

export const MeBody = UserBody.extend({
  teams: z.array(z.object({ slug: z.string(), name: z.string(), role: z.enum(teamRoles) }).strict()),
}).strict();
