// Result limits and page tokens of MLflow's searches.
import { validation } from "../errors";
import type { SearchEntity } from "./search-entities";

export const searchLimits: Record<SearchEntity, { default: number; max: number }> = {
  runs: { default: 1000, max: 50_000 },
  experiments: { default: 1000, max: 50_000 },
  registered_models: { default: 100, max: 1000 },
  model_versions: { default: 10_000, max: 200_000 },
};

export function validateMaxResults(entity: SearchEntity, maxResults: number): void {
  const { max } = searchLimits[entity];
  if (!Number.isInteger(maxResults) || maxResults < 1) {
    throw validation(`Invalid value ${maxResults} for parameter 'max_results' supplied. It must be a positive integer`);
  }
  if (maxResults > max) {
    throw validation(`Invalid value ${maxResults} for parameter 'max_results' supplied. It must be at most ${max}`);
  }
}

// Page tokens: base64 of JSON {"offset": n}, byte for byte what MLflow's create_page_token writes.

export function createPageToken(offset: number): string {
  return Buffer.from(JSON.stringify({ offset }).replace(":", ": "), "utf8").toString("base64");
}

/** The offset a page token stands for; no token is offset 0. A malformed token is a VALIDATION error. */
export function parsePageToken(token: string | undefined | null): number {
  if (!token) return 0;
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(token) || token.length % 4 !== 0) {
    throw validation("Invalid page token, could not base64-decode");
  }
  const decoded = Buffer.from(token, "base64").toString("utf8");
  let parsed: unknown;
  try {
    parsed = JSON.parse(decoded);
  } catch {
    throw validation(`Invalid page token, decoded value=${decoded}`);
  }
  const offset = parsed && typeof parsed === "object" ? (parsed as { offset?: unknown }).offset : undefined;
  if (!offset) throw validation(`Invalid page token, parsed value=${decoded}`);
  const n = typeof offset === "string" && /^\d+$/.test(offset.trim()) ? Number(offset) : offset;
  if (typeof n !== "number" || !Number.isSafeInteger(n) || n < 1) {
    throw validation(`Invalid page token, not stringable ${JSON.stringify(offset)}`);
  }
  return n;
}
