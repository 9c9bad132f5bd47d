import { runtime } from "../../runtime";

/** better-auth's own routes (sign-in, sign-out, session), on the lazily started runtime. */
const handle = async (request: Request) => (await runtime()).auth.handler(request);

export const authHandler = { GET: handle, POST: handle };
