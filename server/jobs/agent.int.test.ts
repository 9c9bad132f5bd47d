import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Child, freePort, killAll, killGroup, LiveServer, ROOT, sleep, startProcess, waitFor } from "../testing/live-server";

// Real agents (the `trainyard` CLI) against the production server, running real commands. GPUs
// come from a stand-in nvidia-smi on the agent's PATH that prints a fixed inventory.

const CLI = path.join(ROOT, "cli/bin/trainyard.mjs");
const STANDIN_BIN = path.join(ROOT, "server/testing/bin");
const DEBIAN_PYTHON = "/usr/bin/python3";
const HEARTBEAT_TIMEOUT_MS = 4000;

const tmp = mkdtempSync(path.join(tmpdir(), "trainyard-agents-"));
let server: LiveServer;
let user: { token: string; teamSlug: string; projectId: string };

interface Job {
  id: string;
  run_id: string;
  state: string;
  attempt: number;
  allocated_gpus: number[];
  assigned_target: { id: string; name: string } | null;
  attempts: { attempt: number; state: string; target_name: string | null; gpus: number[] }[];
  pending_reason: string | null;
  failure_reason: string | null;
  exit_code: number | null;
}

const api = <T>(method: string, p: string, body?: unknown, expected = 200) => server.api<T>(method, p, user.token, body, expected);
const job = (id: string) => api<Job>("GET", `/jobs/${id}`);
const logs = async (runId: string) => (await api<{ lines: { text: string; stream: string }[] }>("GET", `/runs/${runId}/logs?limit=10000`)).lines;
const submit = (body: Record<string, unknown>) => api<{ id: string; run_id: string }>("POST", `/projects/${user.projectId}/jobs`, body, 201);

async function register(name: string, labels: Record<string, string> = {}) {
  const { registration_token } = await api<{ registration_token: string }>("POST", `/teams/${user.teamSlug}/compute`, { name, labels }, 201);
  return registration_token;
}

/** Starts `trainyard agent` with `gpus` stand-in GPUs and waits until the server sees it online. */
async function startAgent(name: string, gpus: number, labels: Record<string, string> = {}): Promise<Child> {
  const token = await register(name, labels);
  const workDir = path.join(tmp, `agent-${name}`);
  const agent = startProcess(
    process.execPath,
    [CLI, "agent", "--server", server.url, "--token", token, "--work-dir", workDir, "--heartbeat-ms", "500", "--kill-grace-ms", "1500"],
    { ...process.env, PATH: `${STANDIN_BIN}:${process.env.PATH}`, TRAINYARD_FAKE_GPUS: String(gpus) },
  );
  await waitFor(
    async () => {
      const { targets } = await api<{ targets: { name: string; status: string; gpus: unknown[] }[] }>("GET", `/teams/${user.teamSlug}/compute`);
      return targets.some((t) => t.name === name && t.status === "online" && t.gpus.length === gpus);
    },
    30_000,
    () => `agent ${name} never came online:\n${agent.output()}`,
  );
  return agent;
}

const untilState = (id: string, states: string[], timeoutMs = 60_000, more = () => "") =>
  waitFor(
    async () => {
      const j = await job(id);
      return states.includes(j.state) ? j : null;
    },
    timeoutMs,
    () => `job ${id} never reached ${states.join("/")}${more()}`,
  );

beforeAll(async () => {
  server = await new LiveServer(await freePort(), path.join(tmp, "data"), { TRAINYARD_HEARTBEAT_TIMEOUT_MS: String(HEARTBEAT_TIMEOUT_MS) }).start();
  user = await server.userWithProject("agents");
}, 90_000);

afterAll(async () => {
  await killAll();
  rmSync(tmp, { recursive: true, force: true });
});

describe("agents running real jobs", () => {
  it(
    "trains a torch model from an uploaded code folder on an allocated GPU, with metrics through the SDK",
    async () => {
      const agent = await startAgent("trainer", 2, { pool: "train" });
      const code = path.join(tmp, "code");
      mkdirSync(code, { recursive: true });
      writeFileSync(path.join(code, "train.py"), readFileSync(path.join(ROOT, "sdk/python/examples/train_digits.py")));
      writeFileSync(path.join(code, ".gitignore"), "data/\n");
      mkdirSync(path.join(code, "data"), { recursive: true });
      writeFileSync(path.join(code, "data/huge.bin"), "ignored");
      const launch = startProcess(
        process.execPath,
        [CLI, "launch", "--server", server.url, "--token", user.token, "--project", user.projectId, "--code", code, "--gpus", "1", "--label", "pool=train", "--param", "epochs=12", "--command", `${DEBIAN_PYTHON} train.py --epochs 12 && ls`],
        process.env,
      );
      expect(await launch.exited, launch.output()).toBe(0);
      const jobId = /\bjob_[A-Za-z0-9_-]+/.exec(launch.output())?.[0];
      expect(jobId, launch.output()).toBeTruthy();
      const done = await untilState(jobId!, ["succeeded", "failed", "lost"], 120_000, () => `\n${agent.output()}`);
      const lines = (await logs(done.run_id)).map((l) => l.text);
      expect(done.state, lines.slice(-30).join("\n")).toBe("succeeded");
      expect(done.allocated_gpus).toEqual([0]);
      expect(lines).toContain("device=cpu CUDA_VISIBLE_DEVICES=0");
      // The snapshot honoured .gitignore.
      expect(lines).toContain("train.py");
      expect(lines).not.toContain("data");
      const run = await api<{ status: string; source: { snapshot_sha256?: string }; params: Record<string, string>; metrics: { key: string; count: number; last: number }[] }>("GET", `/runs/${done.run_id}`);
      expect(run.status).toBe("succeeded");
      expect(run.source.snapshot_sha256).toMatch(/^[0-9a-f]{64}$/);
      expect(run.params).toMatchObject({ epochs: "12", device: "cpu" });
      const acc = run.metrics.find((m) => m.key === "val/acc");
      expect(acc).toMatchObject({ count: 12 });
      expect(acc!.last).toBeGreaterThan(0.8);
      killGroup(agent.child, "SIGTERM");
      await agent.exited;
    },
    180_000,
  );

  it(
    "checks out a git ref, records the commit on the run, and reruns that commit",
    async () => {
      const agent = await startAgent("git", 0, { pool: "git" });
      const repo = path.join(tmp, "repo");
      mkdirSync(repo, { recursive: true });
      const git = (...args: string[]) => startProcess("git", ["-c", "user.name=t", "-c", "user.email=t@example.test", ...args], process.env, repo).exited;
      await git("init", "-q", "-b", "main");
      writeFileSync(path.join(repo, "hello.sh"), "echo hello from v1\n");
      await git("add", ".");
      await git("commit", "-qm", "v1");
      const first = await submit({ command: "sh hello.sh", code: { git: repo, ref: "main" }, labels: { pool: "git" } });
      const done = await untilState(first.id, ["succeeded", "failed"], 30_000, () => `\n${agent.output()}`);
      expect(done.state).toBe("succeeded");
      expect((await logs(first.run_id)).map((l) => l.text)).toContain("hello from v1");
      const commit = (await api<{ source: { git_url: string; commit: string } }>("GET", `/runs/${first.run_id}`)).source;
      expect(commit).toMatchObject({ git_url: repo, commit: expect.stringMatching(/^[0-9a-f]{40}$/) });
      // main moves on; "Run again" still runs the commit the first run used.
      writeFileSync(path.join(repo, "hello.sh"), "echo hello from v2\n");
      await git("commit", "-qam", "v2");
      const again = await api<{ id: string; run_id: string }>("POST", `/jobs/${first.id}/rerun`, undefined, 201);
      expect((await untilState(again.id, ["succeeded", "failed"])).state).toBe("succeeded");
      expect((await logs(again.run_id)).map((l) => l.text)).toContain("hello from v1");
      killGroup(agent.child, "SIGTERM");
      await agent.exited;
    },
    60_000,
  );

  it(
    "holds a 2-GPU job while only 1 GPU is free, starts it when one frees, and cancels a running job",
    async () => {
      const agent = await startAgent("pair", 2, { pool: "pair" });
      const release = path.join(tmp, "release-1");
      const holder = await submit({ command: `echo holding; while [ ! -e ${release} ]; do sleep 0.1; done; echo released`, resources: { gpus: 1 }, labels: { pool: "pair" } });
      await untilState(holder.id, ["running"]);
      const big = await submit({ command: 'echo "two: $CUDA_VISIBLE_DEVICES"', resources: { gpus: 2 }, labels: { pool: "pair" } });
      await sleep(1500);
      const waiting = await job(big.id);
      expect(waiting.state).toBe("queued");
      expect(waiting.pending_reason).toBe("waiting: 2 GPUs requested, largest free block is 1 on pair");
      writeFileSync(release, "");
      expect((await untilState(holder.id, ["succeeded", "failed"])).state).toBe("succeeded");
      const bigDone = await untilState(big.id, ["succeeded", "failed"]);
      expect(bigDone.state).toBe("succeeded");
      expect((await logs(big.run_id)).map((l) => l.text)).toContain("two: 0,1");
      // Output reaches the run's log while the job runs, and cancel stops the process group.
      const marker = path.join(tmp, "cancel-child.pid");
      const longJob = await submit({ command: `sh -c 'echo $$ > ${marker}; sleep 300' & echo started; wait`, labels: { pool: "pair" } });
      await waitFor(async () => (await logs(longJob.run_id)).some((l) => l.text === "started"), 10_000, () => agent.output());
      await api("POST", `/jobs/${longJob.id}/cancel`);
      const cancelled = await untilState(longJob.id, ["cancelled", "failed", "succeeded"], 20_000);
      expect(cancelled.state).toBe("cancelled");
      // The command's background child went with it (gone, or a zombie awaiting its reaper).
      const childPid = Number(readFileSync(marker, "utf8"));
      const gone = () => !existsSync(`/proc/${childPid}`) || /\) Z /.test(readFileSync(`/proc/${childPid}/stat`, "utf8"));
      await waitFor(gone, 5000, () => `process ${childPid} of the cancelled job is still running`);
      expect((await api<{ status: string }>("GET", `/runs/${longJob.run_id}`)).status).toBe("cancelled");
      killGroup(agent.child, "SIGTERM");
      await agent.exited;
    },
    120_000,
  );

  it(
    "loses the job of a SIGKILLed agent and retries it on another agent",
    async () => {
      const first = await startAgent("doomed", 1, { pool: "retry" });
      const pidFile = path.join(tmp, "doomed-job.pid");
      const flag = path.join(tmp, "second-attempt");
      // The first attempt blocks; the second one (on the other agent) finishes at once.
      const retried = await submit({
        command: `if [ -e ${flag} ]; then echo "attempt two on $TRAINYARD_JOB_ID"; exit 0; fi; touch ${flag}; echo $$ > ${pidFile}; sleep 300`,
        resources: { gpus: 1 },
        labels: { pool: "retry" },
        max_retries: 1,
      });
      await untilState(retried.id, ["running"]);
      await waitFor(() => existsSync(pidFile), 10_000, () => "the first attempt never started");
      // The machine dies: the agent and the job it ran.
      killGroup(first.child);
      process.kill(-Number(readFileSync(pidFile, "utf8")), "SIGKILL");
      const requeued = await untilState(retried.id, ["queued"], HEARTBEAT_TIMEOUT_MS + 15_000);
      expect(requeued).toMatchObject({ attempt: 2, attempts: [{ attempt: 1, state: "lost", target_name: "doomed" }] });
      const second = await startAgent("rescuer", 1, { pool: "retry" });
      const done = await untilState(retried.id, ["succeeded", "failed", "lost"]);
      expect(done).toMatchObject({ state: "succeeded", attempt: 2, assigned_target: { name: "rescuer" } });
      expect(done.attempts.map((a) => [a.attempt, a.state, a.target_name])).toEqual([
        [1, "lost", "doomed"],
        [2, "succeeded", "rescuer"],
      ]);
      killGroup(second.child, "SIGTERM");
      await second.exited;
    },
    120_000,
  );

  it(
    "finishes a job across a server restart without losing or repeating acknowledged output",
    async () => {
      const agent = await startAgent("steady", 0, { pool: "restart" });
      const N = 150;
      const script = `for i in $(seq 0 ${N - 1}); do echo "line $i"; echo "TRAINYARD_METRIC {\\"key\\": \\"count\\", \\"value\\": $i, \\"step\\": $i}"; sleep 0.04; done`;
      const j = await submit({ command: script, labels: { pool: "restart" } });
      await waitFor(async () => (await logs(j.run_id)).length > 20, 20_000, () => agent.output());
      await server.stop();
      await sleep(2000);
      await server.start();
      const done = await untilState(j.id, ["succeeded", "failed", "lost"], 60_000, () => `\n${agent.output()}`);
      expect(done.state).toBe("succeeded");
      const texts = (await logs(j.run_id)).map((l) => l.text);
      const numbered = texts.filter((t) => t.startsWith("line "));
      expect(numbered).toEqual(Array.from({ length: N }, (_, i) => `line ${i}`));
      const series = await api<{ total: number; points: { step: number; value: number }[] }>("GET", `/runs/${j.run_id}/metrics/count?max_points=1000`);
      expect(series.total).toBe(N);
      expect(series.points.map((p) => p.step)).toEqual(Array.from({ length: N }, (_, i) => i));
      killGroup(agent.child, "SIGTERM");
      await agent.exited;
    },
    120_000,
  );
});
