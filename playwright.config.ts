import { existsSync } from "node:fs";
import { defineConfig, devices } from "@playwright/test";

// Playwright cannot download its own browser here: use the system Chromium when there is one.
const systemChromium = ["/usr/bin/chromium", "/usr/bin/chromium-browser"].find((p) => existsSync(p));
const launchOptions = {
  executablePath: process.env.PLAYWRIGHT_CHROMIUM_PATH ?? systemChromium,
  args: [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-dev-shm-usage",
  ],
};

const pglitePort = Number(process.env.E2E_PGLITE_PORT ?? 3310);
const postgresPort = Number(process.env.E2E_POSTGRES_PORT ?? 3311);
// The Postgres project runs when the test harness has started a server (scripts/test.mjs).
const postgresUrl = process.env.TEST_DATABASE_URL;

const server = (port: number, databaseUrl?: string) => ({
  command: `node scripts/e2e-server.mjs`,
  url: `http://127.0.0.1:${port}/api/health`,
  reuseExistingServer: false,
  timeout: 120_000,
  stdout: "ignore" as const,
  stderr: "pipe" as const,
  env: { PORT: String(port), ...(databaseUrl ? { DATABASE_URL: databaseUrl } : {}) },
});

export default defineConfig({
  testDir: "./e2e",
  fullyParallel: false,
  workers: 1,
  retries: 0,
  timeout: 60_000,
  expect: { timeout: 15_000 },
  reporter: process.env.CI ? [["list"], ["json", { outputFile: "test-results/e2e.json" }]] : "list",
  use: { trace: "retain-on-failure", ...devices["Desktop Chrome"], launchOptions },
  projects: [
    { name: "pglite", use: { baseURL: `http://127.0.0.1:${pglitePort}` } },
    ...(postgresUrl ? [{ name: "postgres", use: { baseURL: `http://127.0.0.1:${postgresPort}` } }] : []),
  ],
  webServer: [server(pglitePort), ...(postgresUrl ? [server(postgresPort, postgresUrl)] : [])],
});
