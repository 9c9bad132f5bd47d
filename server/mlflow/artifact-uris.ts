import { sql } from "drizzle-orm";
import { modelVersions, runs } from "@/db/schema";

// Where MLflow clients find a run's artifacts and a version's files: this server's mlflow-artifacts
// proxy. Each rule is written once in JS (for answers) and once in SQL (for search filters on
// artifact_uri and source_path), side by side so that they cannot drift apart.

export const runArtifactUri = (projectId: string, runId: string) => `mlflow-artifacts:/${projectId}/${runId}/artifacts`;
export const runArtifactUriSql = sql`('mlflow-artifacts:/' || ${runs.projectId} || '/' || ${runs.id} || '/artifacts')`;

/** A version's source: its run's artifact URI, or the bare path once the run is gone. */
export const versionSource = (v: { projectId: string; runId: string | null; artifactPath: string }) =>
  v.runId ? `${runArtifactUri(v.projectId, v.runId)}/${v.artifactPath}` : v.artifactPath;
export const versionSourceSql = sql`(case when ${modelVersions.runId} is null then ${modelVersions.artifactPath} else 'mlflow-artifacts:/' || ${modelVersions.projectId} || '/' || ${modelVersions.runId} || '/artifacts/' || ${modelVersions.artifactPath} end)`;
