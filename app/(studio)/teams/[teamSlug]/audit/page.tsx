import type { Metadata } from "next";
import { can } from "@/server/auth/permissions";
import { getQueryClient, HydrateClient, trpc } from "@/server/trpc/server";
import { loadTeam } from "../load-team";
import { AuditClient } from "./client";
import { AUDIT_PAGE_SIZE, parseBefore } from "./search-params";

export const metadata: Metadata = { title: "Audit log" };

export default async function AuditPage({
  params,
  searchParams,
}: {
  params: Promise<{ teamSlug: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const { teamSlug } = await params;
  const before = parseBefore((await searchParams).before);
  const team = await loadTeam(teamSlug);
  // Roles without audit:read get FORBIDDEN from the client's own query, which shows why.
  if (can(team.role, "audit:read")) {
    await getQueryClient().prefetchQuery(trpc.teams.audit.queryOptions({ teamSlug, limit: AUDIT_PAGE_SIZE, before }));
  }
  return (
    <HydrateClient>
      <AuditClient teamSlug={teamSlug} />
    </HydrateClient>
  );
}
