import type { Metadata } from "next";
import { getQueryClient, HydrateClient, trpc } from "@/server/trpc/server";
import { loadTeam } from "../load-team";
import { ComputeClient } from "./client";

export const metadata: Metadata = { title: "Compute" };

export default async function ComputePage({ params }: { params: Promise<{ teamSlug: string }> }) {
  const { teamSlug } = await params;
  await loadTeam(teamSlug);
  await getQueryClient().prefetchQuery(trpc.compute.list.queryOptions({ teamSlug }));
  return (
    <HydrateClient>
      <ComputeClient teamSlug={teamSlug} />
    </HydrateClient>
  );
}
