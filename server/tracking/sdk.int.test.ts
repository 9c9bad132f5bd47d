import { existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { freePort, killAll, LiveServer, ROOT, sleep, startProcess } from "../testing/live-server";

// The Python SDK (sdk/python) run for real against the production server on a fresh data folder. Only the
// embedded default database (PGlite) is used here: this tests the SDK and the wire, not the dialect.

const SDK_DIR = path.join(ROOT, "sdk/python");
const STEPS = 3000;
const KEYS = ["train/loss", "train/acc"] as const;
const POLL_MS = 100;

const tmp = mkdtempSync(path.join(tmpdir(), "trainyard-sdk-"));
const spoolDir = path.join(tmp, "spool");
let server: LiveServer;
const base = () => server.url;
const api = <T>(method: string, p: string, token?: string, body?: unknown, expected = 200) => server.api<T>(method, p, token, body, expected);

const pythonEnv = (token: string): NodeJS.ProcessEnv => {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    PYTHONPATH: SDK_DIR,
    PYTHONUNBUFFERED: "1",
    TRAINYARD_URL: base(),
    TRAINYARD_TOKEN: token,
    TRAINYARD_SPOOL_DIR: spoolDir,
    TRAINYARD_FLUSH_TIMEOUT: "60",
  };
  delete env.TRAINYARD_RUN_ID;
  return env;
};

const TRAINING_SCRIPT = `
import sys, time
import trainyard

run = trainyard.init(project=sys.argv[1], name="sdk-int", params={"lr": 0.01, "optimizer": "adam"}, tags={"suite": "sdk-int"})
print(f"run {run.id}", flush=True)
for step in range(${STEPS}):
    run.log({"${KEYS[0]}": 1.0 / (step + 1), "${KEYS[1]}": step / ${STEPS}})
    if step % 100 == 0:
        print(f"step {step}", flush=True)
    time.sleep(0.003)
ok = run.finish()
print(f"finished {ok}", flush=True)
sys.exit(0 if ok else 3)
`;

let token = "";
let projectId = "";

beforeAll(async () => {
  server = await new LiveServer(await freePort(), path.join(tmp, "data")).start();
  ({ token, projectId } = await server.userWithProject("sdk"));
}, 90_000);

afterAll(async () => {
  await killAll();
  rmSync(tmp, { recursive: true, force: true });
});

describe("Python SDK against a real server", () => {
  it(
    "keeps logging through a server crash and restart: every step stored exactly once",
    async () => {
      const scriptPath = path.join(tmp, "train.py");
      writeFileSync(scriptPath, TRAINING_SCRIPT);
      const py = startProcess("python3", [scriptPath, "sdk-team/sdk"], pythonEnv(token));
      let runId = "";
      let lastStep = -1;
      let pending = "";
      py.child.stdout!.on("data", (b: Buffer) => {
        const lines = (pending + b.toString()).split("\n");
        pending = lines.pop()!;
        for (const line of lines) {
          const run = /^run (\S+)/.exec(line);
          if (run) runId = run[1]!;
          const step = /^step (\d+)/.exec(line);
          if (step) lastStep = Math.max(lastStep, Number(step[1]));
        }
      });
      let pyExit: number | null | undefined;
      void py.exited.then((code) => (pyExit = code));

      // Crash the server once the script is past step 1,000, and bring it back on the same port and data.
      const deadline = Date.now() + 60_000;
      while (lastStep < 1000) {
        if (pyExit !== undefined) throw new Error(`the script ended early (${pyExit}):\n${py.output()}`);
        if (Date.now() > deadline) throw new Error(`the script never reached step 1000:\n${py.output()}`);
        await sleep(POLL_MS);
      }
      await server.stop();
      // Restart only once the SDK has spooled a batch to disk: the outage is then certain to be seen.
      const runSpool = path.join(spoolDir, runId);
      const spoolDeadline = Date.now() + 30_000;
      while (!(existsSync(runSpool) && readdirSync(runSpool).some((f) => f.endsWith(".json")))) {
        if (Date.now() > spoolDeadline) throw new Error(`nothing was spooled to ${runSpool}:\n${py.output()}`);
        await sleep(POLL_MS);
      }
      await server.start();
      const code = await py.exited;
      expect(code, py.output()).toBe(0);
      expect(py.output()).toContain("finished True");
      expect(runId).toMatch(/^run_/);
      expect(py.output()).toContain("spooling");
      // Everything spooled was re-sent and removed.
      expect(existsSync(runSpool) ? readdirSync(runSpool) : []).toEqual([]);

      const run = await api<{
        status: string;
        params: Record<string, string>;
        tags: Record<string, string>;
        metrics: { key: string; count: number; last_step: number }[];
      }>("GET", `/runs/${runId}`, token);
      expect(run.status).toBe("succeeded");
      expect(run.params).toEqual({ lr: "0.01", optimizer: "adam" });
      expect(run.tags).toMatchObject({ suite: "sdk-int" });
      for (const key of KEYS) {
        expect(run.metrics.find((m) => m.key === key)).toMatchObject({ key, count: STEPS, last_step: STEPS - 1 });
        const keyPath = key.split("/").map(encodeURIComponent).join("/");
        const series = await api<{ total: number; aggregated: boolean; points: { step: number; value: number | string }[] }>(
          "GET",
          `/runs/${runId}/metrics/${keyPath}?max_points=5000`,
          token,
        );
        expect(series.total).toBe(STEPS);
        expect(series.aggregated).toBe(false);
        expect(series.points.map((p) => p.step)).toEqual(Array.from({ length: STEPS }, (_, i) => i));
      }
      const loss = await api<{ points: { step: number; value: number }[] }>(
        "GET",
        `/runs/${runId}/metrics/train/loss?max_points=5000`,
        token,
      );
      expect(loss.points[999]).toMatchObject({ step: 999, value: 1 / 1000 });
    },
    120_000,
  );

  it(
    "passes `python3 -m trainyard.selftest`",
    async () => {
      const py = startProcess("python3", ["-m", "trainyard.selftest", "--project", projectId], pythonEnv(token));
      const code = await py.exited;
      expect(code, py.output()).toBe(0);
      expect(py.output()).toContain("selftest ok");
    },
    60_000,
  );
});
