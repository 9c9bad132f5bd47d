import { initTRPC, TRPCError } from "@trpc/server";
import superjson from "superjson";
import { ZodError, z } from "zod";
import { actorFromHeaders } from "../auth/session";
import { serviceContext, type ServiceContext } from "../context";
import { type DomainErrorCode, DomainError } from "../errors";
import { observeRequest } from "../metrics";
import { projectAccess } from "../teams/access";
import { runtime, type Runtime } from "../runtime";

export interface TrpcContext {
  svc: ServiceContext;
  rt: Runtime;
  headers: Headers;
}

export async function createTrpcContext({ headers }: { headers: Headers }): Promise<TrpcContext> {
  const rt = await runtime();
  const actor = await actorFromHeaders(rt, headers);
  return { svc: serviceContext(rt.handle.db, actor), rt, headers };
}

const trpcCodeOf: Record<DomainErrorCode, TRPCError["code"]> = {
  NOT_FOUND: "NOT_FOUND",
  FORBIDDEN: "FORBIDDEN",
  UNAUTHORIZED: "UNAUTHORIZED",
  CONFLICT: "CONFLICT",
  VALIDATION: "UNPROCESSABLE_CONTENT",
  PRECONDITION_FAILED: "PRECONDITION_FAILED",
  LIMIT_EXCEEDED: "PAYLOAD_TOO_LARGE",
};

const t = initTRPC.context<TrpcContext>().create({
  transformer: superjson,
  isDev: false,
  errorFormatter({ shape, error }) {
    // A 5xx never shows its message or stack to the caller.
    const internal = error.code === "INTERNAL_SERVER_ERROR";
    const zod = error.cause instanceof ZodError ? z.flattenError(error.cause) : null;
    return {
      ...shape,
      message: internal ? "Internal server error" : shape.message,
      data: { code: shape.data.code, httpStatus: shape.data.httpStatus, path: shape.data.path, zod },
    };
  },
});

/** Turns domain and validation errors thrown by verbs into typed tRPC errors, and counts calls. */
function toTrpcError(error: TRPCError): TRPCError {
  const cause = error.cause;
  if (cause instanceof DomainError) return new TRPCError({ code: trpcCodeOf[cause.code], message: cause.message, cause });
  if (cause instanceof ZodError) return new TRPCError({ code: "BAD_REQUEST", message: z.prettifyError(cause), cause });
  return error;
}

/** Turns domain and validation errors thrown by verbs into typed tRPC errors, and counts calls. */
const mapErrors = t.middleware(async ({ next, path, ctx }) => {
  const started = performance.now();
  const result = await next();
  const error = result.ok ? null : toTrpcError(result.error);
  if (error?.code === "INTERNAL_SERVER_ERROR") {
    ctx.svc.log.error({ err: error.cause ?? error, path }, "trpc procedure failed");
  }
  const status = !error ? 200 : error.code === "INTERNAL_SERVER_ERROR" ? 500 : 400;
  observeRequest("trpc", path, status, (performance.now() - started) / 1000);
  if (error) throw error;
  return result;
});

export const createTRPCRouter = t.router;
export const createCallerFactory = t.createCallerFactory;

export const publicProcedure = t.procedure.use(mapErrors);

export const authedProcedure = publicProcedure.use(({ ctx, next }) => {
  if (!ctx.svc.actor) throw new TRPCError({ code: "UNAUTHORIZED", message: "Sign in first" });
  return next({ ctx: { ...ctx, actor: ctx.svc.actor } });
});

/** Reads `projectId` and loads the project and the member's role; refuses outsiders with NOT_FOUND. */
export const projectProcedure = authedProcedure
  .input(z.object({ projectId: z.string().min(1) }))
  .use(async ({ ctx, input, next }) => {
    const access = await projectAccess(ctx.svc, input.projectId, "team:read");
    return next({ ctx: { ...ctx, project: access.project, team: access.team, role: access.role } });
  });
