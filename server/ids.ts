import { randomBytes } from "node:crypto";

const alphabet = "0123456789abcdefghijklmnopqrstuvwxyz";

/**
 * Prefixed, time-sortable ids (`team_…`, `prj_…`): 9 base-36 chars of milliseconds then 12 random
 * chars, so ids sort by creation time and stay unguessable.
 */
export function createId(prefix: string): string {
  const time = Date.now().toString(36).padStart(9, "0");
  const bytes = randomBytes(12);
  let rand = "";
  for (const b of bytes) rand += alphabet[b % alphabet.length];
  return `${prefix}_${time}${rand}`;
}
