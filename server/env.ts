import path from "node:path";
import { z } from "zod";
import { signupPolicies } from "@/db/schema/enums";

const EnvSchema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  PORT: z.coerce.number().int().min(1).max(65535).default(3000),
  TRAINYARD_DATA_DIR: z.string().min(1).default("./.trainyard"),
  DATABASE_URL: z.url().optional(),
  TRAINYARD_SIGNUP: z.enum(signupPolicies).default("open"),
  TRAINYARD_ADMIN_EMAIL: z.email().optional(),
  TRAINYARD_ADMIN_PASSWORD: z.string().min(8).optional(),
  TRAINYARD_SECRET: z.string().min(32).optional(),
  TRAINYARD_BASE_URL: z.url().optional(),
  TRAINYARD_S3_BUCKET: z.string().min(3).optional(),
  TRAINYARD_S3_PREFIX: z.string().default(""),
  TRAINYARD_S3_ENDPOINT: z.url().optional(),
  TRAINYARD_S3_REGION: z.string().default("us-east-1"),
  TRAINYARD_S3_FORCE_PATH_STYLE: z.enum(["true", "false"]).default("true").transform((v) => v === "true"),
  TRAINYARD_MAX_ARTIFACT_BYTES: z.coerce.number().int().positive().default(10 * 1024 ** 3),
  TRAINYARD_MAX_SNAPSHOT_BYTES: z.coerce.number().int().positive().default(512 * 1024 ** 2),
  /** Set by `npm run up`: the token of the shared `local` target whose agent it starts. */
  TRAINYARD_LOCAL_AGENT_TOKEN: z.string().startsWith("tya_").optional(),
  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
});

export type Env = z.infer<typeof EnvSchema> & { dataDir: string };

let cached: Env | undefined;

/** Configuration, validated once; a bad value stops the server at start with a readable message. */
export function env(): Env {
  if (cached) return cached;
  const parsed = EnvSchema.safeParse(
    Object.fromEntries(Object.entries(process.env).filter(([, v]) => v !== undefined && v !== "")),
  );
  if (!parsed.success) {
    throw new Error(`Invalid configuration:\n${z.prettifyError(parsed.error)}`);
  }
  cached = { ...parsed.data, dataDir: path.resolve(parsed.data.TRAINYARD_DATA_DIR) };
  return cached;
}
