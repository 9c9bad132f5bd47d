import { describe, expect, it } from "vitest";
import { openApiDocument } from "./openapi";

describe("OpenAPI document", () => {
  it("describes every REST route with its schemas", () => {
    const doc = openApiDocument();
    const ops = Object.entries(doc.paths).flatMap(([path, methods]) => Object.keys(methods).map((m) => `${m.toUpperCase()} ${path}`));
    for (const op of [
      "POST /api/v1/auth/signup",
      "POST /api/v1/teams/{teamSlug}/projects",
      "POST /api/v1/projects/{projectId}/runs",
      "PATCH /api/v1/runs/{runId}",
      "POST /api/v1/runs/{runId}/metrics",
      "GET /api/v1/runs/{runId}/metrics/{key}",
      "PUT /api/v1/runs/{runId}/artifacts/{path}",
    ]) {
      expect(ops).toContain(op);
    }
    const metrics = doc.paths["/api/v1/runs/{runId}/metrics"]!.post as { requestBody: { content: Record<string, { schema: { properties: Record<string, unknown> } }> } };
    expect(Object.keys(metrics.requestBody.content["application/json"]!.schema.properties)).toEqual(["points", "idempotency_key"]);
  });
});
