import { createHash, randomBytes } from "node:crypto";
import { createWriteStream } from "node:fs";
import { mkdir, rm } from "node:fs/promises";
import path from "node:path";
import { Transform } from "node:stream";
import { pipeline } from "node:stream/promises";
import { and, asc, eq, sql } from "drizzle-orm";
import { runArtifacts } from "@/db/schema";
import type { ServiceContext } from "../context";
import { DomainError, notFound, validation } from "../errors";
import type { BlobStore } from "../storage/blob-store";
import { runAccess } from "./access";
import { ArtifactPath, RunRef } from "./schemas";

function parsePath(p: string): string {
  const parsed = ArtifactPath.safeParse(p);
  if (!parsed.success) throw validation(parsed.error.issues[0]?.message ?? "invalid artifact path");
  return parsed.data;
}

/** Streams an upload to a temporary file while hashing it, then stores it by content. */
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
  await mkdir(blobs.tmpDir, { recursive: true });
  const tmp = path.join(blobs.tmpDir, `upload-${randomBytes(8).toString("hex")}`);
  const hash = createHash("sha256");
  let size = 0;
  const meter = new Transform({
    transform(chunk: Buffer, _enc, done) {
      size += chunk.length;
      if (size > maxBytes) return done(new DomainError("LIMIT_EXCEEDED", `Artifact is larger than ${maxBytes} bytes`));
      hash.update(chunk);
      done(null, chunk);
    },
  });
  try {
    await pipeline(body, meter, createWriteStream(tmp));
    const sha256 = hash.digest("hex");
    await blobs.putFile(sha256, tmp, size);
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
  } finally {
    await rm(tmp, { force: true });
  }
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
