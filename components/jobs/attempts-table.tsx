import { ShortDate } from "../runs/short-date";
import { Table, TBody, Td, Th, THead, Tr } from "../ui/table";
import { JobStateBadge } from "./job-state-badge";
import type { JobAttempt } from "./types";

/** Every try of a job: where it ran, on which GPUs, and how it ended. */
export function AttemptsTable({ attempts }: { attempts: JobAttempt[] }) {
  return (
    <Table aria-label="Attempts">
      <THead>
        <Tr>
          <Th className="text-right">Attempt</Th>
          <Th>Target</Th>
          <Th>GPUs</Th>
          <Th>State</Th>
          <Th className="text-right">Exit code</Th>
          <Th>Reason</Th>
          <Th>Started</Th>
          <Th>Ended</Th>
        </Tr>
      </THead>
      <TBody>
        {attempts.map((a) => (
          <Tr key={a.attempt} data-testid="job-attempt">
            <Td className="text-right tabular-nums">{a.attempt}</Td>
            <Td className="font-mono text-xs">
              {a.targetName ?? a.targetId ?? "—"}
              {a.slurmJobId !== null ? <span className="text-muted-foreground"> · Slurm {a.slurmJobId}</span> : null}
            </Td>
            <Td className="font-mono text-xs">{a.gpus.length ? a.gpus.join(",") : "—"}</Td>
            <Td>
              <JobStateBadge state={a.state} />
            </Td>
            <Td className="text-right font-mono text-xs tabular-nums">{a.exitCode ?? "—"}</Td>
            <Td className="max-w-72 truncate text-muted-foreground" title={a.reason ?? undefined}>
              {a.reason ?? "—"}
            </Td>
            <Td className="whitespace-nowrap text-muted-foreground">
              <ShortDate value={a.startedAt} />
            </Td>
            <Td className="whitespace-nowrap text-muted-foreground">
              <ShortDate value={a.endedAt} />
            </Td>
          </Tr>
        ))}
      </TBody>
    </Table>
  );
}
