import { afterAll, beforeAll, expect } from "vitest";
import type { DbHandle } from "@/db/client";
import type { Actor } from "@/server/context";
import { handleMlflowArtifacts } from "@/server/http/mlflow/artifacts";
import { handleMlflow } from "@/server/http/mlflow/dispatch";
import { useRuntime, type Runtime } from "@/server/runtime";
import { createToken } from "@/server/tokens/tokens";
import { ctxFor, teamWithRoles, testRuntime } from "./fixtures";

// A client for black-box tests of the MLflow wire format: requests built the way MLflow's Python
// client builds them (JSON bodies with Content-Type, GET queries with repeated keys), sent to the
// real route handlers over one test database per describe block.

export type Json = ReturnType<typeof JSON.parse>;

/** Opens the database before the block's tests and closes it after; call inside a describe. */
export function mlflowHarness(open: () => Promise<DbHandle>) {
  let h: DbHandle;
  let rt: Runtime;
  beforeAll(async () => {
    h = await open();
    rt = testRuntime(h);
    useRuntime(rt);
  });
  afterAll(async () => {
    await h.close();
  });

  const tokenOf = async (a: Actor) => (await createToken({ ctx: ctxFor(h.db, a), input: { name: "mlflow" } })).token;

  /** A client bound to one token, calling /api/2.0/mlflow/<path>. */
  function client(token: string | null, auth: "bearer" | "basic" = "bearer") {
    const headers = (): Record<string, string> =>
      !token ? {} : auth === "bearer" ? { authorization: `Bearer ${token}` } : { authorization: `Basic ${Buffer.from(`me:${token}`).toString("base64")}` };
    const send = async (method: string, path: string, body?: unknown, extra: Record<string, string> = {}) => {
      let url = `http://localhost/api/2.0/mlflow/${path}`;
      const init: RequestInit = { method, headers: { ...headers(), ...extra } };
      if (method === "GET" && body) {
        const q = new URLSearchParams();
        for (const [k, v] of Object.entries(body as Record<string, unknown>)) {
          for (const item of Array.isArray(v) ? v : [v]) q.append(k, String(item));
        }
        url += `?${q}`;
      } else if (body !== undefined) {
        init.body = typeof body === "string" ? body : JSON.stringify(body);
        init.headers = { "content-type": "application/json", ...(init.headers as Record<string, string>) };
      }
      const res = await handleMlflow(new Request(url, init), { params: Promise.resolve({ path: path.split("/") }) });
      const text = await res.text();
      return { status: res.status, body: (text ? JSON.parse(text) : {}) as Json, text };
    };
    const ok = async (method: string, path: string, body?: unknown) => {
      const r = await send(method, path, body);
      expect(r.status, `${method} ${path}: ${r.text}`).toBe(200);
      return r.body;
    };
    const fails = async (method: string, path: string, body: unknown, status: number, code: string) => {
      const r = await send(method, path, body);
      expect(r.status, `${method} ${path}: ${r.text}`).toBe(status);
      expect(r.body.error_code).toBe(code);
      expect(typeof r.body.message).toBe("string");
      return r.body.message as string;
    };
    return { send, ok, fails };
  }

  async function artifacts(token: string, method: string, path: string, body?: string, query = "") {
    const init: RequestInit = { method, headers: { authorization: `Bearer ${token}` } };
    if (body !== undefined) init.body = body;
    const res = await handleMlflowArtifacts(new Request(`http://localhost/api/2.0/mlflow-artifacts/artifacts/${path}${query}`, init), {
      params: Promise.resolve({ path: path ? path.split("/") : undefined }),
    });
    return { status: res.status, text: await res.text() };
  }

  async function userWithTeam() {
    const t = await teamWithRoles(h.db, ["member", "viewer"]);
    return { ...t, token: await tokenOf(t.members[0]!), viewerToken: await tokenOf(t.members[1]!), ownerToken: await tokenOf(t.owner) };
  }

  return { db: () => h.db, tokenOf, client, artifacts, userWithTeam };
}
