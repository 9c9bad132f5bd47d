import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { inheritedEnv } from "../job-env";
import { PrepareError } from "../workspace";
import { captureEnvironment, osDescription } from "./capture";
import { containerEnv, containerName, containerRunArgs } from "./container";
import { compareVersions, materializeEnvironment } from "./index";
import { acquireLock } from "./lock";
import { resolveInterpreter, versionMatches } from "./python";
import { fakeBin, jobWith } from "./testing";

const tmp = mkdtempSync(path.join(tmpdir(), "trainyard-env-unit-"));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

/** A PATH with only the given fake tools (shell scripts using builtins), so real docker/nvidia-smi stay out. */
function pathWith(name: string, scripts: Record<string, string>): string {
  return fakeBin(path.join(tmp, name), scripts);
}

const NVIDIA_SMI = `case "$*" in
  *--query-gpu=name,driver_version*) echo "NVIDIA A100-SXM4-80GB, 550.54.15"; echo "NVIDIA H100 80GB HBM3, 550.54.15" ;;
  "") echo "| NVIDIA-SMI 550.54.15    Driver Version: 550.54.15    CUDA Version: 12.4     |" ;;
  *) exit 2 ;;
esac`;

const materialize = (spec: Parameters<typeof jobWith>[0], PATH: string) =>
  materializeEnvironment({ job: jobWith(spec), workDir: path.join(tmp, "work"), env: { PATH }, signal: new AbortController().signal, output: () => {} });

describe("container images", () => {
  it("fails with a clear reason when neither docker nor podman is installed", async () => {
    const image = "ghcr.io/acme/train:1@sha256:" + "0".repeat(64);
    await expect(materialize({ image }, pathWith("no-runtime", {}))).rejects.toThrow(
      new PrepareError(`the environment needs the container image ${image}, but neither docker nor podman is installed on this agent`),
    );
  });

  it("says why when docker is installed but cannot reach its daemon", async () => {
    const PATH = pathWith("dead-docker", { docker: 'echo "Cannot connect to the Docker daemon at unix:///var/run/docker.sock. Is the docker daemon running?" >&2; exit 1' });
    await expect(materialize({ image: "img:1" }, PATH)).rejects.toThrow(/needs the container image img:1, but docker cannot run it here: Cannot connect to the Docker daemon/);
  });

  it("uses podman when there is no docker, and refuses Python packages on top of an image", async () => {
    const PATH = pathWith("podman", { podman: 'echo "Version: 5.0.0"' });
    await expect(materialize({ image: "img:1" }, PATH)).resolves.toMatchObject({ kind: "container", image: "img:1", runtime: { kind: "podman" } });
    await expect(materialize({ image: "img:1", packages: ["numpy==1.26.4"], setup: ["make"] }, PATH)).rejects.toThrow(
      /gives a container image and packages, setup; this agent runs images as they are/,
    );
  });

  it("runs the job in the image with its code, its variables by name, the host network and its GPUs", () => {
    const base = { name: "trainyard-job_1-2", image: "img:1", codeDir: "/w/jobs/job_1-2/code", command: "python train.py", envNames: ["TRAINYARD_TOKEN"], sdkPath: "/repo/sdk/python" };
    expect(containerRunArgs({ ...base, runtime: { kind: "docker", command: "/usr/bin/docker" }, gpus: [0, 2] })).toEqual([
      "run", "--rm", "--init", "--name", "trainyard-job_1-2", "--network", "host",
      "-v", "/w/jobs/job_1-2/code:/workspace", "-w", "/workspace",
      "-v", "/repo/sdk/python:/opt/trainyard/sdk:ro",
      "-e", "TRAINYARD_TOKEN",
      "--gpus", '"device=0,2"',
      "img:1", "/bin/sh", "-c", "python train.py",
    ]);
    const podman = containerRunArgs({ ...base, runtime: { kind: "podman", command: "podman" }, gpus: [1, 3], sdkPath: null });
    expect(podman.join(" ")).toContain("--device nvidia.com/gpu=1 --device nvidia.com/gpu=3 img:1");
    expect(podman).not.toContain("--gpus");
    expect(containerRunArgs({ ...base, runtime: { kind: "docker", command: "docker" }, gpus: [] })).not.toContain("--gpus");
    expect(containerName({ id: "job_x/1", attempt: 3 })).toBe("trainyard-job_x-1-3");
  });

  it("passes the run's variables and the spec's, with GPUs counted from 0 inside", () => {
    const jobEnv = { HOME: "/root", PATH: "/usr/bin", TRAINYARD_TOKEN: "ty", MLFLOW_RUN_ID: "r", CUDA_VISIBLE_DEVICES: "2,3", PYTHONUNBUFFERED: "1", PYTHONPATH: "/host/sdk", WANDB_MODE: "offline" };
    const { env, names } = containerEnv(jobEnv, { env: { WANDB_MODE: "offline" } }, [2, 3], true);
    expect(names).toEqual(["CUDA_VISIBLE_DEVICES", "MLFLOW_RUN_ID", "PYTHONPATH", "PYTHONUNBUFFERED", "TRAINYARD_TOKEN", "WANDB_MODE"]);
    expect(env).toMatchObject({ CUDA_VISIBLE_DEVICES: "0,1", PYTHONPATH: "/opt/trainyard/sdk" });
    expect(containerEnv(jobEnv, {}, [], false).names).not.toContain("PYTHONPATH");
  });
});

describe("CUDA", () => {
  it("accepts a driver that supports the CUDA version asked for", async () => {
    await expect(materialize({ cuda: "12.1", env: { A: "1" } }, pathWith("smi", { "nvidia-smi": NVIDIA_SMI }))).resolves.toMatchObject({ kind: "host" });
    await expect(materialize({ cuda: "12.4" }, pathWith("smi", { "nvidia-smi": NVIDIA_SMI }))).resolves.toMatchObject({ kind: "host" });
  });

  it("refuses an older driver, or a host without one", async () => {
    await expect(materialize({ cuda: "12.6" }, pathWith("smi", { "nvidia-smi": NVIDIA_SMI }))).rejects.toThrow(
      "the environment needs CUDA 12.6, but this agent's NVIDIA driver supports CUDA 12.4 at most",
    );
    await expect(materialize({ cuda: "11.8" }, pathWith("no-smi", {}))).rejects.toThrow(/needs CUDA 11\.8, but this agent has no NVIDIA driver/);
  });

  it("compares versions part by part", () => {
    expect(compareVersions("12.10", "12.4")).toBeGreaterThan(0);
    expect(compareVersions("12", "12.0.0")).toBe(0);
    expect(compareVersions("11.8", "12")).toBeLessThan(0);
  });
});

describe("interpreters", () => {
  it("matches a version by its parts", () => {
    expect(versionMatches("3.11.7", "3.11")).toBe(true);
    expect(versionMatches("3.11.7", "3")).toBe(true);
    expect(versionMatches("3.11.7", "3.1")).toBe(false);
    expect(versionMatches("3.11.7", "3.11.7")).toBe(true);
  });

  it("names what the host has when the requested version is missing", async () => {
    const PATH = pathWith("py", {
      python3: 'echo 3.11.2; echo /opt/fake/python3',
      "python3.99": "echo 'pyenv: python3.99: command not found' >&2; exit 127",
    });
    await expect(resolveInterpreter("3.99", undefined, { PATH })).rejects.toThrow(`python 3.99 requested; this host has 3.11.2 (${path.join(tmp, "py", "python3")})`);
  });

  it("prefers --python, then python<major.minor>, when they match", async () => {
    const PATH = pathWith("py2", { python3: "echo 3.10.1; echo /p/python3", "python3.10": "echo 3.10.9; echo /p/python3.10", mine: "echo 3.10.4; echo /p/mine" });
    await expect(resolveInterpreter("3.10", "mine", { PATH })).resolves.toEqual({ version: "3.10.4", executable: "/p/mine" });
    await expect(resolveInterpreter("3.10", undefined, { PATH })).resolves.toEqual({ version: "3.10.9", executable: "/p/python3.10" });
    await expect(resolveInterpreter(undefined, undefined, { PATH })).resolves.toEqual({ version: "3.10.1", executable: "/p/python3" });
  });
});

describe("capture", () => {
  it("reports the interpreter, its packages, the OS, the driver, CUDA and the job's GPUs", async () => {
    const PATH = pathWith("capture", { "nvidia-smi": NVIDIA_SMI });
    const captured = await captureEnvironment({ python: "python3", env: { ...inheritedEnv(process.env), PATH: `${PATH}:${process.env.PATH}` }, gpus: [1] });
    expect(captured.python).toMatch(/^3\.\d+\.\d+/);
    expect(captured.packages?.some((p) => p.startsWith("pip=="))).toBe(true);
    expect(captured).toMatchObject({ driver: "550.54.15", cuda: "12.4", gpus: ["NVIDIA H100 80GB HBM3"] });
    expect(captured.os).toBe(await osDescription());
  });

  it("leaves out what it cannot find, without failing", async () => {
    const PATH = pathWith("bare", { "nvidia-smi": "exit 9" });
    const captured = await captureEnvironment({ python: "no-such-python", env: { PATH }, gpus: [0] });
    expect(Object.keys(captured)).toEqual(["os"]);
  });

  it("describes the OS from the kernel and os-release", async () => {
    expect(await osDescription(path.join(tmp, "missing"))).toMatch(/^\S+ \S+$/);
  });
});

describe("the build lock", () => {
  it("lets one holder in at a time", async () => {
    const dir = path.join(tmp, "one.lock");
    const signal = new AbortController().signal;
    const first = await acquireLock(dir, { signal });
    let waited = "";
    let second = false;
    const next = acquireLock(dir, { signal, pollMs: 10, onWait: (owner) => (waited = owner) }).then((lock) => {
      second = true;
      return lock;
    });
    // The second asker has found the lock held and is waiting on its owner.
    await expect.poll(() => waited).toMatch(/^pid \d+ on /);
    expect(second).toBe(false);
    await first.release();
    await (await next).release();
    expect(second).toBe(true);
  });

  it("takes over a lock whose holder is gone, and stops waiting when cancelled", async () => {
    const dir = path.join(tmp, "stale.lock");
    const signal = new AbortController().signal;
    await acquireLock(dir, { signal }); // never released: as if its agent died
    const taken = await acquireLock(dir, { signal, pollMs: 10, staleMs: 50 });
    await taken.release();

    await acquireLock(dir, { signal });
    const cancel = new AbortController();
    const waiting = acquireLock(dir, { signal: cancel.signal, pollMs: 10 });
    cancel.abort(new Error("cancel requested"));
    await expect(waiting).rejects.toThrow("cancel requested");
  });
});
