// Axis ticks at round values. With an explicit domain recharts spreads ticks evenly over it
// (0, 75, 150, 225, 299), so the charts ask for these instead.

/** A round step (1, 2, 2.5 or 5 × 10^k) that cuts `span` into about `count` parts. */
export function niceStep(span: number, count: number): number {
  const raw = span / Math.max(1, count);
  if (!(raw > 0) || !Number.isFinite(raw)) return 1;
  const magnitude = 10 ** Math.floor(Math.log10(raw));
  const n = raw / magnitude;
  return (n <= 1 ? 1 : n <= 2 ? 2 : n <= 2.5 ? 2.5 : n <= 5 ? 5 : 10) * magnitude;
}

/** Multiples of `step` (shifted by `origin`) inside [lo, hi], without float dust. */
export function ticksEvery(lo: number, hi: number, step: number, origin = 0): number[] {
  if (!(step > 0) || !(hi >= lo)) return [];
  const decimals = Math.max(0, -Math.floor(Math.log10(step)) + 2);
  const out: number[] = [];
  for (let k = Math.ceil((lo - origin) / step - 1e-9); origin + k * step <= hi + step * 1e-9 && out.length < 1000; k++) {
    out.push(Number((origin + k * step).toFixed(decimals)));
  }
  return out;
}

/** Round ticks inside [lo, hi], about `count` of them. */
export function niceTicks(lo: number, hi: number, count = 5): number[] {
  return ticksEvery(lo, hi, niceStep(hi - lo, count));
}

/** A domain widened to round values around [lo, hi], with its ticks. */
export function niceDomain(lo: number, hi: number, count = 5): { domain: [number, number]; ticks: number[] } {
  const step = niceStep(hi - lo, count);
  const domain: [number, number] = [Math.floor(lo / step) * step, Math.ceil(hi / step) * step];
  return { domain, ticks: ticksEvery(domain[0], domain[1], step) };
}

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
const DURATIONS = [SECOND, 2 * SECOND, 5 * SECOND, 10 * SECOND, 15 * SECOND, 30 * SECOND, MINUTE, 2 * MINUTE, 5 * MINUTE, 10 * MINUTE, 15 * MINUTE, 30 * MINUTE, HOUR, 2 * HOUR, 3 * HOUR, 6 * HOUR, 12 * HOUR, DAY, 2 * DAY, 7 * DAY];

/** A round duration (1 s, 5 min, 1 h, …) that cuts `span` milliseconds into about `count` parts. */
export function durationStep(span: number, count: number): number {
  const raw = span / Math.max(1, count);
  return DURATIONS.find((d) => d >= raw) ?? niceStep(span / DAY, count) * DAY;
}

/**
 * Time ticks in [lo, hi] (ms) at round durations; `offsetMs` shifts them onto local clock time
 * (a wall-clock tick at 10:00, not at 10:00 UTC), sub-second spans fall back to round numbers.
 */
export function timeTicks(lo: number, hi: number, count = 5, offsetMs = 0): number[] {
  if (hi - lo < count * SECOND) return niceTicks(lo, hi, count);
  return ticksEvery(lo, hi, durationStep(hi - lo, count), offsetMs);
}
