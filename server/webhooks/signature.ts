import { createHmac, timingSafeEqual } from "node:crypto";

// The scheme (README "Webhooks"): X-Trainyard-Signature is `sha256=` + hex HMAC-SHA256, keyed with
// the webhook's secret (its UTF-8 bytes), of `<X-Trainyard-Timestamp>.<raw request body>`. Signing
// the timestamp lets a receiver refuse old requests replayed later.

export function signatureOf(secret: string, timestamp: number, body: string): string {
  return `sha256=${createHmac("sha256", secret).update(`${timestamp}.${body}`).digest("hex")}`;
}

/**
 * What a receiver does: recompute, compare in constant time, and refuse a timestamp further than
 * `toleranceSeconds` from its clock.
 */
export function verifySignature(args: {
  secret: string;
  body: string;
  timestamp: string | null | undefined;
  signature: string | null | undefined;
  toleranceSeconds?: number;
  now?: Date;
}): boolean {
  const { secret, body, timestamp, signature, toleranceSeconds = 300, now = new Date() } = args;
  if (!timestamp || !signature || !/^\d+$/.test(timestamp)) return false;
  const ts = Number(timestamp);
  if (Math.abs(now.getTime() / 1000 - ts) > toleranceSeconds) return false;
  const expected = Buffer.from(signatureOf(secret, ts, body));
  const given = Buffer.from(signature);
  return expected.length === given.length && timingSafeEqual(expected, given);
}
