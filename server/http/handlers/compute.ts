import { agentHeartbeat, authenticateAgent, listTargets, registerTarget } from "../../compute/targets";
import { unauthorized } from "../../errors";
import { ComputeListBody, HeartbeatBody, HeartbeatResult, RegisterComputeBody, RegisteredComputeBody } from "../contracts/compute";
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
      last_heartbeat_at: t.lastHeartbeatAt,
    })),
  }),
});

/** Agents authenticate with their target's token, not a user's. */
export const agentHeartbeatRoute = restRoute({
  name: "POST /agent/heartbeat",
  auth: "none",
  body: HeartbeatBody,
  response: HeartbeatResult,
  handler: async ({ rt, body, request }) => {
    const token = /^Bearer\s+(\S+)$/i.exec(request.headers.get("authorization") ?? "")?.[1];
    const target = token ? await authenticateAgent(rt.handle.db, token) : null;
    if (!target) throw unauthorized("Send the compute target's agent token");
    const updated = await agentHeartbeat({
      db: rt.handle.db,
      target,
      input: {
        host: body.host && {
          hostname: body.host.hostname,
          os: body.host.os,
          cpus: body.host.cpus,
          memoryMb: body.host.memory_mb,
          agentVersion: body.host.agent_version,
        },
        gpus: body.gpus?.map((g) => ({ index: g.index, uuid: g.uuid, name: g.name, memoryMb: g.memory_mb, driver: g.driver })),
        gpuSamples: body.gpu_samples?.map((s) => ({ index: s.index, utilization: s.utilization, memoryUsedMb: s.memory_used_mb })),
      },
    });
    return { target_id: updated.id, status: updated.status };
  },
});
