import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { silentLogger } from "../logger";
import { AgentApi, type ClaimedJob, type JobFinished, type JobStarted } from "./agent-api";
import { fakeBin, jobWith, makeWheel } from "./environment/testing";
import { inheritedEnv } from "./job-env";
import { JobRunner } from "./job-runner";

// JobRunner end to end against a stand-in of the server's agent and run endpoints: environments are
// materialised for real (venvs, offline), and container jobs go through a fake `docker` client.

interface Seen {
  started: JobStarted[];
  finished: JobFinished[];
  logs: string[];
}

const tmp = mkdtempSync(path.join(tmpdir(), "trainyard-runner-"));
const wheels = path.join(tmp, "wheels");
const seen = new Map<string, Seen>();
let server: Server;
let url: string;

const record = (jobOrRun: string) => {
  let entry = seen.get(jobOrRun);
  if (!entry) seen.set(jobOrRun, (entry = { started: [], finished: [], logs: [] }));
  return entry;
};

beforeAll(async () => {
  makeWheel(wheels, "tinypkg", "0.1.0");
  server = createServer((req, res) => {
    let body = "";
    req.on("data", (chunk: Buffer) => (body += chunk.toString()));
    req.on("end", () => {
      const json = body ? (JSON.parse(body) as Record<string, unknown>) : {};
      const reply = (answer: unknown) => res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify(answer));
      const job = /^\/api\/v1\/agent\/jobs\/([^/]+)\/(started|finished)$/.exec(req.url ?? "");
      if (job) {
        const entry = record(decodeURIComponent(job[1]!));
        if (job[2] === "started") entry.started.push(json as JobStarted);
        else entry.finished.push(json as JobFinished);
        return reply({ id: job[1], state: job[2] === "started" ? "running" : "succeeded", cancel_requested: false });
      }
      const logs = /^\/api\/v1\/runs\/([^/]+)\/logs$/.exec(req.url ?? "");
      if (logs) {
        const lines = (json.lines as { text: string }[]).map((l) => l.text);
        record(decodeURIComponent(logs[1]!)).logs.push(...lines);
        return reply({ accepted: lines.length });
      }
      if (/\/metrics$/.test(req.url ?? "")) return reply({ accepted: 0, rejected: [], duplicate: false });
      res.writeHead(404).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
  rmSync(tmp, { recursive: true, force: true });
});

let runs = 0;

/** Runs a job to its end; each gets its own run id, so its logs are its own. */
async function runJob(job: ClaimedJob, env: Record<string, string>, control?: (runner: JobRunner) => void) {
  const runId = `run_${++runs}`;
  const runner = new JobRunner(
    { ...job, id: `job_${runs}`, run_id: runId },
    { api: new AgentApi({ server: url, token: "tya_test" }), logger: silentLogger, workDir: path.join(tmp, "work"), killGraceMs: 1000, sdkPath: null, env, pipeGraceMs: 200 },
  );
  control?.(runner);
  await runner.done;
  const job_ = seen.get(`job_${runs}`) ?? { started: [], finished: [] };
  // The start is reported at once, and again with the captured environment once it is read.
  return { started: job_.started.find((s) => s.environment) ?? job_.started[0], finished: job_.finished[0]!, logs: seen.get(runId)?.logs ?? [], id: `job_${runs}` };
}

const agentEnv: Record<string, string> = { ...inheritedEnv(process.env), PIP_NO_INDEX: "1", PIP_FIND_LINKS: wheels };

describe("JobRunner with environments", () => {
  it("runs the command in the environment's venv, with its variables, and reports what ran", { timeout: 90_000 }, async () => {
    const spec = { python: "3.11", packages: ["tinypkg==0.1.0"], env: { GREETING: "hi", TRAINYARD_RUN_ID: "forged" }, setup: ["echo token=${TRAINYARD_AGENT_TOKEN:-none}"] };
    const job = jobWith(spec);
    job.command = `python -c "import os, sys, tinypkg; print('ran', sys.prefix == os.environ['VIRTUAL_ENV'], tinypkg.VERSION, os.environ['GREETING'], os.environ['TRAINYARD_ENVIRONMENT'], os.environ['TRAINYARD_RUN_ID'])"`;
    const { started, finished, logs } = await runJob(job, { ...agentEnv, TRAINYARD_AGENT_TOKEN: "tya_secret" });
    expect(finished).toMatchObject({ outcome: "succeeded", exit_code: 0 });
    // Setup commands are the job's code: the agent's token stays out of them.
    expect(logs).toContain("[env] token=none");
    expect(logs).toContain(`ran True 0.1.0 hi test-env@1 run_${runs}`);
    expect(logs.some((l) => l.startsWith("[env] $ ") && l.includes("pip install"))).toBe(true);
    expect(started?.environment?.python).toMatch(/^3\.11\./);
    expect(started?.environment?.packages).toContain("tinypkg==0.1.0");
    expect(started?.environment?.os).toMatch(/^Linux /);
  });

  it("reports the host's Python for a job without an environment", { timeout: 30_000 }, async () => {
    const { started, finished } = await runJob({ ...jobWith(null), command: "python3 -c 'print(1)'" }, agentEnv);
    expect(finished.outcome).toBe("succeeded");
    expect(started?.environment?.python).toMatch(/^3\.\d+\.\d+$/);
    expect(started?.environment?.packages?.length).toBeGreaterThan(0);
  });

  it("fails the job with the failing build step and its output", { timeout: 90_000 }, async () => {
    const job = jobWith({ lockfile: `tinypkg==0.1.0 --hash=sha256:${"0".repeat(64)}\n` });
    const { started, finished } = await runJob(job, agentEnv);
    expect(started).toBeUndefined();
    expect(finished).toMatchObject({ outcome: "failed", reason: "building environment test-env@1 failed: `pip install --require-hashes -r requirements.lock.txt` exited with code 1" });
    expect(finished.log_tail?.join("\n")).toContain("DO NOT MATCH THE HASHES");
    expect(finished.log_tail?.at(-1)).toBe(`trainyard agent: ${finished.reason}`);
  });

  it("fails an image job clearly on a host without docker or podman", async () => {
    const image = "ghcr.io/acme/train:1";
    const { finished } = await runJob(jobWith({ image }), { ...agentEnv, PATH: fakeBin(path.join(tmp, "empty-bin"), {}) });
    expect(finished).toMatchObject({ outcome: "failed", reason: `the environment needs the container image ${image}, but neither docker nor podman is installed on this agent` });
  });

  it("runs an image job through docker, and stops the container on cancel", { timeout: 30_000 }, async () => {
    const stopped = path.join(tmp, "docker-stopped");
    const bin = fakeBin(path.join(tmp, "docker-bin"), {
      docker: `case "$1" in
  version) echo "Server: 27.0.0" ;;
  run) echo "args: $*"; echo "inside: cuda=$CUDA_VISIBLE_DEVICES run=$TRAINYARD_RUN_ID mode=$WANDB_MODE"; case "$*" in *sleep*) exec sleep 30 ;; esac ;;
  stop) echo "$*" > ${stopped} ;;
esac`,
    });
    const env = { ...agentEnv, PATH: `${bin}:${agentEnv.PATH}` };
    const job = jobWith({ image: "img:1", env: { WANDB_MODE: "offline" } }, { gpus: [1, 3], command: "python train.py" });
    const { finished, logs, id } = await runJob(job, env);
    expect(finished.outcome).toBe("succeeded");
    const args = logs.find((l) => l.startsWith("args: "))!;
    expect(args).toContain(`run --rm --init --name trainyard-${id}-1 --network host -v `);
    expect(args).toContain(`/code:/workspace -w /workspace -e CUDA_VISIBLE_DEVICES -e MLFLOW_RUN_ID`);
    expect(args).toContain(`--gpus "device=1,3" img:1 /bin/sh -c python train.py`);
    expect(logs).toContain(`inside: cuda=0,1 run=run_${runs} mode=offline`);

    const cancelled = await runJob({ ...job, command: "sleep 30" }, env, (runner) => setTimeout(() => runner.cancel("cancel requested"), 1500));
    expect(cancelled.finished).toMatchObject({ outcome: "cancelled", reason: "cancel requested" });
    expect(existsSync(stopped)).toBe(true);
  });
});
