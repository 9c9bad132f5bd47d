import { mkdtempSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { configPath, loadConfig, resolveUserEndpoint, saveConfig } from "./config";

describe("config", () => {
  it("lives under XDG_CONFIG_HOME and is readable by its owner only", async () => {
    const home = mkdtempSync(path.join(tmpdir(), "trainyard-config-"));
    const file = configPath({ XDG_CONFIG_HOME: home });
    expect(file).toBe(path.join(home, "trainyard", "config.json"));
    await saveConfig({ server: "http://ty:3000", token: "ty_abc" }, file);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(await loadConfig(file)).toEqual({ server: "http://ty:3000", token: "ty_abc" });
    expect(await loadConfig(path.join(home, "missing.json"))).toBeNull();
  });

  it("prefers flags, then the environment, then the saved login, and uses a saved token only with its server", () => {
    const saved = { server: "http://saved:3000/", token: "ty_saved" };
    expect(resolveUserEndpoint({}, {}, saved)).toEqual({ server: "http://saved:3000", token: "ty_saved" });
    expect(resolveUserEndpoint({ token: "ty_flag" }, { TRAINYARD_TOKEN: "ty_env" }, saved).token).toBe("ty_flag");
    expect(resolveUserEndpoint({}, { TRAINYARD_TOKEN: "ty_env" }, saved).token).toBe("ty_env");
    expect(() => resolveUserEndpoint({ server: "http://other:3000" }, {}, saved)).toThrow(/no token for http:\/\/other:3000/);
    expect(() => resolveUserEndpoint({}, {}, null)).toThrow(/no server/);
  });
});
