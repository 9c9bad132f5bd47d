import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DbHandle } from "@/db/client";
import { testDatabases } from "@/db/testing/databases";
import type { Actor } from "../context";
import * as routes from "../http/handlers/registry";
import { createProject } from "../projects/projects";
import { useRuntime, type Runtime } from "../runtime";
import { ctxFor, makeUser, teamWithRoles, testRuntime, textBody, uniq } from "../testing/fixtures";
import { createToken } from "../tokens/tokens";
import { putArtifact } from "../tracking/artifacts";
import { logMetrics } from "../tracking/metrics";
import { createRun, updateRun } from "../tracking/runs";

type Handler = (request: Request, context: { params: Promise<Record<string, string>> }) => Promise<Response>;

describe.each(testDatabases)("registry REST v1 on $name", ({ open }) => {
  let h: DbHandle;
  let rt: Runtime;
  beforeAll(async () => {
    h = await open();
    rt = testRuntime(h);
    useRuntime(rt);
  });
  afterAll(async () => {
    await h.close();
  });

  const tokenOf = async (a: Actor) => (await createToken({ ctx: ctxFor(h.db, a), input: { name: "t" } })).token;

  function call(route: Handler, token: string, params: Record<string, string>, body?: unknown, method = body === undefined ? "GET" : "POST", query = "") {
    const init: RequestInit = { method, headers: { authorization: `Bearer ${token}`, "content-type": "application/json" } };
    if (body !== undefined) init.body = typeof body === "string" ? body : JSON.stringify(body);
    return route(new Request(`http://localhost/api${query}`, init), { params: Promise.resolve(params) });
  }
  const json = async (r: Promise<Response>, status: number) => {
    const res = await r;
    const text = await res.text();
    expect(res.status, text).toBe(status);
    return JSON.parse(text) as ReturnType<typeof JSON.parse>;
  };

  it("registers, requests, reviews and resolves an alias over HTTP, with the errors a client needs", async () => {
    const t = await teamWithRoles(h.db, ["member", "reviewer"]);
    const [member, reviewer] = t.members as [Actor, Actor];
    const project = await createProject({ ctx: ctxFor(h.db, t.owner), input: { teamSlug: t.team.slug, name: "P", slug: uniq("p") } });
    const [mt, rvt, ot, xt] = await Promise.all([tokenOf(member), tokenOf(reviewer), tokenOf(t.owner), tokenOf(await makeUser(h.db))]);
    const ctx = ctxFor(h.db, member);
    const run = await createRun({ ctx, input: { projectId: project.id, name: "r" } });
    await logMetrics({ ctx, input: { runId: run.id, points: [{ key: "val/acc", value: 0.97, step: 3 }, { key: "val/loss", value: "NaN", step: 3 }] } });
    await putArtifact({ ctx, input: { runId: run.id, path: "model.pt" }, body: textBody("w"), blobs: rt.blobs, maxBytes: 100 });
    await updateRun({ ctx, input: { runId: run.id, status: "succeeded" } });

    const model = await json(call(routes.createModelRoute, mt, { projectId: project.id }, { name: "digits" }), 201);
    await json(call(routes.createModelRoute, mt, { projectId: project.id }, { name: "digits" }), 409);
    expect((await json(call(routes.createModelRoute, mt, { projectId: project.id }, { name: "bad name!" }), 422)).error.code).toBe("VALIDATION");
    expect((await json(call(routes.createModelRoute, mt, { projectId: project.id }, "{oops"), 400)).error.message).toBeTruthy();
    // Another team's project and model are simply not there.
    await json(call(routes.createModelRoute, xt, { projectId: project.id }, { name: "x" }), 404);
    await json(call(routes.getModelRoute, xt, { modelId: model.id }), 404);

    const version = await json(call(routes.registerVersionRoute, mt, { modelId: model.id }, { run_id: run.id, artifact_path: "model.pt" }), 201);
    expect(version).toMatchObject({ version: 1, artifact_url: `/api/v1/runs/${run.id}/artifacts/model.pt`, lineage: { run_id: run.id, run_name: "r" } });
    expect(version.lineage.metrics).toEqual([
      { key: "val/acc", last: 0.97, min: 0.97, max: 0.97, step: 3 },
      { key: "val/loss", last: "NaN", min: null, max: null, step: 3 },
    ]);
    await json(call(routes.registerVersionRoute, mt, { modelId: model.id }, { run_id: run.id, artifact_path: "missing.pt" }), 422);
    const byRun = await json(call(routes.registerFromRunRoute, mt, { runId: run.id }, { name: "digits", artifact_path: "model.pt" }), 201);
    expect(byRun.version).toBe(2);

    // A protected alias: policy by the owner, never moved directly.
    await json(call(routes.putPolicyRoute, mt, { projectId: project.id, alias: "production" }, { required_approvals: 1, checks: [] }, "PUT"), 403);
    const policy = await json(
      call(routes.putPolicyRoute, ot, { projectId: project.id, alias: "production" }, { required_approvals: 1, checks: [{ kind: "metric_threshold", key: "val/acc", stat: "last", op: ">=", value: 0.9 }] }, "PUT"),
      200,
    );
    expect(policy.required_approvals).toBe(1);
    await json(call(routes.putPolicyRoute, ot, { projectId: project.id, alias: "production" }, { required_approvals: -1, checks: [] }, "PUT"), 422);
    const refused = await json(call(routes.setAliasRoute, ot, { modelId: model.id, alias: "production" }, { version: 1 }, "PUT"), 403);
    expect(refused.error.message).toContain("promotion request");

    const request = await json(call(routes.requestPromotionRoute, mt, { modelId: model.id }, { version: 1, alias: "production", description: "first" }), 201);
    expect(request).toMatchObject({ state: "open", required_approvals: 1, approvals: 0, current_version: null });
    expect(request.checks).toEqual([
      { label: "val/acc (last) >= 0.9", passed: true, value: "0.97", check: { kind: "metric_threshold", key: "val/acc", stat: "last", op: ">=", value: 0.9 } },
    ]);
    await json(call(routes.approvePromotionRoute, mt, { promotionId: request.id }, {}), 403);
    const queue = await json(call(routes.reviewQueueRoute, rvt, {}), 200);
    expect(queue.promotions.map((p: { id: string }) => p.id)).toContain(request.id);
    const applied = await json(call(routes.approvePromotionRoute, rvt, { promotionId: request.id }, { comment: "ship it" }), 200);
    expect(applied).toMatchObject({ state: "applied", approvals: 1, previous_version: null, reviews: [{ decision: "approve", comment: "ship it" }] });
    await json(call(routes.approvePromotionRoute, rvt, { promotionId: request.id }, {}), 412);

    const alias = await json(call(routes.resolveAliasRoute, mt, { modelId: model.id, alias: "production" }), 200);
    expect(alias).toMatchObject({ model_name: "digits", alias: "production", version: { version: 1, artifact_sha256: version.artifact_sha256 } });
    await json(call(routes.resolveAliasRoute, mt, { modelId: model.id, alias: "staging" }), 404);
    const history = await json(call(routes.aliasHistoryRoute, mt, { modelId: model.id }), 200);
    expect(history.history).toMatchObject([{ alias: "production", from_version: null, to_version: 1, promotion_id: request.id, actor: { id: reviewer.userId } }]);
    const listed = await json(call(routes.listProjectPromotionsRoute, mt, { projectId: project.id }, undefined, "GET", "?state=applied"), 200);
    expect(listed.promotions.map((p: { id: string }) => p.id)).toEqual([request.id]);
    await json(call(routes.listProjectPromotionsRoute, mt, { projectId: project.id }, undefined, "GET", "?state=bogus"), 422);
    const models = await json(call(routes.listModelsRoute, mt, { projectId: project.id }), 200);
    expect(models.models).toMatchObject([{ name: "digits", latest_version: 2, version_count: 2, aliases: [{ alias: "production", version: 1 }] }]);
  });
});
