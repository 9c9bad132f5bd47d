import type { Metadata } from "next";
import { getQueryClient, HydrateClient, trpc } from "@/server/trpc/server";
import { InviteClient } from "./client";

export const metadata: Metadata = { title: "Team invite" };

// Outside (studio) on purpose: the people opening an invite link usually have no account yet.
export default async function InvitePage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  const queryClient = getQueryClient();
  await Promise.all([
    // A bad link is an expected answer here, not a hiccup worth retrying.
    queryClient.prefetchQuery(trpc.teams.previewInvite.queryOptions({ token }, { retry: false })),
    queryClient.prefetchQuery(trpc.account.me.queryOptions()),
  ]);
  return (
    <HydrateClient>
      <InviteClient token={token} />
    </HydrateClient>
  );
}
