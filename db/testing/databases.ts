import { randomBytes } from "node:crypto";
import { inject } from "vitest";
// @ts-expect-error: plain ESM script shared with the test runner (scripts/test.mjs), no types
import { createDatabase } from "../../scripts/pg-cluster.mjs";
import { type DbHandle, openDb } from "../client";

export interface TestDatabase {
  name: "pglite" | "postgres";
  /** The suite's shared database: tests in it make uniquely named data. */
  open: () => Promise<DbHandle>;
  /** A new empty database, for the few tests about a fresh install. */
  openFresh: () => Promise<DbHandle>;
}

/** Every integration suite runs once per database: embedded PGlite and a real PostgreSQL server. */
export const testDatabases: TestDatabase[] = [
  { name: "pglite", open: () => openDb({ kind: "pglite" }), openFresh: () => openDb({ kind: "pglite" }) },
  {
    name: "postgres",
    open: () => openDb({ kind: "postgres", url: inject("databaseUrl") }),
    openFresh: async () => {
      const name = `fresh_${randomBytes(6).toString("hex")}`;
      const url = (await createDatabase(inject("databaseServerUrl"), name)) as string;
      return openDb({ kind: "postgres", url });
    },
  },
];
