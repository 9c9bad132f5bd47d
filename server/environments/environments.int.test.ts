import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DbHandle } from "@/db/client";
import { computeTargets } from "@/db/schema";
import { testDatabases } from "@/db/testing/databases";
import { registerTarget } from "../compute/targets";
import { claimJob } from "../jobs/claim";
import { agentCheckIn, finishJob, startJob } from "../jobs/lifecycle";
import { reproduceRun } from "../jobs/reproduce";
import { submitJob } from "../jobs/submit";
import { createProject } from "../projects/projects";
import { useRuntime } from "../runtime";
import { auditRows, ctxFor, expectDomainError, makeUser, teamWithRoles, testRuntime, uniq } from "../testing/fixtures";
import { authenticateToken } from "../tokens/tokens";
import { logMetrics } from "../tracking/metrics";
import { createRun, getRun } from "../tracking/runs";
import { environmentSchemaRoute, saveEnvironmentRoute } from "../http/handlers/environments";
import { createToken } from "../tokens/tokens";
import { listVersions, resolveEnvironment, saveEnvironment } from "./environments";
import { runEnvironment } from "./run-environment";

describe.each(testDatabases)("environments and reproduction on $name", ({ open }) => {
  let h: DbHandle;
  beforeAll(async () => {
    h = await open();
    useRuntime(testRuntime(h));
  });
  afterAll(async () => {
    await h.close();
  });

  async function setup() {
    const t = await teamWithRoles(h.db, ["viewer"]);
    const ctx = ctxFor(h.db, t.owner);
    const project = await createProject({ ctx, input: { teamSlug: t.team.slug, name: "P", slug: uniq("p") } });
    const { target } = await registerTarget({ ctx, input: { teamSlug: t.team.slug, name: "box" } });
    await agentCheckIn({ db: h.db, target, input: {} });
    const [agent] = await h.db.select().from(computeTargets).where(eq(computeTargets.id, target.id));
    return { ...t, ctx, project, agent: agent! };
  }

  it("versions specs by digest: the same spec in another order is the same version", async () => {
    const { ctx, project, members, team } = await setup();
    const v1 = await saveEnvironment({ ctx, input: { projectId: project.id, name: "train", spec: "python: '3.11'\npackages: [numpy==1.26.4, Torch==2.2.0]\n" } });
    expect(v1).toMatchObject({ version: 1, created: true, pinned: true, unpinned: [] });
    const same = await saveEnvironment({ ctx, input: { projectId: project.id, name: "train", spec: { packages: ["torch==2.2.0", "NumPy==1.26.4"], python: "3.11" } } });
    expect(same).toMatchObject({ id: v1.id, version: 1, created: false });
    const v2 = await saveEnvironment({ ctx, input: { projectId: project.id, name: "train", spec: "python: '3.11'\npackages: [numpy>=1.26]\n" } });
    expect(v2).toMatchObject({ version: 2, created: true, pinned: false, unpinned: ["package numpy>=1.26 is not pinned to one version (name==version)"] });
    expect((await listVersions({ ctx, input: { projectId: project.id, name: "train" } })).map((v) => v.version)).toEqual([2, 1]);
    expect((await resolveEnvironment(h.db, project.id, "train")).version).toBe(2);
    expect((await resolveEnvironment(h.db, project.id, "train@1")).id).toBe(v1.id);
    expect((await resolveEnvironment(h.db, project.id, `sha256:${v1.digest}`)).id).toBe(v1.id);
    await expect(resolveEnvironment(h.db, project.id, "train@9")).rejects.toThrow("No environment train@9");
    await expectDomainError(saveEnvironment({ ctx, input: { projectId: project.id, name: "train", spec: "python: [" } }), "VALIDATION");
    await expectDomainError(saveEnvironment({ ctx: ctxFor(h.db, members[0]!), input: { projectId: project.id, name: "x", spec: {} } }), "FORBIDDEN");
    await expectDomainError(listVersions({ ctx: ctxFor(h.db, await makeUser(h.db)), input: { projectId: project.id, name: "train" } }), "NOT_FOUND");
    expect((await auditRows(h.db, team.id, "environment.version")).length).toBe(2);
  });

  it("answers 201 for a new version, 200 for an identical spec, 422 for a bad one, and publishes the JSON Schema", async () => {
    const { owner, project } = await setup();
    const { token } = await createToken({ ctx: ctxFor(h.db, owner), input: { name: "t" } });
    const post = (body: unknown) =>
      saveEnvironmentRoute(
        new Request("http://localhost/api", { method: "POST", headers: { authorization: `Bearer ${token}`, "content-type": "application/json" }, body: JSON.stringify(body) }),
        { params: Promise.resolve({ projectId: project.id }) },
      );
    const first = await post({ name: "gpu", spec: "image: pytorch/pytorch:2.2.0\ncuda: '12.1'\n" });
    expect(first.status).toBe(201);
    expect(await first.json()).toMatchObject({ version: 1, pinned: false, unpinned: ["image pytorch/pytorch:2.2.0 has no @sha256: digest"], spec_yaml: 'image: pytorch/pytorch:2.2.0\ncuda: "12.1"\n' });
    expect((await post({ name: "gpu", spec: { cuda: "12.1", image: "pytorch/pytorch:2.2.0" } })).status).toBe(200);
    const bad = await post({ name: "gpu", spec: "packages: numpy" });
    expect(bad.status).toBe(422);
    expect(((await bad.json()) as { error: { message: string } }).error.message).toContain("packages");
    const schema = (await (await environmentSchemaRoute(new Request("http://localhost/api"))).json()) as { properties: Record<string, unknown> };
    expect(Object.keys(schema.properties)).toEqual(["python", "packages", "lockfile", "image", "env", "setup", "system_site_packages", "cuda"]);
  });

  it("gives a job's agent its environment, and shows declared vs captured with drift", async () => {
    const { ctx, project, agent } = await setup();
    const env = await saveEnvironment({ ctx, input: { projectId: project.id, name: "cpu", spec: { python: "3.11", packages: ["numpy==1.26.4"] } } });
    await expectDomainError(submitJob({ ctx, input: { projectId: project.id, command: "x", environment: "nope" } }), "VALIDATION");
    const job = await submitJob({ ctx, input: { projectId: project.id, command: "python train.py", environment: "cpu@1" } });
    expect(job.environmentVersionId).toBe(env.id);
    const claimed = (await claimJob(h.db, agent.id))!;
    expect(claimed.environment).toMatchObject({ name: "cpu", version: 1, digest: env.digest, spec: { python: "3.11", packages: ["numpy==1.26.4"] } });
    // The agent reports the start at once and the captured environment in a second report.
    await startJob({ db: h.db, target: agent, jobId: job.id, input: { pid: 42 } });
    expect((await runEnvironment({ ctx, input: { runId: job.runId } })).captured).toBeNull();
    await startJob({ db: h.db, target: agent, jobId: job.id, input: { captured: { python: "3.11.2", packages: ["numpy==1.24.2", "pip==23.0"], os: "Linux" } } });
    const view = await runEnvironment({ ctx, input: { runId: job.runId } });
    expect(view.declared).toMatchObject({ name: "cpu", version: 1 });
    expect(view.captured?.captured).toMatchObject({ python: "3.11.2" });
    expect(view.drift).toEqual([{ kind: "package", message: "numpy is pinned to 1.26.4 but 1.24.2 ran" }]);
  });

  it("reproduces a launched run and gives a verdict: reproduced, or diverged at a step", async () => {
    const { ctx, project, agent } = await setup();
    await saveEnvironment({ ctx, input: { projectId: project.id, name: "e", spec: { system_site_packages: true } } });
    /** Runs a claimed job to success, logging `loss` values as the job would. */
    async function runJob(values: number[]) {
      const claimed = (await claimJob(h.db, agent.id))!;
      const runCtx = ctxFor(h.db, (await authenticateToken(h.db, claimed.runToken))!);
      await startJob({ db: h.db, target: agent, jobId: claimed.job.id, input: {} });
      await logMetrics({ ctx: runCtx, input: { runId: claimed.job.runId, points: values.map((value, step) => ({ key: "loss", value, step })) } });
      await finishJob({ db: h.db, target: agent, jobId: claimed.job.id, input: { outcome: "succeeded", exitCode: 0 } });
      return claimed;
    }
    const original = await submitJob({ ctx, input: { projectId: project.id, command: "python train.py --seed 0", environment: "e", params: { seed: 0 } } });
    await runJob([1, 0.5, 0.25, 0.125]);

    const repro = await reproduceRun({ ctx, input: { runId: original.runId } });
    expect(repro).toMatchObject({ command: "python train.py --seed 0", environmentVersionId: original.environmentVersionId, params: { seed: "0" } });
    expect(await getRun({ ctx, input: { runId: repro.runId } })).toMatchObject({ reproduction: { of: original.runId, verdict: "pending" }, tags: { "trainyard.reproduction_of": original.runId } });
    await runJob([1, 0.5, 0.25, 0.1250001]);
    expect((await getRun({ ctx, input: { runId: repro.runId } })).reproduction).toMatchObject({ verdict: "reproduced" });

    const drifted = await reproduceRun({ ctx, input: { runId: original.runId } });
    await runJob([1, 0.5, 0.3, 0.2]);
    expect((await getRun({ ctx, input: { runId: drifted.runId } })).reproduction).toEqual({
      of: original.runId,
      verdict: "diverged",
      detail: "diverged at step 2 (loss: 0.25 originally, 0.3 now; tolerance 0.001)",
    });
    expect((await runEnvironment({ ctx, input: { runId: original.runId } })).reproducedBy.map((r) => r.verdict).sort()).toEqual(["diverged", "reproduced"]);

    const outside = await createRun({ ctx, input: { projectId: project.id } });
    await expectDomainError(reproduceRun({ ctx, input: { runId: outside.id } }), "PRECONDITION_FAILED");
  });
});
