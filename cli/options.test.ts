import { InvalidArgumentError } from "commander";
import { describe, expect, it } from "vitest";
import { jobRequest } from "./commands/launch";
import { parseInteger, parseKeyValue, parsePositiveNumber, UsageError } from "./options";
import { program } from "./program";

describe("parseKeyValue", () => {
  it("collects repeated key=value options", () => {
    let params = parseKeyValue("lr=0.01");
    params = parseKeyValue("query=a=b", params);
    params = parseKeyValue("empty=", params);
    expect(params).toEqual({ lr: "0.01", query: "a=b", empty: "" });
  });

  it.each([
    ["no =", "lr", /expected key=value/],
    ["an empty key", "=1", /key is empty/],
    ["white space in the key", "learning rate=1", /white space/],
  ])("rejects %s", (_name, input, message) => {
    expect(() => parseKeyValue(input)).toThrow(InvalidArgumentError);
    expect(() => parseKeyValue(input)).toThrow(message);
  });

  it("rejects a key given twice", () => {
    expect(() => parseKeyValue("lr=2", { lr: "1" })).toThrow(/given twice/);
  });

  it("reports a bad --param through commander, naming the option", async () => {
    const cli = program().exitOverride().configureOutput({ writeErr: () => {}, writeOut: () => {} });
    for (const command of cli.commands) command.exitOverride().configureOutput({ writeErr: () => {}, writeOut: () => {} });
    await expect(cli.parseAsync(["launch", "--project", "prj_1", "--command", "true", "--param", "oops"], { from: "user" })).rejects.toThrow(
      /--param <key=value>.*expected key=value/,
    );
  });
});

describe("number options", () => {
  it("accepts whole numbers in range and refuses the rest", () => {
    const gpus = parseInteger(0, 8);
    expect(gpus("2")).toBe(2);
    expect(() => gpus("1.5")).toThrow(/whole number/);
    expect(() => gpus("9")).toThrow(/from 0 to 8/);
    expect(() => gpus("-1")).toThrow(/from 0 to 8/);
    expect(parsePositiveNumber("0.5")).toBe(0.5);
    expect(() => parsePositiveNumber("0")).toThrow(/positive/);
    expect(() => parsePositiveNumber("")).toThrow(/positive/);
  });
});

describe("jobRequest", () => {
  it("builds the submit body from the flags, leaving out what was not given", () => {
    expect(
      jobRequest({ project: "prj_1", command: "python train.py", gpus: 2, param: { lr: "0.1" }, git: "https://g/x.git", ref: "v1", priority: 5 }),
    ).toEqual({ command: "python train.py", resources: { gpus: 2 }, params: { lr: "0.1" }, code: { git: "https://g/x.git", ref: "v1" }, priority: 5 });
  });

  it("refuses two code sources and a --ref without --git", () => {
    expect(() => jobRequest({ project: "p", command: "c", code: ".", git: "u" })).toThrow(UsageError);
    expect(() => jobRequest({ project: "p", command: "c", ref: "main" })).toThrow(/--ref needs --git/);
  });
});
