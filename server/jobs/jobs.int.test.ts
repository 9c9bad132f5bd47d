import { Readable } from "node:stream";
import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DbHandle, DbOrTx } from "@/db/client";
import { computeTargets, runs } from "@/db/schema";
import { testDatabases } from "@/db/testing/databases";
import { registerTarget } from "../compute/targets";
import { createProject } from "../projects/projects";
import { useRuntime } from "../runtime";
import { auditRows, ctxFor, expectDomainError, makeUser, teamWithRoles, testRuntime, uniq } from "../testing/fixtures";
import { authenticateToken } from "../tokens/tokens";
import { appendLogs } from "../tracking/logs";
import { getRun } from "../tracking/runs";
import { listMyTeams } from "../teams/teams";
import { claimJob } from "./claim";
import { agentCheckIn, cancelJob, finishJob, reapLostJobs, startJob } from "./lifecycle";
import { getJob, jobOfRun } from "./read";
import { uploadSnapshot } from "./snapshots";
import { rerunJob, submitJob } from "./submit";

const gpus = (n: number, name = "NVIDIA A100-SXM4-80GB") =>
  Array.from({ length: n }, (_, index) => ({ index, uuid: `GPU-${index}`, name, memoryMb: 81920, driver: "550.54" }));

async function targetRow(db: DbOrTx, id: string) {
  const [row] = await db.select().from(computeTargets).where(eq(computeTargets.id, id));
  return row!;
}

describe.each(testDatabases)("jobs on $name", ({ open }) => {
  let h: DbHandle;
  beforeAll(async () => {
    h = await open();
    useRuntime(testRuntime(h));
  });
  afterAll(async () => {
    await h.close();
  });

  /** A team with a project and agents that have heartbeated with the given GPU counts. */
  async function setup(gpuCounts: number[], roles: Parameters<typeof teamWithRoles>[1] = []) {
    const t = await teamWithRoles(h.db, roles);
    const ctx = ctxFor(h.db, t.owner);
    const project = await createProject({ ctx, input: { teamSlug: t.team.slug, name: "P", slug: uniq("p") } });
    const targets = [];
    for (const [i, n] of gpuCounts.entries()) {
      const { target } = await registerTarget({ ctx, input: { teamSlug: t.team.slug, name: `gpu-${i}`, labels: { rack: String(i) } } });
      await agentCheckIn({ db: h.db, target, input: { gpus: gpus(n) } });
      targets.push(await targetRow(h.db, target.id));
    }
    const submit = (input: Omit<Parameters<typeof submitJob>[0]["input"], "projectId">, who = ctx) =>
      submitJob({ ctx: who, input: { projectId: project.id, ...input } });
    return { ...t, ctx, project, targets, submit };
  }

  it("queues a job with a queued run, refuses what can never be placed, and says why a job waits", async () => {
    const { ctx, targets, submit, team } = await setup([2]);
    const job = await submit({ command: "python train.py", resources: { gpus: 1 }, params: { lr: 0.1 } });
    expect(job).toMatchObject({ state: "queued", attempt: 1 });
    const run = await getRun({ ctx, input: { runId: job.runId } });
    expect(run).toMatchObject({ status: "queued", params: { lr: "0.1" } });

    await expectDomainError(submit({ command: "x", resources: { gpus: 3 } }), "VALIDATION");
    await expectDomainError(submit({ command: "x", resources: { gpus: 1, gpuModel: "H100" } }), "VALIDATION");
    await expectDomainError(submit({ command: "x", labels: { rack: "9" } }), "VALIDATION");
    await expectDomainError(submit({ command: "x", target: "nope" }), "VALIDATION");
    await expect(submit({ command: "  " })).rejects.toThrow("command is required");
    const tooBig = await submit({ command: "x", resources: { gpus: 3 } }).catch((e: Error) => e.message);
    expect(tooBig).toContain("3 GPUs requested, but the largest matching target has 2");

    const first = await claimJob(h.db, targets[0]!.id);
    expect(first?.job).toMatchObject({ id: job.id, state: "assigned", allocatedGpus: [0] });
    const big = await submit({ command: "x", resources: { gpus: 2 } });
    expect((await getJob({ ctx, input: { jobId: big.id } })).pendingReason).toBe("waiting: 2 GPUs requested, largest free block is 1 on gpu-0");
    expect(await claimJob(h.db, targets[0]!.id)).toBeNull();
    expect((await auditRows(h.db, team.id, "job.submit")).length).toBe(2);
    expect((await auditRows(h.db, team.id, "job.assign")).length).toBe(1);
  });

  it("runs a job to success with a token scoped to its run, and records failures with the last lines", async () => {
    const { ctx, owner, targets, submit, project } = await setup([1]);
    const other = await submit({ command: "echo other" });
    const job = await submit({ command: "echo hi", resources: { gpus: 1 } });
    const agent = targets[0]!;
    // The zero-GPU job was queued first, so it is claimed first.
    const c1 = (await claimJob(h.db, agent.id))!;
    const c2 = (await claimJob(h.db, agent.id))!;
    expect([c1.job.id, c2.job.id]).toEqual([other.id, job.id]);
    expect(c2.job.allocatedGpus).toEqual([0]);

    const runActor = (await authenticateToken(h.db, c2.runToken))!;
    expect(runActor).toMatchObject({ userId: owner.userId, runScope: job.runId });
    const runCtx = ctxFor(h.db, runActor);
    await appendLogs({ ctx: runCtx, input: { runId: job.runId, lines: [{ stream: "stdout", text: "hi" }] } });
    await expectDomainError(appendLogs({ ctx: runCtx, input: { runId: other.runId, lines: [{ stream: "stdout", text: "x" }] } }), "FORBIDDEN");
    await expectDomainError(listMyTeams({ ctx: runCtx }), "FORBIDDEN");
    await expectDomainError(submitJob({ ctx: runCtx, input: { projectId: project.id, command: "x" } }), "FORBIDDEN");

    await startJob({ db: h.db, target: agent, jobId: job.id, input: { pid: 123, commit: "abc1234" } });
    expect(await getRun({ ctx, input: { runId: job.runId } })).toMatchObject({ status: "running", source: { commit: "abc1234" } });
    await expectDomainError(finishJob({ db: h.db, target: agent, jobId: job.id, input: { outcome: "succeeded", exitCode: 0 } }).then(() => startJob({ db: h.db, target: agent, jobId: job.id, input: {} })), "CONFLICT");
    expect(await getJob({ ctx, input: { jobId: job.id } })).toMatchObject({ state: "succeeded", exitCode: 0, allocatedGpus: [0], attempts: [{ attempt: 1, state: "succeeded", targetName: "gpu-0" }] });
    expect(await getRun({ ctx, input: { runId: job.runId } })).toMatchObject({ status: "succeeded" });
    // The run token dies with the job.
    expect(await authenticateToken(h.db, c2.runToken)).toBeNull();

    await startJob({ db: h.db, target: agent, jobId: other.id, input: {} });
    await finishJob({ db: h.db, target: agent, jobId: other.id, input: { outcome: "failed", exitCode: 3, logTail: ["loading", "Traceback: boom"] } });
    const failed = await getJob({ ctx, input: { jobId: other.id } });
    expect(failed).toMatchObject({ state: "failed", exitCode: 3 });
    expect(failed.failureReason).toBe("Exited with code 3. Last lines:\nloading\nTraceback: boom");
    expect((await jobOfRun({ ctx, input: { runId: other.runId } }))?.id).toBe(other.id);
    // The GPU is free again.
    const next = await submit({ command: "x", resources: { gpus: 1 } });
    expect((await claimJob(h.db, agent.id))?.job.id).toBe(next.id);
  });

  it("places higher priority first, FIFO within a priority, and only on matching targets", async () => {
    const { targets, submit } = await setup([1, 1]);
    const low = await submit({ command: "low", priority: 0 });
    const high = await submit({ command: "high", priority: 5 });
    const pinned = await submit({ command: "pinned", target: "gpu-1", priority: 10 });
    const low2 = await submit({ command: "low2", priority: 0 });
    const onFirst = [];
    for (let i = 0; i < 3; i++) onFirst.push((await claimJob(h.db, targets[0]!.id))?.job.id);
    expect(onFirst).toEqual([high.id, low.id, low2.id]);
    expect((await claimJob(h.db, targets[1]!.id))?.job.id).toBe(pinned.id);
  });

  it("cancels a queued job at once and a running one through its agent", async () => {
    const { ctx, targets, submit, members } = await setup([1], ["viewer"]);
    const queued = await submit({ command: "sleep 100", resources: { gpus: 1 } });
    const waiting = await submit({ command: "sleep 100", resources: { gpus: 1 } });
    await expectDomainError(cancelJob({ ctx: ctxFor(h.db, members[0]!), input: { jobId: queued.id } }), "FORBIDDEN");
    const claimed = (await claimJob(h.db, targets[0]!.id))!;
    await startJob({ db: h.db, target: targets[0]!, jobId: claimed.job.id, input: {} });
    await cancelJob({ ctx, input: { jobId: waiting.id } });
    expect(await getJob({ ctx, input: { jobId: waiting.id } })).toMatchObject({ state: "cancelled" });
    expect(await getRun({ ctx, input: { runId: waiting.runId } })).toMatchObject({ status: "cancelled" });

    await cancelJob({ ctx, input: { jobId: claimed.job.id } });
    expect(await getJob({ ctx, input: { jobId: claimed.job.id } })).toMatchObject({ state: "running", cancelRequestedAt: expect.any(Date) });
    const beat = await agentCheckIn({ db: h.db, target: targets[0]!, input: {}, runningJobs: [claimed.job.id] });
    expect(beat.cancel).toEqual([claimed.job.id]);
    await finishJob({ db: h.db, target: targets[0]!, jobId: claimed.job.id, input: { outcome: "failed", signal: "SIGTERM", exitCode: null } });
    expect(await getJob({ ctx, input: { jobId: claimed.job.id } })).toMatchObject({ state: "cancelled" });
    await expectDomainError(cancelJob({ ctx, input: { jobId: claimed.job.id } }), "CONFLICT");
  });

  it("loses the jobs of a silent agent and retries them on another as a new attempt", async () => {
    const { ctx, targets, submit, team } = await setup([2, 2]);
    const retried = await submit({ command: "train", resources: { gpus: 2 }, maxRetries: 1 });
    const once = await submit({ command: "train", resources: { gpus: 0 }, target: "gpu-0" });
    const [a, b] = targets as [typeof targets[0], typeof targets[0]];
    expect((await claimJob(h.db, a.id))?.job.id).toBe(retried.id);
    expect((await claimJob(h.db, a.id))?.job.id).toBe(once.id);
    await startJob({ db: h.db, target: a, jobId: retried.id, input: {} });
    await h.db.execute(sql`update compute_targets set last_heartbeat_at = now() - interval '5 minutes' where id = ${a.id}`);
    await h.db.execute(sql`update jobs set assigned_at = now() - interval '5 minutes' where assigned_target_id = ${a.id}`);
    expect(await reapLostJobs(h.db)).toBe(2);

    expect(await getJob({ ctx, input: { jobId: once.id } })).toMatchObject({ state: "lost" });
    expect(await getRun({ ctx, input: { runId: once.runId } })).toMatchObject({ status: "lost" });
    const requeued = await getJob({ ctx, input: { jobId: retried.id } });
    expect(requeued).toMatchObject({ state: "queued", attempt: 2, allocatedGpus: [], assignedTargetId: null });
    expect(requeued.attempts).toMatchObject([{ attempt: 1, state: "lost", targetName: "gpu-0" }]);
    expect(await getRun({ ctx, input: { runId: retried.runId } })).toMatchObject({ status: "queued" });

    // The agent that was only cut off comes back: its report of the old attempt is refused.
    await expectDomainError(finishJob({ db: h.db, target: a, jobId: retried.id, input: { outcome: "succeeded", exitCode: 0 } }), "CONFLICT");
    const again = (await claimJob(h.db, b.id))!;
    expect(again.job).toMatchObject({ id: retried.id, attempt: 2, assignedTargetId: b.id });
    await startJob({ db: h.db, target: b, jobId: retried.id, input: {} });
    await finishJob({ db: h.db, target: b, jobId: retried.id, input: { outcome: "succeeded", exitCode: 0 } });
    const done = await getJob({ ctx, input: { jobId: retried.id } });
    expect(done).toMatchObject({ state: "succeeded", attempts: [{ attempt: 1, state: "lost" }, { attempt: 2, state: "succeeded", targetName: "gpu-1" }] });
    expect((await auditRows(h.db, team.id, "job.requeue")).length).toBe(1);
  });

  it("loses a job its agent no longer reports after restarting", async () => {
    const { ctx, targets, submit } = await setup([0]);
    const job = await submit({ command: "x" });
    await claimJob(h.db, targets[0]!.id);
    await h.db.execute(sql`update jobs set assigned_at = now() - interval '1 minute' where id = ${job.id}`);
    await agentCheckIn({ db: h.db, target: targets[0]!, input: {}, runningJobs: [] });
    expect(await getJob({ ctx, input: { jobId: job.id } })).toMatchObject({ state: "lost" });
  });

  it("records a snapshot's git commit and uncommitted changes on the run, and a rerun keeps them", async () => {
    const { ctx, project, submit } = await setup([0]);
    const snapshot = await uploadSnapshot({ ctx, input: { projectId: project.id }, body: Readable.from([Buffer.from("tarball bytes")]), blobs: testRuntime(h).blobs, maxBytes: 1024 });
    const dirty = "d".repeat(64);
    const job = await submit({ command: "x", code: { snapshotId: snapshot.id, gitUrl: "https://git.example.com/a/b.git", commit: "abc1234", dirtySha256: dirty } });
    expect((await getRun({ ctx, input: { runId: job.runId } })).source).toEqual({ gitUrl: "https://git.example.com/a/b.git", commit: "abc1234", dirtySha256: dirty, snapshotSha256: snapshot.sha256 });
    await cancelJob({ ctx, input: { jobId: job.id } });
    const again = await rerunJob({ ctx, input: { jobId: job.id } });
    expect((await getRun({ ctx, input: { runId: again.runId } })).source).toMatchObject({ commit: "abc1234", dirtySha256: dirty, snapshotSha256: snapshot.sha256 });
  });

  it("hides another team's jobs", async () => {
    const { submit } = await setup([0]);
    const job = await submit({ command: "x" });
    const stranger = ctxFor(h.db, await makeUser(h.db));
    await expectDomainError(getJob({ ctx: stranger, input: { jobId: job.id } }), "NOT_FOUND");
    await expectDomainError(cancelJob({ ctx: stranger, input: { jobId: job.id } }), "NOT_FOUND");
  });

  it("never hands out a GPU twice under 20 concurrent claims", async () => {
    const { targets, submit, ctx } = await setup([4, 2]);
    const submitted = [];
    for (let i = 0; i < 10; i++) submitted.push(await submit({ command: `job ${i}`, resources: { gpus: 1 } }));
    const claims = await Promise.all(Array.from({ length: 20 }, (_, i) => claimJob(h.db, targets[i % 2]!.id).catch((e: Error) => e)));
    const won = claims.filter((c) => c && !(c instanceof Error)) as NonNullable<Awaited<ReturnType<typeof claimJob>>>[];
    expect(won.length).toBe(6);
    expect(new Set(won.map((c) => c.job.id)).size).toBe(6);
    for (const target of targets) {
      const held = won.filter((c) => c.job.assignedTargetId === target.id).flatMap((c) => c.job.allocatedGpus);
      expect(new Set(held).size).toBe(held.length);
      expect(held.length).toBe(target.gpus.length);
    }
    const states = await Promise.all(submitted.map((j) => getJob({ ctx, input: { jobId: j.id } })));
    expect(states.filter((j) => j.state === "assigned").length).toBe(6);
  });

  it("keeps a run's status in step with its job", async () => {
    const { submit } = await setup([0]);
    const job = await submit({ command: "x" });
    const [run] = await h.db.select().from(runs).where(eq(runs.id, job.runId));
    expect(run).toMatchObject({ status: "queued", endedAt: null });
  });
});
