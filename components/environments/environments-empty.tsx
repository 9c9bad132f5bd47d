import { EmptyState } from "../ui/states";
import { EXAMPLE_SPEC } from "./example-spec";

/** What an environment is, with a spec to start from. */
export function EnvironmentsEmpty({ canWrite }: { canWrite: boolean }) {
  return (
    <EmptyState
      title="No environments yet"
      description={`An environment is what a job runs in: a Python version, pinned packages or a lockfile, optionally a container image and variables. Every change is saved as a version with a digest, so a run records exactly what it ran on and can be reproduced. ${
        canWrite ? "Create one with “New environment”, for example:" : "Members can create one, for example:"
      }`}
      action={
        <pre className="max-w-full overflow-x-auto rounded-md border bg-muted px-4 py-3 text-left font-mono text-xs leading-5" data-testid="env-example">
          <code>{EXAMPLE_SPEC}</code>
        </pre>
      }
    />
  );
}
