import { describe, expect, it } from "vitest";
import { ANY_TARGET, launchDefaults, LaunchJobForm, NO_ENVIRONMENT } from "./launch-schema";

const base = { ...launchDefaults("prj_1"), command: "python train.py" };
const messages = (input: unknown) => {
  const result = LaunchJobForm.safeParse(input);
  return result.success ? {} : Object.fromEntries(result.error.issues.map((i) => [i.path.join("."), i.message]));
};

describe("LaunchJobForm", () => {
  it("turns the defaults into a minimal submit input", () => {
    expect(LaunchJobForm.parse(base)).toEqual({
      projectId: "prj_1",
      name: undefined,
      command: "python train.py",
      code: undefined,
      resources: { gpus: 0, gpuModel: undefined },
      target: undefined,
      labels: {},
      params: {},
      priority: 0,
      maxRetries: 0,
      environment: undefined,
    });
  });

  it("parses every field that is filled in", () => {
    const parsed = LaunchJobForm.parse({
      ...base,
      name: " sweep-1 ",
      code: { git: "https://github.com/acme/train.git", ref: "main" },
      resources: { gpus: 2, gpuModel: "A100" },
      target: "cmp_123",
      labels: "zone=eu",
      params: "lr=0.01\nepochs=3",
      priority: 5,
      maxRetries: 2,
      environment: "torch@2",
    });
    expect(parsed).toMatchObject({
      name: "sweep-1",
      code: { git: "https://github.com/acme/train.git", ref: "main" },
      resources: { gpus: 2, gpuModel: "A100" },
      target: "cmp_123",
      labels: { zone: "eu" },
      params: { lr: "0.01", epochs: "3" },
      priority: 5,
      maxRetries: 2,
      environment: "torch@2",
    });
  });

  it("leaves the ref to the server's default when only a Git URL is given", () => {
    expect(LaunchJobForm.parse({ ...base, code: { git: "git@github.com:acme/x.git", ref: " " } }).code).toEqual({
      git: "git@github.com:acme/x.git",
      ref: undefined,
    });
  });

  it("reports problems on the fields the form shows", () => {
    expect(
      messages({
        ...base,
        command: "  ",
        code: { git: "ftp://example.com/x", ref: "main" },
        resources: { gpus: Number.NaN, gpuModel: "" },
        labels: "nope",
        maxRetries: 11,
      }),
    ).toEqual({
      command: "command is required",
      "code.git": "git must be an http(s), ssh, git@ or file URL",
      "resources.gpus": "Enter a whole number",
      labels: "Line 1: expected key=value",
      maxRetries: expect.any(String),
    });
    expect(messages({ ...base, code: { git: "", ref: "main" } })).toEqual({ "code.ref": "A ref needs a Git URL" });
    expect(messages({ ...base, resources: { gpus: -1, gpuModel: "" } })).toEqual({ "resources.gpus": "gpus cannot be negative" });
  });

  it("sends no target for any matching target", () => {
    expect(LaunchJobForm.parse({ ...base, target: ANY_TARGET }).target).toBeUndefined();
  });

  it("sends no environment for none (host python) and a chosen version as name@version", () => {
    expect(LaunchJobForm.parse({ ...base, environment: NO_ENVIRONMENT }).environment).toBeUndefined();
    expect(LaunchJobForm.parse({ ...launchDefaults("prj_1", "torch@3"), command: "x" }).environment).toBe("torch@3");
  });
});
