"use client";

import { useId, useMemo, useState } from "react";
import { z } from "zod";
import { runStatuses } from "@/db/schema/enums";
import { xAxes } from "@/server/compare/schemas";
import {
  MAX_LEADERBOARD_K,
  metricStats,
  type Panel,
  PanelInput,
  type PanelKind,
  panelKinds,
  type PanelOf,
  type RunFilterConfig,
  usageGroups,
} from "@/server/dashboards/schemas";
import { MAX_CHART_RUNS } from "@/server/compare/schemas";
import { xAxisLabels } from "../charts/prepare/x-axis";
import { SmoothingSlider } from "../charts/smoothing-slider";
import { paramOptions, summaryOptions } from "../compare/column-options";
import { ColumnSelect } from "../compare/column-select";
import { collectKeys } from "../runs/keys";
import { paramColumnId } from "../runs/columns";
import { statusLabel } from "../runs/run-status-badge";
import { Button } from "../ui/button";
import { Dialog, DialogContent, DialogDescription, DialogHeader, DialogTitle } from "../ui/dialog";
import { Input } from "../ui/input";
import { Label } from "../ui/label";
import { Select, SelectContent, SelectItem, SelectTrigger, SelectValue } from "../ui/select";
import { ErrorState } from "../ui/states";
import { newPanel, panelKindDescriptions, panelKindLabels } from "./panel-kinds";
import { useProjectRuns } from "./use-project-runs";

const NO_RUNS: never[] = [];
/** Picked runs named in the dialog before "and N more". */
const MAX_NAMED_RUNS = 5;

export interface PanelDialogProps {
  projectId: string;
  /** The panel being edited; null while adding (the kind is chosen first). */
  panel: Panel | null;
  open: boolean;
  onOpenChange: (open: boolean) => void;
  onSubmit: (panel: Panel) => void;
}

/** Adds a panel (kind, title, settings) or edits one; the result is checked with the server's schema. */
export function PanelDialog({ projectId, panel, open, onOpenChange, onSubmit }: PanelDialogProps) {
  return (
    <Dialog open={open} onOpenChange={onOpenChange}>
      <DialogContent className="max-h-[90vh] max-w-2xl overflow-y-auto">
        <DialogHeader>
          <DialogTitle>{panel ? "Edit panel" : "Add panel"}</DialogTitle>
          <DialogDescription>{panel ? panelKindDescriptions[panel.kind] : "Choose what the panel shows, then its settings."}</DialogDescription>
        </DialogHeader>
        {/* Mounted per opening, so a cancelled edit leaves nothing behind. */}
        {open ? <PanelEditor key={panel?.id ?? "new"} projectId={projectId} initial={panel} onSubmit={onSubmit} onCancel={() => onOpenChange(false)} /> : null}
      </DialogContent>
    </Dialog>
  );
}

function PanelEditor({ projectId, initial, onSubmit, onCancel }: { projectId: string; initial: Panel | null; onSubmit: (panel: Panel) => void; onCancel: () => void }) {
  const [draft, setDraft] = useState<Panel>(() => initial ?? newPanel("leaderboard"));
  const [error, setError] = useState<string | null>(null);
  const runs = useProjectRuns(projectId);
  const keys = useMemo(() => collectKeys(runs.data ?? NO_RUNS), [runs.data]);
  const names = useMemo(() => new Map((runs.data ?? NO_RUNS).map((r) => [r.id, r.name])), [runs.data]);
  const titleId = useId();
  const kindName = useId();

  function chooseKind(kind: PanelKind) {
    setDraft((d) => ({ ...newPanel(kind, d.id), title: d.title }));
  }
  function setConfig<K extends PanelKind>(patch: Partial<PanelOf<K>["config"]>) {
    setDraft((d) => ({ ...d, config: { ...d.config, ...patch } }) as Panel);
  }
  function submit(e: React.FormEvent) {
    e.preventDefault();
    const parsed = PanelInput.safeParse(draft);
    if (!parsed.success) {
      setError(z.prettifyError(parsed.error));
      return;
    }
    onSubmit({ ...parsed.data, id: draft.id } as Panel);
  }

  return (
    <form onSubmit={submit} className="flex flex-col gap-4" noValidate>
      {initial ? null : (
        <fieldset className="flex flex-col gap-2">
          <legend className="mb-2 text-sm font-medium">Panel kind</legend>
          <div className="grid gap-2 sm:grid-cols-2">
            {panelKinds.map((kind) => (
              <label key={kind} className="flex cursor-pointer items-start gap-2 rounded-md border p-2.5 text-sm has-[:checked]:border-primary has-[:checked]:bg-primary/5">
                <input type="radio" name={kindName} value={kind} checked={draft.kind === kind} onChange={() => chooseKind(kind)} className="mt-0.5 accent-primary" />
                <span>
                  <span className="block font-medium">{panelKindLabels[kind]}</span>
                  <span className="block text-xs text-muted-foreground">{panelKindDescriptions[kind]}</span>
                </span>
              </label>
            ))}
          </div>
        </fieldset>
      )}
      <div className="flex flex-col gap-1.5">
        <Label htmlFor={titleId}>Title</Label>
        <Input id={titleId} value={draft.title} maxLength={120} placeholder="Say what it shows (optional)" onChange={(e) => setDraft((d) => ({ ...d, title: e.target.value }))} />
      </div>
      <KindSettings draft={draft} keys={keys} names={names} setConfig={setConfig} />
      {error ? <ErrorState title="Check the panel's settings" error={{ message: error }} /> : null}
      <div className="flex justify-end gap-2">
        <Button type="button" variant="outline" onClick={onCancel}>
          Cancel
        </Button>
        <Button type="submit">{initial ? "Apply" : "Add panel"}</Button>
      </div>
    </form>
  );
}

type Keys = ReturnType<typeof collectKeys>;
type SetConfig = <K extends PanelKind>(patch: Partial<PanelOf<K>["config"]>) => void;
/** Run names by id, to say which runs a hand-picked filter names. */
type RunNames = ReadonlyMap<string, string>;

function KindSettings({ draft, keys, names, setConfig }: { draft: Panel; keys: Keys; names: RunNames; setConfig: SetConfig }) {
  const params = paramOptions(keys.params);
  const summaries = summaryOptions(keys.metrics);
  switch (draft.kind) {
    case "line_charts": {
      const c = draft.config;
      return (
        <>
          <FilterFields filter={c.filter} keys={keys} names={names} onChange={(filter) => setConfig<"line_charts">({ filter })} />
          <KeyChecklist legend="Metrics (none ticked: every metric with a history)" options={keys.metrics} chosen={c.keys} onChange={(k) => setConfig<"line_charts">({ keys: k })} />
          {c.keys.length === 0 ? (
            <TextField label="Only metrics starting with" value={c.prefix} placeholder="train/" onChange={(prefix) => setConfig<"line_charts">({ prefix })} />
          ) : null}
          <div className="flex flex-wrap items-end gap-4 text-sm">
            <ChoiceField label="X-axis" value={c.x_axis} options={xAxes.map((x) => ({ value: x, label: xAxisLabels[x] }))} onChange={(x_axis) => setConfig<"line_charts">({ x_axis })} />
            <SmoothingSlider value={c.smoothing} onChange={(smoothing) => setConfig<"line_charts">({ smoothing })} />
            <label className="flex items-center gap-2">
              <input type="checkbox" className="size-4 accent-primary" checked={c.log_y} onChange={(e) => setConfig<"line_charts">({ log_y: e.target.checked })} />
              Log scale
            </label>
          </div>
        </>
      );
    }
    case "scatter": {
      const c = draft.config;
      return (
        <>
          <FilterFields filter={c.filter} keys={keys} names={names} onChange={(filter) => setConfig<"scatter">({ filter })} />
          <div className="flex flex-wrap items-center gap-2 text-sm">
            <span>X</span>
            <ColumnSelect label="Scatter x" value={c.x} onChange={(x) => setConfig<"scatter">({ x })} groups={[{ label: "Params", options: params }, { label: "Metrics", options: summaries }]} />
            <span>Y</span>
            <ColumnSelect label="Scatter y" value={c.y} onChange={(y) => setConfig<"scatter">({ y })} groups={[{ label: "Metrics", options: summaries }]} />
          </div>
        </>
      );
    }
    case "parallel": {
      const c = draft.config;
      return (
        <>
          <FilterFields filter={c.filter} keys={keys} names={names} onChange={(filter) => setConfig<"parallel">({ filter })} />
          <KeyChecklist
            legend="Params"
            options={keys.params}
            chosen={c.params.map((id) => id.replace(/^p:/, ""))}
            onChange={(chosen) => setConfig<"parallel">({ params: chosen.map(paramColumnId) })}
          />
          <div className="flex items-center gap-2 text-sm">
            <span>→ metric</span>
            <ColumnSelect label="Parallel coordinates metric" value={c.metric} onChange={(metric) => setConfig<"parallel">({ metric })} groups={[{ label: "Metrics", options: summaries }]} />
          </div>
        </>
      );
    }
    case "leaderboard": {
      const c = draft.config;
      return (
        <>
          <div className="flex flex-wrap items-end gap-4">
            <ChoiceField
              label="Metric"
              value={c.metric ?? ""}
              placeholder={keys.metrics.length ? "Choose a metric" : "No metrics logged yet"}
              options={keys.metrics.map((m) => ({ value: m, label: m }))}
              onChange={(metric) => setConfig<"leaderboard">({ metric })}
              className="w-56"
            />
            <ChoiceField label="Summary" value={c.stat} options={metricStats.map((s) => ({ value: s, label: s }))} onChange={(stat) => setConfig<"leaderboard">({ stat })} />
            <ChoiceField
              label="Order"
              value={c.direction}
              options={[
                { value: "desc", label: "Highest first" },
                { value: "asc", label: "Lowest first" },
              ]}
              onChange={(direction) => setConfig<"leaderboard">({ direction })}
            />
            <NumberField label="Runs shown" value={c.k} min={1} max={MAX_LEADERBOARD_K} onChange={(k) => setConfig<"leaderboard">({ k })} />
          </div>
          <KeyChecklist legend="Param columns (none ticked: those that differ)" options={keys.params} chosen={c.params} onChange={(p) => setConfig<"leaderboard">({ params: p })} />
        </>
      );
    }
    case "compute_usage": {
      const c = draft.config;
      return (
        <div className="flex flex-wrap items-end gap-4">
          <NumberField label="Days" value={c.days} min={1} max={365} onChange={(days) => setConfig<"compute_usage">({ days })} />
          <ChoiceField
            label="Group by"
            value={c.group_by}
            options={usageGroups.map((g) => ({ value: g, label: g === "user" ? "User" : "Compute target" }))}
            onChange={(group_by) => setConfig<"compute_usage">({ group_by })}
          />
        </div>
      );
    }
    case "pending_promotions":
      return <p className="text-sm text-muted-foreground">Shows the project&apos;s open promotion requests, newest first.</p>;
  }
}

/**
 * The saved run filter of a run-based panel: the runs table's query box, a status, the top N by a
 * column — or the runs picked in a comparison, kept as they are until cleared.
 */
function FilterFields({ filter, keys, names, onChange }: { filter: RunFilterConfig; keys: Keys; names: RunNames; onChange: (filter: RunFilterConfig) => void }) {
  const set = (patch: Partial<RunFilterConfig>) => onChange({ ...filter, ...patch });
  const picked = filter.run_ids.length;
  if (picked > 0) {
    const known = filter.run_ids.flatMap((id) => names.get(id) ?? []);
    return (
      <fieldset className="flex flex-col gap-2 rounded-md border p-3">
        <legend className="px-1 text-sm font-medium">Runs</legend>
        <div className="flex flex-wrap items-center justify-between gap-3 text-sm">
          <div className="flex min-w-0 flex-col gap-0.5">
            <span className="font-medium">
              {picked} picked {picked === 1 ? "run" : "runs"}
            </span>
            {known.length > 0 ? (
              <span className="truncate text-xs text-muted-foreground" title={known.join(", ")}>
                {known.slice(0, MAX_NAMED_RUNS).join(", ")}
                {known.length > MAX_NAMED_RUNS ? ` and ${known.length - MAX_NAMED_RUNS} more` : ""}
              </span>
            ) : null}
          </div>
          <Button type="button" variant="outline" size="sm" onClick={() => set({ run_ids: [] })}>
            Clear picked runs
          </Button>
        </div>
        <p className="text-xs text-muted-foreground">Saved from a comparison. Clear them to choose the runs by a filter instead.</p>
      </fieldset>
    );
  }
  return (
    <fieldset className="flex flex-col gap-3 rounded-md border p-3">
      <legend className="px-1 text-sm font-medium">Runs</legend>
      <TextField label="Filter" value={filter.q} placeholder="lr > 0.01, resnet" hint="The runs table's filter: name text or param/metric conditions" onChange={(q) => set({ q })} />
      <div className="flex flex-wrap items-end gap-4">
        <ChoiceField
          label="Status"
          value={filter.status ?? "any"}
          options={[{ value: "any", label: "Any status" }, ...runStatuses.map((s) => ({ value: s, label: statusLabel(s) }))]}
          onChange={(s) => set({ status: s === "any" ? null : (s as RunFilterConfig["status"]) })}
        />
        <div className="flex flex-col gap-1.5 text-sm">
          <span className="font-medium">Sort by</span>
          <ColumnSelect
            label="Sort runs by"
            value={filter.by}
            onChange={(by) => set({ by })}
            groups={[
              { label: "Run", options: [{ id: "started", label: "Started" }] },
              { label: "Metrics", options: summaryOptions(keys.metrics) },
              { label: "Params", options: paramOptions(keys.params) },
            ]}
          />
        </div>
        <ChoiceField
          label="Order"
          value={filter.dir}
          options={[
            { value: "desc", label: filter.by === "started" ? "Latest first" : "Highest first" },
            { value: "asc", label: filter.by === "started" ? "Earliest first" : "Lowest first" },
          ]}
          onChange={(dir) => set({ dir })}
        />
        <NumberField label="Max runs" value={filter.top} min={1} max={MAX_CHART_RUNS} onChange={(top) => set({ top })} />
      </div>
    </fieldset>
  );
}

function TextField({ label, value, placeholder, hint, onChange }: { label: string; value: string; placeholder?: string; hint?: string; onChange: (v: string) => void }) {
  const id = useId();
  return (
    <div className="flex flex-col gap-1.5">
      <Label htmlFor={id}>{label}</Label>
      <Input id={id} value={value} placeholder={placeholder} onChange={(e) => onChange(e.target.value)} aria-describedby={hint ? `${id}-hint` : undefined} />
      {hint ? (
        <p id={`${id}-hint`} className="text-xs text-muted-foreground">
          {hint}
        </p>
      ) : null}
    </div>
  );
}

function NumberField({ label, value, min, max, onChange }: { label: string; value: number; min: number; max: number; onChange: (v: number) => void }) {
  const id = useId();
  return (
    <div className="flex flex-col gap-1.5">
      <Label htmlFor={id}>{label}</Label>
      <Input id={id} type="number" inputMode="numeric" className="w-24" min={min} max={max} step={1} value={Number.isFinite(value) ? value : ""} onChange={(e) => onChange(e.target.valueAsNumber)} />
    </div>
  );
}

function ChoiceField<V extends string>({
  label,
  value,
  options,
  onChange,
  placeholder,
  className = "w-44",
}: {
  label: string;
  value: V | "";
  options: { value: V; label: string }[];
  onChange: (v: V) => void;
  placeholder?: string;
  className?: string;
}) {
  const id = useId();
  return (
    <div className="flex flex-col gap-1.5">
      <Label htmlFor={id}>{label}</Label>
      <Select value={value || undefined} onValueChange={(v) => onChange(v as V)} disabled={options.length === 0}>
        <SelectTrigger id={id} aria-label={label} className={className}>
          <SelectValue placeholder={placeholder ?? "Choose…"} />
        </SelectTrigger>
        <SelectContent>
          {options.map((o) => (
            <SelectItem key={o.value} value={o.value}>
              {o.label}
            </SelectItem>
          ))}
        </SelectContent>
      </Select>
    </div>
  );
}

/** Tick boxes over keys; keeps the order they were ticked in. */
function KeyChecklist({ legend, options, chosen, onChange }: { legend: string; options: readonly string[]; chosen: readonly string[]; onChange: (keys: string[]) => void }) {
  const set = new Set(chosen);
  // A chosen key no run logs any more stays listed, so it can be unticked.
  const all = [...options, ...chosen.filter((k) => !options.includes(k))];
  return (
    <fieldset className="flex flex-col gap-1">
      <legend className="mb-1 text-sm font-medium">{legend}</legend>
      {all.length === 0 ? (
        <p className="text-xs text-muted-foreground">Nothing logged in this project yet.</p>
      ) : (
        <div className="flex max-h-36 flex-wrap gap-x-4 gap-y-1 overflow-y-auto rounded-md border p-2">
          {all.map((key) => (
            <label key={key} className="flex items-center gap-1.5 text-sm">
              <input
                type="checkbox"
                className="size-4 accent-primary"
                checked={set.has(key)}
                onChange={(e) => onChange(e.target.checked ? [...chosen, key] : chosen.filter((k) => k !== key))}
              />
              <span className="font-mono text-xs">{key}</span>
            </label>
          ))}
        </div>
      )}
    </fieldset>
  );
}
