import { describe, expect, it } from "vitest";
import type { SlurmStatus } from "@/db/schema";
import type { JobRow } from "./access";
import { batchRequest, endReason, gpusOf, gresFor, slurmJobName } from "./slurm-dispatch";

const status: SlurmStatus = {
  checkedAt: "",
  reachable: true,
  partitions: [],
  nodes: [{ name: "n1", state: "IDLE", partitions: ["gpu"], cpus: 8, memoryMb: 1000, gpus: [{ type: "a100", count: 4 }], gpusUsed: 0 }],
};

describe("Slurm batch jobs for Trainyard jobs", () => {
  it("asks for GPUs as GRES, typed when the model names one of the cluster's types", () => {
    expect(gresFor({ gpus: 0 }, status)).toBeNull();
    expect(gresFor({ gpus: 2 }, status)).toBe("gpu:2");
    expect(gresFor({ gpus: 1, gpuModel: "A100" }, status)).toBe("gpu:a100:1");
    expect(gresFor({ gpus: 1, gpuModel: "h100" }, status)).toBe("gpu:h100:1");
  });

  it("submits `trainyard exec` with the run token in the environment and the job's limits", () => {
    const job = { id: "job_1", attempt: 2, resources: { gpus: 1, cpus: 1.5, memoryMb: 2048, timeLimitMinutes: 30 } } as JobRow;
    const request = batchRequest({
      job,
      config: { baseUrl: "http://h:6820", apiVersion: "v0.0.38", user: "u", partition: "gpu", account: "ml", workDir: "/shared/ty", execCommand: "trainyard" },
      status,
      runToken: "tyk_secret",
      serverUrl: "http://ty:3000",
    });
    expect(request.job).toMatchObject({
      name: slurmJobName(job),
      partition: "gpu",
      account: "ml",
      current_working_directory: "/shared/ty",
      gres: "gpu:1",
      time_limit: 30,
      cpus_per_task: 2,
      memory_per_node: 2048,
      environment: { TRAINYARD_URL: "http://ty:3000", TRAINYARD_TOKEN: "tyk_secret", TRAINYARD_JOB_ID: "job_1" },
    });
    expect(request.job.name).toBe("trainyard-job_1-2");
    expect(request.script).toContain("exec trainyard exec --job 'job_1' --work-dir '/shared/ty'");
    expect(request.script).not.toContain("tyk_secret");
  });

  it("reads allocated GPU indices and says why Slurm ended a job", () => {
    expect(gpusOf({ gres_detail: ["gpu:fake:2(IDX:0-1)"] })).toEqual([0, 1]);
    expect(gpusOf({ gres_detail: [] })).toEqual([]);
    expect(endReason({ job_id: 7, job_state: "TIMEOUT", state_reason: "TimeLimit", exit_code: 0 })).toBe("Slurm batch job 7 reached its time limit and was stopped by Slurm (TIMEOUT)");
    expect(endReason({ job_id: 7, job_state: "NODE_FAIL", state_reason: "None", exit_code: 0 })).toBe("Slurm batch job 7 ended: its node failed (NODE_FAIL)");
    expect(endReason({ job_id: 7, job_state: "PREEMPTED", state_reason: "None", exit_code: 0 })).toContain("preempted");
    // exit_code is the raw wait status: exit 3 reads 768.
    expect(endReason({ job_id: 7, job_state: "FAILED", state_reason: "NonZeroExitCode", exit_code: 768 })).toContain("failed with exit code 3 before trainyard exec reported");
  });
});
