import type { TestProject } from "vitest/node";
// @ts-expect-error: plain ESM script shared with the test runner (scripts/test.mjs), no types
import { createDatabase, startCluster } from "../../scripts/pg-cluster.mjs";

declare module "vitest" {
  export interface ProvidedContext {
    databaseUrl: string;
    databaseServerUrl: string;
  }
}

/**
 * Integration tests run against PGlite and a real PostgreSQL server. The server comes from the
 * test harness (TEST_DATABASE_URL) or, when run alone, from a temporary cluster started here.
 */
export default async function setup(project: TestProject) {
  let stop: (() => void) | undefined;
  let serverUrl = process.env.TEST_DATABASE_URL;
  if (!serverUrl) {
    const cluster = (await startCluster()) as { url: string; stop: () => void };
    serverUrl = cluster.url;
    stop = cluster.stop;
  }
  const url = (await createDatabase(serverUrl, `it_${Date.now()}`)) as string;
  // Migrate once here so that test files opening the database concurrently find it ready.
  const { openDb } = await import("../client");
  const handle = await openDb({ kind: "postgres", url });
  await handle.close();
  project.provide("databaseUrl", url);
  project.provide("databaseServerUrl", serverUrl);
  return () => stop?.();
}
