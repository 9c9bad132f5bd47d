import type { Metadata } from "next";
import { can } from "@/server/auth/permissions";
import { getQueryClient, HydrateClient, trpc } from "@/server/trpc/server";
import { loadTeam } from "../load-team";
import { MembersClient } from "./client";

export const metadata: Metadata = { title: "Members" };

export default async function MembersPage({ params }: { params: Promise<{ teamSlug: string }> }) {
  const { teamSlug } = await params;
  const team = await loadTeam(teamSlug);
  const queryClient = getQueryClient();
  await Promise.all([
    queryClient.prefetchQuery(trpc.account.me.queryOptions()),
    queryClient.prefetchQuery(trpc.teams.members.queryOptions({ teamSlug })),
    // Open invites are for those who manage members; others would only get FORBIDDEN.
    can(team.role, "members:manage") ? queryClient.prefetchQuery(trpc.teams.invites.queryOptions({ teamSlug })) : null,
  ]);
  return (
    <HydrateClient>
      <MembersClient teamSlug={teamSlug} />
    </HydrateClient>
  );
}
