// The audit view's state lives in the URL so a page of the log can be shared by link.
export const AUDIT_PAGE_SIZE = 50;

/** `?before=<id>`: show entries older than this id (keyset paging, newest first). */
export function parseBefore(value: string | string[] | null | undefined): number | undefined {
  const raw = Array.isArray(value) ? value[0] : value;
  if (!raw || !/^\d+$/.test(raw)) return undefined;
  const n = Number(raw);
  return Number.isSafeInteger(n) && n > 0 ? n : undefined;
}

export function auditHref(teamSlug: string, before?: number): string {
  return `/teams/${teamSlug}/audit${before ? `?before=${before}` : ""}`;
}
