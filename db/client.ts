import { mkdirSync } from "node:fs";
import path from "node:path";
import type { ExtractTablesWithRelations } from "drizzle-orm";
import type { PgDatabase, PgQueryResultHKT, PgTransaction } from "drizzle-orm/pg-core";
import * as schema from "./schema";

export type Schema = typeof schema;
export type Db = PgDatabase<PgQueryResultHKT, Schema, ExtractTablesWithRelations<Schema>>;
export type Tx = PgTransaction<PgQueryResultHKT, Schema, ExtractTablesWithRelations<Schema>>;
/** Either the database or an open transaction: verbs accept both so callers can compose them. */
export type DbOrTx = Db | Tx;

export interface DbHandle {
  db: Db;
  kind: "pglite" | "postgres";
  close: () => Promise<void>;
}

export type DbTarget = { kind: "postgres"; url: string } | { kind: "pglite"; dataDir?: string };

// Resolved from the working directory: bundled server code has no stable path of its own.
// Which engine is behind a db object: PGlite turns bytea into JS values slowly, so hot read paths
// select base64 text there instead (measured 9x faster, see DESIGN.md "Storage").
// Next.js bundles this module once per route, and the database is opened by whichever route runs
// first: a module-level set was empty in every other route, so on PGlite they all took the slow
// bytea path. The set lives on globalThis, like the runtime that holds the database.
const registry = globalThis as unknown as { __trainyardPgliteDbs?: WeakSet<object> };
const pgliteDbs = (registry.__trainyardPgliteDbs ??= new WeakSet<object>());
export function isPglite(db: DbOrTx): boolean {
  return pgliteDbs.has(db);
}

export const migrationsFolder = path.join(process.cwd(), "db", "migrations");

// Metric chunks are TOASTed bytea, and pglz compressing them was half the cost of the ingest
// statement in PostgreSQL (1.4 vs 0.7 ms); lz4 keeps nearly the same size (7.4 vs 6.8 KB a chunk).
// Servers without lz4 (built without it, or before 14) would refuse the setting: they keep theirs.
async function supportsLz4(url: string, Client: typeof import("pg").Client): Promise<boolean> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query(
      "select 1 from pg_settings where name = 'default_toast_compression' and 'lz4' = any(enumvals)",
    );
    return rows.length > 0;
  } finally {
    await client.end();
  }
}

/** Opens the database and applies every committed migration. `dataDir` undefined = in memory. */
export async function openDb(target: DbTarget, folder = migrationsFolder): Promise<DbHandle> {
  if (target.kind === "postgres") {
    const [{ Client, Pool }, { drizzle }, { migrate }] = await Promise.all([
      import("pg"),
      import("drizzle-orm/node-postgres"),
      import("drizzle-orm/node-postgres/migrator"),
    ]);
    const pool = new Pool({
      connectionString: target.url,
      max: 10,
      ...((await supportsLz4(target.url, Client)) ? { options: "-c default_toast_compression=lz4" } : {}),
    });
    const db = drizzle(pool, { schema, casing: "snake_case" });
    await migrate(db, { migrationsFolder: folder });
    return { db: db as unknown as Db, kind: "postgres", close: () => pool.end() };
  }
  const [{ PGlite }, { drizzle }, { migrate }] = await Promise.all([
    import("@electric-sql/pglite"),
    import("drizzle-orm/pglite"),
    import("drizzle-orm/pglite/migrator"),
  ]);
  if (target.dataDir) mkdirSync(target.dataDir, { recursive: true });
  const client = target.dataDir ? new PGlite(target.dataDir) : new PGlite();
  const db = drizzle(client, { schema, casing: "snake_case" });
  await migrate(db, { migrationsFolder: folder });
  pgliteDbs.add(db);
  return { db: db as unknown as Db, kind: "pglite", close: () => client.close() };
}
