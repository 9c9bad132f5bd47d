import { listTargets, registerTarget, updateSlurmToken } from "../../compute/targets";
import { ComputeListBody, RegisterComputeBody, RegisteredComputeBody, SlurmTokenBody, SlurmTokenResult, TargetParams } from "../contracts/compute";
import { TeamSlugParams } from "../contracts/teams";
import { restRoute } from "../route";

type Gpu = { index: number; uuid: string; name: string; memoryMb: number; driver: string };
type Target = Awaited<ReturnType<typeof listTargets>>[number];

function slurmToWire({ slurm, slurmStatus, slurmView }: Target) {
  if (!slurm) return null;
  const status = slurmStatus ?? { checkedAt: "", reachable: false, error: "not read yet", partitions: [], nodes: [] };
  return {
    base_url: slurm.baseUrl,
    api_version: slurm.apiVersion,
    user: slurm.user,
    partition: slurm.partition,
    account: slurm.account ?? null,
    qos: slurm.qos ?? null,
    work_dir: slurm.workDir,
    exec_command: slurm.execCommand,
    reachable: status.reachable,
    error: status.error ?? null,
    health: slurmView?.health ?? "not read yet",
    checked_at: status.checkedAt || null,
    partitions: status.partitions.map((p) => ({ name: p.name, state: p.state, nodes: p.nodes, is_default: p.isDefault, max_time_minutes: p.maxTimeMinutes })),
    nodes: (slurmView?.nodes ?? []).map((n) => ({
      name: n.name,
      state: n.state,
      up: n.up,
      partitions: n.partitions,
      cpus: n.cpus,
      memory_mb: n.memoryMb,
      gpus: n.gpus,
      gpus_used: n.gpusUsed,
      reason: n.reason ?? null,
    })),
  };
}
const gpuToWire = (g: Gpu) => ({ index: g.index, uuid: g.uuid, name: g.name, memory_mb: g.memoryMb, driver: g.driver });

export const registerComputeRoute = restRoute({
  name: "POST /teams/{teamSlug}/compute",
  auth: "required",
  params: TeamSlugParams,
  body: RegisterComputeBody,
  response: RegisteredComputeBody,
  status: 201,
  handler: async ({ ctx, rt, params, body }) => {
    const { slurm: s, ...rest } = body;
    const slurm = s && {
      baseUrl: s.base_url,
      apiVersion: s.api_version,
      user: s.user,
      token: s.token,
      partition: s.partition,
      account: s.account,
      qos: s.qos,
      workDir: s.work_dir,
      execCommand: s.exec_command,
    };
    const { target, registrationToken } = await registerTarget({ ctx, serverSecret: rt.secret, input: { teamSlug: params.teamSlug, ...rest, slurm } });
    return { id: target.id, name: target.name, registration_token: registrationToken };
  },
});

export const listComputeRoute = restRoute({
  name: "GET /teams/{teamSlug}/compute",
  auth: "required",
  params: TeamSlugParams,
  response: ComputeListBody,
  handler: async ({ ctx, params }) => ({
    targets: (await listTargets({ ctx, input: params })).map((t) => ({
      id: t.id,
      name: t.name,
      kind: t.kind,
      labels: t.labels,
      status: t.status,
      host: t.host as Record<string, unknown>,
      gpus: t.gpus.map(gpuToWire),
      gpu_samples: t.gpuSamples.map((s) => ({ index: s.index, utilization: s.utilization, memory_used_mb: s.memoryUsedMb })),
      shared: t.shared,
      allocated_gpus: t.allocatedGpus,
      jobs: t.jobs.map((j) => ({ id: j.id, project_id: j.projectId, run_id: j.runId, state: j.state, gpus: j.gpus })),
      last_heartbeat_at: t.lastHeartbeatAt,
      slurm: slurmToWire(t),
    })),
  }),
});

export const updateSlurmTokenRoute = restRoute({
  name: "PUT /teams/{teamSlug}/compute/{targetId}/slurm-token",
  auth: "required",
  params: TargetParams,
  body: SlurmTokenBody,
  response: SlurmTokenResult,
  handler: async ({ ctx, rt, params, body }) => {
    const target = await updateSlurmToken({ ctx, serverSecret: rt.secret, input: { ...params, token: body.token } });
    return { id: target.id, name: target.name, status: target.status };
  },
});
