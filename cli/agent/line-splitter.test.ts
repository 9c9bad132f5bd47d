import { describe, expect, it } from "vitest";
import { LineSplitter } from "./line-splitter";

function split(chunks: (string | Buffer)[], maxBytes?: number): string[] {
  const lines: string[] = [];
  const splitter = new LineSplitter((l) => lines.push(l), maxBytes);
  for (const chunk of chunks) splitter.write(typeof chunk === "string" ? Buffer.from(chunk) : chunk);
  splitter.end();
  return lines;
}

describe("LineSplitter", () => {
  it("joins lines that arrive in pieces and keeps a last line without a newline", () => {
    expect(split(["ep", "och 1\nepoch", " 2\n\nlast"])).toEqual(["epoch 1", "epoch 2", "", "last"]);
  });

  it("drops the \\r of CRLF line ends", () => {
    expect(split(["a\r\nb\r", "\n"])).toEqual(["a", "b"]);
  });

  it("does not break a multi-byte character split across chunks", () => {
    const bytes = Buffer.from("naïve ✓\n");
    expect(split([bytes.subarray(0, 3), bytes.subarray(3, 8), bytes.subarray(8)])).toEqual(["naïve ✓"]);
  });

  it("cuts a runaway line into pieces of at most the cap, at character boundaries", () => {
    const lines = split(["x".repeat(25), "\nok\n"], 10);
    expect(lines).toEqual(["xxxxxxxxxx", "xxxxxxxxxx", "xxxxx", "ok"]);
    const wide = split(["€".repeat(5)], 10); // 3 bytes each: a 10-byte cut would split the fourth
    expect(wide).toEqual(["€€€", "€€"]);
    for (const l of wide) expect(Buffer.byteLength(l)).toBeLessThanOrEqual(10);
  });

  it("caps lines at 64 KiB by default", () => {
    const lines = split(["y".repeat(64 * 1024 * 2 + 1), "\n"]);
    expect(lines.map((l) => l.length)).toEqual([65536, 65536, 1]);
  });
});
