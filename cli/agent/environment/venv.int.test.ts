import { execFile } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, unlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { afterAll, describe, expect, it } from "vitest";
import type { ClaimedJob } from "../agent-api";
import { inheritedEnv } from "../job-env";
import { captureEnvironment, materializeEnvironment, type PreparedEnvironment } from "./index";
import { jobWith, makeWheel } from "./testing";
import { MARKER, type VenvMarker } from "./venv";

// Real virtualenvs, built offline: the interpreters of this host, packages from a wheel folder the
// test makes (PIP_NO_INDEX + PIP_FIND_LINKS in the agent's environment, which pip reads).

const run = promisify(execFile);
const ROOT = path.resolve(import.meta.dirname, "../../..");
const DEBIAN_PYTHON = "/usr/bin/python3";
const tmp = mkdtempSync(path.join(tmpdir(), "trainyard-venv-"));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

const wheels = path.join(tmp, "wheels");
const tinypkg = makeWheel(wheels, "tinypkg", "0.1.0");
const offline: Record<string, string> = { ...inheritedEnv(process.env), PIP_NO_INDEX: "1", PIP_FIND_LINKS: wheels };

interface Materialized {
  prepared: PreparedEnvironment;
  lines: string[];
}

async function materialize(job: ClaimedJob, options: { workDir?: string; python?: string; env?: Record<string, string> } = {}): Promise<Materialized> {
  const lines: string[] = [];
  const prepared = await materializeEnvironment({
    job,
    workDir: options.workDir ?? path.join(tmp, "work"),
    python: options.python,
    env: options.env ?? offline,
    signal: new AbortController().signal,
    output: (_stream, line) => lines.push(line),
  });
  return { prepared, lines };
}

function venvOf({ prepared }: Materialized) {
  if (prepared.kind !== "venv") throw new Error(`expected a venv, got ${prepared.kind}`);
  return prepared.venv;
}

const marker = (dir: string) => JSON.parse(readFileSync(path.join(dir, MARKER), "utf8")) as VenvMarker;
const py = async (python: string, code: string) => (await run(python, ["-c", code])).stdout.trim();
const builds = (lines: string[]) => lines.filter((l) => / -m venv /.test(l)).length;

describe("virtualenv environments", () => {
  it("builds python + setup + env once, reuses it, and rebuilds it when broken", { timeout: 90_000 }, async () => {
    const job = jobWith({ python: "3.11", env: { GREETING: "hello" }, setup: ["echo $GREETING > greeting.txt", "python -c 'import sys; print(sys.prefix)' > prefix.txt"] });
    const first = await materialize(job);
    const venv = venvOf(first);
    expect(venv.dir).toBe(path.join(tmp, "work", "envs", job.environment!.digest));
    expect(venv.built).toBe(true);
    expect(await py(venv.python, "import platform; print(platform.python_version())")).toMatch(/^3\.11\./);
    // Setup ran in the env folder, with the venv activated and the spec's variables.
    expect(readFileSync(path.join(venv.dir, "greeting.txt"), "utf8").trim()).toBe("hello");
    expect(readFileSync(path.join(venv.dir, "prefix.txt"), "utf8").trim()).toBe(venv.dir);
    expect(first.lines).toContain("$ echo $GREETING > greeting.txt");
    const builtAt = marker(venv.dir).built_at;

    const second = await materialize({ ...job, id: "job_again" });
    expect(venvOf(second).built).toBe(false);
    expect(builds(second.lines)).toBe(0);
    expect(marker(venv.dir).built_at).toBe(builtAt);

    unlinkSync(path.join(venv.dir, "bin", "python"));
    const third = await materialize({ ...job, id: "job_broken" });
    expect(third.lines.some((l) => l.includes("is broken"))).toBe(true);
    expect(venvOf(third).built).toBe(true);
    expect(marker(venv.dir).built_at).not.toBe(builtAt);
    expect(await py(venvOf(third).python, "print('ok')")).toBe("ok");
  });

  it("sees the host's site-packages only when asked to", { timeout: 90_000 }, async () => {
    const importNumpy = "import numpy; print(numpy.__file__)";
    const withSite = venvOf(await materialize(jobWith({ system_site_packages: true }), { python: DEBIAN_PYTHON }));
    expect(await py(withSite.python, importNumpy)).toMatch(/^\/usr\/lib\/python3\/dist-packages\/numpy/);
    const without = venvOf(await materialize(jobWith({ setup: ["true"] }), { python: DEBIAN_PYTHON }));
    await expect(py(without.python, importNumpy)).rejects.toThrow(/No module named 'numpy'/);
  });

  it("installs pinned packages from the agent's pip settings and reports them", { timeout: 90_000 }, async () => {
    const job = jobWith({ python: "3.11", packages: ["tinypkg==0.1.0"] });
    const venv = venvOf(await materialize(job));
    expect(await py(venv.python, "import tinypkg; print(tinypkg.VERSION)")).toBe("0.1.0");
    const captured = await captureEnvironment({ python: venv.python, env: offline, gpus: [] });
    expect(captured.python).toMatch(/^3\.11\./);
    expect(captured.packages).toContain("tinypkg==0.1.0");
  });

  it("installs a lockfile with --require-hashes, and fails on a wrong hash with pip's output", { timeout: 90_000 }, async () => {
    const good = venvOf(await materialize(jobWith({ lockfile: `tinypkg==0.1.0 --hash=sha256:${tinypkg.sha256}\n` })));
    expect(await py(good.python, "import tinypkg; print(tinypkg.VERSION)")).toBe("0.1.0");

    const bad = jobWith({ lockfile: `tinypkg==0.1.0 --hash=sha256:${"0".repeat(64)}\n` });
    const lines: string[] = [];
    const failed = materializeEnvironment({ job: bad, workDir: path.join(tmp, "work"), env: offline, signal: new AbortController().signal, output: (_s, l) => lines.push(l) });
    await expect(failed).rejects.toThrow("building environment test-env@1 failed: `pip install --require-hashes -r requirements.lock.txt` exited with code 1");
    expect(lines.join("\n")).toContain("THESE PACKAGES DO NOT MATCH THE HASHES");
    // Nothing half-built is left to be mistaken for the environment.
    expect(existsSync(path.join(tmp, "work", "envs", bad.environment!.digest))).toBe(false);
  });

  it("fails clearly when the requested Python is not on this host", async () => {
    await expect(materialize(jobWith({ python: "3.99" }))).rejects.toThrow(/^python 3\.99 requested; this host has 3\.11\.\d+ \(/);
  });

  it("stops a build when its job is cancelled, and a job waiting on it builds it instead", { timeout: 90_000 }, async () => {
    const slow = path.join(tmp, "slow");
    writeFileSync(slow, "");
    const job = jobWith({ setup: [`if [ -e ${slow} ]; then sleep 60; fi`] });
    const cancel = new AbortController();
    const firstLines: string[] = [];
    const first = materializeEnvironment({ job, workDir: path.join(tmp, "work"), env: offline, signal: cancel.signal, output: (_s, l) => firstLines.push(l) });
    const second = materialize({ ...job, id: "job_waiting" });
    while (!firstLines.some((l) => l.startsWith("$ if ["))) await new Promise((r) => setTimeout(r, 50));
    unlinkSync(slow);
    const t0 = Date.now();
    cancel.abort(new Error("cancel requested"));
    await expect(first).rejects.toThrow("cancel requested");
    expect(Date.now() - t0).toBeLessThan(10_000);
    const waited = await second;
    expect(venvOf(waited).built).toBe(true);
    expect(waited.lines.some((l) => l.startsWith("waiting for another job on this agent"))).toBe(true);
    expect(builds(waited.lines)).toBe(1);
  });

  it("builds one digest once for concurrent jobs, in this agent and in another on the same host", { timeout: 120_000 }, async () => {
    const workDir = path.join(tmp, "shared");
    const job = jobWith({ python: "3.11", setup: ["sleep 1"] });
    // Another agent process on this host, sharing the work folder.
    const script = path.join(tmp, "other-agent.mts");
    writeFileSync(
      script,
      `import { materializeEnvironment } from ${JSON.stringify(path.join(ROOT, "cli/agent/environment/index.ts"))};
const lines = [];
const job = JSON.parse(process.argv[2]);
await materializeEnvironment({ job, workDir: process.argv[3], env: process.env, signal: new AbortController().signal, output: (_s, l) => lines.push(l) });
console.log(JSON.stringify(lines));`,
    );
    const other = run(process.execPath, ["--import", "tsx", script, JSON.stringify({ ...job, id: "job_other" }), workDir], { cwd: ROOT, env: offline as NodeJS.ProcessEnv });
    const here = await Promise.all([materialize(job, { workDir }), materialize({ ...job, id: "job_twin" }, { workDir })]);
    const otherLines = JSON.parse((await other).stdout) as string[];
    expect(builds([...here.flatMap((m) => m.lines), ...otherLines])).toBe(1);
    expect(new Set(here.map((m) => venvOf(m).marker.built_at)).size).toBe(1);
    expect(here.some((m) => m.lines.some((l) => l.startsWith("waiting for")))).toBe(true);
    expect(existsSync(path.join(workDir, "envs", `${job.environment!.digest}.lock`))).toBe(false);
  });
});
