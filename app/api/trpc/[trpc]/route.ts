import { trpcHandler } from "@/server/trpc/fetch-handler";

export const GET = trpcHandler;
export const POST = trpcHandler;
