import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { type DbHandle, openDb } from "@/db/client";
import { type Auth, createAuth } from "./auth/auth";
import { bootstrapAdmin } from "./auth/bootstrap";
import { serviceContext } from "./context";
import { ensureLocalTarget } from "./compute/targets";
import { env } from "./env";
import { startReaper } from "./jobs/lifecycle";
import { startSlurmDispatcher } from "./jobs/slurm-dispatch";
import { logger } from "./logger";
import type { BlobStore } from "./storage/blob-store";
import { localBlobStore } from "./storage/local-blob-store";
import { s3BlobStore } from "./storage/s3-blob-store";
import { startCompactor } from "./tracking/compact-metrics";
import { startWebhookDelivery } from "./webhooks/deliver";

export interface Runtime {
  handle: DbHandle;
  auth: Auth;
  blobs: BlobStore;
  /** The server secret: signs sessions, and keys the encryption of stored secrets (server/auth/encryption.ts). */
  secret: string;
}

// One runtime per server process (PGlite allows a single connection); kept on globalThis so that
// Next.js module reloads in development do not open the data folder twice.
const holder = globalThis as unknown as { __trainyardRuntime?: Promise<Runtime> };

export function runtime(): Promise<Runtime> {
  holder.__trainyardRuntime ??= start().catch((error: unknown) => {
    holder.__trainyardRuntime = undefined;
    throw error;
  });
  return holder.__trainyardRuntime;
}

/** Serves requests with a runtime built elsewhere (an embedding host, or a test's own database). */
export function useRuntime(rt: Runtime): void {
  holder.__trainyardRuntime = Promise.resolve(rt);
}

/** The signing secret: from the environment, else generated once and kept in the data folder. */
function secretFor(dataDir: string, configured?: string): string {
  if (configured) return configured;
  const file = path.join(dataDir, "secret");
  if (existsSync(file)) return readFileSync(file, "utf8").trim();
  mkdirSync(dataDir, { recursive: true });
  const secret = randomBytes(32).toString("base64url");
  writeFileSync(file, secret, { mode: 0o600 });
  return secret;
}

async function start(): Promise<Runtime> {
  const e = env();
  const started = Date.now();
  const handle = await openDb(
    e.DATABASE_URL ? { kind: "postgres", url: e.DATABASE_URL } : { kind: "pglite", dataDir: path.join(e.dataDir, "db") },
  );
  const secret = secretFor(e.dataDir, e.TRAINYARD_SECRET);
  const auth = createAuth(handle.db, {
    secret,
    baseURL: e.TRAINYARD_BASE_URL,
  });
  await bootstrapAdmin(serviceContext(handle.db, null), auth, e.TRAINYARD_ADMIN_EMAIL, e.TRAINYARD_ADMIN_PASSWORD);
  const artifactsDir = path.join(e.dataDir, "artifacts");
  const blobs = e.TRAINYARD_S3_BUCKET
    ? s3BlobStore({
        bucket: e.TRAINYARD_S3_BUCKET,
        prefix: e.TRAINYARD_S3_PREFIX,
        endpoint: e.TRAINYARD_S3_ENDPOINT,
        region: e.TRAINYARD_S3_REGION,
        forcePathStyle: e.TRAINYARD_S3_FORCE_PATH_STYLE,
        tmpDir: path.join(artifactsDir, "tmp"),
      })
    : localBlobStore(artifactsDir);
  if (e.TRAINYARD_LOCAL_AGENT_TOKEN) await ensureLocalTarget(handle.db, e.TRAINYARD_LOCAL_AGENT_TOKEN);
  startCompactor(handle.db, logger);
  startReaper(handle.db);
  // Batch jobs reach the server at its public URL; next start without one listens on PORT.
  startSlurmDispatcher(handle.db, { serverSecret: secret, serverUrl: e.TRAINYARD_BASE_URL ?? `http://127.0.0.1:${e.PORT}`, log: logger });
  startWebhookDelivery(handle.db, secret, logger);
  logger.info({ database: handle.kind, artifacts: blobs.kind, ms: Date.now() - started }, "database migrated and ready");
  return { handle, auth, blobs, secret };
}
