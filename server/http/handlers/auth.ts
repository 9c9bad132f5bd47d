import { z } from "zod";
import { tokenForCredentials } from "../../auth/credentials";
import { signUp } from "../../auth/sign-up";
import { env } from "../../env";
import { listMyTeams } from "../../teams/teams";
import { MeBody, SignupBody, TokenRequestBody, TokenResponseBody, UserBody } from "../contracts/auth";
import { Reply, restRoute } from "../route";

export const signupRoute = restRoute({
  name: "POST /auth/signup",
  auth: "none",
  body: SignupBody,
  response: UserBody,
  status: 201,
  handler: async ({ ctx, rt, body }) => {
    const { user, headers } = await signUp({
      ctx,
      auth: rt.auth,
      policy: env().TRAINYARD_SIGNUP,
      input: { email: body.email, password: body.password, name: body.name, inviteToken: body.invite_token },
    });
    // Forward only the session cookie, so a browser that signed up is signed in.
    const out = new Headers();
    for (const cookie of headers.getSetCookie()) out.append("set-cookie", cookie);
    return new Reply({ id: user.id, email: user.email, name: user.name, is_admin: user.isAdmin }, { headers: out });
  },
});

export const tokenRoute = restRoute({
  name: "POST /auth/token",
  auth: "none",
  body: TokenRequestBody,
  response: TokenResponseBody,
  status: 201,
  handler: async ({ ctx, rt, body }) => {
    const token = await tokenForCredentials({ ctx, auth: rt.auth, input: body });
    return { token: token.token, id: token.id, name: token.name };
  },
});

export const meRoute = restRoute({
  name: "GET /me",
  auth: "required",
  response: MeBody,
  handler: async ({ ctx, actor }) => {
    const teams = await listMyTeams({ ctx });
    return {
      id: actor!.userId,
      email: actor!.email,
      name: actor!.name,
      is_admin: actor!.isAdmin,
      teams: teams.map((t) => ({ slug: t.slug, name: t.name, role: t.role })),
    };
  },
});

export const healthResponse = z.object({ status: z.literal("ok") }).strict();
