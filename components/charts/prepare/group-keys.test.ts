import { describe, expect, it } from "vitest";
import { groupMetricKeys } from "./group-keys";

describe("groupMetricKeys", () => {
  it("groups by the first path segment, unprefixed keys last", () => {
    expect(groupMetricKeys(["val/acc", "lr", "train/loss", "train/acc", "epoch_time", "val/loss"])).toEqual([
      { prefix: "train", keys: ["train/acc", "train/loss"] },
      { prefix: "val", keys: ["val/acc", "val/loss"] },
      { prefix: "", keys: ["epoch_time", "lr"] },
    ]);
  });
  it("sorts naturally and drops duplicates", () => {
    expect(groupMetricKeys(["layer10/x", "layer2/x", "layer2/x"]).map((g) => g.prefix)).toEqual(["layer2", "layer10"]);
  });
  it("treats a leading slash as no prefix", () => {
    expect(groupMetricKeys(["/odd"])).toEqual([{ prefix: "", keys: ["/odd"] }]);
  });
});
