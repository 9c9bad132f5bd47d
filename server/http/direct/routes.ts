import { getMetricRoute, logMetricsRoute } from "../handlers/metrics";
import { handleMlflow } from "../mlflow/dispatch";

/** A route handler as Next.js calls it: the same function serves both paths. */
export type RouteHandler = (request: Request, next: { params: Promise<Record<string, string | string[]>> }) => Promise<Response>;

export interface DirectMatch {
  handler: RouteHandler;
  params: Record<string, string | string[]>;
}

interface DirectRoute {
  methods: string[];
  pattern: RegExp;
  handler: RouteHandler;
  params: (match: RegExpExecArray) => Record<string, string | string[]> | null;
}

// The metric hot paths. Next.js's router, request adapters and async context cost about 3 ms of
// CPU per request, more than storing a 1,000-point batch: these skip it (see scripts/serve.mjs).
// Each entry mirrors an app/ route file and calls that file's handler.
const ROUTES: DirectRoute[] = [
  {
    methods: ["POST"],
    pattern: /^\/api\/v1\/runs\/([^/?]+)\/metrics(?:\?.*)?$/,
    handler: logMetricsRoute,
    params: (m) => {
      const runId = segments([m[1]!]);
      return runId ? { runId: runId[0]! } : null;
    },
  },
  {
    methods: ["GET"],
    pattern: /^\/api\/v1\/runs\/([^/?]+)\/metrics\/([^?]+)(?:\?.*)?$/,
    handler: getMetricRoute,
    params: (m) => {
      const runId = segments([m[1]!]);
      const key = segments(m[2]!.split("/"));
      return runId && key ? { runId: runId[0]!, key } : null;
    },
  },
  // MLflow clients log through many small calls (log-batch, log-metric, get-history): the whole
  // tracking API, app/api/2.0/mlflow/[...path] and app/ajax-api/2.0/mlflow/[...path].
  {
    methods: ["GET", "POST", "PATCH", "DELETE"],
    pattern: /^\/(?:api|ajax-api)\/2\.0\/mlflow\/([^?]+)(?:\?.*)?$/,
    handler: handleMlflow as RouteHandler,
    params: (m) => {
      const path = segments(m[1]!.split("/"));
      return path ? { path } : null;
    },
  },
];

/**
 * Decodes path segments as Next.js does for [param] and [...param]; null for anything Next.js
 * would treat differently (empty segments, bad escapes, dot segments), which then goes to it.
 */
function segments(raw: string[]): string[] | null {
  const out: string[] = [];
  for (const s of raw) {
    if (s === "" || s === "." || s === "..") return null;
    try {
      out.push(decodeURIComponent(s));
    } catch {
      return null;
    }
  }
  return out;
}

/** The direct route for a request, or null when Next.js should serve it. */
export function matchDirectRoute(method: string | undefined, url: string | undefined): DirectMatch | null {
  if (!method || !url) return null;
  for (const route of ROUTES) {
    if (!route.methods.includes(method)) continue;
    const m = route.pattern.exec(url);
    if (!m) continue;
    const params = route.params(m);
    return params ? { handler: route.handler, params } : null;
  }
  return null;
}
