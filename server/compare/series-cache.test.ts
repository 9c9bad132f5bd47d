import { describe, expect, it } from "vitest";
import { type CachedSeries, SeriesCache, seriesCacheFor } from "./series-cache";

const entry = (n: number): CachedSeries => ({ aggregated: false, total: n, x: new Float64Array(n), y: new Float64Array(n), min: null, max: null, count: null });

describe("SeriesCache", () => {
  it("evicts the least recently used entries beyond its point budget", () => {
    const cache = new SeriesCache(100);
    cache.set("a", entry(40));
    cache.set("b", entry(40));
    expect(cache.get("a")).toBeDefined(); // a is now the most recent
    cache.set("c", entry(40));
    expect(cache.get("b")).toBeUndefined();
    expect(cache.get("a")).toBeDefined();
    expect(cache.get("c")).toBeDefined();
  });

  it("does not keep an entry larger than the whole budget", () => {
    const cache = new SeriesCache(10);
    cache.set("big", entry(11));
    expect(cache.size).toBe(0);
  });

  it("keeps one cache per database object", () => {
    const a = {};
    expect(seriesCacheFor(a)).toBe(seriesCacheFor(a));
    expect(seriesCacheFor(a)).not.toBe(seriesCacheFor({}));
  });
});
