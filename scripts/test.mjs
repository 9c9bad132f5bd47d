// The whole test suite, as CI runs it: system packages → typecheck and lint → unit and integration
// tests (PGlite and a temporary PostgreSQL cluster) → one production build → Playwright e2e against
// it on both databases. Expensive set-up happens once per run. Ends with "N passed, M failed".
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, rmSync } from "node:fs";
import { startCluster } from "./pg-cluster.mjs";
import { slurmTestEnv, startSlurmCluster } from "./slurm-cluster.mjs";
import { ensureSystemDeps } from "./system-deps.mjs";

const started = Date.now();
const log = (msg) => console.log(`\n▶ ${msg} (${Math.round((Date.now() - started) / 1000)} s)`);
const totals = { passed: 0, failed: 0 };
let failedStep = null;

function step(name, cmd, args, env = {}) {
  if (failedStep) return false;
  log(name);
  const r = spawnSync(cmd, args, { stdio: "inherit", env: { ...process.env, ...env } });
  if (r.status !== 0) failedStep = `${name} (exit ${r.status ?? r.signal})`;
  return r.status === 0;
}

function count(file, read) {
  if (!existsSync(file)) return;
  const { passed, failed } = read(JSON.parse(readFileSync(file, "utf8")));
  totals.passed += passed;
  totals.failed += failed;
}

const npx = (args, env) => ["npx", ["--no-install", ...args], env];
rmSync("test-results", { recursive: true, force: true });
mkdirSync("test-results", { recursive: true });

log("system packages");
ensureSystemDeps();
const cluster = await startCluster();
console.log(`PostgreSQL test server at ${cluster.url}`);
// A Slurm cluster that cannot start fails the run here, loudly: its tests are never skipped.
const slurm = await startSlurmCluster().catch((error) => {
  cluster.stop();
  throw error;
});
const dbEnv = { TEST_DATABASE_URL: cluster.url, ...slurmTestEnv(slurm) };
try {
  step("typecheck", ...npx(["tsc", "--noEmit"]));
  step("lint", ...npx(["eslint", "."]));
  // Built once, before the tests: the SDK test and the e2e run against this production build.
  step("production build", ...npx(["next", "build"]));
  step("CLI bundle", "npm", ["run", "--silent", "build:cli"]);
  step(
    "unit and integration tests",
    ...npx(["vitest", "run", "--reporter=default", "--reporter=json", "--outputFile=test-results/vitest.json"], dbEnv),
  );
  count("test-results/vitest.json", (r) => ({ passed: r.numPassedTests, failed: r.numFailedTests }));
  step("end-to-end tests (Chromium, PGlite and PostgreSQL)", ...npx(["playwright", "test"], { ...dbEnv, CI: "1" }));
  count("test-results/e2e.json", (r) => ({ passed: r.stats.expected + r.stats.flaky, failed: r.stats.unexpected }));
} finally {
  cluster.stop();
  await slurm.stop();
}

log(failedStep ? `FAILED at: ${failedStep}` : "all steps passed");
console.log(`${totals.passed} passed, ${totals.failed + (failedStep && totals.failed === 0 ? 1 : 0)} failed`);
process.exit(failedStep ? 1 : 0);
