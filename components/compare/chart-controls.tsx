"use client";

import { ZoomOut } from "lucide-react";
import { useId } from "react";
import { type XAxis, xAxes } from "@/server/compare/schemas";
import { xAxisLabels } from "../charts/prepare/x-axis";
import { Button } from "../ui/button";
import { cn } from "../ui/cn";

export interface ChartControlsProps {
  x: XAxis;
  smoothing: number;
  logY: boolean;
  zoomed: boolean;
  onX: (x: XAxis) => void;
  onSmoothing: (value: number) => void;
  onLogY: (on: boolean) => void;
  onResetZoom: () => void;
}

/** The settings every chart of the comparison shares: x-axis, smoothing, log scale, zoom. */
export function ChartControls({ x, smoothing, logY, zoomed, onX, onSmoothing, onLogY, onResetZoom }: ChartControlsProps) {
  const sliderId = useId();
  return (
    <div className="flex flex-wrap items-center gap-x-6 gap-y-3 text-sm">
      <div role="radiogroup" aria-label="X axis" className="inline-flex rounded-md border p-0.5">
        {xAxes.map((axis) => (
          <button
            key={axis}
            type="button"
            role="radio"
            aria-checked={x === axis}
            onClick={() => onX(axis)}
            className={cn(
              "rounded px-3 py-1 text-xs font-medium transition-colors focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-ring",
              x === axis ? "bg-primary text-primary-foreground" : "text-muted-foreground hover:text-foreground",
            )}
          >
            {xAxisLabels[axis]}
          </button>
        ))}
      </div>
      <div className="flex items-center gap-3">
        <label htmlFor={sliderId} className="font-medium">
          Smoothing
        </label>
        <input
          id={sliderId}
          type="range"
          min={0}
          max={0.99}
          step={0.01}
          value={smoothing}
          onChange={(e) => onSmoothing(Number(e.target.value))}
          className="w-40 accent-primary"
        />
        <output htmlFor={sliderId} className="w-10 tabular-nums text-muted-foreground">
          {smoothing.toFixed(2)}
        </output>
      </div>
      <label className="flex items-center gap-2">
        <input type="checkbox" checked={logY} onChange={(e) => onLogY(e.target.checked)} className="size-4 accent-primary" />
        Log scale
      </label>
      {zoomed ? (
        <Button variant="outline" size="sm" onClick={onResetZoom}>
          <ZoomOut aria-hidden /> Reset zoom
        </Button>
      ) : (
        <span className="text-xs text-muted-foreground">Drag across a chart to zoom in</span>
      )}
    </div>
  );
}
