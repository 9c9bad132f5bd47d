/** A delivery is given up (state `failed`) after this many attempts. */
export const MAX_ATTEMPTS = 8;

// Waits after the 1st, 2nd, … failed attempt: about 14 h from the first try to the last.
const DELAYS_MS = [10_000, 30_000, 120_000, 600_000, 3_600_000, 3 * 3_600_000, 10 * 3_600_000];

/**
 * How long to wait after `attempts` failed attempts before the next one, with ±20 % jitter so that
 * deliveries failing together (a receiver was down) do not all retry in the same second; null when
 * no attempt is left.
 */
export function retryDelayMs(attempts: number, random: () => number = Math.random): number | null {
  if (attempts >= MAX_ATTEMPTS) return null;
  const base = DELAYS_MS[Math.min(Math.max(attempts, 1), DELAYS_MS.length) - 1]!;
  return Math.round(base * (0.8 + 0.4 * random()));
}
