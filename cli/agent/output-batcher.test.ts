import { describe, expect, it, vi } from "vitest";
import { parseMetricLine } from "./metric-line";
import type { OutboxEntry } from "./outbox";
import { OutputBatcher } from "./output-batcher";

describe("parseMetricLine", () => {
  it("reads a metric printed by training code", () => {
    expect(parseMetricLine('TRAINYARD_METRIC {"key": "loss", "value": 0.25, "step": 3}', 1000)).toEqual({
      key: "loss",
      value: 0.25,
      step: 3,
      timestamp: 1000,
    });
    expect(parseMetricLine('  TRAINYARD_METRIC {"key":"acc","value":1,"step":0,"timestamp":42}', 1000)).toMatchObject({ timestamp: 42 });
  });

  it("accepts non-finite values as wire strings and as Python's bare NaN", () => {
    expect(parseMetricLine('TRAINYARD_METRIC {"key":"loss","value":"NaN","step":1}', 0)?.value).toBe("NaN");
    expect(parseMetricLine('TRAINYARD_METRIC {"key": "loss", "value": -Infinity, "step": 1}', 0)?.value).toBe("-Infinity");
  });

  it.each([
    ["not a metric line", "epoch 1 loss 0.3"],
    ["broken JSON", 'TRAINYARD_METRIC {"key": "loss", '],
    ["no key", 'TRAINYARD_METRIC {"value": 1, "step": 1}'],
    ["a string value", 'TRAINYARD_METRIC {"key": "loss", "value": "high", "step": 1}'],
    ["a fractional step", 'TRAINYARD_METRIC {"key": "loss", "value": 1, "step": 1.5}'],
    ["no step", 'TRAINYARD_METRIC {"key": "loss", "value": 1}'],
    ["a JSON array", "TRAINYARD_METRIC [1, 2]"],
    ["no space after the prefix", 'TRAINYARD_METRIC{"key":"loss","value":1,"step":1}'],
  ])("ignores %s", (_name, line) => {
    expect(parseMetricLine(line, 0)).toBeNull();
  });
});

describe("OutputBatcher", () => {
  const collect = (options: ConstructorParameters<typeof OutputBatcher>[1] = {}) => {
    const entries: OutboxEntry[] = [];
    const batcher = new OutputBatcher((e) => entries.push(e), { now: () => 7, ...options });
    return { entries, batcher };
  };

  it("keeps every line as a log, metric or not, and sends metrics once more as points", () => {
    const { entries, batcher } = collect();
    batcher.add("stdout", "starting");
    batcher.add("stdout", 'TRAINYARD_METRIC {"key":"loss","value":0.5,"step":1}');
    batcher.add("stderr", "TRAINYARD_METRIC {oops");
    batcher.flush();
    expect(entries).toHaveLength(2);
    expect(entries[0]).toEqual({
      kind: "logs",
      idempotencyKey: expect.any(String),
      body: {
        lines: [
          { stream: "stdout", text: "starting", timestamp: 7 },
          { stream: "stdout", text: 'TRAINYARD_METRIC {"key":"loss","value":0.5,"step":1}', timestamp: 7 },
          { stream: "stderr", text: "TRAINYARD_METRIC {oops", timestamp: 7 },
        ],
      },
    });
    expect(entries[1]).toMatchObject({ kind: "metrics", body: { points: [{ key: "loss", value: 0.5, step: 1, timestamp: 7 }] } });
  });

  it("gives each metric batch its own idempotency key", () => {
    const { entries, batcher } = collect();
    for (const step of [1, 2]) {
      batcher.add("stdout", `TRAINYARD_METRIC {"key":"loss","value":1,"step":${step}}`);
      batcher.flush();
    }
    const keys = entries.flatMap((e) => (e.kind === "metrics" ? [e.body.idempotency_key] : []));
    expect(keys).toHaveLength(2);
    expect(new Set(keys).size).toBe(2);
  });

  it("cuts a batch at the line limit and after the flush period", () => {
    vi.useFakeTimers();
    try {
      const { entries, batcher } = collect({ maxLines: 3, flushMs: 300 });
      for (let i = 0; i < 4; i++) batcher.add("stdout", `line ${i}`);
      expect(entries).toHaveLength(1);
      vi.advanceTimersByTime(299);
      expect(entries).toHaveLength(1);
      vi.advanceTimersByTime(1);
      expect(entries.map((e) => (e.kind === "logs" ? e.body.lines.length : 0))).toEqual([3, 1]);
    } finally {
      vi.useRealTimers();
    }
  });

  it("keeps the last 20 lines, cut short, for the failure report", () => {
    const { batcher } = collect();
    for (let i = 0; i < 25; i++) batcher.add("stdout", `line ${i}`);
    expect(batcher.tail()).toEqual(Array.from({ length: 20 }, (_, i) => `line ${i + 5}`));
    batcher.add("stdout", "z".repeat(10_000));
    expect(batcher.tail().at(-1)).toBe(`${"z".repeat(2_000)}…`);
    batcher.flush();
  });
});
