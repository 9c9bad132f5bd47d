import { gunzipSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import { gzipPieces } from "./parallel-gzip";

async function gzipOf(pieces: Uint8Array[]): Promise<Buffer> {
  async function* source() {
    yield* pieces;
  }
  const out: Buffer[] = [];
  for await (const part of gzipPieces(source())) out.push(part);
  return Buffer.concat(out);
}

describe("gzipPieces", () => {
  it("makes one gzip stream that any gunzip reads back, checksum and length included", async () => {
    const text = JSON.stringify(Array.from({ length: 20_000 }, (_, i) => ({ step: i, value: Math.sin(i / 50) })));
    const bytes = Buffer.from(text);
    const pieces: Uint8Array[] = [];
    for (let at = 0; at < bytes.length; at += 37_123) pieces.push(bytes.subarray(at, at + 37_123));
    const gz = await gzipOf(pieces);
    expect(gunzipSync(gz).toString()).toBe(text);
    expect(gz.length).toBeLessThan(bytes.length / 3);
  });

  it("handles no pieces, empty pieces and a single byte", async () => {
    expect(gunzipSync(await gzipOf([])).length).toBe(0);
    expect(gunzipSync(await gzipOf([new Uint8Array(0), Buffer.from("x"), new Uint8Array(0)])).toString()).toBe("x");
  });

  it("keeps the pieces' order however long each takes to compress", async () => {
    const pieces = [Buffer.alloc(2_000_000, "a"), Buffer.from("b"), Buffer.from(JSON.stringify({ c: [1, 2, 3] })), Buffer.alloc(10, "d")];
    expect(gunzipSync(await gzipOf(pieces)).toString()).toBe(Buffer.concat(pieces).toString());
  });
});
