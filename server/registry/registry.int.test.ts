import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DbHandle } from "@/db/client";
import { testDatabases } from "@/db/testing/databases";
import type { Actor } from "../context";
import { saveEnvironment } from "../environments/environments";
import { createProject } from "../projects/projects";
import { useRuntime, type Runtime } from "../runtime";
import { auditRows, ctxFor, expectDomainError, makeUser, teamWithRoles, testRuntime, textBody, uniq } from "../testing/fixtures";
import { putArtifact } from "../tracking/artifacts";
import { logMetrics } from "../tracking/metrics";
import { createRun, updateRun } from "../tracking/runs";
import { listAliasHistory, resolveAlias, setAlias } from "./aliases";
import { createModel, listModels } from "./models";
import { setPolicy } from "./policies";
import { getPromotion, pendingPromotions, reviewQueue } from "./promotion-reads";
import { applyPromotion, approvePromotion, cancelPromotion, rejectPromotion, requestPromotion } from "./promotions";
import { getVersion, registerFromRun, registerVersion } from "./versions";
import { deliverDueWebhooks } from "../webhooks/deliver";
import { verifySignature } from "../webhooks/signature";
import { createWebhook } from "../webhooks/webhooks";

describe.each(testDatabases)("model registry and promotions on $name", ({ open }) => {
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

  async function setup() {
    const t = await teamWithRoles(h.db, ["viewer", "member", "reviewer", "admin", "reviewer"]);
    const [viewer, member, reviewer, admin, reviewer2] = t.members as [Actor, Actor, Actor, Actor, Actor];
    const ctx = ctxFor(h.db, t.owner);
    const project = await createProject({ ctx, input: { teamSlug: t.team.slug, name: "P", slug: uniq("p") } });
    return { ...t, ctx, project, viewer, member, reviewer, admin, reviewer2, as: (a: Actor) => ctxFor(h.db, a) };
  }

  /** A finished run with `val/acc` ending at `acc` and a model file. */
  async function trainedRun(actor: Actor, projectId: string, acc: number, opts: { status?: "succeeded" | "failed"; environment?: string } = {}) {
    const ctx = ctxFor(h.db, actor);
    const run = await createRun({ ctx, input: { projectId, name: uniq("run") } });
    await logMetrics({ ctx, input: { runId: run.id, points: [0.5, acc].map((value, step) => ({ key: "val/acc", value, step })) } });
    await putArtifact({ ctx, input: { runId: run.id, path: "model/weights.bin" }, body: textBody(`weights ${acc}`), blobs: rt.blobs, maxBytes: 1e6 });
    await putArtifact({ ctx, input: { runId: run.id, path: "model/config.json" }, body: textBody("{}"), blobs: rt.blobs, maxBytes: 1e6 });
    await updateRun({ ctx, input: { runId: run.id, status: opts.status ?? "succeeded" } });
    return run;
  }

  it("registers versions from a run's file or folder with their lineage", async () => {
    const { ctx, project, member, viewer, as, team } = await setup();
    const model = await createModel({ ctx: as(member), input: { projectId: project.id, name: "classifier", description: "digits" } });
    await expectDomainError(createModel({ ctx: as(member), input: { projectId: project.id, name: "classifier" } }), "CONFLICT");
    await expectDomainError(createModel({ ctx: as(viewer), input: { projectId: project.id, name: "other" } }), "FORBIDDEN");
    await expectDomainError(createModel({ ctx: as(await makeUser(h.db)), input: { projectId: project.id, name: "other" } }), "NOT_FOUND");
    const run = await trainedRun(member, project.id, 0.91);
    const v1 = await registerVersion({ ctx: as(member), input: { modelId: model.id, runId: run.id, artifactPath: "model/weights.bin" } });
    const v2 = await registerVersion({ ctx: as(member), input: { modelId: model.id, runId: run.id, artifactPath: "model/" } });
    expect([v1.version, v2.version]).toEqual([1, 2]);
    expect(v1.artifactSha256).toMatch(/^[0-9a-f]{64}$/);
    expect(v2.artifactSha256).not.toBe(v1.artifactSha256);
    expect(v2.artifactSize).toBe("weights 0.91".length + 2);
    expect(v1.lineage).toMatchObject({ runName: run.name, metrics: [{ key: "val/acc", last: 0.91, min: 0.5, max: 0.91, step: 1 }], datasets: [] });
    await expectDomainError(registerVersion({ ctx: as(member), input: { modelId: model.id, runId: run.id, artifactPath: "nothing/here" } }), "VALIDATION");
    await expectDomainError(registerVersion({ ctx: as(member), input: { modelId: model.id, runId: run.id, artifactPath: "../etc/passwd" } }), "VALIDATION");
    await expectDomainError(registerVersion({ ctx: as(viewer), input: { modelId: model.id, runId: run.id, artifactPath: "model/" } }), "FORBIDDEN");
    // A run of another project cannot back a version here.
    const other = await createProject({ ctx, input: { teamSlug: team.slug, name: "Q", slug: uniq("q") } });
    const foreign = await trainedRun(member, other.id, 0.5);
    await expectDomainError(registerVersion({ ctx: as(member), input: { modelId: model.id, runId: foreign.id, artifactPath: "model/" } }), "VALIDATION");
    // By name from the run (what the SDK calls), creating the model on first use.
    const byName = await registerFromRun({ ctx: as(member), input: { runId: run.id, modelName: "detector", artifactPath: "model/config.json" } });
    expect(byName.version.version).toBe(1);
    const models = await listModels({ ctx: as(viewer), input: { projectId: project.id } });
    expect(models.map((m) => [m.name, m.versionCount, m.latestVersion])).toEqual([
      ["classifier", 2, 2],
      ["detector", 1, 1],
    ]);
    expect(await getVersion({ ctx: as(viewer), input: { modelId: model.id, version: 2 } })).toMatchObject({ runStatus: "succeeded", aliases: [] });
    expect((await auditRows(h.db, team.id, "model.version.create")).length).toBe(3);
    expect((await auditRows(h.db, team.id, "model.create")).length).toBe(2);
  });

  it("a run's own job token registers from its run only", async () => {
    const { project, member, as } = await setup();
    const run = await trainedRun(member, project.id, 0.8);
    const other = await trainedRun(member, project.id, 0.7);
    const jobCtx = ctxFor(h.db, { ...member, via: "token", runScope: run.id });
    expect((await registerFromRun({ ctx: jobCtx, input: { runId: run.id, modelName: "m", artifactPath: "model" } })).version.version).toBe(1);
    await expectDomainError(registerFromRun({ ctx: jobCtx, input: { runId: other.id, modelName: "m", artifactPath: "model" } }), "FORBIDDEN");
    const model = (await listModels({ ctx: as(member), input: { projectId: project.id } }))[0]!;
    await expectDomainError(registerVersion({ ctx: jobCtx, input: { modelId: model.id, runId: run.id, artifactPath: "model" } }), "FORBIDDEN");
  });

  it("enforces who may request, approve, reject, cancel and edit policy", async () => {
    const { project, owner, viewer, member, reviewer, admin, as, team } = await setup();
    const model = await createModel({ ctx: as(member), input: { projectId: project.id, name: "m" } });
    const run = await trainedRun(member, project.id, 0.95);
    await registerVersion({ ctx: as(member), input: { modelId: model.id, runId: run.id, artifactPath: "model" } });
    const request = (a: Actor) => requestPromotion({ ctx: as(a), input: { modelId: model.id, version: 1, alias: "staging" } });
    const policy = (a: Actor) => setPolicy({ ctx: as(a), input: { projectId: project.id, alias: "staging", requiredApprovals: 1, checks: [] } });
    const outsider = await makeUser(h.db);

    // request: member and up; viewer forbidden; outsider sees nothing.
    await expectDomainError(request(viewer), "FORBIDDEN");
    await expectDomainError(request(outsider), "NOT_FOUND");
    // policy: owner and admin only.
    for (const a of [viewer, member, reviewer]) await expectDomainError(policy(a), "FORBIDDEN");
    await expectDomainError(policy(outsider), "NOT_FOUND");
    await policy(admin);
    await policy(owner);

    const p = await request(member);
    expect(p.state).toBe("open");
    // approve/reject: reviewer, admin, owner; never the requester; members and viewers never.
    for (const a of [viewer, member]) {
      await expectDomainError(approvePromotion({ ctx: as(a), input: { promotionId: p.id } }), "FORBIDDEN");
      await expectDomainError(rejectPromotion({ ctx: as(a), input: { promotionId: p.id } }), "FORBIDDEN");
    }
    await expectDomainError(approvePromotion({ ctx: as(outsider), input: { promotionId: p.id } }), "NOT_FOUND");
    await expectDomainError(getPromotion({ ctx: as(outsider), input: { promotionId: p.id } }), "NOT_FOUND");
    // cancel: the requester only.
    for (const a of [reviewer, admin, owner]) await expectDomainError(cancelPromotion({ ctx: as(a), input: { promotionId: p.id } }), "FORBIDDEN");
    const cancelled = await cancelPromotion({ ctx: as(member), input: { promotionId: p.id, comment: "wrong version" } });
    expect(cancelled.state).toBe("cancelled");
    await expectDomainError(approvePromotion({ ctx: as(reviewer), input: { promotionId: p.id } }), "PRECONDITION_FAILED");

    // A reviewer who requests cannot approve their own request; another reviewer can.
    const own = await request(reviewer);
    await expectDomainError(approvePromotion({ ctx: as(reviewer), input: { promotionId: own.id } }), "FORBIDDEN");
    await expectDomainError(rejectPromotion({ ctx: as(reviewer), input: { promotionId: own.id } }), "FORBIDDEN");
    expect((await approvePromotion({ ctx: as(admin), input: { promotionId: own.id, comment: "ok" } })).state).toBe("applied");
    const again = await requestPromotion({ ctx: as(member), input: { modelId: model.id, version: 1, alias: "production" } });
    expect((await approvePromotion({ ctx: as(owner), input: { promotionId: again.id } })).state).toBe("applied");
    for (const action of ["promotion.request", "promotion.approve", "promotion.apply", "promotion.cancel", "promotion_policy.set", "model.alias.move"]) {
      expect((await auditRows(h.db, team.id, action)).length, action).toBeGreaterThan(0);
    }
  });

  it("follows the authorization matrix: role × register, request, approve, reject, cancel, edit policy", async () => {
    const { project, owner, viewer, member, reviewer, admin, as } = await setup();
    const roles = { viewer, member, reviewer, admin, owner };
    const model = await createModel({ ctx: as(member), input: { projectId: project.id, name: "m" } });
    const run = await trainedRun(member, project.id, 0.9);
    await registerVersion({ ctx: as(member), input: { modelId: model.id, runId: run.id, artifactPath: "model" } });
    // What each role may do to a request somebody else (the member, or the owner for the member's row) opened.
    const expected: Record<keyof typeof roles, Record<string, "ok" | "FORBIDDEN">> = {
      viewer: { register: "FORBIDDEN", request: "FORBIDDEN", approve: "FORBIDDEN", reject: "FORBIDDEN", cancel: "FORBIDDEN", policy: "FORBIDDEN" },
      member: { register: "ok", request: "ok", approve: "FORBIDDEN", reject: "FORBIDDEN", cancel: "ok", policy: "FORBIDDEN" },
      reviewer: { register: "ok", request: "ok", approve: "ok", reject: "ok", cancel: "ok", policy: "FORBIDDEN" },
      admin: { register: "ok", request: "ok", approve: "ok", reject: "ok", cancel: "ok", policy: "ok" },
      owner: { register: "ok", request: "ok", approve: "ok", reject: "ok", cancel: "ok", policy: "ok" },
    };
    let v = 1;
    for (const [name, actor] of Object.entries(roles) as [keyof typeof roles, Actor][]) {
      const other = name === "member" ? owner : member;
      const open = async () => {
        const version = (await registerVersion({ ctx: as(member), input: { modelId: model.id, runId: run.id, artifactPath: "model" } })).version;
        return requestPromotion({ ctx: as(other), input: { modelId: model.id, version, alias: uniq("a").replace(/-/, "") } });
      };
      const outcomes: Record<string, () => Promise<unknown>> = {
        register: () => registerVersion({ ctx: as(actor), input: { modelId: model.id, runId: run.id, artifactPath: "model" } }),
        request: () => requestPromotion({ ctx: as(actor), input: { modelId: model.id, version: v, alias: `r${name}` } }),
        approve: async () => approvePromotion({ ctx: as(actor), input: { promotionId: (await open()).id } }),
        reject: async () => rejectPromotion({ ctx: as(actor), input: { promotionId: (await open()).id } }),
        // Cancelling is the requester's own act: each role cancels a request it opened itself.
        cancel: async () => {
          const mine = await requestPromotion({ ctx: as(expected[name].request === "ok" ? actor : member), input: { modelId: model.id, version: v, alias: `c${name}` } });
          return cancelPromotion({ ctx: as(actor), input: { promotionId: mine.id } });
        },
        policy: () => setPolicy({ ctx: as(actor), input: { projectId: project.id, alias: `p${name}`, requiredApprovals: 1, checks: [] } }),
      };
      for (const [action, run] of Object.entries(outcomes)) {
        const outcome = await run().then(
          () => "ok",
          (e: { code?: string }) => e.code ?? String(e),
        );
        expect(`${name} ${action}: ${outcome}`).toBe(`${name} ${action}: ${expected[name][action]}`);
      }
      v++;
    }
    // Someone outside the team is told nothing exists.
    const outsider = await makeUser(h.db);
    await expectDomainError(requestPromotion({ ctx: as(outsider), input: { modelId: model.id, version: 1, alias: "x" } }), "NOT_FOUND");
    await expectDomainError(setPolicy({ ctx: as(outsider), input: { projectId: project.id, alias: "x", requiredApprovals: 0, checks: [] } }), "NOT_FOUND");
  });

  it("one rejection closes a request; checks failing block apply and say which", async () => {
    const { project, member, reviewer, reviewer2, admin, as } = await setup();
    const model = await createModel({ ctx: as(member), input: { projectId: project.id, name: "m" } });
    const weak = await trainedRun(member, project.id, 0.8);
    const failed = await trainedRun(member, project.id, 0.99, { status: "failed" });
    await registerVersion({ ctx: as(member), input: { modelId: model.id, runId: weak.id, artifactPath: "model" } });
    await registerVersion({ ctx: as(member), input: { modelId: model.id, runId: failed.id, artifactPath: "model" } });
    await setPolicy({
      ctx: as(admin),
      input: {
        projectId: project.id,
        alias: "production",
        requiredApprovals: 2,
        checks: [{ kind: "metric_threshold", key: "val/acc", stat: "last", op: ">=", value: 0.9 }, { kind: "run_succeeded" }, { kind: "environment_pinned" }],
      },
    });
    const rejected = await requestPromotion({ ctx: as(member), input: { modelId: model.id, version: 2, alias: "production" } });
    const closed = await rejectPromotion({ ctx: as(reviewer), input: { promotionId: rejected.id, comment: "the run failed" } });
    expect(closed.state).toBe("rejected");
    await expectDomainError(approvePromotion({ ctx: as(reviewer2), input: { promotionId: rejected.id } }), "PRECONDITION_FAILED");

    const p = await requestPromotion({ ctx: as(member), input: { modelId: model.id, version: 1, alias: "production" } });
    const detail = await getPromotion({ ctx: as(member), input: { promotionId: p.id } });
    expect(detail.checks.map((c) => [c.label, c.passed, c.value])).toEqual([
      ["val/acc (last) >= 0.9", false, "0.8"],
      ["Run succeeded", true, "succeeded"],
      ["Environment fully pinned", false, "no declared environment"],
    ]);
    expect(detail).toMatchObject({ requiredApprovals: 2, approvals: 0, protected: true, can: { approve: false, cancel: true } });
    expect((await approvePromotion({ ctx: as(reviewer), input: { promotionId: p.id } })).state).toBe("open");
    await expectDomainError(approvePromotion({ ctx: as(reviewer), input: { promotionId: p.id } }), "CONFLICT");
    const held = await approvePromotion({ ctx: as(reviewer2), input: { promotionId: p.id } });
    expect(held.state).toBe("approved");
    const error = await applyPromotion({ ctx: as(member), input: { promotionId: p.id } }).catch((e: Error) => e);
    expect(String(error)).toContain("val/acc (last) >= 0.9 (got 0.8)");
    expect(String(error)).toContain("Environment fully pinned");
    await expectDomainError(resolveAlias({ ctx: as(member), input: { modelId: model.id, alias: "production" } }), "NOT_FOUND");
    // Protected aliases never move directly.
    await expectDomainError(setAlias({ ctx: as(admin), input: { modelId: model.id, alias: "production", version: 1 } }), "FORBIDDEN");
  });

  it("applies once the checks pass, with lineage, environment and a comparison to the holder", async () => {
    const { ctx, project, member, reviewer, admin, as } = await setup();
    const env = await saveEnvironment({ ctx, input: { projectId: project.id, name: "train", spec: "python: '3.11'\npackages: [numpy==1.26.4]\n" } });
    const model = await createModel({ ctx: as(member), input: { projectId: project.id, name: "m" } });
    const runs = [await trainedRun(member, project.id, 0.9), await trainedRun(member, project.id, 0.95), await trainedRun(member, project.id, 0.93)];
    // Declare the environment on the runs the way a launched job would have.
    const { runs: runsTable } = await import("@/db/schema");
    const { inArray } = await import("drizzle-orm");
    await h.db.update(runsTable).set({ environmentVersionId: env.id }).where(inArray(runsTable.id, runs.map((r) => r.id)));
    for (const r of runs) await registerVersion({ ctx: as(member), input: { modelId: model.id, runId: r.id, artifactPath: "model" } });
    await setPolicy({
      ctx: as(admin),
      input: {
        projectId: project.id,
        alias: "production",
        requiredApprovals: 1,
        checks: [{ kind: "environment_pinned" }, { kind: "beats_current", key: "val/acc", stat: "last", direction: "higher" }],
      },
    });
    const first = await requestPromotion({ ctx: as(member), input: { modelId: model.id, version: 1, alias: "production" } });
    expect((await approvePromotion({ ctx: as(reviewer), input: { promotionId: first.id } })).state).toBe("applied");
    const better = await requestPromotion({ ctx: as(member), input: { modelId: model.id, version: 2, alias: "production", description: "higher acc" } });
    const detail = await getPromotion({ ctx: as(reviewer), input: { promotionId: better.id } });
    expect(detail.current?.version).toBe(1);
    expect(detail.environments.candidate).toMatchObject({ name: "train", version: 1 });
    expect(detail.checks.map((c) => c.value)).toEqual(["train@1 pinned", "0.95 vs 0.9 (v1)"]);
    expect(detail.can).toEqual({ approve: true, reject: true, cancel: false, apply: false });
    const applied = await approvePromotion({ ctx: as(reviewer), input: { promotionId: better.id } });
    expect(applied).toMatchObject({ state: "applied" });
    // Rolling back to an earlier, worse version goes through the same review, and its checks hold it.
    const worse = await requestPromotion({ ctx: as(member), input: { modelId: model.id, version: 3, alias: "production" } });
    expect((await approvePromotion({ ctx: as(reviewer), input: { promotionId: worse.id } })).state).toBe("approved");
    const resolved = await resolveAlias({ ctx: as(member), input: { modelId: model.id, alias: "production" } });
    expect(resolved.version.version).toBe(2);
    const history = await listAliasHistory({ ctx: as(member), input: { modelId: model.id } });
    expect(history.map((e) => [e.alias, e.fromVersion, e.toVersion, e.promotionId])).toEqual([
      ["production", 1, 2, better.id],
      ["production", null, 1, first.id],
    ]);
    expect(history[0]!.actor?.id).toBe(reviewer.userId);
    expect((await getPromotion({ ctx: as(member), input: { promotionId: better.id } })).current?.version).toBe(1);
  });

  it("applying one request supersedes older open ones for the alias, not newer ones", async () => {
    const { project, member, reviewer, as } = await setup();
    const model = await createModel({ ctx: as(member), input: { projectId: project.id, name: "m" } });
    const run = await trainedRun(member, project.id, 0.9);
    for (let i = 0; i < 3; i++) await registerVersion({ ctx: as(member), input: { modelId: model.id, runId: run.id, artifactPath: "model" } });
    const older = await requestPromotion({ ctx: as(member), input: { modelId: model.id, version: 1, alias: "staging" } });
    const otherAlias = await requestPromotion({ ctx: as(member), input: { modelId: model.id, version: 1, alias: "production" } });
    const winner = await requestPromotion({ ctx: as(member), input: { modelId: model.id, version: 2, alias: "staging" } });
    const newer = await requestPromotion({ ctx: as(member), input: { modelId: model.id, version: 3, alias: "staging" } });
    expect((await reviewQueue({ ctx: as(reviewer) })).map((r) => r.id)).toEqual(expect.arrayContaining([older.id, winner.id, newer.id, otherAlias.id]));
    await approvePromotion({ ctx: as(reviewer), input: { promotionId: winner.id } });
    const states = Object.fromEntries(
      (await pendingPromotions({ ctx: as(member), input: { projectId: project.id } })).map((r) => [r.id, r.state]),
    );
    expect(states).toEqual({ [otherAlias.id]: "open", [newer.id]: "open" });
    expect((await getPromotion({ ctx: as(member), input: { promotionId: older.id } })).state).toBe("superseded");
    expect((await reviewQueue({ ctx: as(reviewer) })).map((r) => r.id)).not.toContain(winner.id);
    expect((await reviewQueue({ ctx: as(member) })).length).toBe(0);
  });

  it("two reviewers approving at the same instant apply exactly once", async () => {
    const { project, member, reviewer, reviewer2, as, team } = await setup();
    const model = await createModel({ ctx: as(member), input: { projectId: project.id, name: "m" } });
    const run = await trainedRun(member, project.id, 0.9);
    await registerVersion({ ctx: as(member), input: { modelId: model.id, runId: run.id, artifactPath: "model" } });
    const p = await requestPromotion({ ctx: as(member), input: { modelId: model.id, version: 1, alias: "staging" } });
    const results = await Promise.allSettled([
      approvePromotion({ ctx: as(reviewer), input: { promotionId: p.id } }),
      approvePromotion({ ctx: as(reviewer2), input: { promotionId: p.id } }),
    ]);
    expect(results.filter((r) => r.status === "fulfilled").map((r) => r.value.state)).toEqual(["applied"]);
    expect(results.filter((r) => r.status === "rejected").map((r) => (r.reason as { code: string }).code)).toEqual(["PRECONDITION_FAILED"]);
    const history = await listAliasHistory({ ctx: as(member), input: { modelId: model.id, alias: "staging" } });
    expect(history.length).toBe(1);
    const applies = (await auditRows(h.db, team.id, "promotion.apply")).filter((r) => r.targetId === p.id);
    expect(applies.length).toBe(1);
  });

  it("applies at once when the policy asks for no approvals and the checks pass", async () => {
    const { project, member, admin, as } = await setup();
    const model = await createModel({ ctx: as(member), input: { projectId: project.id, name: "m" } });
    const run = await trainedRun(member, project.id, 0.9);
    await registerVersion({ ctx: as(member), input: { modelId: model.id, runId: run.id, artifactPath: "model" } });
    await setPolicy({ ctx: as(admin), input: { projectId: project.id, alias: "dev", requiredApprovals: 0, checks: [{ kind: "run_succeeded" }] } });
    expect((await requestPromotion({ ctx: as(member), input: { modelId: model.id, version: 1, alias: "dev" } })).state).toBe("applied");
    await expectDomainError(requestPromotion({ ctx: as(member), input: { modelId: model.id, version: 1, alias: "dev" } }), "PRECONDITION_FAILED");
    // An alias without a policy moves directly, and is recorded the same way.
    expect(await setAlias({ ctx: as(member), input: { modelId: model.id, alias: "champion", version: 1 } })).toEqual({ alias: "champion", version: 1 });
    expect((await listAliasHistory({ ctx: as(member), input: { modelId: model.id, alias: "champion" } }))[0]).toMatchObject({ fromVersion: null, toVersion: 1, promotionId: null });
  });

  it("signs and sends model_version.created and promotion.applied to the project's webhook", async () => {
    const { ctx, project, member, reviewer, as } = await setup();
    const received: { event: string; body: Record<string, unknown>; valid: boolean }[] = [];
    let secret = "";
    const server = createServer((req, res) => {
      let body = "";
      req.on("data", (c: Buffer) => (body += c.toString()));
      req.on("end", () => {
        const valid = verifySignature({ secret, body, timestamp: req.headers["x-trainyard-timestamp"] as string, signature: req.headers["x-trainyard-signature"] as string });
        received.push({ event: String(req.headers["x-trainyard-event"]), body: JSON.parse(body) as Record<string, unknown>, valid });
        res.writeHead(204).end();
      });
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    try {
      const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`;
      secret = (await createWebhook({ ctx, input: { projectId: project.id, url, events: ["model_version.created", "promotion.applied"] }, serverSecret: rt.secret })).secret;
      const model = await createModel({ ctx: as(member), input: { projectId: project.id, name: "m" } });
      const run = await trainedRun(member, project.id, 0.9);
      const version = await registerVersion({ ctx: as(member), input: { modelId: model.id, runId: run.id, artifactPath: "model" } });
      const p = await requestPromotion({ ctx: as(member), input: { modelId: model.id, version: 1, alias: "production" } });
      // A request that was rejected or not yet applied sends nothing.
      await deliverDueWebhooks(h.db, rt.secret);
      expect(received.map((r) => r.event)).toEqual(["model_version.created"]);
      await approvePromotion({ ctx: as(reviewer), input: { promotionId: p.id } });
      await deliverDueWebhooks(h.db, rt.secret);
      expect(received.map((r) => [r.event, r.valid])).toEqual([
        ["model_version.created", true],
        ["promotion.applied", true],
      ]);
      expect(received[0]!.body).toMatchObject({ event: "model_version.created", project_id: project.id, data: { model: { id: model.id, name: "m" }, version: { version: 1, artifact_sha256: version.artifactSha256 } } });
      expect(received[1]!.body).toMatchObject({ data: { promotion: { id: p.id, alias: "production" }, version: { version: 1 }, previous_version: null } });
    } finally {
      server.close();
    }
  });
});
