import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Child, freePort, killAll, killGroup, LiveServer, ROOT, startProcess, waitFor } from "../testing/live-server";

// One-click reproduce for real: an agent materialises a virtualenv (seeing Debian's torch through
// system site packages), runs a seeded torch training twice and the platform gives the verdict.

const CLI = path.join(ROOT, "cli/bin/trainyard.mjs");
const EXAMPLE = path.join(ROOT, "sdk/python/examples/train_digits.py");

const tmp = mkdtempSync(path.join(tmpdir(), "trainyard-repro-"));
let server: LiveServer;
let user: { token: string; teamSlug: string; projectId: string };
let agent: Child;

interface Job {
  id: string;
  run_id: string;
  state: string;
}
interface Run {
  status: string;
  reproduction: { of: string; verdict: string; detail: string } | null;
  metrics: { key: string; count: number }[];
}

const api = <T>(method: string, p: string, body?: unknown, expected = 200) => server.api<T>(method, p, user.token, body, expected);

async function finished(jobId: string) {
  return waitFor(
    async () => {
      const j = await api<Job>("GET", `/jobs/${jobId}`);
      return ["succeeded", "failed", "cancelled", "lost"].includes(j.state) ? j : null;
    },
    120_000,
    () => `job ${jobId} did not finish:\n${agent.output()}`,
  );
}

async function verdictOf(runId: string) {
  return waitFor(
    async () => {
      const run = await api<Run>("GET", `/runs/${runId}`);
      return run.reproduction && run.reproduction.verdict !== "pending" ? run.reproduction : null;
    },
    30_000,
    () => `no verdict on ${runId}`,
  );
}

const logs = async (runId: string) => (await api<{ lines: { text: string }[] }>("GET", `/runs/${runId}/logs?limit=10000`)).lines.map((l) => l.text);

beforeAll(async () => {
  server = await new LiveServer(await freePort(), path.join(tmp, "data")).start();
  user = await server.userWithProject("repro");
  const { registration_token } = await api<{ registration_token: string }>("POST", `/teams/${user.teamSlug}/compute`, { name: "cpu-box" }, 201);
  agent = startProcess(process.execPath, [CLI, "agent", "--server", server.url, "--token", registration_token, "--work-dir", path.join(tmp, "agent"), "--python", "/usr/bin/python3"], {
    ...process.env,
    PATH: `${path.join(ROOT, "server/testing/bin")}:${process.env.PATH}`,
    TRAINYARD_FAKE_GPUS: "0",
  });
}, 90_000);

afterAll(async () => {
  await killAll();
  rmSync(tmp, { recursive: true, force: true });
});

describe("reproduce with a verdict", () => {
  it(
    "reproduces a seeded torch training, and names the step where a nondeterministic one diverges",
    async () => {
      const env = await api<{ version: number; digest: string; pinned: boolean }>(
        "POST",
        `/projects/${user.projectId}/environments`,
        { name: "torch-cpu", spec: "system_site_packages: true\nenv:\n  OMP_NUM_THREADS: '1'\n" },
        201,
      );
      expect(env).toMatchObject({ version: 1, pinned: true });

      const seeded = await api<{ id: string; run_id: string }>("POST", `/projects/${user.projectId}/jobs`, { command: `python ${EXAMPLE} --epochs 6`, environment: "torch-cpu@1" }, 201);
      const original = await finished(seeded.id);
      expect(original.state, (await logs(seeded.run_id)).slice(-20).join("\n")).toBe("succeeded");
      const text = await logs(seeded.run_id);
      expect(text.some((l) => l.startsWith("[env]") || l.includes("venv")), text.slice(0, 20).join("\n")).toBe(true);

      const again = await api<{ job_id: string; run_id: string }>("POST", `/runs/${seeded.run_id}/reproduce`, {}, 201);
      expect((await finished(again.job_id)).state).toBe("succeeded");
      const verdict = await verdictOf(again.run_id);
      expect(verdict, JSON.stringify(verdict)).toMatchObject({ of: seeded.run_id, verdict: "reproduced" });
      const { versions } = await api<{ versions: { version: number; digest: string }[] }>("GET", `/projects/${user.projectId}/environments/torch-cpu/versions`);
      expect(versions).toEqual([expect.objectContaining({ version: 1, digest: env.digest })]);

      const noisy = await api<{ id: string; run_id: string }>(
        "POST",
        `/projects/${user.projectId}/jobs`,
        { command: `python ${EXAMPLE} --epochs 6 --nondeterministic-from 3`, environment: "torch-cpu" },
        201,
      );
      expect((await finished(noisy.id)).state).toBe("succeeded");
      const retry = await api<{ job_id: string; run_id: string }>("POST", `/runs/${noisy.run_id}/reproduce`, { keys: ["train/loss"] }, 201);
      expect((await finished(retry.job_id)).state).toBe("succeeded");
      expect(await verdictOf(retry.run_id)).toMatchObject({ verdict: "diverged", detail: expect.stringMatching(/^diverged at step 3 \(train\/loss: /) });
      killGroup(agent.child, "SIGTERM");
    },
    300_000,
  );
});
