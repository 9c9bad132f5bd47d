import { describe, expect, it } from "vitest";
import { JobBody } from "../../server/http/contracts/jobs";
import { wire } from "./wire";

const job = {
  id: "job_1",
  run_id: "run_1",
  project_id: "prj_1",
  state: "running",
  command: "python train.py",
  resources: { gpus: 1, gpu_model: null, cpus: null, memory_mb: null, time_limit_minutes: null },
  code: { kind: "git", git: "https://g/x.git", ref: "main", commit: null },
  environment: null,
  target: null,
  labels: {},
  assigned_target: { id: "cmp_1", name: "gpu-box" },
  allocated_gpus: [0],
  priority: 0,
  max_retries: 0,
  attempt: 1,
  attempts: [
    {
      attempt: 1,
      target_id: "cmp_1",
      target_name: "gpu-box",
      gpus: [0],
      state: "running",
      exit_code: null,
      reason: null,
      slurm_job_id: null,
      started_at: "2025-01-01T00:00:01.000Z",
      ended_at: null,
    },
  ],
  pending_reason: null,
  slurm: null,
  failure_reason: null,
  exit_code: null,
  cancel_requested: false,
  created_at: "2025-01-01T00:00:00.000Z",
  assigned_at: "2025-01-01T00:00:00.500Z",
  started_at: "2025-01-01T00:00:01.000Z",
  ended_at: null,
};

describe("wire", () => {
  it("reads what the server sends: timestamps as ISO strings, at any depth", () => {
    expect(JobBody.safeParse(job).success).toBe(false); // the contract itself expects Date objects
    expect(wire(JobBody).parse(job)).toEqual(job);
  });

  it("tolerates fields a newer server adds, and still checks the ones it knows", () => {
    expect(wire(JobBody).parse({ ...job, queue_position: 3 })).toEqual(job);
    expect(wire(JobBody).safeParse({ ...job, state: "exploded" }).success).toBe(false);
  });
});
