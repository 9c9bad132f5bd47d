import { describe, expect, it } from "vitest";
import { movePanel, newPanelId, panelsChanged, presetOf, removePanel, replacePanel, resizePanel } from "./layout";

const p = (id: string, w = 6, h = 3) => ({ id, w, h });

describe("dashboard layout steps", () => {
  it("moves a panel earlier or later and stays put at either end", () => {
    const panels = [p("a"), p("b"), p("c")];
    expect(movePanel(panels, "c", -1).map((x) => x.id)).toEqual(["a", "c", "b"]);
    expect(movePanel(panels, "a", 1).map((x) => x.id)).toEqual(["b", "a", "c"]);
    expect(movePanel(panels, "a", -1).map((x) => x.id)).toEqual(["a", "b", "c"]);
    expect(movePanel(panels, "c", 1).map((x) => x.id)).toEqual(["a", "b", "c"]);
    expect(movePanel(panels, "zz", 1).map((x) => x.id)).toEqual(["a", "b", "c"]);
    expect(panels.map((x) => x.id)).toEqual(["a", "b", "c"]);
  });

  it("resizes to presets and names the preset a size matches", () => {
    const panels = [p("a"), p("b")];
    const wide = resizePanel(panels, "b", "W");
    expect(wide[1]).toEqual({ id: "b", w: 12, h: 3 });
    expect(wide[0]).toBe(panels[0]);
    expect(presetOf(wide[1]!)).toBe("W");
    expect(presetOf({ w: 4, h: 2 })).toBe("S");
    expect(presetOf({ w: 5, h: 2 })).toBeNull();
  });

  it("replaces and removes by id", () => {
    const panels = [p("a"), p("b")];
    expect(replacePanel(panels, { id: "b", w: 1, h: 1 })).toEqual([p("a"), { id: "b", w: 1, h: 1 }]);
    expect(removePanel(panels, "a")).toEqual([p("b")]);
  });

  it("makes ids the server accepts, and tells a changed draft from an unchanged one", () => {
    expect(newPanelId(() => "0123e4567-e89b-12d3-a456-426614174000")).toMatch(/^pnl_[\w]{20}$/);
    const saved = [{ id: "a", kind: "pending_promotions" as const, title: "", w: 6, h: 3, config: {} }];
    expect(panelsChanged(saved, [...saved])).toBe(false);
    expect(panelsChanged(saved, [{ ...saved[0]!, w: 12 }])).toBe(true);
  });
});
