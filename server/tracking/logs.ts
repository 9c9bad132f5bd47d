import { and, asc, eq, gt } from "drizzle-orm";
import { logBatches, runLogs } from "@/db/schema";
import type { ServiceContext } from "../context";
import { runAccess } from "./access";
import { AppendLogsInput, ListLogsInput, RunRef } from "./schemas";

type Verb<I> = { ctx: ServiceContext; input: I };

/** Appends log lines in the order given; each gets a sequence number that orders the run's log. A batch with an idempotency key is stored once. */
export async function appendLogs({ ctx, input }: Verb<AppendLogsInput>) {
  const { run } = await runAccess(ctx, RunRef.parse(input).runId, "runs:write");
  const data = AppendLogsInput.parse(input);
  if (data.lines.length === 0) return { accepted: 0 };
  const now = Date.now();
  const rows = data.lines.map((l) => ({ projectId: run.projectId, runId: run.id, stream: l.stream, text: l.text, timestamp: l.timestamp ?? now }));
  const key = data.idempotencyKey;
  if (!key) {
    await ctx.db.insert(runLogs).values(rows);
    return { accepted: rows.length };
  }
  return ctx.db.transaction(async (tx) => {
    const fresh = await tx.insert(logBatches).values({ runId: run.id, key }).onConflictDoNothing().returning({ key: logBatches.key });
    if (fresh.length > 0) await tx.insert(runLogs).values(rows);
    return { accepted: rows.length };
  });
}

/** Lines after a sequence number (0 = from the start), for paging and follow mode. */
export async function listLogs({ ctx, input }: Verb<ListLogsInput>) {
  const { run } = await runAccess(ctx, RunRef.parse(input).runId, "team:read");
  const data = ListLogsInput.parse(input);
  const lines = await ctx.db
    .select({ seq: runLogs.seq, stream: runLogs.stream, text: runLogs.text, timestamp: runLogs.timestamp })
    .from(runLogs)
    .where(and(eq(runLogs.runId, run.id), gt(runLogs.seq, data.after)))
    .orderBy(asc(runLogs.seq))
    .limit(data.limit);
  return { lines, nextAfter: lines.length ? lines[lines.length - 1]!.seq : data.after };
}
