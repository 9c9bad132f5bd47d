// Number formatting for tables, tooltips and axes. Deterministic (no locale) so the server and the
// browser render the same text, and non-finite values are spelled out instead of hidden.

/** A metric or summary value with up to five significant digits; null/undefined is "—". */
export function formatMetric(v: number | null | undefined): string {
  if (v === null || v === undefined) return "—";
  if (Number.isNaN(v)) return "NaN";
  if (v === Infinity) return "∞";
  if (v === -Infinity) return "−∞";
  if (v === 0) return "0";
  const a = Math.abs(v);
  if (a >= 1e6 || a < 1e-4) return trimExponent(v.toExponential(3));
  if (Number.isInteger(v)) return String(v);
  return String(Number(v.toPrecision(5)));
}

/** A compact axis tick: three significant digits, k/M suffixes for large magnitudes. */
export function formatTick(v: number): string {
  if (!Number.isFinite(v)) return formatMetric(v);
  const a = Math.abs(v);
  if (a >= 1e9) return trimExponent(v.toExponential(2));
  if (a >= 1e6) return `${trimZeros((v / 1e6).toPrecision(3))}M`;
  if (a >= 1e4) return `${trimZeros((v / 1e3).toPrecision(3))}k`;
  if (a !== 0 && a < 1e-3) return trimExponent(v.toExponential(1));
  return String(Number(v.toPrecision(3)));
}

/** Bytes in binary units: 1536 → "1.5 KiB". */
export function formatBytes(n: number): string {
  if (!Number.isFinite(n) || n < 0) return "—";
  const units = ["B", "KiB", "MiB", "GiB", "TiB"];
  let value = n;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  return unit === 0 ? `${n} B` : `${trimZeros(value.toFixed(1))} ${units[unit]}`;
}

/** A duration in milliseconds as "1h 02m", "3m 05s" or "42s"; negative or non-finite is "—". */
export function formatDuration(ms: number | null | undefined): string {
  if (ms === null || ms === undefined || !Number.isFinite(ms) || ms < 0) return "—";
  const s = Math.floor(ms / 1000);
  const d = Math.floor(s / 86_400);
  const h = Math.floor((s % 86_400) / 3600);
  const m = Math.floor((s % 3600) / 60);
  const sec = s % 60;
  const pad = (x: number) => String(x).padStart(2, "0");
  if (d > 0) return `${d}d ${pad(h)}h`;
  if (h > 0) return `${h}h ${pad(m)}m`;
  if (m > 0) return `${m}m ${pad(sec)}s`;
  return `${sec}s`;
}

function trimZeros(s: string): string {
  return s.includes(".") ? s.replace(/\.?0+$/, "") : s;
}

function trimExponent(s: string): string {
  const [mantissa, exp] = s.split("e");
  return `${trimZeros(mantissa ?? s)}e${exp ?? ""}`;
}
