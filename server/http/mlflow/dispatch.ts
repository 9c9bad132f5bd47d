import { serviceContext } from "../../context";
import { unauthorized } from "../../errors";
import { observeRequest } from "../../metrics";
import { runtime } from "../../runtime";
import { actorFromHeaders } from "../../auth/session";
import { jsonResponse } from "../json-response";
import type { Endpoint, Method } from "./endpoint";
import { describeZodError, invalidParameter, mlflowErrorResponse, toMlflowErrorResponse } from "./errors";
import { experimentEndpoints } from "./experiments";
import { metricEndpoints } from "./metrics";
import { registryEndpoints } from "./registry";
import { runEndpoints } from "./runs";
import { jsonBody, omitDefaults, queryObject } from "./wire";

// A log-batch of 1,000 metrics with long keys stays well under this; MLflow's own limit is larger
// than any request its client makes.
const BODY_LIMIT = 16 * 1024 * 1024;

/** Keyed by the path under /api/2.0/mlflow/, or "METHOD path" where one path has one method per verb. */
const endpoints: Record<string, Endpoint> = { ...experimentEndpoints, ...runEndpoints, ...metricEndpoints, ...registryEndpoints };

export const mlflowEndpointNames = Object.keys(endpoints);

function find(method: string, path: string): Endpoint | "wrong-method" | null {
  const exact = endpoints[`${method} ${path}`] ?? endpoints[path];
  if (exact && exact.methods.includes(method as Method)) return exact;
  const any = Object.entries(endpoints).some(([k, e]) => (k === path || k.endsWith(` ${path}`)) && e.methods.length > 0);
  return any ? "wrong-method" : null;
}

type NextContext = { params: Promise<{ path?: string[] }> };

/** The one handler behind /api/2.0/mlflow/* and /ajax-api/2.0/mlflow/*. */
export async function handleMlflow(request: Request, next: NextContext): Promise<Response> {
  const started = performance.now();
  const path = ((await next.params).path ?? []).join("/");
  const method = request.method.toUpperCase();
  let response: Response;
  const found = find(method, path);
  const name = `${method} mlflow/${found && found !== "wrong-method" ? path : "unknown"}`;
  try {
    if (!found) {
      response = mlflowErrorResponse("ENDPOINT_NOT_FOUND", `No MLflow endpoint at /api/2.0/mlflow/${path}`);
    } else if (found === "wrong-method") {
      response = mlflowErrorResponse("BAD_REQUEST", `Method ${method} is not allowed for /api/2.0/mlflow/${path}`, 405);
    } else {
      const rt = await runtime();
      const actor = await actorFromHeaders(rt, request.headers);
      if (!actor) throw unauthorized("Send an API token as MLFLOW_TRACKING_TOKEN (Authorization: Bearer) or as the basic-auth password");
      const raw = method === "GET" ? queryObject(new URL(request.url)) : await jsonBody(request, BODY_LIMIT);
      const parsed = found.input.safeParse(raw);
      if (!parsed.success) throw invalidParameter(describeZodError(parsed.error, raw));
      const body = await found.handler({ ctx: serviceContext(rt.handle.db, actor), rt, input: parsed.data });
      response = jsonResponse(omitDefaults(body), 200);
    }
  } catch (error) {
    response = toMlflowErrorResponse(error, name);
  }
  observeRequest("mlflow", name, response.status, (performance.now() - started) / 1000);
  return response;
}
