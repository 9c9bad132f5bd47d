import { z } from "zod";
import { WireNumber } from "../../server/http/contracts/tracking";

export const METRIC_PREFIX = "TRAINYARD_METRIC ";

const BARE_NON_FINITE = /:\s*(NaN|-?Infinity)\s*([,}])/g;

const MetricLine = z.object({
  key: z.string().min(1).max(250),
  value: WireNumber,
  step: z.number().int(),
  timestamp: z.number().int().nonnegative().optional(),
});

export interface MetricPoint {
  key: string;
  value: z.infer<typeof WireNumber>;
  step: number;
  timestamp: number;
}

/**
 * Reads `TRAINYARD_METRIC {"key": …, "value": …, "step": …}` printed by training code that does not
 * use the SDK. Anything else, malformed JSON included, is not a metric (it stays a log line).
 */
export function parseMetricLine(text: string, now: number): MetricPoint | null {
  const trimmed = text.trimStart();
  if (!trimmed.startsWith(METRIC_PREFIX)) return null;
  const json = parseJson(trimmed.slice(METRIC_PREFIX.length));
  if (json === undefined) return null;
  const parsed = MetricLine.safeParse(json);
  if (!parsed.success) return null;
  const { key, value, step, timestamp } = parsed.data;
  return { key, value, step, timestamp: timestamp ?? now };
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    // Python's json.dumps writes a NaN loss as a bare NaN, which is not JSON; read it as the wire string.
    try {
      return JSON.parse(text.replace(BARE_NON_FINITE, ': "$1"$2'));
    } catch {
      return undefined;
    }
  }
}
