import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { uniq } from "../testing/fixtures";
import { meRoute, signupRoute, tokenRoute } from "./handlers/auth";
import { health, prometheus } from "./handlers/health";
import { createProjectRoute, listProjectsRoute } from "./handlers/projects";
import { addMemberRoute, createTeamRoute, listTeamsRoute } from "./handlers/teams";

// The REST handlers exactly as Next.js calls them, on the embedded database of a fresh data folder.
beforeAll(() => {
  process.env.TRAINYARD_DATA_DIR = mkdtempSync(path.join(tmpdir(), "trainyard-rest-"));
  process.env.LOG_LEVEL = "silent";
});

const json = (body: unknown, token?: string) =>
  new Request("http://localhost/api", {
    method: "POST",
    headers: { "content-type": "application/json", ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: typeof body === "string" ? body : JSON.stringify(body),
  });
const get = (token?: string) =>
  new Request("http://localhost/api", { headers: token ? { authorization: `Bearer ${token}` } : {} });
const params = (p: Record<string, string>) => ({ params: Promise.resolve(p) });

async function account() {
  const email = `${uniq("u")}@example.test`;
  const signup = await signupRoute(json({ email, password: "password1", name: "U" }));
  expect(signup.status).toBe(201);
  const res = await tokenRoute(json({ email, password: "password1", name: "test" }));
  expect(res.status).toBe(201);
  const { token } = (await res.json()) as { token: string };
  return { email, token };
}

describe("REST API v1", () => {
  it("signs up (201 with a session cookie), refuses a taken email (409) and bad input (400/413/422)", async () => {
    const email = `${uniq("u")}@example.test`;
    const ok = await signupRoute(json({ email, password: "password1", name: "A" }));
    expect(ok.status).toBe(201);
    expect(ok.headers.get("set-cookie")).toContain("session_token");
    expect(await ok.json()).toMatchObject({ email, name: "A" });
    const taken = await signupRoute(json({ email, password: "password1", name: "A" }));
    expect(taken.status).toBe(409);
    expect(await taken.json()).toEqual({ error: { code: "CONFLICT", message: expect.any(String) } });
    expect((await signupRoute(json({ email: "nope", password: "password1", name: "A" }))).status).toBe(422);
    expect((await signupRoute(json({ email, password: "password1", name: "A", admin: true }))).status).toBe(422);
    expect((await signupRoute(json("{not json"))).status).toBe(400);
    const huge = await signupRoute(json({ email, password: "x".repeat(2 * 1024 * 1024), name: "A" }));
    expect(huge.status).toBe(413);
    expect(JSON.stringify(await huge.json())).not.toMatch(/at .*\.ts/);
  });

  it("answers 401 without a valid token and 201 with a token for good credentials", async () => {
    const { email, token } = await account();
    expect((await meRoute(get())).status).toBe(401);
    expect((await meRoute(get("ty_forged"))).status).toBe(401);
    expect((await tokenRoute(json({ email, password: "bad-password" }))).status).toBe(401);
    const me = await meRoute(get(token));
    expect(me.status).toBe(200);
    expect(await me.json()).toMatchObject({ email, teams: [] });
  });

  it("creates teams and projects, adds members, and enforces roles and team isolation", async () => {
    const alice = await account();
    const bob = await account();
    const slug = uniq("team");
    const team = await createTeamRoute(json({ name: "Vision", slug }, alice.token));
    expect(team.status).toBe(201);
    expect(await team.json()).toMatchObject({ slug, role: "owner" });
    expect((await createTeamRoute(json({ name: "Vision", slug }, bob.token))).status).toBe(409);

    const project = await createProjectRoute(json({ name: "Detection", slug: "det" }, alice.token), params({ teamSlug: slug }));
    expect(project.status).toBe(201);
    const created = (await project.json()) as { id: string; slug: string; team_slug: string };
    expect(created).toMatchObject({ slug: "det", team_slug: slug });
    expect(created.id).toMatch(/^prj_/);

    // Bob is a stranger: 404 for the team's projects and for adding himself.
    expect((await listProjectsRoute(get(bob.token), params({ teamSlug: slug }))).status).toBe(404);
    expect((await addMemberRoute(json({ email: bob.email, role: "owner" }, bob.token), params({ teamSlug: slug }))).status).toBe(404);

    const added = await addMemberRoute(json({ email: bob.email, role: "viewer" }, alice.token), params({ teamSlug: slug }));
    expect(added.status).toBe(201);
    const list = await listProjectsRoute(get(bob.token), params({ teamSlug: slug }));
    expect(((await list.json()) as { projects: { id: string }[] }).projects.map((p) => p.id)).toEqual([created.id]);
    // A viewer reads but cannot write.
    const refused = await createProjectRoute(json({ name: "X", slug: "x" }, bob.token), params({ teamSlug: slug }));
    expect(refused.status).toBe(403);
    const teams = (await (await listTeamsRoute(get(bob.token))).json()) as { teams: { slug: string; role: string }[] };
    expect(teams.teams).toContainEqual(expect.objectContaining({ slug, role: "viewer" }));
  });

  it("reports health and Prometheus metrics", async () => {
    const h = await health();
    expect(h.status).toBe(200);
    expect(await h.json()).toEqual({ status: "ok" });
    const text = await (await prometheus()).text();
    expect(text).toContain("trainyard_api_requests_total");
    expect(text).toContain('route="POST /auth/signup"');
  });
});
