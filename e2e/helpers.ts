import { type ChildProcess, spawn } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { type APIRequestContext, type Browser, expect, type Locator, type Page, test } from "@playwright/test";

export interface TestUser {
  name: string;
  email: string;
  password: string;
}

/** A user unique to this run, so specs never collide with data left by an earlier run. */
export function uniqueUser(name: string, run: string): TestUser {
  return { name, email: `${name.toLowerCase()}.${run}@example.test`, password: `pw-${run}-${name}` };
}

/** Clicks a link and waits until the page is at `url`. */
export async function clickLink(page: Page, link: Locator, url: RegExp) {
  await link.click();
  await expect(page).toHaveURL(url);
}

/** Fills the sign-up form on the current page (already at /sign-up, with or without an invite). */
export async function fillSignUp(page: Page, user: TestUser) {
  await expect(page.getByRole("heading", { name: "Create your account" })).toBeVisible();
  await page.getByLabel("Name").fill(user.name);
  await page.getByLabel("Email").fill(user.email);
  await page.getByLabel("Password").fill(user.password);
  await page.getByRole("button", { name: "Sign up" }).click();
  await expect(page).toHaveURL(/\/projects$/);
}

export async function signUp(page: Page, user: TestUser) {
  await page.goto("/sign-up");
  await fillSignUp(page, user);
}

/** A fresh browser context (its own cookies) for a second person in the same test. */
export async function newPerson(browser: Browser): Promise<Page> {
  const context = await browser.newContext({ baseURL: test.info().project.use.baseURL });
  return context.newPage();
}

/** projects.get over the browser's own tRPC endpoint, with the page's session cookie. */
export async function trpcProjectGetStatus(page: Page, projectId: string): Promise<number> {
  const input = encodeURIComponent(JSON.stringify({ json: { projectId } }));
  const response = await page.request.get(`/api/trpc/projects.get?input=${input}`);
  return response.status();
}

/** A JSON POST over REST that must succeed (2xx), with a bearer token when given. */
export async function postJson(api: APIRequestContext, url: string, token: string | null, data: unknown) {
  const response = await api.post(url, { data, headers: token ? { authorization: `Bearer ${token}` } : {} });
  expect(response.status(), `${url}: ${await response.text()}`).toBeLessThan(300);
  return response.json();
}

/**
 * Signs a new user up over REST in the page's own context (the session cookie lands there, so the
 * page is signed in) and makes an API token over the session: one request to the rate-limited
 * auth endpoints instead of three.
 */
export async function signUpWithToken(page: Page, user: TestUser): Promise<string> {
  await postJson(page.request, "/api/v1/auth/signup", null, { email: user.email, password: user.password, name: user.name });
  const response = await page.request.post("/api/trpc/account.createToken", { data: { json: { name: "e2e" } } });
  expect(response.status(), await response.text()).toBe(200);
  return ((await response.json()) as { result: { data: { json: { token: string } } } }).result.data.json.token;
}

export async function signIn(page: Page, user: TestUser) {
  await page.goto("/sign-in");
  await page.getByLabel("Email").fill(user.email);
  await page.getByLabel("Password").fill(user.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL(/\/projects$/);
}

const ROOT = path.resolve(import.meta.dirname, "..");

/**
 * Starts the real agent (`trainyard agent`) in its own process group, with the stand-in nvidia-smi
 * reporting `gpus` GPUs; `output()` keeps the tail of what it printed.
 */
export function startAgent(server: string, token: string, gpus: number, extraArgs: string[] = []) {
  const child = spawn(
    process.execPath,
    [path.join(ROOT, "cli/bin/trainyard.mjs"), "agent", "--server", server, "--token", token, "--work-dir", mkdtempSync(path.join(tmpdir(), "e2e-agent-")), ...extraArgs],
    {
      cwd: ROOT,
      detached: true,
      stdio: ["ignore", "pipe", "pipe"],
      env: { ...process.env, PATH: `${path.join(ROOT, "server/testing/bin")}:${process.env.PATH}`, TRAINYARD_FAKE_GPUS: String(gpus) },
    },
  );
  let output = "";
  const keep = (b: Buffer) => {
    output = (output + b.toString()).slice(-10_000);
  };
  child.stdout!.on("data", keep);
  child.stderr!.on("data", keep);
  return { child, output: () => output };
}

export function killAgent(agent: { child: ChildProcess } | undefined) {
  if (!agent?.child.pid) return;
  try {
    process.kill(-agent.child.pid, "SIGKILL");
  } catch {
    // already gone
  }
}
