import { z } from "zod";
import type { Actor, ServiceContext } from "../context";
import { serviceContext } from "../context";
import { DomainError, unauthorized } from "../errors";
import { observeRequest } from "../metrics";
import { runtime, type Runtime } from "../runtime";
import { actorFromHeaders } from "../auth/session";
import { errorResponse, toErrorResponse } from "./errors";
import { jsonResponse } from "./json-response";

const DEFAULT_BODY_LIMIT = 1024 * 1024;

interface RouteDef<P extends z.ZodType, Q extends z.ZodType, B extends z.ZodType, R extends z.ZodType> {
  /** A label for logs and metrics, e.g. "POST /teams". */
  name: string;
  auth: "required" | "none";
  params?: P;
  query?: Q;
  body?: B;
  response: R;
  status?: number;
  bodyLimit?: number;
  /**
   * The handler builds its answer field by field in the response's exact shape (TypeScript checks
   * it against the schema), so the answer is sent without running it through the schema again:
   * for a 100k-point series that parse cost as much as reading the points.
   */
  shapedByHandler?: true;
  handler: (args: {
    ctx: ServiceContext;
    actor: Actor | null;
    rt: Runtime;
    params: z.output<P>;
    query: z.output<Q>;
    body: z.output<B>;
    request: Request;
  }) => Promise<z.input<R> | Reply<z.input<R>>>;
}

/** A handler's answer when it needs a status or headers other than the route's defaults. */
export class Reply<T> {
  constructor(
    readonly body: T,
    readonly init: { status?: number; headers?: Headers } = {},
  ) {}
}

type NextContext = { params: Promise<Record<string, string | string[]>> };

async function readJson(request: Request, limit: number): Promise<unknown> {
  const declared = Number(request.headers.get("content-length") ?? "0");
  if (declared > limit) throw new DomainError("LIMIT_EXCEEDED", `Request body is larger than ${limit} bytes`);
  const text = await request.text();
  if (Buffer.byteLength(text) > limit) throw new DomainError("LIMIT_EXCEEDED", `Request body is larger than ${limit} bytes`);
  if (text.trim() === "") return {};
  try {
    return JSON.parse(text);
  } catch {
    throw new BadJson();
  }
}

class BadJson extends Error {}

function parseOr422<S extends z.ZodType>(schema: S | undefined, value: unknown, where: string): z.output<S> {
  if (!schema) return undefined as z.output<S>;
  const parsed = schema.safeParse(value);
  if (!parsed.success) {
    throw new DomainError("VALIDATION", `Invalid ${where}: ${z.prettifyError(parsed.error)}`, z.flattenError(parsed.error));
  }
  return parsed.data;
}

interface Served<P extends z.ZodType> {
  ctx: ServiceContext;
  actor: Actor | null;
  rt: Runtime;
  params: z.output<P>;
  request: Request;
}

// What every REST route does around its handler: runtime, caller, path params, the one error
// mapping, and the request metrics.
function serve<P extends z.ZodType>(
  name: string,
  auth: "required" | "none",
  paramsSchema: P | undefined,
  inner: (served: Served<P>) => Promise<Response>,
) {
  return async (request: Request, next?: NextContext): Promise<Response> => {
    const started = performance.now();
    let response: Response;
    try {
      const rt = await runtime();
      const actor = await actorFromHeaders(rt, request.headers);
      if (auth === "required" && !actor) throw unauthorized();
      const params = parseOr422(paramsSchema, next ? await next.params : {}, "path");
      response = await inner({ ctx: serviceContext(rt.handle.db, actor), actor, rt, params, request });
    } catch (error) {
      response =
        error instanceof BadJson
          ? errorResponse(400, "BAD_REQUEST", "Request body is not valid JSON")
          : toErrorResponse(error, name);
    }
    observeRequest("rest", name, response.status, (performance.now() - started) / 1000);
    return response;
  };
}

/**
 * A contract-first REST route: authenticates, validates params/query/body with zod, calls one verb
 * and shapes the answer with the response schema (which also drops anything not in the contract).
 */
export function restRoute<P extends z.ZodType, Q extends z.ZodType, B extends z.ZodType, R extends z.ZodType>(
  def: RouteDef<P, Q, B, R>,
) {
  const handle = serve(def.name, def.auth, def.params, async ({ request, ...served }) => {
    const query = parseOr422(def.query, Object.fromEntries(new URL(request.url).searchParams), "query");
    const body = def.body
      ? parseOr422(def.body, await readJson(request, def.bodyLimit ?? DEFAULT_BODY_LIMIT), "body")
      : (undefined as z.output<B>);
    const result = await def.handler({ ...served, request, query, body });
    const reply = result instanceof Reply ? result : new Reply(result);
    const answer = def.shapedByHandler ? reply.body : def.response.parse(reply.body);
    return jsonResponse(answer, reply.init.status ?? def.status ?? 200, reply.init.headers);
  });
  return Object.assign(handle, { contract: contractOf(def) });
}

/** What the OpenAPI document says about a route; derived from the same schemas that validate it. */
export interface RouteContract {
  name: string;
  auth: "required" | "none";
  query?: z.ZodType;
  body?: z.ZodType | "binary";
  response?: z.ZodType | "binary";
  status: number;
}

function contractOf(def: RouteDef<z.ZodType, z.ZodType, z.ZodType, z.ZodType>): RouteContract {
  return { name: def.name, auth: def.auth, query: def.query, body: def.body, response: def.response, status: def.status ?? 200 };
}

/**
 * A REST route whose body or answer is not JSON (artifact upload and download): the same
 * authentication, path validation, error mapping and metrics, with the handler owning the bytes.
 */
export function rawRoute<P extends z.ZodType>(def: {
  name: string;
  params: P;
  contract: Pick<RouteContract, "body" | "response" | "status">;
  handler: (args: Served<P> & { actor: Actor }) => Promise<Response>;
}) {
  const handle = serve(def.name, "required", def.params, (served) => def.handler({ ...served, actor: served.actor! }));
  return Object.assign(handle, { contract: { name: def.name, auth: "required" as const, ...def.contract } });
}
