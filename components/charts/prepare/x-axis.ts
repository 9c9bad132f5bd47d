import type { XAxis } from "@/server/compare/schemas";
import { formatDuration, formatTick } from "./format";
import { niceTicks, timeTicks } from "./ticks";

export const xAxisLabels: Record<XAxis, string> = {
  step: "Step",
  relative_time: "Relative time",
  wall_time: "Wall time",
};

const pad = (n: number) => String(n).padStart(2, "0");

/** Local wall-clock time; the date too when the chart spans more than a day. */
function wallClock(ms: number, withDate: boolean, withSeconds: boolean): string {
  const d = new Date(ms);
  const time = `${pad(d.getHours())}:${pad(d.getMinutes())}${withSeconds ? `:${pad(d.getSeconds())}` : ""}`;
  return withDate ? `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${time}` : time;
}

const DAY = 86_400_000;

/** Tick labels for an x-axis showing `span` (its domain's width): steps, durations or clock times. */
export function xTickFormatter(axis: XAxis, span: number): (x: number) => string {
  switch (axis) {
    case "step":
      return formatTick;
    case "relative_time":
      return (x) => (x === 0 ? "0s" : formatDuration(x));
    case "wall_time":
      return (x) => wallClock(x, span > DAY, span < 5 * 60_000);
  }
}

/** The hovered x, spelled out in full. */
export function formatX(axis: XAxis, x: number): string {
  switch (axis) {
    case "step":
      return `Step ${Number.isInteger(x) ? x : x.toFixed(1)}`;
    case "relative_time":
      return x < 1000 ? `${Math.round(x)} ms` : formatDuration(x);
    case "wall_time":
      return wallClock(x, true, true);
  }
}

/** Round x ticks inside the shown range: numbers for steps, whole durations or clock times for time. */
export function xTicks(axis: XAxis, domain: readonly [number, number], count = 6): number[] {
  const [lo, hi] = domain;
  if (axis === "step") return niceTicks(lo, hi, count);
  if (axis === "relative_time") return timeTicks(lo, hi, count);
  return timeTicks(lo, hi, count, new Date(lo).getTimezoneOffset() * 60_000);
}
