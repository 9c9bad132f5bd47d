import type { Metadata } from "next";
import { getQueryClient, HydrateClient, trpc } from "@/server/trpc/server";
import { TokensClient } from "./client";

export const metadata: Metadata = { title: "API tokens" };

export default async function TokensPage() {
  const queryClient = getQueryClient();
  await Promise.all([
    queryClient.prefetchQuery(trpc.account.tokens.queryOptions()),
    queryClient.prefetchQuery(trpc.account.activity.queryOptions()),
  ]);
  return (
    <HydrateClient>
      <TokensClient />
    </HydrateClient>
  );
}
