import { describe, expect, it } from "vitest";
import { signatureOf, verifySignature } from "./signature";

describe("webhook signatures", () => {
  const secret = "whsec_test_secret_123";
  const body = '{"event":"model_version.created"}';

  it("is sha256= and the hex HMAC-SHA256 of `<timestamp>.<body>` (vector from Python's hmac module)", () => {
    expect(signatureOf(secret, 1700000000, body)).toBe("sha256=ee7b90227e3e0806b04d22feceb717f3a8d8065276b8da7fc70fc8a489a17e65");
  });

  it("verifies a fresh signature and refuses another body, secret, timestamp or an old request", () => {
    const now = new Date(1700000100 * 1000);
    const signature = signatureOf(secret, 1700000000, body);
    expect(verifySignature({ secret, body, timestamp: "1700000000", signature, now })).toBe(true);
    expect(verifySignature({ secret, body: `${body} `, timestamp: "1700000000", signature, now })).toBe(false);
    expect(verifySignature({ secret: `${secret}x`, body, timestamp: "1700000000", signature, now })).toBe(false);
    expect(verifySignature({ secret, body, timestamp: "1700000001", signature, now })).toBe(false);
    expect(verifySignature({ secret, body, timestamp: "1700000000", signature: "sha256=00", now })).toBe(false);
    expect(verifySignature({ secret, body, timestamp: null, signature, now })).toBe(false);
    expect(verifySignature({ secret, body, timestamp: "1700000000", signature, now: new Date(1700001000 * 1000) })).toBe(false);
  });
});
