import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { hostname, tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
// @ts-expect-error: plain ESM script shared with the test runner (scripts/test.mjs), no types
import { startRestd, startSlurmCluster, stopRestd } from "../../scripts/slurm-cluster.mjs";
import { freePort, killAll, LiveServer, ROOT, sleep, startProcess, waitFor } from "../testing/live-server";

// Trainyard on a real single-node Slurm 22.05 cluster (scripts/slurm-cluster.mjs): GPUs are GRES
// backed by stand-in devices, jobs go through slurmrestd as batch jobs that run `trainyard exec`
// as an unprivileged user. The cluster comes from the test harness (SLURM_TEST_*) or is started
// here; when it cannot start, these tests fail: they are never skipped.

const CLI = path.join(ROOT, "cli/bin/trainyard.mjs");
const DEBIAN_PYTHON = "/usr/bin/python3";

interface Cluster {
  url: string;
  user: string;
  token: string;
  base: string;
  workDir: string;
  stop?: () => Promise<void>;
}

interface Job {
  id: string;
  run_id: string;
  state: string;
  attempt: number;
  allocated_gpus: number[];
  pending_reason: string | null;
  failure_reason: string | null;
  attempts: { attempt: number; state: string; reason: string | null; slurm_job_id: number | null }[];
  slurm: { job_id: number | null; partition: string | null; node: string | null; gpus: string | null; state: string | null; reason: string | null } | null;
}

interface Target {
  name: string;
  kind: string;
  status: string;
  gpus: { name: string }[];
  allocated_gpus: number[];
  slurm: {
    reachable: boolean;
    error: string | null;
    health: string;
    partitions: { name: string; is_default: boolean }[];
    nodes: { name: string; up: boolean; gpus: { type: string; count: number }[]; cpus: number }[];
  } | null;
}

const tmp = mkdtempSync(path.join(tmpdir(), "trainyard-slurm-it-"));
let cluster: Cluster;
let server: LiveServer;
let user: { token: string; teamSlug: string; projectId: string };
const TARGET = "hpc";

const api = <T>(method: string, p: string, body?: unknown, expected = 200) => server.api<T>(method, p, user.token, body, expected);
const job = (id: string) => api<Job>("GET", `/jobs/${id}`);
const submit = (body: Record<string, unknown>) => api<{ id: string; run_id: string }>("POST", `/projects/${user.projectId}/jobs`, { target: TARGET, ...body }, 201);
const logs = async (runId: string) => (await api<{ lines: { text: string }[] }>("GET", `/runs/${runId}/logs?limit=10000`)).lines.map((l) => l.text);
const target = async () => (await api<{ targets: Target[] }>("GET", `/teams/${user.teamSlug}/compute`)).targets.find((t) => t.name === TARGET)!;

/** slurmrestd as the job user sees it, to check what Trainyard asked of Slurm. */
async function slurmJob(id: number) {
  const res = await fetch(`${cluster.url}/slurm/v0.0.38/job/${id}`, { headers: { "X-SLURM-USER-NAME": cluster.user, "X-SLURM-USER-TOKEN": cluster.token } });
  const body = (await res.json()) as { jobs: { job_state: string; state_reason: string; time_limit: number; tres_per_node?: string }[] };
  return body.jobs[0]!;
}

const until = (id: string, check: (j: Job) => boolean, timeoutMs: number, what: string) =>
  waitFor(
    async () => {
      const j = await job(id);
      return check(j) ? j : null;
    },
    timeoutMs,
    () => `job ${id}: ${what}\n${server.proc?.output().slice(-3000) ?? ""}`,
  );
const untilState = (id: string, states: string[], timeoutMs = 90_000) => until(id, (j) => states.includes(j.state), timeoutMs, `never reached ${states.join("/")}`);

beforeAll(async () => {
  const t0 = Date.now();
  cluster = process.env.SLURM_TEST_URL
    ? {
        url: process.env.SLURM_TEST_URL,
        user: process.env.SLURM_TEST_USER!,
        token: process.env.SLURM_TEST_TOKEN!,
        base: process.env.SLURM_TEST_BASE!,
        workDir: process.env.SLURM_TEST_WORK_DIR!,
      }
    : ((await startSlurmCluster()) as Cluster);
  const port = await freePort();
  server = await new LiveServer(port, path.join(tmp, "data"), { TRAINYARD_BASE_URL: `http://127.0.0.1:${port}` }).start();
  user = await server.userWithProject("slurm");
  console.log(`slurm suite ready in ${Date.now() - t0} ms`);
}, 180_000);

afterAll(async () => {
  await server?.stop();
  await killAll();
  await cluster?.stop?.();
  rmSync(tmp, { recursive: true, force: true });
});

describe("a Slurm cluster as a compute target", () => {
  let timeLimited: { id: string; run_id: string };

  it("refuses a wrong token with a clear error, then registers the cluster and shows its GPUs, partitions and health", async () => {
    const settings = {
      base_url: cluster.url,
      api_version: "v0.0.38",
      user: cluster.user,
      token: cluster.token,
      partition: "debug",
      work_dir: cluster.workDir,
      exec_command: `${process.execPath} ${CLI}`,
    };
    // slurmrestd answers 500 "Unspecified error" for a bad token: we answer 422 and say why.
    const bad = await fetch(`${server.url}/api/v1/teams/${user.teamSlug}/compute`, {
      method: "POST",
      headers: { "content-type": "application/json", authorization: `Bearer ${user.token}` },
      body: JSON.stringify({ name: "wrong", kind: "slurm", slurm: { ...settings, token: `${cluster.token.slice(0, -4)}AAAA` } }),
    });
    expect(bad.status).toBe(422);
    const badBody = (await bad.json()) as { error: { message: string } };
    expect(badBody.error.message).toMatch(/token is invalid, expired or not that user's/);
    expect(JSON.stringify(badBody)).not.toMatch(/at .*\.(js|ts):\d+/);

    const missingPartition = await fetch(`${server.url}/api/v1/teams/${user.teamSlug}/compute`, {
      method: "POST",
      headers: { "content-type": "application/json", authorization: `Bearer ${user.token}` },
      body: JSON.stringify({ name: "nopart", kind: "slurm", slurm: { ...settings, partition: "nope" } }),
    });
    expect(missingPartition.status).toBe(422);
    expect(((await missingPartition.json()) as { error: { message: string } }).error.message).toContain('no partition "nope"');

    const created = await api<{ id: string; registration_token: string | null }>("POST", `/teams/${user.teamSlug}/compute`, { name: TARGET, kind: "slurm", slurm: settings }, 201);
    expect(created.registration_token).toBeNull();
    const list = await api<{ targets: Target[] }>("GET", `/teams/${user.teamSlug}/compute`);
    // The JWT never comes back.
    expect(JSON.stringify(list)).not.toContain(cluster.token);
    const t = list.targets.find((x) => x.name === TARGET)!;
    expect(t).toMatchObject({ kind: "slurm", status: "online" });
    expect(t.gpus.map((g) => g.name)).toEqual(["fake", "fake"]);
    expect(t.slurm).toMatchObject({ reachable: true, error: null, health: "1 of 1 node up" });
    expect(t.slurm!.partitions).toEqual([expect.objectContaining({ name: "debug", is_default: true })]);
    expect(t.slurm!.nodes).toEqual([expect.objectContaining({ name: hostname().split(".")[0], up: true, gpus: [{ type: "fake", count: 2 }] })]);
  });

  it("submits a job with a time limit as a Slurm batch job with that limit", async () => {
    timeLimited = await submit({ command: "echo started; sleep 600", resources: { gpus: 0, cpus: 1, time_limit_minutes: 1 } });
    const running = await untilState(timeLimited.id, ["running"], 60_000);
    expect(running.slurm?.job_id).toBeGreaterThan(0);
    expect((await slurmJob(running.slurm!.job_id!)).time_limit).toBe(1);
  });

  it(
    "trains a real model through Slurm with `trainyard launch`: logs, metrics, success, and the batch job's node and GPUs",
    async () => {
      const code = path.join(tmp, "code");
      mkdirSync(code, { recursive: true });
      writeFileSync(path.join(code, "train.py"), readFileSync(path.join(ROOT, "sdk/python/examples/train_digits.py")));
      const launch = startProcess(
        process.execPath,
        [CLI, "launch", "--server", server.url, "--token", user.token, "--project", user.projectId, "--code", code, "--target", TARGET, "--gpus", "1", "--memory-mb", "2048", "--param", "epochs=12", "--command", `${DEBIAN_PYTHON} train.py --epochs 12`],
        process.env,
      );
      expect(await launch.exited, launch.output()).toBe(0);
      const jobId = /\bjob_[A-Za-z0-9_-]+/.exec(launch.output())?.[0];
      expect(jobId, launch.output()).toBeTruthy();
      const done = await untilState(jobId!, ["succeeded", "failed", "lost", "cancelled"], 150_000);
      const lines = await logs(done.run_id);
      expect(done.state, `${done.failure_reason}\n${lines.slice(-30).join("\n")}`).toBe("succeeded");
      expect(done.slurm).toMatchObject({ partition: "debug", node: hostname().split(".")[0], gpus: "0" });
      expect(done.allocated_gpus).toEqual([0]);
      expect(done.attempts[0]!.slurm_job_id).toBe(done.slurm!.job_id);
      expect(lines).toContain("device=cpu CUDA_VISIBLE_DEVICES=0");
      const run = await api<{ status: string; params: Record<string, string>; metrics: { key: string; count: number; last: number }[] }>("GET", `/runs/${done.run_id}`);
      expect(run.status).toBe("succeeded");
      expect(run.params).toMatchObject({ epochs: "12", device: "cpu" });
      const acc = run.metrics.find((m) => m.key === "val/acc");
      expect(acc).toMatchObject({ count: 12 });
      expect(acc!.last).toBeGreaterThan(0.8);
      expect((await slurmJob(done.slurm!.job_id!)).tres_per_node).toBe("gres:gpu:1");
    },
    200_000,
  );

  it(
    "keeps a third 1-GPU job pending with Slurm's reason while two hold both GPUs, then runs it",
    async () => {
      const holders = [await submit({ command: "sleep 12", resources: { gpus: 1 } }), await submit({ command: "sleep 12", resources: { gpus: 1 } })];
      const held = await Promise.all(holders.map((h) => untilState(h.id, ["running"], 60_000)));
      expect(held.flatMap((h) => h.allocated_gpus).sort()).toEqual([0, 1]);
      const third = await submit({ command: 'echo "gpus=$CUDA_VISIBLE_DEVICES"', resources: { gpus: 1 } });
      const pending = await until(third.id, (j) => j.pending_reason === "waiting in Slurm: Resources" || j.pending_reason === "waiting in Slurm: Priority", 30_000, "never pended in Slurm");
      expect(pending.state).toBe("assigned");
      expect(pending.slurm?.state).toBe("PENDING");
      const done = await untilState(third.id, ["succeeded", "failed"], 90_000);
      expect(done.state, done.failure_reason ?? "").toBe("succeeded");
      expect(done.pending_reason).toBeNull();
      expect(await logs(done.run_id)).toContain(`gpus=${done.slurm!.gpus}`);
      for (const h of holders) expect((await untilState(h.id, ["succeeded"], 30_000)).state).toBe("succeeded");
    },
    200_000,
  );

  it("cancels a running job with DELETE on its batch job", async () => {
    const { id } = await submit({ command: "sleep 600", resources: { gpus: 1 } });
    const running = await untilState(id, ["running"], 60_000);
    // Once the executor's reports are in, only Slurm can stop the batch job: the DELETE does.
    await sleep(3000);
    await api("POST", `/jobs/${id}/cancel`);
    const cancelled = await untilState(id, ["cancelled", "failed", "succeeded"], 60_000);
    expect(cancelled.state).toBe("cancelled");
    expect((await slurmJob(running.slurm!.job_id!)).job_state).toBe("CANCELLED");
  });

  it("retries a job that Slurm ended (cancelled outside Trainyard) according to its retry policy", async () => {
    const { id } = await submit({ command: "sleep 6", resources: { gpus: 0 }, max_retries: 1 });
    const running = await untilState(id, ["running"], 60_000);
    // Someone with a Slurm account cancels the batch job directly.
    await fetch(`${cluster.url}/slurm/v0.0.38/job/${running.slurm!.job_id}`, { method: "DELETE", headers: { "X-SLURM-USER-NAME": cluster.user, "X-SLURM-USER-TOKEN": cluster.token } });
    const done = await until(id, (j) => j.attempt === 2 && ["succeeded", "failed"].includes(j.state), 90_000, "no second attempt ended");
    expect(done.state).toBe("succeeded");
    expect(done.attempts[0]).toMatchObject({ state: "lost", slurm_job_id: running.slurm!.job_id });
    expect(done.attempts[0]!.reason).toContain("cancelled in Slurm, not through Trainyard");
    expect(done.attempts[1]!.slurm_job_id).not.toBe(running.slurm!.job_id);
  });

  it(
    "shows the target unhealthy while slurmrestd is down; jobs wait, none is lost, and run once it is back",
    async () => {
      const during = await submit({ command: "sleep 10; echo survived", resources: { gpus: 0 } });
      await untilState(during.id, ["running"], 60_000);
      await stopRestd(cluster.base);
      try {
        const down = await waitFor(async () => {
          const t = await target();
          return t.status === "offline" ? t : null;
        }, 20_000, () => "the target never showed offline");
        expect(down.slurm).toMatchObject({ reachable: false });
        expect(down.slurm!.error).toMatch(/unreachable/);
        const waiting = await submit({ command: "echo after the outage", resources: { gpus: 0 } });
        await sleep(4000);
        const queued = await job(waiting.id);
        expect(queued.state).toBe("queued");
        expect(queued.pending_reason).toBe(`waiting: the Slurm cluster ${TARGET} cannot be reached`);
        // The running batch job reports to Trainyard itself: the outage does not touch it.
        expect((await untilState(during.id, ["succeeded", "failed", "lost"], 60_000)).state).toBe("succeeded");
        const restarted = Date.now();
        await startRestd(cluster.base);
        console.log(`slurmrestd back after ${Date.now() - restarted} ms`);
        const after = await untilState(waiting.id, ["succeeded", "failed", "lost"], 60_000);
        expect(after.state).toBe("succeeded");
        expect(await logs(after.run_id)).toContain("after the outage");
        expect((await target()).status).toBe("online");
      } finally {
        await startRestd(cluster.base).catch(() => {});
      }
    },
    240_000,
  );

  it(
    "ends a job that exceeds its time limit as failed with Slurm's reason",
    async () => {
      const done = await untilState(timeLimited.id, ["failed", "succeeded", "cancelled", "lost"], 150_000);
      expect(done.state).toBe("failed");
      expect(done.failure_reason).toContain("reached its time limit and was stopped by Slurm (TIMEOUT)");
      expect(done.slurm?.state).toBe("TIMEOUT");
      expect(await logs(done.run_id)).toContain("started");
    },
    160_000,
  );
});
