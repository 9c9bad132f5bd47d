import { z } from "zod";

/**
 * Text with one `key=value` per line (blank lines skipped, split at the first "="), checked by the
 * record schema the server uses. Problems are reported on the text field, naming the line or key.
 */
export function keyValueLines(record: z.ZodType<Record<string, string>, Record<string, unknown>>) {
  return z.string().transform((text, ctx) => {
    const pairs: Record<string, string> = {};
    text.split("\n").forEach((raw, i) => {
      const line = raw.trim();
      if (!line) return;
      const eq = line.indexOf("=");
      if (eq <= 0) {
        ctx.addIssue({ code: "custom", message: `Line ${i + 1}: expected key=value` });
        return;
      }
      pairs[line.slice(0, eq).trim()] = line.slice(eq + 1).trim();
    });
    const parsed = record.safeParse(pairs);
    if (!parsed.success) {
      for (const issue of parsed.error.issues) {
        const key = issue.path[0];
        ctx.addIssue({ code: "custom", message: key === undefined ? issue.message : `${String(key)}: ${issue.message}` });
      }
    }
    return parsed.success ? parsed.data : z.NEVER;
  });
}
