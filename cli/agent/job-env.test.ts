import path from "node:path";
import { describe, expect, it } from "vitest";
import type { ClaimedJob } from "./agent-api";
import { jobEnv, paramEnvName } from "./job-env";

const job: ClaimedJob = {
  id: "job_1",
  run_id: "run_1",
  attempt: 1,
  command: "python train.py",
  code: { kind: "none" },
  environment: null,
  params: { lr: "0.01", "batch-size": "32", "model.depth": "4" },
  gpus: [0, 2],
  run_token: "ty_run",
};

describe("jobEnv", () => {
  it("gives the job its GPUs, its run and its params", () => {
    const env = jobEnv({ job, server: "http://ty:3000", base: { HOME: "/home/a", PATH: "/usr/bin" } });
    expect(env).toMatchObject({
      HOME: "/home/a",
      PATH: "/usr/bin",
      CUDA_VISIBLE_DEVICES: "0,2",
      TRAINYARD_URL: "http://ty:3000",
      TRAINYARD_TOKEN: "ty_run",
      TRAINYARD_RUN_ID: "run_1",
      TRAINYARD_JOB_ID: "job_1",
      MLFLOW_TRACKING_URI: "http://ty:3000",
      MLFLOW_RUN_ID: "run_1",
      MLFLOW_TRACKING_TOKEN: "ty_run",
      PYTHONUNBUFFERED: "1",
      TRAINYARD_PARAM_LR: "0.01",
      TRAINYARD_PARAM_BATCH_SIZE: "32",
      TRAINYARD_PARAM_MODEL_DEPTH: "4",
    });
  });

  it("hides every GPU from a job that was given none", () => {
    expect(jobEnv({ job: { ...job, gpus: [] }, server: "s", base: { CUDA_VISIBLE_DEVICES: "0,1" } }).CUDA_VISIBLE_DEVICES).toBe("");
  });

  it("keeps the agent's token and stale params out of the job", () => {
    const env = jobEnv({ job, server: "s", base: { TRAINYARD_AGENT_TOKEN: "tya_secret", TRAINYARD_PARAM_OLD: "x", TRAINYARD_TOKEN: "ty_user" } });
    expect(env.TRAINYARD_AGENT_TOKEN).toBeUndefined();
    expect(env.TRAINYARD_PARAM_OLD).toBeUndefined();
    expect(env.TRAINYARD_TOKEN).toBe("ty_run");
  });

  it("puts the SDK on PYTHONPATH and the chosen interpreter on PATH, first", () => {
    const env = jobEnv({ job, server: "s", base: { PYTHONPATH: "/lib/py", PATH: "/usr/bin" }, sdkPath: "/repo/sdk/python", python: "/opt/venv/bin/python" });
    expect(env.PYTHONPATH).toBe(`/repo/sdk/python${path.delimiter}/lib/py`);
    expect(env.PATH).toBe(`/opt/venv/bin${path.delimiter}/usr/bin`);
    expect(jobEnv({ job, server: "s", base: {}, sdkPath: "/repo/sdk/python" }).PYTHONPATH).toBe("/repo/sdk/python");
  });

  it("names the job's environment and gives it the environment's variables, but never the run's", () => {
    const spec = { env: { WANDB_MODE: "offline", HOME: "/spec/home", TRAINYARD_TOKEN: "forged", CUDA_VISIBLE_DEVICES: "7", MLFLOW_RUN_ID: "other" } };
    const withEnv: ClaimedJob = { ...job, environment: { name: "torch", version: 3, digest: "d".repeat(64), spec } };
    const env = jobEnv({ job: withEnv, server: "s", base: { HOME: "/home/a", WANDB_MODE: "online" } });
    expect(env).toMatchObject({ TRAINYARD_ENVIRONMENT: "torch@3", TRAINYARD_ENVIRONMENT_DIGEST: "d".repeat(64), WANDB_MODE: "offline", HOME: "/spec/home" });
    expect(env).toMatchObject({ TRAINYARD_TOKEN: "ty_run", CUDA_VISIBLE_DEVICES: "0,2", MLFLOW_RUN_ID: "run_1" });
    expect(jobEnv({ job, server: "s", base: {} }).TRAINYARD_ENVIRONMENT).toBeUndefined();
  });

  it("activates the job's virtualenv ahead of --python", () => {
    const env = jobEnv({ job, server: "s", base: { PATH: "/usr/bin", PYTHONHOME: "/x" }, python: "/opt/py/bin/python", venv: "/w/envs/abc" });
    expect(env.PATH).toBe(`/w/envs/abc/bin${path.delimiter}/usr/bin`);
    expect(env.VIRTUAL_ENV).toBe("/w/envs/abc");
    expect(env.PYTHONHOME).toBeUndefined();
  });

  it("names param variables in upper case with anything but letters and digits as _", () => {
    expect(paramEnvName("learning-rate")).toBe("TRAINYARD_PARAM_LEARNING_RATE");
    expect(paramEnvName("opt/beta 1")).toBe("TRAINYARD_PARAM_OPT_BETA_1");
  });
});
