"use client";

import { ZoomOut } from "lucide-react";
import { type XAxis, xAxes } from "@/server/compare/schemas";
import { xAxisLabels } from "../charts/prepare/x-axis";
import { SmoothingSlider } from "../charts/smoothing-slider";
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
      <SmoothingSlider value={smoothing} onChange={onSmoothing} />
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
