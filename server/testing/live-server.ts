import { type ChildProcess, spawn } from "node:child_process";
import { existsSync } from "node:fs";
import net from "node:net";
import path from "node:path";
import { expect } from "vitest";

// Real processes for the tests that need them: the production server (scripts/serve.mjs on a data
// folder), agents, training scripts. Each child runs in its own process group so that a test can
// SIGKILL it with everything it started.

export const ROOT = path.resolve(import.meta.dirname, "../..");
const SERVE = path.join(ROOT, "scripts/serve.mjs");
const POLL_MS = 100;

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.once("error", reject);
    s.listen(0, "127.0.0.1", () => {
      const { port } = s.address() as net.AddressInfo;
      s.close(() => resolve(port));
    });
  });
}

function portOpen(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ port, host: "127.0.0.1" });
    socket.once("connect", () => {
      socket.destroy();
      resolve(true);
    });
    socket.once("error", () => resolve(false));
  });
}

export interface Child {
  child: ChildProcess;
  output: () => string;
  exited: Promise<number | null>;
}

const children = new Set<ChildProcess>();

/** Starts a child in its own process group, keeping the tail of its output for failure messages. */
export function startProcess(cmd: string, args: string[], env: NodeJS.ProcessEnv, cwd = ROOT): Child {
  const child = spawn(cmd, args, { cwd, env, detached: true, stdio: ["ignore", "pipe", "pipe"] });
  children.add(child);
  let out = "";
  const keep = (b: Buffer) => {
    out = (out + b.toString()).slice(-20_000);
  };
  child.stdout!.on("data", keep);
  child.stderr!.on("data", keep);
  const exited = new Promise<number | null>((resolve) => {
    if (child.exitCode !== null) resolve(child.exitCode);
    child.once("exit", (code) => {
      children.delete(child);
      resolve(code);
    });
  });
  return { child, output: () => out, exited };
}

export function killGroup(child: ChildProcess, signal: NodeJS.Signals = "SIGKILL") {
  try {
    process.kill(-child.pid!, signal);
  } catch {
    // already gone
  }
}

export async function killAll() {
  for (const child of [...children]) killGroup(child);
  await sleep(POLL_MS);
}

/** Polls until check() is truthy; fails with what() after timeoutMs. */
export async function waitFor<T>(check: () => Promise<T> | T, timeoutMs: number, what: () => string): Promise<NonNullable<T>> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value) return value as NonNullable<T>;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms: ${what()}`);
    await sleep(POLL_MS);
  }
}

/** The production server on a port and data folder; stop() kills it and waits until the port is free. */
export class LiveServer {
  proc: Child | undefined;
  constructor(
    readonly port: number,
    readonly dataDir: string,
    readonly env: Record<string, string | undefined> = {},
  ) {}

  get url() {
    return `http://127.0.0.1:${this.port}`;
  }

  async start() {
    if (!existsSync(path.join(ROOT, ".next/BUILD_ID"))) {
      throw new Error("No production build (.next/BUILD_ID): run `npx next build` before this test");
    }
    const env: NodeJS.ProcessEnv = { ...process.env, TRAINYARD_DATA_DIR: this.dataDir, LOG_LEVEL: "warn", ...this.env, NODE_ENV: "production" };
    delete env.DATABASE_URL; // the embedded default
    const s = startProcess(process.execPath, [SERVE, "-p", String(this.port), "-H", "127.0.0.1"], env);
    let dead = false;
    void s.exited.then(() => (dead = true));
    this.proc = s;
    await waitFor(
      async () => {
        if (dead) throw new Error(`the server exited while starting:\n${s.output()}`);
        return fetch(`${this.url}/api/health`)
          .then((r) => r.status === 200)
          .catch(() => false);
      },
      60_000,
      () => `the server did not answer /api/health:\n${s.output()}`,
    );
    return this;
  }

  async stop() {
    const s = this.proc;
    if (!s) return;
    this.proc = undefined;
    killGroup(s.child);
    await s.exited;
    await waitFor(async () => !(await portOpen(this.port)), 10_000, () => `port ${this.port} still open after the server was killed`);
  }

  /** A JSON call to REST v1 that must answer `expected`. */
  async api<T>(method: string, p: string, token?: string, body?: unknown, expected = 200): Promise<T> {
    const res = await fetch(`${this.url}/api/v1${p}`, {
      method,
      headers: { "content-type": "application/json", ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    expect(res.status, `${method} ${p} -> ${res.status} ${text}`).toBe(expected);
    return JSON.parse(text) as T;
  }

  /** Signs up a user, takes a token, and creates a team and a project. */
  async userWithProject(slug: string) {
    const email = `${slug}-${Date.now()}@example.test`;
    await this.api("POST", "/auth/signup", undefined, { email, password: "password1", name: slug }, 201);
    const { token } = await this.api<{ token: string }>("POST", "/auth/token", undefined, { email, password: "password1", name: slug }, 201);
    await this.api("POST", "/teams", token, { name: slug, slug: `${slug}-team` }, 201);
    const { id: projectId } = await this.api<{ id: string }>("POST", `/teams/${slug}-team/projects`, token, { name: slug, slug }, 201);
    return { token, teamSlug: `${slug}-team`, projectId };
  }
}
