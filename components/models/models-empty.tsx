import { EmptyState } from "../ui/states";

/** How a model gets into the registry: from a run's page, the SDK or REST. */
export function ModelsEmpty({ canWrite }: { canWrite: boolean }) {
  return (
    <EmptyState
      title="No models yet"
      description={`A model version is a run's artifact (a file or a folder) bound to its sha256, with the run's lineage and metrics. ${
        canWrite ? "Register one with “Register model” on a run's page, or from code:" : "Members register them from a run's page or from code:"
      }`}
      action={
        <pre className="max-w-full overflow-x-auto rounded-md border bg-muted px-4 py-3 text-left font-mono text-xs leading-5" data-testid="models-example">
          <code>
            {`# Python SDK, in the training script
run.log_artifact("out/model", "model")
run.register_model("digits", "model")

# REST
POST /api/v1/runs/{run_id}/models
{"name": "digits", "artifact_path": "model"}`}
          </code>
        </pre>
      }
    />
  );
}
