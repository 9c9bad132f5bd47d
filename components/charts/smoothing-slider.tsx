"use client";

import { useId } from "react";
import { cn } from "../ui/cn";

/** The EMA smoothing weight (0 = raw) for metric charts, with its value beside it. */
export function SmoothingSlider({ value, onChange, className }: { value: number; onChange: (value: number) => void; className?: string }) {
  const id = useId();
  return (
    <div className={cn("flex items-center gap-3", className)}>
      <label htmlFor={id} className="font-medium">
        Smoothing
      </label>
      <input id={id} type="range" min={0} max={0.99} step={0.01} value={value} onChange={(e) => onChange(Number(e.target.value))} className="w-44 accent-primary" />
      <output htmlFor={id} className="w-10 tabular-nums text-muted-foreground">
        {value.toFixed(2)}
      </output>
    </div>
  );
}
