import type { Panel } from "@/server/dashboards/schemas";

// Editing a dashboard is editing one ordered list of panels: these pure steps are what the edit
// controls do, and the list they return is what Save sends whole.

export const sizePresets = {
  S: { w: 4, h: 2, label: "Small" },
  M: { w: 6, h: 3, label: "Medium" },
  L: { w: 8, h: 4, label: "Large" },
  W: { w: 12, h: 3, label: "Wide" },
} as const;
export type SizePreset = keyof typeof sizePresets;
export const sizePresetIds = Object.keys(sizePresets) as SizePreset[];

/** The preset a panel's size matches, or null for a size set some other way (REST). */
export function presetOf(panel: Pick<Panel, "w" | "h">): SizePreset | null {
  return sizePresetIds.find((id) => sizePresets[id].w === panel.w && sizePresets[id].h === panel.h) ?? null;
}

/** Moves a panel `delta` places (−1 earlier, +1 later); at either end it stays. */
export function movePanel<P extends { id: string }>(panels: readonly P[], id: string, delta: number): P[] {
  const from = panels.findIndex((p) => p.id === id);
  const to = from + delta;
  if (from < 0 || to < 0 || to >= panels.length || delta === 0) return [...panels];
  const next = [...panels];
  const [moved] = next.splice(from, 1);
  next.splice(to, 0, moved!);
  return next;
}

export function resizePanel<P extends { id: string; w: number; h: number }>(panels: readonly P[], id: string, preset: SizePreset): P[] {
  const { w, h } = sizePresets[preset];
  return panels.map((p) => (p.id === id ? { ...p, w, h } : p));
}

export function replacePanel<P extends { id: string }>(panels: readonly P[], panel: P): P[] {
  return panels.map((p) => (p.id === panel.id ? panel : p));
}

export function removePanel<P extends { id: string }>(panels: readonly P[], id: string): P[] {
  return panels.filter((p) => p.id !== id);
}

/** A browser-made id for a panel not yet saved; the server keeps any well-formed id it is sent. */
export function newPanelId(random: () => string = () => crypto.randomUUID()): string {
  return `pnl_${random().replace(/-/g, "").slice(0, 20)}`;
}

/** Whether a draft differs from what is saved (order, sizes, titles, configs). */
export function panelsChanged(saved: readonly Panel[], draft: readonly Panel[]): boolean {
  return JSON.stringify(saved) !== JSON.stringify(draft);
}
