import { defaultShouldDehydrateQuery, QueryClient } from "@tanstack/react-query";
import superjson from "superjson";

export function makeQueryClient() {
  return new QueryClient({
    defaultOptions: {
      queries: { staleTime: 30_000, retry: (count, error) => count < 2 && !isClientError(error) },
      dehydrate: {
        serializeData: superjson.serialize,
        shouldDehydrateQuery: (query) => defaultShouldDehydrateQuery(query) || query.state.status === "pending",
      },
      hydrate: { deserializeData: superjson.deserialize },
    },
  });
}

// A 4xx will not change on retry. In the browser a tRPC error carries its HTTP status; in a server
// prefetch it is the TRPCError itself, with only its code.
const clientErrorCodes = new Set(["BAD_REQUEST", "UNAUTHORIZED", "FORBIDDEN", "NOT_FOUND", "CONFLICT", "PRECONDITION_FAILED", "UNPROCESSABLE_CONTENT", "PAYLOAD_TOO_LARGE"]);

function isClientError(error: unknown): boolean {
  const e = error as { data?: { httpStatus?: number }; code?: string } | null;
  const status = e?.data?.httpStatus;
  if (typeof status === "number") return status >= 400 && status < 500;
  return typeof e?.code === "string" && clientErrorCodes.has(e.code);
}
