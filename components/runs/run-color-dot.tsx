import { runColor } from "../charts/prepare/run-color";

/** The run's colour, the same one its lines have in every chart. */
export function RunColorDot({ runId }: { runId: string }) {
  return <span aria-hidden className="inline-block size-2.5 shrink-0 rounded-full" style={{ backgroundColor: runColor(runId) }} />;
}
