import { and, eq } from "drizzle-orm";
import { codeSnapshots, jobs } from "@/db/schema";
import type { ServiceContext } from "../context";
import { notFound } from "../errors";
import { createId } from "../ids";
import type { BlobStore } from "../storage/blob-store";
import { storeUpload } from "../storage/store-upload";
import { projectAccess } from "../teams/access";
import { runAccess } from "../tracking/access";

/** Stores a folder the CLI packed (gzip tarball) for jobs of this project to run. */
export async function uploadSnapshot({
  ctx,
  input,
  body,
  blobs,
  maxBytes,
}: {
  ctx: ServiceContext;
  input: { projectId: string };
  body: AsyncIterable<Uint8Array>;
  blobs: BlobStore;
  maxBytes: number;
}) {
  const { project, actor } = await projectAccess(ctx, input.projectId, "runs:write");
  const { sha256, size } = await storeUpload(blobs, body, maxBytes, "Code snapshot");
  const [row] = await ctx.db
    .insert(codeSnapshots)
    .values({ id: createId("snp"), projectId: project.id, sha256, size, createdBy: actor.userId })
    .returning();
  return row!;
}

/** The code snapshot a run's job runs, for the agent (with the job's run token) to unpack. */
export async function openRunCode({ ctx, input, blobs }: { ctx: ServiceContext; input: { runId: string }; blobs: BlobStore }) {
  const { run } = await runAccess(ctx, input.runId, "team:read");
  const [job] = await ctx.db.select({ code: jobs.code }).from(jobs).where(and(eq(jobs.runId, run.id))).limit(1);
  if (!job || job.code.kind !== "snapshot") throw notFound("Code snapshot for this run");
  return { sha256: job.code.sha256, stream: await blobs.get(job.code.sha256) };
}
