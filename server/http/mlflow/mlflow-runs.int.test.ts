import { describe, expect, it } from "vitest";
import { testDatabases } from "@/db/testing/databases";
import { createProject } from "../../projects/projects";
import { ctxFor, makeUser, teamWithRoles, uniq } from "../../testing/fixtures";
import { issueRunToken } from "../../tokens/tokens";
import { listRuns } from "../../tracking/runs";
import { type Json, mlflowHarness } from "../../testing/mlflow-client";

// Black-box tests of the MLflow wire format, experiments and runs: answers checked field by field against the
// protos (service.proto, model_registry.proto).

describe.each(testDatabases)("MLflow-compatible API, experiments and runs, on $name", ({ open }) => {
  const { db, tokenOf, client, artifacts, userWithTeam } = mlflowHarness(open);

  it("creates, finds, renames, deletes and restores experiments as projects, with MLflow's errors", async () => {
    const t = await userWithTeam();
    const c = client(t.token);
    const name = uniq("exp");
    const { experiment_id } = await c.ok("POST", "experiments/create", { name, tags: [{ key: "owner", value: "ml" }] });
    expect(experiment_id).toMatch(/^prj_/);
    expect(await c.fails("POST", "experiments/create", { name }, 400, "RESOURCE_ALREADY_EXISTS")).toContain("already exists");
    const { experiment } = await c.ok("GET", "experiments/get", { experiment_id });
    expect(experiment).toEqual({
      experiment_id,
      name,
      artifact_location: `mlflow-artifacts:/${experiment_id}`,
      lifecycle_stage: "active",
      last_update_time: expect.any(Number),
      creation_time: expect.any(Number),
      tags: [{ key: "owner", value: "ml" }],
    });
    expect((await c.ok("GET", "experiments/get-by-name", { experiment_name: name })).experiment.experiment_id).toBe(experiment_id);
    // "team/project" addresses the same project explicitly.
    expect((await c.ok("GET", "experiments/get-by-name", { experiment_name: `${t.team.slug}/${name}` })).experiment.experiment_id).toBe(experiment_id);
    await c.fails("GET", "experiments/get-by-name", { experiment_name: uniq("nope") }, 404, "RESOURCE_DOES_NOT_EXIST");
    await c.fails("GET", "experiments/get", {}, 400, "INVALID_PARAMETER_VALUE");

    await c.ok("POST", "experiments/update", { experiment_id, new_name: `${name}-2` });
    expect((await c.ok("GET", "experiments/get", { experiment_id })).experiment.name).toBe(`${name}-2`);

    // Delete is soft: a member may not, the owner may; ACTIVE_ONLY hides it, DELETED_ONLY shows it.
    await c.fails("POST", "experiments/delete", { experiment_id }, 403, "PERMISSION_DENIED");
    const owner = client(t.ownerToken);
    await owner.ok("POST", "experiments/delete", { experiment_id });
    expect((await c.ok("GET", "experiments/get", { experiment_id })).experiment.lifecycle_stage).toBe("deleted");
    const active = await c.ok("POST", "experiments/search", { max_results: 100 });
    expect((active.experiments ?? []).map((e: Json) => e.experiment_id)).not.toContain(experiment_id);
    const deleted = await c.ok("POST", "experiments/search", { view_type: "DELETED_ONLY" });
    expect(deleted.experiments.map((e: Json) => e.experiment_id)).toContain(experiment_id);
    await c.fails("POST", "runs/create", { experiment_id }, 400, "INVALID_PARAMETER_VALUE");
    await owner.ok("POST", "experiments/restore", { experiment_id });
    const found = await c.ok("GET", "experiments/search", { filter: `name = '${name}-2'` });
    expect(found.experiments.map((e: Json) => e.experiment_id)).toEqual([experiment_id]);

    // Another team's experiment does not exist for this caller.
    const stranger = client(await tokenOf(await makeUser(db())));
    await stranger.fails("GET", "experiments/get", { experiment_id }, 404, "RESOURCE_DOES_NOT_EXIST");
  });

  it("logs a run the way mlflow.start_run/log_*/end_run do and reads it back in proto shape", async () => {
    const t = await userWithTeam();
    const c = client(t.token);
    const { experiment_id } = await c.ok("POST", "experiments/create", { name: uniq("train") });
    const start = Date.now() - 5000;
    const { run } = await c.ok("POST", "runs/create", {
      experiment_id,
      user_id: "alice",
      start_time: String(start),
      tags: [
        { key: "mlflow.runName", value: "first-run" },
        { key: "mlflow.source.type", value: "LOCAL" },
      ],
    });
    const runId = run.info.run_id as string;
    expect(run.info).toEqual({
      run_id: runId,
      run_uuid: runId,
      run_name: "first-run",
      experiment_id,
      user_id: t.members[0]!.email,
      status: "RUNNING",
      start_time: start,
      artifact_uri: `mlflow-artifacts:/${experiment_id}/${runId}/artifacts`,
      lifecycle_stage: "active",
    });
    // One metric at a time, with run_uuid only, as old clients send it; int64 given as strings.
    await c.ok("POST", "runs/log-metric", { run_uuid: runId, key: "loss", value: 0.5, timestamp: String(start + 1), step: "1" });
    await c.ok("POST", "runs/log-metric", { run_id: runId, run_uuid: runId, key: "loss", value: "NaN", timestamp: start + 2, step: 2 });
    await c.ok("POST", "runs/log-parameter", { run_id: runId, key: "lr", value: "0.01" });
    await c.ok("POST", "runs/log-parameter", { run_id: runId, key: "lr", value: "0.01" });
    expect(await c.fails("POST", "runs/log-parameter", { run_id: runId, key: "lr", value: "0.1" }, 400, "INVALID_PARAMETER_VALUE")).toContain("lr");
    await c.ok("POST", "runs/log-batch", {
      run_id: runId,
      metrics: [
        { key: "acc", value: 0.9, timestamp: start + 3, step: 3 },
        { key: "acc", value: "Infinity", timestamp: start + 4, step: 4 },
      ],
      params: [{ key: "epochs", value: "3" }],
      tags: [{ key: "team", value: "vision" }],
    });
    await c.ok("POST", "runs/set-tag", { run_id: runId, key: "stage", value: "dev" });
    await c.ok("POST", "runs/delete-tag", { run_id: runId, key: "stage" });
    await c.fails("POST", "runs/delete-tag", { run_id: runId, key: "stage" }, 404, "RESOURCE_DOES_NOT_EXIST");
    await c.ok("POST", "runs/log-inputs", {
      run_id: runId,
      datasets: [
        {
          tags: [{ key: "mlflow.data.context", value: "training" }],
          dataset: { name: "digits", digest: "abc123", source_type: "local", source: JSON.stringify({ uri: "file:///data/digits.csv" }) },
        },
      ],
    });
    const end = Date.now();
    const updated = await c.ok("POST", "runs/update", { run_id: runId, status: "FINISHED", end_time: end });
    expect(updated.run_info.status).toBe("FINISHED");
    expect(typeof updated.run_info.end_time).toBe("number");

    const got = (await c.ok("GET", "runs/get", { run_id: runId })).run;
    expect(got.data.params).toEqual(expect.arrayContaining([{ key: "lr", value: "0.01" }, { key: "epochs", value: "3" }]));
    expect(got.data.tags).toEqual(
      expect.arrayContaining([
        { key: "team", value: "vision" },
        { key: "mlflow.runName", value: "first-run" },
        { key: "mlflow.source.type", value: "LOCAL" },
      ]),
    );
    expect(got.data.tags.map((x: Json) => x.key)).not.toContain("stage");
    // Latest value per key, NaN and Infinity as strings, int64 as numbers.
    expect(got.data.metrics).toEqual(
      expect.arrayContaining([
        { key: "loss", value: "NaN", timestamp: start + 2, step: 2 },
        { key: "acc", value: "Infinity", timestamp: start + 4, step: 4 },
      ]),
    );
    expect(got.inputs.dataset_inputs).toEqual([
      {
        tags: [{ key: "mlflow.data.context", value: "training" }],
        dataset: { name: "digits", digest: "abc123", source_type: "file", source: JSON.stringify({ uri: "file:///data/digits.csv" }) },
      },
    ]);

    // History pages as the client asks (it sends max_results=25000); page tokens chain.
    const page1 = await c.ok("GET", "metrics/get-history", { run_id: runId, metric_key: "loss", max_results: 1 });
    expect(page1.metrics).toEqual([{ key: "loss", value: 0.5, timestamp: start + 1, step: 1 }]);
    const page2 = await c.ok("GET", "metrics/get-history", { run_id: runId, metric_key: "loss", max_results: 1, page_token: page1.next_page_token });
    expect(page2.metrics).toEqual([{ key: "loss", value: "NaN", timestamp: start + 2, step: 2 }]);
    expect(page2.next_page_token).toBeUndefined();
    expect((await c.ok("GET", "metrics/get-history", { run_id: runId, metric_key: "never" })).metrics).toBeUndefined();
    await c.fails("GET", "metrics/get-history", { run_id: runId, metric_key: "loss", page_token: "%%%" }, 400, "INVALID_PARAMETER_VALUE");
    // Pages chain through repeated steps and across chunks: together they are the whole history once.
    for (let b = 0; b < 3; b++) {
      const metrics = Array.from({ length: 600 }, (_, i) => ({ key: "dup", value: b * 1000 + i, timestamp: start + i, step: Math.floor((b * 600 + i) / 3) }));
      await c.ok("POST", "runs/log-batch", { run_id: runId, metrics });
    }
    const whole = (await c.ok("GET", "metrics/get-history", { run_id: runId, metric_key: "dup" })).metrics as Json[];
    expect(whole).toHaveLength(1800);
    const paged: Json[] = [];
    let token: string | undefined;
    do {
      const page = await c.ok("GET", "metrics/get-history", { run_id: runId, metric_key: "dup", max_results: 7, ...(token ? { page_token: token } : {}) });
      paged.push(...page.metrics);
      token = page.next_page_token;
    } while (token);
    expect(paged).toEqual(whole);

    // The run is in the runs table like any other.
    const table = await listRuns({ ctx: ctxFor(db(), t.members[0]!), input: { projectId: experiment_id } });
    expect(table.find((r) => r.id === runId)).toMatchObject({ name: "first-run", status: "succeeded", params: { lr: "0.01", epochs: "3" } });

    // Delete hides it from the table and from ACTIVE_ONLY search, and refuses writes until restored.
    await c.ok("POST", "runs/delete", { run_id: runId });
    expect((await c.ok("GET", "runs/get", { run_id: runId })).run.info.lifecycle_stage).toBe("deleted");
    expect((await listRuns({ ctx: ctxFor(db(), t.members[0]!), input: { projectId: experiment_id } })).map((r) => r.id)).not.toContain(runId);
    await c.fails("POST", "runs/log-metric", { run_id: runId, key: "loss", value: 1, timestamp: end, step: 9 }, 400, "INVALID_PARAMETER_VALUE");
    expect((await c.ok("POST", "runs/search", { experiment_ids: [experiment_id] })).runs).toBeUndefined();
    expect((await c.ok("POST", "runs/search", { experiment_ids: [experiment_id], run_view_type: "DELETED_ONLY" })).runs).toHaveLength(1);
    await c.ok("POST", "runs/restore", { run_id: runId });
    expect((await c.ok("POST", "runs/search", { experiment_ids: [experiment_id] })).runs).toHaveLength(1);

    // A viewer reads but cannot write; a stranger sees nothing.
    const viewer = client(t.viewerToken);
    await viewer.ok("GET", "runs/get", { run_id: runId });
    await viewer.fails("POST", "runs/set-tag", { run_id: runId, key: "x", value: "y" }, 403, "PERMISSION_DENIED");
    const stranger = client(await tokenOf(await makeUser(db())));
    await stranger.fails("GET", "runs/get", { run_id: runId }, 404, "RESOURCE_DOES_NOT_EXIST");
    await stranger.fails("POST", "runs/log-metric", { run_id: runId, key: "loss", value: 1, timestamp: end, step: 9 }, 404, "RESOURCE_DOES_NOT_EXIST");
    expect((await stranger.ok("POST", "runs/search", { experiment_ids: [experiment_id] })).runs).toBeUndefined();
  });

  it("lets a launched job's run token log to its own run through MLflow (MLFLOW_RUN_ID), and nothing else", async () => {
    const t = await userWithTeam();
    const c = client(t.token);
    const { experiment_id } = await c.ok("POST", "experiments/create", { name: uniq("job") });
    const own = (await c.ok("POST", "runs/create", { experiment_id })).run.info.run_id as string;
    const other = (await c.ok("POST", "runs/create", { experiment_id })).run.info.run_id as string;
    const jobToken = await issueRunToken(db(), { userId: t.members[0]!.userId, runId: own, jobId: "job_x", attempt: 1 });
    const job = client(jobToken);
    // What mlflow.start_run() does with MLFLOW_RUN_ID set, then logging and an artifact.
    expect((await job.ok("GET", "runs/get", { run_id: own })).run.info.run_id).toBe(own);
    await job.ok("POST", "runs/update", { run_id: own, status: "RUNNING" });
    await job.ok("POST", "runs/log-batch", { run_id: own, metrics: [{ key: "loss", value: 1, timestamp: 1, step: 0 }], params: [{ key: "lr", value: "0.1" }] });
    expect((await artifacts(jobToken, "PUT", `${experiment_id}/${own}/artifacts/out.txt`, "x")).status).toBe(200);
    await job.fails("GET", "runs/get", { run_id: other }, 403, "PERMISSION_DENIED");
    await job.fails("POST", "runs/log-metric", { run_id: other, key: "loss", value: 1, timestamp: 1 }, 403, "PERMISSION_DENIED");
    await job.fails("POST", "experiments/create", { name: uniq("nope") }, 403, "PERMISSION_DENIED");
    await job.fails("POST", "runs/search", { experiment_ids: [experiment_id] }, 403, "PERMISSION_DENIED");
  });

  it("maps experiment 0 to the default team's Default project and 'team/project' names to other teams", async () => {
    const first = await teamWithRoles(db(), []);
    const second = await teamWithRoles(db(), []);
    const { teamMembers } = await import("@/db/schema");
    await db().insert(teamMembers).values({ teamId: second.team.id, userId: first.owner.userId, role: "member" });
    const c = client(await tokenOf(first.owner));
    const { run } = await c.ok("POST", "runs/create", {});
    const def = (await c.ok("GET", "experiments/get", { experiment_id: "0" })).experiment;
    expect(def.name).toBe("Default");
    expect(run.info.experiment_id).toBe(def.experiment_id);
    const other = await c.ok("POST", "experiments/create", { name: `${second.team.slug}/vision` });
    const got = (await c.ok("GET", "experiments/get", { experiment_id: other.experiment_id })).experiment;
    expect(got.name).toBe(`${second.team.slug}/vision`);
    const project = await createProject({ ctx: ctxFor(db(), first.owner), input: { teamSlug: first.team.slug, name: "Plain", slug: uniq("plain") } });
    expect((await c.ok("GET", "experiments/get-by-name", { experiment_name: "Plain" })).experiment.experiment_id).toBe(project.id);
  });
});
