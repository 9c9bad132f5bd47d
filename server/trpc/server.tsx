import "server-only";
import { dehydrate, HydrationBoundary } from "@tanstack/react-query";
import { createTRPCOptionsProxy } from "@trpc/tanstack-react-query";
import { headers } from "next/headers";
import { cache } from "react";
import { makeQueryClient } from "@/components/trpc/query-client";
import { createTrpcContext } from "./init";
import { appRouter } from "./root";

// Server components prefetch through the same router the browser calls, then hand the cache over.
export const getQueryClient = cache(makeQueryClient);

const context = cache(async () => createTrpcContext({ headers: new Headers(await headers()) }));

export const trpc = createTRPCOptionsProxy({ ctx: context, router: appRouter, queryClient: getQueryClient });

/** A direct caller for server components that need data before rendering (redirects, notFound). */
export const serverCaller = cache(async () => appRouter.createCaller(await context()));

export function HydrateClient({ children }: { children: React.ReactNode }) {
  return <HydrationBoundary state={dehydrate(getQueryClient())}>{children}</HydrationBoundary>;
}
