import { describe, expect, it, vi } from "vitest";
import { checkPoint, type PointCheck } from "./metric-points";
import { MetricPointInput } from "./schemas";

// What the schema alone answers: the contract the fast path must reproduce exactly.
function bySchema(raw: unknown): PointCheck {
  const parsed = MetricPointInput.safeParse(raw);
  if (parsed.success) return { ok: true, point: parsed.data };
  return { ok: false, message: parsed.error.issues.map((i) => `${i.path.join(".") || "point"}: ${i.message}`).join("; ") };
}

const keys = ["loss", "train/loss", "a b:c-d.e_f", "", " ", "x".repeat(250), "x".repeat(251), "bad!", "é", "line\nbreak", 7, null, undefined, ["loss"]];
const values = [0, -0, 1.5, -1e308, Number.MAX_VALUE, NaN, Infinity, -Infinity, "NaN", "Infinity", "-Infinity", "nan", "inf", "-inf", "INF", "1", "", null, true, undefined, {}, [1]];
const ints = [undefined, 0, -0, 1, -1, 2 ** 53 - 1, 2 ** 53, -(2 ** 53 - 1), -(2 ** 53), 1.5, NaN, Infinity, -Infinity, "3", null, true, 1_700_000_000_000];

function corpus(): unknown[] {
  const out: unknown[] = [null, undefined, 0, "point", [], [{ key: "a", value: 1 }], new Date(0), Object.create(null), Object.create({ key: "a", value: 1 })];
  for (const key of keys) for (const value of values) out.push({ key, value });
  for (const step of ints) for (const timestamp of ints) out.push({ key: "loss", value: 0.5, step, timestamp });
  out.push({ key: "loss", value: 1, extra: 1 }, { key: "loss", value: 1, step: 2, timestamp: 3, extra: undefined }, { value: 1 }, { key: "loss" });
  out.push({ key: "loss", value: 1, step: undefined }, { key: "loss", value: 1, timestamp: undefined }, { __proto__: null, key: "loss", value: 1 });
  out.push(JSON.parse('{"key":"loss","value":1,"__proto__":{"x":1}}'), JSON.parse('{"key":"loss","value":"NaN","step":3,"timestamp":4,"key2":1}'));
  return out;
}

// A deterministic generator, so a failure names a reproducible case.
function* randomPoints(n: number) {
  let seed = 12345;
  const rnd = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
  const pick = <T,>(xs: T[]) => xs[Math.floor(rnd() * xs.length)]!;
  const fields = ["key", "value", "step", "timestamp", "extra"];
  const pools: Record<string, unknown[]> = { key: keys, value: values, step: ints, timestamp: ints, extra: [1, undefined] };
  for (let i = 0; i < n; i++) {
    const p: Record<string, unknown> = {};
    for (const f of fields) if (rnd() < (f === "extra" ? 0.1 : 0.85)) p[f] = pick(pools[f]!);
    yield p;
  }
}

describe("checkPoint, the fast path of MetricPointInput", () => {
  it("answers exactly what the schema answers: same output when valid, same message when not", () => {
    for (const raw of [...corpus(), ...randomPoints(20_000)]) {
      const expected = bySchema(raw);
      // Fresh and warm key caches both: a key seen valid earlier must not change any answer.
      for (const seen of [new Set<string>(), new Set(["loss", "train/loss", "bad!", ""].filter((k) => bySchema({ key: k, value: 0 }).ok))]) {
        const got = checkPoint(raw, seen);
        expect(got, JSON.stringify(raw) ?? String(raw)).toStrictEqual(expected);
        if (got.ok && expected.ok) {
          expect(Object.is(got.point.value, expected.point.value)).toBe(true);
          expect(Object.is(got.point.step, expected.point.step)).toBe(true);
        }
      }
    }
  });

  it("keeps non-finite values sent as strings", () => {
    const seen = new Set<string>();
    expect(checkPoint({ key: "k", value: "NaN" }, seen)).toStrictEqual({ ok: true, point: { key: "k", value: NaN, step: 0 } });
    expect(checkPoint({ key: "k", value: "-Infinity", step: 3, timestamp: 4 }, seen)).toStrictEqual({
      ok: true,
      point: { key: "k", value: -Infinity, step: 3, timestamp: 4 },
    });
  });

  it("answers ordinary points without the schema (the point of having it)", () => {
    const spy = vi.spyOn(MetricPointInput, "safeParse");
    try {
      const seen = new Set<string>();
      for (let i = 0; i < 1000; i++) expect(checkPoint({ key: i % 2 ? "train/acc" : "train/loss", value: 1 / (i + 1), step: i, timestamp: 1_700_000_000_000 + i }, seen).ok).toBe(true);
      expect(spy).not.toHaveBeenCalled();
    } finally {
      spy.mockRestore();
    }
  });
});
