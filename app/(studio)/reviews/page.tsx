import type { Metadata } from "next";
import { getQueryClient, HydrateClient, trpc } from "@/server/trpc/server";
import { ReviewsClient } from "./client";

export const metadata: Metadata = { title: "Reviews" };

export default async function ReviewsPage() {
  await getQueryClient().prefetchQuery(trpc.registry.reviewQueue.queryOptions());
  return (
    <HydrateClient>
      <ReviewsClient />
    </HydrateClient>
  );
}
