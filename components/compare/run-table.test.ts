import { describe, expect, it } from "vitest";
import { compareColumns, compareCsv, differs, toCsv, varyingParamIds } from "./run-table";
import { summary, testRun } from "./test-runs";

const a = testRun("run_a", { name: "baseline", params: { lr: "0.01", opt: "adam", bs: "32" }, metrics: { loss: summary(0.5, 10, 0.4, 2) } });
const b = testRun("run_b", { name: 'wide, "new"', params: { lr: "0.001", opt: "adam" }, metrics: { loss: summary(0.7, 10, 0.4, 3) } });

describe("compareColumns", () => {
  it("lists every param, then last, min and max of each metric", () => {
    expect(compareColumns([a, b], false).map((c) => c.id)).toEqual(["p:lr", "p:opt", "p:bs", "m:last:loss", "m:min:loss", "m:max:loss"]);
  });

  it("keeps only what differs, a missing value counting as different", () => {
    expect(compareColumns([a, b], true).map((c) => c.id)).toEqual(["p:lr", "p:bs", "m:last:loss", "m:max:loss"]);
  });

  it("finds no differences in a single run", () => {
    expect(differs([a], compareColumns([a], false)[0]!)).toBe(false);
  });
});

describe("CSV export", () => {
  it("quotes what needs quoting and leaves missing values empty", () => {
    expect(toCsv(["a", "b"], [["x,y", null], ['say "hi"', 1.5]])).toBe('a,b\r\n"x,y",\r\n"say ""hi""",1.5\r\n');
  });

  it("exports the columns shown with raw values", () => {
    const csv = compareCsv([a, b], compareColumns([a, b], true));
    expect(csv.split("\r\n")[0]).toBe("run_id,name,status,lr,bs,loss (last),loss (max)");
    expect(csv.split("\r\n")[2]).toBe('run_b,"wide, ""new""",succeeded,0.001,,0.7,3');
  });
});

describe("varyingParamIds", () => {
  it("names the params that differ", () => {
    expect(varyingParamIds([a, b])).toEqual(["p:lr", "p:bs"]);
  });
});
