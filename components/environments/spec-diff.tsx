"use client";

import { useId, useMemo } from "react";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "../ui/card";
import { cn } from "../ui/cn";
import { Label } from "../ui/label";
import { Select, SelectContent, SelectItem, SelectTrigger, SelectValue } from "../ui/select";
import { type DiffCell, type SideBySide, sideBySide } from "./diff-rows";
import type { EnvironmentVersion } from "./types";

const cellStyle: Record<DiffCell["change"], string> = {
  added: "bg-success/15",
  removed: "bg-destructive/10",
  same: "",
};
const marker: Record<DiffCell["change"], string> = { added: "+", removed: "−", same: " " };

function Side({ cell }: { cell: DiffCell | null }) {
  if (!cell) {
    return (
      <>
        <div aria-hidden className="border-r bg-muted/40" />
        <div aria-hidden className="border-r bg-muted/40 last:border-r-0" />
      </>
    );
  }
  return (
    <>
      <div aria-hidden className={cn("select-none whitespace-pre px-2 text-right tabular-nums text-muted-foreground", cellStyle[cell.change])}>
        {cell.line}
        {marker[cell.change]}
      </div>
      <div data-change={cell.change} className={cn("whitespace-pre-wrap break-all border-r pl-1 pr-2 last:border-r-0", cellStyle[cell.change])}>
        {cell.text}
      </div>
    </>
  );
}

/** A side-by-side diff as a grid: line numbers and text of the old side on the left, the new on the right. */
export function DiffGrid({
  diff,
  left,
  right,
  className,
  ...props
}: { diff: SideBySide; left: React.ReactNode; right: React.ReactNode } & React.HTMLAttributes<HTMLDivElement>) {
  return (
    <div
      className={cn("grid grid-cols-[auto_minmax(0,1fr)_auto_minmax(0,1fr)] overflow-hidden rounded-md border font-mono text-xs leading-5", className)}
      {...props}
    >
      <div className="col-span-2 border-b border-r bg-muted/50 px-2 py-1 font-sans font-medium text-muted-foreground">{left}</div>
      <div className="col-span-2 border-b bg-muted/50 px-2 py-1 font-sans font-medium text-muted-foreground">{right}</div>
      {diff.rows.map((row, i) => (
        <div key={i} className="contents">
          <Side cell={row.left} />
          <Side cell={row.right} />
        </div>
      ))}
    </div>
  );
}

function VersionSelect({ label, value, versions, onChange }: { label: string; value: number; versions: EnvironmentVersion[]; onChange: (v: number) => void }) {
  const id = useId();
  return (
    <div className="flex items-center gap-2">
      <Label htmlFor={id} className="whitespace-nowrap">
        {label}
      </Label>
      <Select value={String(value)} onValueChange={(v) => onChange(Number(v))}>
        <SelectTrigger id={id} className="w-32">
          <SelectValue>v{value}</SelectValue>
        </SelectTrigger>
        <SelectContent>
          {versions.map((v, i) => (
            <SelectItem key={v.version} value={String(v.version)}>
              v{v.version}
              {i === 0 ? " · latest" : ""}
            </SelectItem>
          ))}
        </SelectContent>
      </Select>
    </div>
  );
}

/** Two versions' canonical YAML side by side, the older on the left; added and removed lines marked. */
export function SpecDiff({
  versions,
  a,
  b,
  onChange,
}: {
  /** Newest first. */
  versions: EnvironmentVersion[];
  a: EnvironmentVersion;
  b: EnvironmentVersion;
  onChange: (next: { a: number; b: number }) => void;
}) {
  const diff = useMemo(() => sideBySide(a.specYaml, b.specYaml), [a.specYaml, b.specYaml]);
  return (
    <Card role="region" aria-label="Compare versions">
      <CardHeader>
        <div className="flex flex-wrap items-center gap-x-4 gap-y-2">
          <CardTitle>Compare versions</CardTitle>
          <VersionSelect label="Version A" value={a.version} versions={versions} onChange={(v) => onChange({ a: v, b: b.version })} />
          <VersionSelect label="Version B" value={b.version} versions={versions} onChange={(v) => onChange({ a: a.version, b: v })} />
          <p className="text-sm text-muted-foreground" aria-live="polite" data-testid="env-diff-summary">
            {a.version === b.version ? (
              "The same version on both sides"
            ) : diff.added + diff.removed === 0 ? (
              "No differences"
            ) : (
              <>
                <span className="text-success">+{diff.added}</span> <span className="text-destructive">−{diff.removed}</span> lines
              </>
            )}
          </p>
        </div>
        <CardDescription>The canonical spec of each version: keys in a fixed order, packages sorted and normalised.</CardDescription>
      </CardHeader>
      <CardContent>
        <DiffGrid diff={diff} left={`v${a.version}`} right={`v${b.version}`} data-testid="env-diff" data-a={a.version} data-b={b.version} />
      </CardContent>
    </Card>
  );
}
