import { z } from "zod";

export const ListTeamAuditInput = z.object({
  teamSlug: z.string().min(1),
  limit: z.number().int().min(1).max(200).default(50),
  /** Return entries older than this id (keyset paging, newest first). */
  before: z.number().int().positive().optional(),
});
export type ListTeamAuditInput = z.input<typeof ListTeamAuditInput>;
