import type { Metadata } from "next";
import { getQueryClient, HydrateClient, trpc } from "@/server/trpc/server";
import { TeamOverviewClient } from "./client";
import { loadTeam } from "./load-team";

type Props = { params: Promise<{ teamSlug: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const team = await loadTeam((await params).teamSlug);
  return { title: team.name };
}

export default async function TeamOverviewPage({ params }: Props) {
  const { teamSlug } = await params;
  await loadTeam(teamSlug);
  await getQueryClient().prefetchQuery(trpc.projects.list.queryOptions({ teamSlug }));
  return (
    <HydrateClient>
      <TeamOverviewClient teamSlug={teamSlug} />
    </HydrateClient>
  );
}
