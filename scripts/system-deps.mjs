// Installs what the test suite needs from Debian's packages when it is missing: a Chromium for
// Playwright, the PostgreSQL server binaries, and CPU torch + scikit-learn for the real training
// job the agent tests run. Each is checked first, so a prepared machine installs nothing.
import { existsSync } from "node:fs";
import { spawnSync } from "node:child_process";
import { findPgBin } from "./pg-cluster.mjs";

const needs = [
  { name: "chromium", present: () => ["/usr/bin/chromium", "/usr/bin/chromium-browser"].some((p) => existsSync(p)) },
  { name: "postgresql", present: () => findPgBin() !== null },
  { name: "python3-torch", present: () => debianPythonHas("torch") },
  { name: "python3-sklearn", present: () => debianPythonHas("sklearn") },
];

/** The Debian interpreter that sees python3-* packages (a pyenv python3 on PATH does not). */
export const DEBIAN_PYTHON = "/usr/bin/python3";

function debianPythonHas(module) {
  return existsSync(DEBIAN_PYTHON) && spawnSync(DEBIAN_PYTHON, ["-c", `import ${module}`], { stdio: "ignore" }).status === 0;
}

export function ensureSystemDeps(log = console.log) {
  const missing = needs.filter((n) => !n.present()).map((n) => n.name);
  if (missing.length === 0) return;
  const root = process.getuid?.() === 0;
  const sudo = root ? [] : ["sudo", "-n"];
  if (!root && spawnSync("sudo", ["-n", "true"]).status !== 0) {
    throw new Error(`Missing system packages: ${missing.join(", ")}. Install them with apt-get (needs root).`);
  }
  log(`installing ${missing.join(", ")} from Debian packages…`);
  const env = { ...process.env, DEBIAN_FRONTEND: "noninteractive" };
  const run = (args) => {
    const [cmd, ...rest] = [...sudo, ...args];
    const r = spawnSync(cmd, rest, { stdio: "inherit", env });
    if (r.status !== 0) throw new Error(`${args.join(" ")} failed with ${r.status}`);
  };
  run(["apt-get", "update", "-qq"]);
  run(["apt-get", "install", "-y", "-qq", "--no-install-recommends", ...missing]);
}
