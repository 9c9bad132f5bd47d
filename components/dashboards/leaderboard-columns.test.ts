import { describe, expect, it } from "vitest";
import { DEFAULT_LEADERBOARD_PARAMS, leaderboardCaption, leaderboardParamColumns } from "./leaderboard-columns";

describe("leaderboard columns", () => {
  const rows: { params: Record<string, string> }[] = [
    { params: { lr: "0.1", bs: "32", opt: "adam", seed: "1" } },
    { params: { lr: "0.01", bs: "32", opt: "adam" } },
    { params: { lr: "0.001", bs: "64", opt: "adam" } },
  ];

  it("shows the params that differ, most widely logged first, unless some are chosen", () => {
    // seed is logged once: present on one run and missing on the others counts as differing.
    expect(leaderboardParamColumns(rows, [])).toEqual(["bs", "lr", "seed"]);
    expect(leaderboardParamColumns(rows, ["opt", "lr"])).toEqual(["opt", "lr"]);
    expect(leaderboardParamColumns([], [])).toEqual([]);
    const wide = [{ params: Object.fromEntries(Array.from({ length: 9 }, (_, i) => [`p${i}`, "a"])) }, { params: Object.fromEntries(Array.from({ length: 9 }, (_, i) => [`p${i}`, "b"])) }];
    expect(leaderboardParamColumns(wide, [])).toHaveLength(DEFAULT_LEADERBOARD_PARAMS);
  });

  it("is honest about the cap", () => {
    expect(leaderboardCaption({ metric: "val/acc", stat: "max", direction: "desc", total: 143, rows: Array(10) })).toBe("Top 10 of 143 runs by val/acc (max), highest first");
    expect(leaderboardCaption({ metric: "loss", stat: "min", direction: "asc", total: 1, rows: [1] })).toBe("Top 1 run by loss (min), lowest first");
  });
});
