import { appendLogs, listLogs } from "../../tracking/logs";
import { AcceptedBody, LogsBody, LogsPage, LogsQuery, RunIdParams } from "../contracts/tracking";
import { restRoute } from "../route";

export const appendLogsRoute = restRoute({
  name: "POST /runs/{runId}/logs",
  auth: "required",
  params: RunIdParams,
  body: LogsBody,
  bodyLimit: 8 * 1024 * 1024,
  response: AcceptedBody,
  handler: ({ ctx, params, body, request }) =>
    appendLogs({
      ctx,
      input: { ...params, lines: body.lines, idempotencyKey: body.idempotency_key ?? request.headers.get("idempotency-key") ?? undefined },
    }),
});

export const listLogsRoute = restRoute({
  name: "GET /runs/{runId}/logs",
  auth: "required",
  params: RunIdParams,
  query: LogsQuery,
  response: LogsPage,
  handler: async ({ ctx, params, query }) => {
    const page = await listLogs({ ctx, input: { ...params, after: query.after, limit: query.limit } });
    return { lines: page.lines, next_after: page.nextAfter };
  },
});
