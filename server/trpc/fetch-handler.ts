import { fetchRequestHandler } from "@trpc/server/adapters/fetch";
import { createTrpcContext } from "./init";
import { appRouter } from "./root";

export function trpcHandler(request: Request) {
  return fetchRequestHandler({
    endpoint: "/api/trpc",
    req: request,
    router: appRouter,
    createContext: () => createTrpcContext({ headers: request.headers }),
  });
}
