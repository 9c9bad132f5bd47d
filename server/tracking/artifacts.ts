import { and, asc, eq, sql } from "drizzle-orm";
import { runArtifacts } from "@/db/schema";
import type { ServiceContext } from "../context";
import { notFound, validation } from "../errors";
import type { BlobStore } from "../storage/blob-store";
import { storeUpload } from "../storage/store-upload";
import { runAccess } from "./access";
import { ArtifactPath, RunRef } from "./schemas";

function parsePath(p: string): string {
  const parsed = ArtifactPath.safeParse(p);
  if (!parsed.success) throw validation(parsed.error.issues[0]?.message ?? "invalid artifact path");
  return parsed.data;
}

/** Stores an uploaded file under a run's artifact path (the bytes by content, see storeUpload). */
export async function putArtifact({
  ctx,
  input,
  body,
  blobs,
  maxBytes,
}: {
  ctx: ServiceContext;
  input: { runId: string; path: string; contentType?: string };
  body: AsyncIterable<Uint8Array>;
  blobs: BlobStore;
  maxBytes: number;
}) {
  const { run } = await runAccess(ctx, RunRef.parse(input).runId, "runs:write");
  const artifactPath = parsePath(input.path);
  const { sha256, size } = await storeUpload(blobs, body, maxBytes, "Artifact");
  const row = {
    projectId: run.projectId,
    runId: run.id,
    path: artifactPath,
    sha256,
    size,
    contentType: input.contentType || "application/octet-stream",
  };
  await ctx.db
    .insert(runArtifacts)
    .values(row)
    .onConflictDoUpdate({
      target: [runArtifacts.runId, runArtifacts.path],
      set: { sha256, size, contentType: row.contentType, createdAt: sql`now()` },
    });
  return { path: artifactPath, sha256, size };
}

export async function listArtifacts({ ctx, input }: { ctx: ServiceContext; input: RunRef }) {
  const { run } = await runAccess(ctx, RunRef.parse(input).runId, "team:read");
  return ctx.db
    .select({
      path: runArtifacts.path,
      sha256: runArtifacts.sha256,
      size: runArtifacts.size,
      contentType: runArtifacts.contentType,
      createdAt: runArtifacts.createdAt,
    })
    .from(runArtifacts)
    .where(eq(runArtifacts.runId, run.id))
    .orderBy(asc(runArtifacts.path));
}

export async function getArtifact({
  ctx,
  input,
  blobs,
}: {
  ctx: ServiceContext;
  input: { runId: string; path: string };
  blobs: BlobStore;
}) {
  const { run } = await runAccess(ctx, RunRef.parse(input).runId, "team:read");
  const artifactPath = parsePath(input.path);
  const [row] = await ctx.db
    .select()
    .from(runArtifacts)
    .where(and(eq(runArtifacts.runId, run.id), eq(runArtifacts.path, artifactPath)));
  if (!row) throw notFound(`Artifact "${artifactPath}"`);
  return { ...row, stream: await blobs.get(row.sha256) };
}
