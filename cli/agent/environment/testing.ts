import { execFileSync } from "node:child_process";
import { createHash } from "node:crypto";
import { chmodSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import type { EnvironmentSpec } from "../../../server/http/contracts/environments";
import type { ClaimedJob } from "../agent-api";

// Helpers for the environment tests: fake tools on a PATH, a job with a spec, and a wheel made by hand.

/** Writes executable shell scripts into `dir` and returns it. */
export function fakeBin(dir: string, scripts: Record<string, string>): string {
  mkdirSync(dir, { recursive: true });
  for (const [name, body] of Object.entries(scripts)) {
    const file = path.join(dir, name);
    writeFileSync(file, `#!/bin/sh\n${body}\n`);
    chmodSync(file, 0o755);
  }
  return dir;
}

let digests = 0;

/** A claimed job whose environment is `spec`, with a digest unique to this process unless given. */
export function jobWith(spec: EnvironmentSpec | null, more: Partial<ClaimedJob> & { digest?: string } = {}): ClaimedJob {
  const { digest, ...rest } = more;
  const unique = digest ?? createHash("sha256").update(`${process.pid}-${Date.now()}-${digests++}-${JSON.stringify(spec)}`).digest("hex");
  return {
    id: `job_${digests}`,
    run_id: "run_1",
    attempt: 1,
    command: "true",
    code: { kind: "none" },
    environment: spec ? { name: "test-env", version: 1, digest: unique, spec } : null,
    params: {},
    gpus: [],
    run_token: "ty_run",
    ...rest,
  };
}

// Python's zipfile writes the archive; the wheel's contents are spelled out here.
const WHEEL_SCRIPT = `
import base64, hashlib, json, sys, zipfile
out, files = sys.argv[1], json.loads(sys.argv[2])
name = [n for n in files if n.endswith(".dist-info/METADATA")][0].rsplit("/", 1)[0]
record = []
for path, text in files.items():
    data = text.encode()
    digest = base64.urlsafe_b64encode(hashlib.sha256(data).digest()).rstrip(b"=").decode()
    record.append(f"{path},sha256={digest},{len(data)}")
record.append(f"{name}/RECORD,,")
files[f"{name}/RECORD"] = "\\n".join(record) + "\\n"
with zipfile.ZipFile(out, "w") as z:
    for path, text in files.items():
        z.writestr(zipfile.ZipInfo(path, (2020, 1, 1, 0, 0, 0)), text)
`;

/** Builds `<name>-<version>-py3-none-any.whl` (one module printing its version) in `dir`; returns its path and sha256. */
export function makeWheel(dir: string, name: string, version: string): { file: string; sha256: string } {
  mkdirSync(dir, { recursive: true });
  const info = `${name}-${version}.dist-info`;
  const files = {
    [`${name}/__init__.py`]: `VERSION = ${JSON.stringify(version)}\n`,
    [`${info}/METADATA`]: `Metadata-Version: 2.1\nName: ${name}\nVersion: ${version}\n`,
    [`${info}/WHEEL`]: "Wheel-Version: 1.0\nGenerator: trainyard-test\nRoot-Is-Purelib: true\nTag: py3-none-any\n",
  };
  const file = path.join(dir, `${name}-${version}-py3-none-any.whl`);
  execFileSync("python3", ["-c", WHEEL_SCRIPT, file, JSON.stringify(files)]);
  return { file, sha256: createHash("sha256").update(readFileSync(file)).digest("hex") };
}
