import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DbHandle } from "@/db/client";
import { computeTargets } from "@/db/schema";
import { testDatabases } from "@/db/testing/databases";
// @ts-expect-error: plain ESM script shared with the test runner (scripts/test.mjs), no types
import { startSlurmCluster } from "../../../scripts/slurm-cluster.mjs";
import { listComputeRoute, registerComputeRoute } from "../../http/handlers/compute";
import { syncSlurmTarget } from "../../jobs/slurm-dispatch";
import { useRuntime } from "../../runtime";
import { auditRows, ctxFor, expectDomainError, teamWithRoles, testRuntime, jsonPost, teamParams } from "../../testing/fixtures";
import { createToken } from "../../tokens/tokens";
import { unseal } from "../../auth/encryption";
import { slurmKey } from "./cluster";
import { registerTarget, updateSlurmToken } from "../targets";

// Registering a Slurm cluster against the real single-node cluster (scripts/slurm-cluster.mjs), on
// PGlite and PostgreSQL: the token is sealed at rest and never answered; input is checked; a read
// of slurmrestd that fails marks the target unhealthy without losing its inventory.

interface Cluster {
  url: string;
  user: string;
  token: string;
  workDir: string;
  stop?: () => Promise<void>;
}
let cluster: Cluster;
const SECRET = "t".repeat(32);

beforeAll(async () => {
  cluster = process.env.SLURM_TEST_URL
    ? { url: process.env.SLURM_TEST_URL, user: process.env.SLURM_TEST_USER!, token: process.env.SLURM_TEST_TOKEN!, workDir: process.env.SLURM_TEST_WORK_DIR! }
    : ((await startSlurmCluster()) as Cluster);
}, 120_000);
afterAll(async () => {
  await cluster?.stop?.();
});

const post = jsonPost;
const at = teamParams;

describe.each(testDatabases)("Slurm targets on $name", ({ open }) => {
  let h: DbHandle;
  beforeAll(async () => {
    h = await open();
    useRuntime(testRuntime(h));
  });
  afterAll(async () => {
    await h.close();
  });

  const settings = () => ({ baseUrl: cluster.url, user: cluster.user, token: cluster.token, partition: "debug", workDir: cluster.workDir, execCommand: "trainyard" });

  it("registers a cluster with its JWT sealed at rest, never answered, and audited without it", async () => {
    const { team, owner } = await teamWithRoles(h.db);
    const userToken = (await createToken({ ctx: ctxFor(h.db, owner), input: { name: "t" } })).token;
    const s = settings();
    const res = await registerComputeRoute(
      post({ name: "cluster", kind: "slurm", slurm: { base_url: s.baseUrl, user: s.user, token: s.token, partition: s.partition, work_dir: s.workDir } }, userToken),
      at(team.slug),
    );
    expect(res.status, await res.clone().text()).toBe(201);
    const { id, registration_token } = (await res.json()) as { id: string; registration_token: string | null };
    expect(registration_token).toBeNull();
    const [row] = await h.db.select().from(computeTargets).where(eq(computeTargets.id, id));
    expect(JSON.stringify(row)).not.toContain(cluster.token);
    expect(unseal(slurmKey(SECRET), row!.slurmTokenSealed!, id)).toBe(cluster.token);
    expect(() => unseal(slurmKey("x".repeat(32)), row!.slurmTokenSealed!, id)).toThrow();
    expect(row).toMatchObject({ kind: "slurm", slurm: { apiVersion: "v0.0.38", execCommand: "trainyard", partition: "debug" } });
    expect(row!.gpus).toHaveLength(2);
    const [audit] = await auditRows(h.db, team.id, "compute.register");
    expect(JSON.stringify(audit)).not.toContain(cluster.token);

    const listed = await listComputeRoute(new Request("http://localhost/api", { headers: { authorization: `Bearer ${userToken}` } }), at(team.slug));
    const text = await listed.text();
    expect(text).not.toContain(cluster.token);
    expect(text).not.toContain(row!.slurmTokenSealed!);
    const target = (JSON.parse(text) as { targets: { status: string; slurm: { nodes: { gpus: unknown[] }[]; health: string } }[] }).targets[0]!;
    expect(target.status).toBe("online");
    expect(target.slurm.health).toBe("1 of 1 node up");
    expect(target.slurm.nodes[0]!.gpus).toEqual([{ type: "fake", count: 2 }]);

    // slurmrestd gone: the target turns offline at once with the reason, its inventory kept.
    await h.db.update(computeTargets).set({ slurm: { ...row!.slurm!, baseUrl: "http://127.0.0.1:1" } }).where(eq(computeTargets.id, id));
    const [moved] = await h.db.select().from(computeTargets).where(eq(computeTargets.id, id));
    await syncSlurmTarget(h.db, moved!, { serverSecret: SECRET, serverUrl: "http://127.0.0.1:9", log: ctxFor(h.db, null).log });
    const again = (JSON.parse(await (await listComputeRoute(new Request("http://localhost/api", { headers: { authorization: `Bearer ${userToken}` } }), at(team.slug))).text()) as {
      targets: { status: string; slurm: { reachable: boolean; error: string; nodes: unknown[] } }[];
    }).targets[0]!;
    expect(again.status).toBe("offline");
    expect(again.slurm).toMatchObject({ reachable: false });
    expect(again.slurm.error).toMatch(/unreachable/);
    expect(again.slurm.nodes).toHaveLength(1);
  });

  it("refuses bad settings with the reason, and members who may not administer compute", async () => {
    const { team, owner, members } = await teamWithRoles(h.db, ["member"]);
    const ctx = ctxFor(h.db, owner);
    const input = (slurm: Record<string, unknown> | undefined, kind: "agent" | "slurm" = "slurm") => ({ teamSlug: team.slug, name: `c-${Math.random().toString(36).slice(2, 8)}`, kind, slurm: slurm as never });
    await expectDomainError(registerTarget({ ctx, serverSecret: SECRET, input: input(undefined) }), "VALIDATION");
    await expectDomainError(registerTarget({ ctx, serverSecret: SECRET, input: input(settings(), "agent") }), "VALIDATION");
    await expect(registerTarget({ ctx, serverSecret: SECRET, input: input({ ...settings(), apiVersion: "v0.0.37" }) })).rejects.toThrow(/v0\.0\.38/);
    await expect(registerTarget({ ctx, serverSecret: SECRET, input: input({ ...settings(), baseUrl: "http://127.0.0.1:1" }) })).rejects.toThrow(/unreachable/);
    await expect(registerTarget({ ctx, serverSecret: SECRET, input: input({ ...settings(), token: `${cluster.token}x` }) })).rejects.toThrow(/token is invalid, expired or not that user's/);
    await expect(registerTarget({ ctx, serverSecret: SECRET, input: input({ ...settings(), workDir: "relative/dir" }) })).rejects.toThrow(/absolute path/);
    await expectDomainError(registerTarget({ ctx: ctxFor(h.db, members[0]!), serverSecret: SECRET, input: input(settings()) }), "FORBIDDEN");
  });

  it("replaces the JWT after checking it against slurmrestd; members may not", async () => {
    const { team, owner, members } = await teamWithRoles(h.db, ["member"]);
    const ctx = ctxFor(h.db, owner);
    const { target } = await registerTarget({ ctx, serverSecret: SECRET, input: { teamSlug: team.slug, name: "rotating", kind: "slurm", slurm: settings() } });
    const ref = { teamSlug: team.slug, targetId: target.id };
    await expect(updateSlurmToken({ ctx, serverSecret: SECRET, input: { ...ref, token: `${cluster.token}x` } })).rejects.toThrow(/token is invalid, expired/);
    await expectDomainError(updateSlurmToken({ ctx: ctxFor(h.db, members[0]!), serverSecret: SECRET, input: { ...ref, token: cluster.token } }), "FORBIDDEN");
    const before = (await h.db.select().from(computeTargets).where(eq(computeTargets.id, target.id)))[0]!.slurmTokenSealed;
    const updated = await updateSlurmToken({ ctx, serverSecret: SECRET, input: { ...ref, token: cluster.token } });
    expect(updated.status).toBe("online");
    expect(JSON.stringify(updated)).not.toContain(cluster.token);
    const [row] = await h.db.select().from(computeTargets).where(eq(computeTargets.id, target.id));
    expect(row!.slurmTokenSealed).not.toBe(before);
    expect(unseal(slurmKey(SECRET), row!.slurmTokenSealed!, target.id)).toBe(cluster.token);
    const audits = await auditRows(h.db, team.id, "compute.slurm_token");
    expect(audits).toHaveLength(1);
    expect(JSON.stringify(audits)).not.toContain(cluster.token);
  });
});
