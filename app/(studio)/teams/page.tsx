import type { Metadata } from "next";
import { getQueryClient, HydrateClient, trpc } from "@/server/trpc/server";
import { TeamsClient } from "./client";

export const metadata: Metadata = { title: "Teams" };

export default async function TeamsPage() {
  await getQueryClient().prefetchQuery(trpc.teams.list.queryOptions());
  return (
    <HydrateClient>
      <TeamsClient />
    </HydrateClient>
  );
}
