import { z } from "zod";
import * as artifacts from "./handlers/artifacts";
import * as auth from "./handlers/auth";
import * as charts from "./handlers/charts";
import * as agent from "./handlers/agent";
import * as compute from "./handlers/compute";
import * as dashboards from "./handlers/dashboards";
import * as environments from "./handlers/environments";
import * as jobs from "./handlers/jobs";
import * as logs from "./handlers/logs";
import * as metrics from "./handlers/metrics";
import * as projects from "./handlers/projects";
import * as registry from "./handlers/registry";
import * as runs from "./handlers/runs";
import * as teams from "./handlers/teams";
import * as webhooks from "./handlers/webhooks";
import type { RouteContract } from "./route";

const modules = [auth, teams, projects, compute, agent, jobs, environments, runs, metrics, logs, artifacts, charts, webhooks, dashboards, registry];

function routeContracts(): RouteContract[] {
  return modules
    .flatMap((m) => Object.values(m) as unknown[])
    .filter((v): v is { contract: RouteContract } => typeof v === "function" && "contract" in v)
    .map((v) => v.contract);
}

const jsonSchema = (schema: z.ZodType, io: "input" | "output") =>
  z.toJSONSchema(schema, { io, unrepresentable: "any", target: "openapi-3.0" });

const errorResponse = {
  description: "Error",
  content: {
    "application/json": {
      schema: { type: "object", properties: { error: { type: "object", properties: { code: { type: "string" }, message: { type: "string" } } } } },
    },
  },
};

/** The OpenAPI 3 document of REST v1, generated from the zod schemas that validate each route. */
export function openApiDocument() {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const c of routeContracts()) {
    const [method, rawPath] = c.name.split(" ") as [string, string];
    const path = `/api/v1${rawPath}`;
    const params = [...rawPath.matchAll(/\{(\w+)\}/g)].map((m) => ({ name: m[1], in: "path", required: true, schema: { type: "string" } }));
    const query = c.query
      ? Object.keys((c.query as z.ZodObject).shape ?? {}).map((name) => ({ name, in: "query", required: false, schema: { type: "string" } }))
      : [];
    const body =
      c.body === "binary"
        ? { content: { "application/octet-stream": { schema: { type: "string", format: "binary" } } } }
        : c.body
          ? { required: true, content: { "application/json": { schema: jsonSchema(c.body, "input") } } }
          : undefined;
    const ok =
      c.response === "binary"
        ? { description: "The bytes", content: { "application/octet-stream": { schema: { type: "string", format: "binary" } } } }
        : { description: "OK", content: { "application/json": { schema: c.response ? jsonSchema(c.response, "output") : {} } } };
    paths[path] ??= {};
    paths[path][method.toLowerCase()] = {
      operationId: c.name,
      security: c.auth === "required" ? [{ bearer: [] }] : [],
      parameters: [...params, ...query],
      ...(body ? { requestBody: body } : {}),
      responses: { [String(c.status)]: ok, "4XX": errorResponse },
    };
  }
  return {
    openapi: "3.0.3",
    info: { title: "Trainyard REST API", version: "1" },
    components: { securitySchemes: { bearer: { type: "http", scheme: "bearer" } } },
    paths,
  };
}
