"use client";
import { useState } from "react";
import type { PreparedParallel } from "./prepare/parallel";

const PAD = { top: 28, bottom: 16, left: 56, right: 56 };

/**
 * Parallel coordinates in plain SVG: a vertical axis per param (and the metric last), a polyline
 * per run in its colour, broken where the run has no value. Hovering a line brings it forward.
 */
export function ParallelCoordinates({ data, width, height = 320, names }: { data: PreparedParallel; width: number; height?: number; names: ReadonlyMap<string, string> }) {
  const [active, setActive] = useState<string | null>(null);
  const n = data.axes.length;
  if (n === 0 || width <= 0) return null;
  const innerW = Math.max(1, width - PAD.left - PAD.right);
  const innerH = height - PAD.top - PAD.bottom;
  const xOf = (i: number) => PAD.left + (n > 1 ? (innerW * i) / (n - 1) : innerW / 2);
  const yOf = (pos: number) => PAD.top + (1 - pos) * innerH;
  const segments = (positions: (number | null)[]) => {
    const parts: string[] = [];
    let open = false;
    positions.forEach((pos, i) => {
      if (pos === null) open = false;
      else {
        parts.push(`${open ? "L" : "M"}${xOf(i).toFixed(1)},${yOf(pos).toFixed(1)}`);
        open = true;
      }
    });
    return parts.join("");
  };
  const ordered = active ? [...data.lines.filter((l) => l.runId !== active), ...data.lines.filter((l) => l.runId === active)] : data.lines;

  return (
    <svg data-testid="parallel-coordinates" role="img" aria-label={`Parallel coordinates: ${data.axes.map((a) => a.label).join(", ")}`} width={width} height={height} className="text-xs text-muted-foreground">
      {ordered.map((line) => (
        <path
          key={line.runId}
          d={segments(line.positions)}
          fill="none"
          stroke={line.color}
          strokeWidth={line.runId === active ? 2.5 : 1.25}
          strokeOpacity={active && line.runId !== active ? 0.25 : 0.85}
          onPointerEnter={() => setActive(line.runId)}
          onPointerLeave={() => setActive(null)}
        >
          <title>{names.get(line.runId) ?? line.runId}</title>
        </path>
      ))}
      {data.axes.map((axis, i) => (
        <g key={axis.id} transform={`translate(${xOf(i)},0)`}>
          <line y1={PAD.top} y2={PAD.top + innerH} stroke="currentColor" strokeOpacity={0.6} />
          <text y={PAD.top - 12} textAnchor="middle" fill="currentColor" className="font-medium">
            {axis.label}
          </text>
          {axis.ticks.map((t) => (
            <g key={`${t.pos}:${t.label}`} transform={`translate(0,${yOf(t.pos)})`}>
              <line x1={-4} x2={0} stroke="currentColor" />
              <text x={-6} dy="0.32em" textAnchor="end" fill="currentColor">
                {t.label.length > 12 ? `${t.label.slice(0, 11)}…` : t.label}
              </text>
            </g>
          ))}
        </g>
      ))}
    </svg>
  );
}
