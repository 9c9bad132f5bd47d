import { z } from "zod";
import { MetricValue } from "../../tracking/schemas";
import { MlflowError } from "./errors";

// MLflow's JSON wire format: proto field names, int64 as numbers (clients send them as numbers or
// strings), enums as names, NaN and ±Infinity as strings, fields at their default left out.

export const Int64 = z.union([
  z.number().int(),
  z
    .string()
    .regex(/^-?\d+$/, "expected an integer")
    .transform((s) => Number(s)),
]);
export const Double = z.union([MetricValue, z.string().regex(/^-?\d+(\.\d+)?(e[+-]?\d+)?$/i).transform(Number)]);
/** A repeated field: a GET query gives one string or several; JSON gives an array. */
export const Repeated = <T extends z.ZodType>(item: T) =>
  z.preprocess((v) => (v === undefined ? [] : Array.isArray(v) ? v : [v]), z.array(item));
export const KeyValue = z.object({ key: z.string(), value: z.string().optional().default("") });
export const OptionalString = z.string().optional();
/** Booleans arrive as JSON booleans or, in a GET query, as "true"/"false". */
export const Bool = z.union([z.boolean(), z.enum(["true", "false", "True", "False"]).transform((s) => s.toLowerCase() === "true")]);

/** Reads a GET query: a key given once is a string, a repeated key an array of strings. */
export function queryObject(url: URL): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {};
  for (const key of new Set(url.searchParams.keys())) {
    const all = url.searchParams.getAll(key);
    out[key] = all.length === 1 ? all[0]! : all;
  }
  return out;
}

/** Reads a JSON body the way MLflow's server does: it must say it is JSON. */
export async function jsonBody(request: Request, limit: number): Promise<Record<string, unknown>> {
  const declared = Number(request.headers.get("content-length") ?? "0");
  if (declared > limit) throw new MlflowError("INVALID_PARAMETER_VALUE", `Request body is larger than ${limit} bytes`, 413);
  const text = await request.text();
  if (Buffer.byteLength(text) > limit) throw new MlflowError("INVALID_PARAMETER_VALUE", `Request body is larger than ${limit} bytes`, 413);
  const type = (request.headers.get("content-type") ?? "").split(";")[0]!.trim().toLowerCase();
  if (text.trim() === "" && request.method === "DELETE") return {};
  if (type !== "application/json") {
    throw new MlflowError("BAD_REQUEST", "Bad Request. Content-Type must be one of ['application/json']");
  }
  if (text.trim() === "") return {};
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new MlflowError("BAD_REQUEST", "Malformed JSON in the request body");
  }
  if (!parsed || typeof parsed !== "object" || Array.isArray(parsed)) {
    throw new MlflowError("BAD_REQUEST", "The request body must be a JSON object");
  }
  return parsed as Record<string, unknown>;
}

/** Drops what proto JSON leaves out: unset fields (null, undefined), empty strings and empty lists. */
export function omitDefaults<T>(value: T): T {
  if (Array.isArray(value)) return value.map(omitDefaults) as T;
  if (value && typeof value === "object" && !(value instanceof Date)) {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) {
      if (v === null || v === undefined || v === "") continue;
      if (Array.isArray(v) && v.length === 0) continue;
      out[k] = omitDefaults(v);
    }
    return out as T;
  }
  return value;
}

export const ms = (d: Date | null | undefined) => (d ? d.getTime() : undefined);
export const tagList = (tags: Record<string, string>) => Object.entries(tags).map(([key, value]) => ({ key, value }));
export const tagRecord = (tags: { key: string; value?: string }[]) => Object.fromEntries(tags.map((t) => [t.key, t.value ?? ""]));
