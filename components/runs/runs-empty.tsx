import { EmptyState } from "../ui/states";

/** The first-run hint: the shortest working snippet, with this project's id filled in. */
export function RunsEmpty({ projectId }: { projectId: string }) {
  const snippet = `import trainyard

with trainyard.init(project="${projectId}", params={"lr": 3e-4}) as run:
    for step in range(100):
        run.log({"train/loss": 1 / (step + 1)})`;
  return (
    <EmptyState
      title="No runs yet — log one with the Python SDK"
      description="Set TRAINYARD_URL and TRAINYARD_TOKEN (Settings → API tokens), then:"
      action={
        <pre className="max-w-full overflow-x-auto rounded-md border bg-muted px-4 py-3 text-left font-mono text-xs leading-5" data-testid="sdk-snippet">
          <code>{snippet}</code>
        </pre>
      }
    />
  );
}
