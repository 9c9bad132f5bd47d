import { listTargets, registerTarget } from "../../compute/targets";
import { ComputeListBody, RegisterComputeBody, RegisteredComputeBody } from "../contracts/compute";
import { TeamSlugParams } from "../contracts/teams";
import { restRoute } from "../route";

type Gpu = { index: number; uuid: string; name: string; memoryMb: number; driver: string };
const gpuToWire = (g: Gpu) => ({ index: g.index, uuid: g.uuid, name: g.name, memory_mb: g.memoryMb, driver: g.driver });

export const registerComputeRoute = restRoute({
  name: "POST /teams/{teamSlug}/compute",
  auth: "required",
  params: TeamSlugParams,
  body: RegisterComputeBody,
  response: RegisteredComputeBody,
  status: 201,
  handler: async ({ ctx, params, body }) => {
    const { target, registrationToken } = await registerTarget({ ctx, input: { teamSlug: params.teamSlug, ...body } });
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
    })),
  }),
});
