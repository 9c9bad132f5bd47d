import { describe, expect, it } from "vitest";
import { columnLabel, paramOptions, summaryOptions } from "./column-options";

describe("column options", () => {
  it("names params by key and metric summaries with their aggregate", () => {
    expect(columnLabel("p:lr")).toBe("lr");
    expect(columnLabel("m:last:val/acc")).toBe("val/acc (last)");
    expect(columnLabel("started")).toBe("Started");
    expect(columnLabel("nonsense")).toBe("nonsense");
  });

  it("offers last, min and max of every metric", () => {
    expect(paramOptions(["lr"])).toEqual([{ id: "p:lr", label: "lr" }]);
    expect(summaryOptions(["loss"]).map((o) => o.id)).toEqual(["m:last:loss", "m:min:loss", "m:max:loss"]);
  });
});
