import { createHash } from "node:crypto";
import { parse as parseYaml, stringify as stringifyYaml, YAMLParseError } from "yaml";
import { z } from "zod";
import { validation } from "../errors";
import { EnvironmentSpec } from "./spec-schema";

// One spec, one digest: the same environment written with other key order, whitespace, package
// name spelling (Torch_Vision vs torchvision) or package order hashes the same.

/** PEP 503 normalised project name. */
export const normalizeName = (name: string) => name.toLowerCase().replace(/[-_.]+/g, "-");

const REQ = /^([A-Za-z0-9][A-Za-z0-9._-]*)(\[[^\]]*\])?\s*(.*)$/;

function normalizeRequirement(req: string): { name: string; text: string } {
  const m = REQ.exec(req.trim());
  if (!m) return { name: req.trim(), text: req.trim() };
  const name = normalizeName(m[1]!);
  const extras = m[2]
    ? `[${m[2]
        .slice(1, -1)
        .split(",")
        .map((e) => normalizeName(e.trim()))
        .filter(Boolean)
        .sort()
        .join(",")}]`
    : "";
  const spec = m[3]!
    .split(",")
    .map((s) => s.replace(/\s+/g, ""))
    .filter(Boolean)
    .sort()
    .join(",");
  return { name, text: `${name}${extras}${spec}` };
}

/** A pip requirements file as sorted requirement lines, each with its sorted --hash options. */
function normalizeLockfile(text: string): string {
  const joined = text.replace(/\\\r?\n/g, " ");
  const entries: { name: string; text: string }[] = [];
  for (const raw of joined.split(/\r?\n/)) {
    const line = raw.replace(/(^|\s)#.*$/, "").trim();
    if (!line) continue;
    const tokens = line.split(/\s+/);
    const hashes: string[] = [];
    const rest: string[] = [];
    for (let i = 0; i < tokens.length; i++) {
      const t = tokens[i]!;
      if (t === "--hash") hashes.push(`--hash=${tokens[++i] ?? ""}`);
      else if (t.startsWith("--hash=")) hashes.push(t);
      else rest.push(t);
    }
    if (rest[0]?.startsWith("-")) {
      entries.push({ name: `~${rest.join(" ")}`, text: [...rest, ...hashes.sort()].join(" ") });
      continue;
    }
    const req = normalizeRequirement(rest.join(""));
    entries.push({ name: req.name, text: [req.text, ...hashes.sort()].join(" ") });
  }
  return entries
    .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))
    .map((e) => e.text)
    .join("\n");
}

/** The canonical form: normalised values, empty and default fields dropped, keys in a fixed order. */
export function canonicalize(spec: EnvironmentSpec): EnvironmentSpec {
  const out: EnvironmentSpec = {};
  if (spec.python) out.python = spec.python;
  if (spec.packages?.length) {
    const byName = new Map(spec.packages.map((p) => normalizeRequirement(p)).map((r) => [r.text, r]));
    out.packages = [...byName.values()].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : a.text < b.text ? -1 : 1)).map((r) => r.text);
  }
  if (spec.lockfile?.trim()) out.lockfile = normalizeLockfile(spec.lockfile);
  if (spec.image) out.image = spec.image;
  if (spec.env && Object.keys(spec.env).length) out.env = Object.fromEntries(Object.entries(spec.env).sort(([a], [b]) => (a < b ? -1 : 1)));
  if (spec.setup?.length) out.setup = spec.setup.map((s) => s.trim());
  if (spec.system_site_packages) out.system_site_packages = true;
  if (spec.cuda) out.cuda = spec.cuda;
  return out;
}

export function digestOf(canonical: EnvironmentSpec): string {
  return createHash("sha256").update(JSON.stringify(canonical)).digest("hex");
}

/** One requirement with exactly one version: `name==1.2.3` or `name===1.2.3`, no wildcard or range. */
const EXACT_PIN = /^[a-z0-9-]+(\[[^\]]*\])?===?[^,*<>=!~]+$/;

/** What keeps a spec from being exactly reproducible; empty means pinned. */
export function unpinnedItems(canonical: EnvironmentSpec): string[] {
  const problems: string[] = [];
  for (const p of canonical.packages ?? []) {
    if (!EXACT_PIN.test(p)) problems.push(`package ${p} is not pinned to one version (name==version)`);
  }
  for (const line of (canonical.lockfile ?? "").split("\n").filter(Boolean)) {
    if (line.startsWith("-")) continue;
    const req = line.split(" ")[0]!;
    if (!line.includes("--hash=")) problems.push(`lockfile requirement ${req} has no --hash`);
    else if (!EXACT_PIN.test(req)) problems.push(`lockfile requirement ${req} is not pinned to one version`);
  }
  if (canonical.image && !/@sha256:[0-9a-f]{64}$/.test(canonical.image)) problems.push(`image ${canonical.image} has no @sha256: digest`);
  return problems;
}

/** Parses spec text (YAML, or JSON which is YAML) or an object, and validates it. */
export function parseSpec(input: unknown): EnvironmentSpec {
  let value = input;
  if (typeof input === "string") {
    try {
      value = parseYaml(input) ?? {};
    } catch (error) {
      const where = error instanceof YAMLParseError && error.linePos ? ` at line ${error.linePos[0].line}` : "";
      throw validation(`The spec is not valid YAML${where}: ${error instanceof Error ? error.message.split("\n")[0] : String(error)}`);
    }
  }
  const parsed = EnvironmentSpec.safeParse(value);
  if (!parsed.success) throw validation(`Invalid environment spec: ${z.prettifyError(parsed.error)}`, z.flattenError(parsed.error));
  return parsed.data;
}

/** The canonical spec as YAML, for the editor, history and diffs. */
export const specToYaml = (canonical: EnvironmentSpec) => stringifyYaml(canonical, { lineWidth: 0 });
