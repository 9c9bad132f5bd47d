import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DbHandle } from "@/db/client";
import { computeTargets } from "@/db/schema";
import { testDatabases } from "@/db/testing/databases";
import { agentHeartbeatRoute } from "../http/handlers/agent";
import { listComputeRoute, registerComputeRoute } from "../http/handlers/compute";
import { useRuntime } from "../runtime";
import { ctxFor, expectDomainError, teamWithRoles, testRuntime, jsonPost, teamParams } from "../testing/fixtures";
import { createToken } from "../tokens/tokens";
import { listTargets, registerTarget, removeTarget } from "./targets";

const gpu = (index: number) => ({ index, uuid: `GPU-${index}`, name: "NVIDIA A100-SXM4-80GB", memory_mb: 81920, driver: "550.54" });
const post = jsonPost;
const at = teamParams;

describe.each(testDatabases)("compute registry on $name", ({ open }) => {
  let h: DbHandle;
  beforeAll(async () => {
    h = await open();
    useRuntime(testRuntime(h));
  });
  afterAll(async () => {
    await h.close();
  });

  it("registers an agent target, shows its token once, and tracks its heartbeat and GPUs", async () => {
    const { team, owner } = await teamWithRoles(h.db);
    const userToken = (await createToken({ ctx: ctxFor(h.db, owner), input: { name: "t" } })).token;
    const res = await registerComputeRoute(post({ name: "gpu-a", labels: { zone: "lab" } }, userToken), at(team.slug));
    expect(res.status).toBe(201);
    const { id, registration_token } = (await res.json()) as { id: string; registration_token: string };
    expect(registration_token).toMatch(/^tya_/);
    const [row] = await h.db.select().from(computeTargets).where(eq(computeTargets.id, id));
    expect(JSON.stringify(row)).not.toContain(registration_token);

    const listed = async () => ((await (await listComputeRoute(new Request("http://localhost/api", { headers: { authorization: `Bearer ${userToken}` } }), at(team.slug))).json()) as { targets: Record<string, unknown>[] }).targets;
    expect((await listed())[0]).toMatchObject({ name: "gpu-a", status: "never_seen", gpus: [] });

    const beat = await agentHeartbeatRoute(post({ host: { hostname: "box", cpus: 2, memory_mb: 24000 }, gpus: [gpu(0), gpu(1)] }, registration_token));
    expect(await beat.json()).toEqual({ target_id: id, status: "online", cancel: [] });
    expect((await listed())[0]).toMatchObject({ status: "online", gpus: [gpu(0), gpu(1)], host: { hostname: "box", cpus: 2 } });
    expect((await listed())[0]).not.toHaveProperty("token_hash");

    await h.db.execute(sql`update compute_targets set last_heartbeat_at = now() - interval '5 minutes' where id = ${id}`);
    expect((await listed())[0]).toMatchObject({ status: "offline" });

    expect((await agentHeartbeatRoute(post({}, "tya_forged"))).status).toBe(401);
    expect((await agentHeartbeatRoute(post({}, userToken))).status).toBe(401);
    expect((await agentHeartbeatRoute(post({ gpus: [{ index: -1 }] }, registration_token))).status).toBe(422);
  });

  it("refuses duplicates, members and strangers, and audits removal", async () => {
    const { team, owner, members } = await teamWithRoles(h.db, ["member"]);
    const stranger = await teamWithRoles(h.db);
    const ownerCtx = ctxFor(h.db, owner);
    const { target } = await registerTarget({ ctx: ownerCtx, input: { teamSlug: team.slug, name: "gpu-b" } });
    await expectDomainError(registerTarget({ ctx: ownerCtx, input: { teamSlug: team.slug, name: "gpu-b" } }), "CONFLICT");
    await expectDomainError(registerTarget({ ctx: ctxFor(h.db, members[0]!), input: { teamSlug: team.slug, name: "gpu-c" } }), "FORBIDDEN");
    await expectDomainError(listTargets({ ctx: ctxFor(h.db, stranger.owner), input: { teamSlug: team.slug } }), "NOT_FOUND");
    await expectDomainError(removeTarget({ ctx: ctxFor(h.db, stranger.owner), input: { teamSlug: team.slug, targetId: target.id } }), "NOT_FOUND");
    expect((await listTargets({ ctx: ctxFor(h.db, members[0]!), input: { teamSlug: team.slug } })).map((t) => t.name)).toEqual(["gpu-b"]);
    await removeTarget({ ctx: ownerCtx, input: { teamSlug: team.slug, targetId: target.id } });
    expect(await listTargets({ ctx: ownerCtx, input: { teamSlug: team.slug } })).toEqual([]);
  });
});
