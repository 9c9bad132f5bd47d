/** "2 of 3 passed"; "No checks" when the alias's policy has none. */
export function checkSummary(checks: readonly { passed: boolean }[]): string {
  if (checks.length === 0) return "No checks";
  return `${checks.filter((c) => c.passed).length} of ${checks.length} passed`;
}

/** "1 of 2" approvals; a policy asking for none says so. */
export function approvalsText(approvals: number, required: number): string {
  if (required === 0) return "None required";
  return `${approvals} of ${required}`;
}

/** How long a request has waited, compactly: "just now", "5m", "3h", "2d". */
export function ageText(from: Date | string, now: number): string {
  const ms = now - new Date(from).getTime();
  if (!Number.isFinite(ms) || ms < 60_000) return "just now";
  const minutes = Math.floor(ms / 60_000);
  if (minutes < 60) return `${minutes}m`;
  const hours = Math.floor(minutes / 60);
  if (hours < 48) return `${hours}h`;
  return `${Math.floor(hours / 24)}d`;
}

/** A version as people say it: "v3". */
export const versionLabel = (version: number | null | undefined) => (version === null || version === undefined ? "none" : `v${version}`);
