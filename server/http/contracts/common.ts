import { z } from "zod";

/** Timestamps travel as ISO-8601 strings. */
export const Timestamp = z.date().transform((d) => d.toISOString());

export const ErrorBody = z
  .object({ error: z.object({ code: z.string(), message: z.string(), details: z.unknown().optional() }) })
  .strict();
