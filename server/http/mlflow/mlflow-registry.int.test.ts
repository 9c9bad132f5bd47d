import { describe, expect, it } from "vitest";
import { testDatabases } from "@/db/testing/databases";
import { setPolicy } from "../../registry/policies";
import { ctxFor, makeUser, uniq } from "../../testing/fixtures";
import { type Json, mlflowHarness } from "../../testing/mlflow-client";

// Black-box tests of the MLflow wire format, artifacts and the model registry: answers checked field by field against the
// protos (service.proto, model_registry.proto).

describe.each(testDatabases)("MLflow-compatible API, artifacts and registry, on $name", ({ open }) => {
  const { db, tokenOf, client, artifacts, userWithTeam } = mlflowHarness(open);

  it("proxies artifacts under mlflow-artifacts:/<experiment>/<run>/artifacts", async () => {
    const t = await userWithTeam();
    const c = client(t.token);
    const { experiment_id } = await c.ok("POST", "experiments/create", { name: uniq("art") });
    const runId = (await c.ok("POST", "runs/create", { experiment_id })).run.info.run_id as string;
    const root = `${experiment_id}/${runId}/artifacts`;
    expect((await artifacts(t.token, "PUT", `${root}/model/weights.bin`, "w1")).status).toBe(200);
    expect((await artifacts(t.token, "PUT", `${root}/notes.txt`, "hello")).status).toBe(200);
    expect(await artifacts(t.token, "GET", `${root}/notes.txt`)).toEqual({ status: 200, text: "hello" });
    const listed = await artifacts(t.token, "GET", "", undefined, `?path=${encodeURIComponent(root)}`);
    expect(JSON.parse(listed.text)).toEqual({
      files: [
        { path: "model", is_dir: true },
        { path: "notes.txt", is_dir: false, file_size: 5 },
      ],
    });
    const inner = await artifacts(t.token, "GET", "", undefined, `?path=${encodeURIComponent(`${root}/model`)}`);
    expect(JSON.parse(inner.text)).toEqual({ files: [{ path: "weights.bin", is_dir: false, file_size: 2 }] });
    expect((await artifacts(t.token, "GET", `${root}/missing.txt`)).status).toBe(404);
    expect((await artifacts(t.token, "PUT", `${root}/../escape.txt`, "x")).status).toBe(400);
    const stranger = await tokenOf(await makeUser(db()));
    expect((await artifacts(stranger, "GET", `${root}/notes.txt`)).status).toBe(404);
    expect((await artifacts(t.viewerToken, "PUT", `${root}/v.txt`, "x")).status).toBe(403);
  });

  it("registers models and versions, moves aliases, and refuses protected aliases", async () => {
    const t = await userWithTeam();
    const c = client(t.token);
    const { experiment_id } = await c.ok("POST", "experiments/create", { name: uniq("reg") });
    const runId = (await c.ok("POST", "runs/create", { experiment_id })).run.info.run_id as string;
    await artifacts(t.token, "PUT", `${experiment_id}/${runId}/artifacts/model/model.pkl`, "pickle");
    const name = uniq("digits");
    const created = await c.ok("POST", "registered-models/create", { name, description: "d", tags: [{ key: "task", value: "cls" }] });
    expect(created.registered_model).toEqual({
      name,
      creation_timestamp: expect.any(Number),
      last_updated_timestamp: expect.any(Number),
      user_id: t.members[0]!.email,
      description: "d",
      tags: [{ key: "task", value: "cls" }],
    });
    await c.fails("POST", "registered-models/create", { name }, 400, "RESOURCE_ALREADY_EXISTS");
    const v1 = (await c.ok("POST", "model-versions/create", { name, source: `runs:/${runId}/model`, run_id: runId, tags: [{ key: "k", value: "v" }] }))
      .model_version;
    expect(v1).toEqual({
      name,
      version: "1",
      creation_timestamp: expect.any(Number),
      last_updated_timestamp: expect.any(Number),
      user_id: t.members[0]!.email,
      current_stage: "None",
      source: `mlflow-artifacts:/${experiment_id}/${runId}/artifacts/model`,
      run_id: runId,
      status: "READY",
      tags: [{ key: "k", value: "v" }],
    });
    const v2 = (await c.ok("POST", "model-versions/create", { name, source: `mlflow-artifacts:/${experiment_id}/${runId}/artifacts/model/model.pkl` })).model_version;
    expect(v2.version).toBe("2");
    await c.fails("POST", "model-versions/create", { name, source: "s3://elsewhere/model" }, 400, "INVALID_PARAMETER_VALUE");
    await c.fails("POST", "model-versions/create", { name, source: `runs:/${runId}/missing` }, 400, "INVALID_PARAMETER_VALUE");

    await c.ok("POST", "registered-models/alias", { name, alias: "champion", version: "1" });
    expect((await c.ok("GET", "registered-models/alias", { name, alias: "champion" })).model_version).toMatchObject({ version: "1", aliases: ["champion"] });
    const model = (await c.ok("GET", "registered-models/get", { name })).registered_model;
    expect(model.aliases).toEqual([{ alias: "champion", version: "1" }]);
    expect(model.latest_versions.map((v: Json) => v.version)).toEqual(["2"]);
    await c.ok("DELETE", "registered-models/alias", { name, alias: "champion" });
    await c.fails("GET", "registered-models/alias", { name, alias: "champion" }, 404, "RESOURCE_DOES_NOT_EXIST");

    // An alias with a promotion policy only moves through a reviewed promotion.
    await setPolicy({ ctx: ctxFor(db(), t.owner), input: { projectId: experiment_id, alias: "production", requiredApprovals: 1, checks: [] } });
    const refused = await c.fails("POST", "registered-models/alias", { name, alias: "production", version: 1 }, 403, "PERMISSION_DENIED");
    expect(refused).toContain("promotion request");

    expect((await c.ok("PATCH", "registered-models/update", { name, description: "new" })).registered_model.description).toBe("new");
    expect((await c.ok("PATCH", "model-versions/update", { name, version: "2", description: "v2" })).model_version.description).toBe("v2");
    expect((await c.ok("GET", "model-versions/get", { name, version: 2 })).model_version.description).toBe("v2");
    expect((await c.ok("GET", "model-versions/get-download-uri", { name, version: 1 })).artifact_uri).toBe(`mlflow-artifacts:/${experiment_id}/${runId}/artifacts/model`);
    const versions = await c.ok("GET", "model-versions/search", { filter: `name = '${name}'` });
    expect(versions.model_versions.map((v: Json) => v.version).sort()).toEqual(["1", "2"]);
    const models = await c.ok("GET", "registered-models/search", { filter: `name = '${name}'` });
    expect(models.registered_models.map((m: Json) => m.name)).toEqual([name]);
    const stranger = client(await tokenOf(await makeUser(db())));
    await stranger.fails("GET", "registered-models/get", { name }, 404, "RESOURCE_DOES_NOT_EXIST");
    expect((await stranger.ok("GET", "registered-models/search", { filter: `name = '${name}'` })).registered_models).toBeUndefined();
    await c.fails("DELETE", "registered-models/delete", { name }, 403, "PERMISSION_DENIED");
    await client(t.ownerToken).ok("DELETE", "registered-models/delete", { name });
    await c.fails("GET", "registered-models/get", { name }, 404, "RESOURCE_DOES_NOT_EXIST");
  });
});
