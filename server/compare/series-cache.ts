/** A downsampled series, as the chart query computes it for one (series, axis, range, budget). */
export interface CachedSeries {
  aggregated: boolean;
  total: number;
  x: Float64Array;
  y: Float64Array;
  /** Per point; present only when aggregated. A point with count 1 is exact (its min = max = y). */
  min: Float64Array | null;
  max: Float64Array | null;
  count: Float64Array | null;
}

/** Points kept per database, about 40 bytes each: ~80 MB at most. */
const CACHE_POINTS = 2_000_000;

/**
 * A least-recently-used map of downsampled series. Keys carry the series' point count: points
 * are only ever appended, so a series that grew (a live run) is a new key and never a stale hit,
 * and every replica stays correct on its own.
 */
export class SeriesCache {
  private entries = new Map<string, CachedSeries>();
  private points = 0;

  constructor(private readonly limit = CACHE_POINTS) {}

  get(key: string): CachedSeries | undefined {
    const hit = this.entries.get(key);
    if (hit) {
      this.entries.delete(key);
      this.entries.set(key, hit);
    }
    return hit;
  }

  set(key: string, value: CachedSeries): void {
    const size = value.x.length || 1;
    if (size > this.limit) return;
    const old = this.entries.get(key);
    if (old) {
      this.entries.delete(key);
      this.points -= old.x.length || 1;
    }
    this.entries.set(key, value);
    this.points += size;
    for (const [k, v] of this.entries) {
      if (this.points <= this.limit) break;
      this.entries.delete(k);
      this.points -= v.x.length || 1;
    }
  }

  get size(): number {
    return this.entries.size;
  }
}

// One cache per database object: ids are only unique within a database, and tests open several.
const caches = new WeakMap<object, SeriesCache>();

export function seriesCacheFor(db: object): SeriesCache {
  let cache = caches.get(db);
  if (!cache) caches.set(db, (cache = new SeriesCache()));
  return cache;
}
