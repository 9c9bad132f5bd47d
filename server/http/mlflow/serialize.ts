import { runArtifactUri } from "../../mlflow/artifact-uris";
import { experimentName, type ProjectRow, type TeamRow } from "../../mlflow/experiments";
import { RUN_NAME_TAG, type RunView } from "../../mlflow/run-views";
import { toMlflowStatus } from "../../mlflow/run-status";
import { metricValueToWire } from "../../tracking/schemas";
import { ms, omitDefaults, tagList } from "./wire";

// Proto-shaped answers, built from our rows. Artifact locations use the mlflow-artifacts scheme so
// the client uploads and downloads through this server's artifact proxy.


export function experimentToWire(project: ProjectRow, teamsOfCaller: TeamRow[]) {
  return omitDefaults({
    experiment_id: project.id,
    name: experimentName(project, teamsOfCaller),
    artifact_location: `mlflow-artifacts:/${project.id}`,
    lifecycle_stage: project.deletedAt ? "deleted" : "active",
    last_update_time: ms(project.updatedAt),
    creation_time: ms(project.createdAt),
    tags: tagList(project.tags),
  });
}

export function runInfoToWire(view: Pick<RunView, "run" | "userId">) {
  const { run } = view;
  return omitDefaults({
    run_id: run.id,
    run_uuid: run.id,
    run_name: run.name,
    experiment_id: run.projectId,
    user_id: view.userId,
    status: toMlflowStatus[run.status],
    start_time: ms(run.startedAt),
    end_time: ms(run.endedAt),
    artifact_uri: runArtifactUri(run.projectId, run.id),
    lifecycle_stage: run.deletedAt ? "deleted" : "active",
  });
}

export const metricToWire = (m: { key: string; value: number; timestamp: number; step: number }) => ({
  key: m.key,
  value: metricValueToWire(m.value),
  timestamp: m.timestamp,
  step: m.step,
});

export function runToWire(view: RunView) {
  return omitDefaults({
    info: runInfoToWire(view),
    data: {
      metrics: view.metrics.map(metricToWire),
      params: tagList(view.params),
      tags: tagList({ ...view.tags, [RUN_NAME_TAG]: view.run.name }),
    },
    inputs: {
      dataset_inputs: view.datasets.map((d) => ({
        tags: d.context ? [{ key: "mlflow.data.context", value: d.context }] : [],
        dataset: { name: d.name, digest: d.digest, source_type: sourceTypeOf(d.uri), source: JSON.stringify({ uri: d.uri }) },
      })),
    },
  });
}

function sourceTypeOf(uri: string): string {
  const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(uri)?.[1]?.toLowerCase();
  if (!scheme) return "local";
  if (scheme === "s3" || scheme === "gs" || scheme === "hf") return scheme;
  return scheme === "http" || scheme === "https" ? "http" : scheme;
}
