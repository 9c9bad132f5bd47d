import { formatBytes } from "../charts/prepare/format";
import { Badge } from "../ui/badge";
import { Table, TBody, Td, Th, THead, Tr } from "../ui/table";
import type { ComputeTarget } from "./types";

/** A Slurm target's cluster: where slurmrestd is, its health, partitions and nodes with their GPU GRES. */
export function SlurmCluster({ target, manage }: { target: ComputeTarget; manage?: React.ReactNode }) {
  const slurm = target.slurm!;
  const status = target.slurmStatus;
  const view = target.slurmView;
  return (
    <section aria-label={`Slurm cluster of ${target.name}`} className="flex flex-col gap-2" data-testid="slurm-cluster">
      <dl className="grid grid-cols-2 gap-x-6 gap-y-1 text-sm sm:grid-cols-4">
        <div className="col-span-2">
          <dt className="text-xs text-muted-foreground">slurmrestd</dt>
          <dd className="truncate font-mono text-xs leading-5" title={slurm.baseUrl}>
            {slurm.baseUrl} ({slurm.apiVersion})
          </dd>
        </div>
        <div>
          <dt className="text-xs text-muted-foreground">User</dt>
          <dd className="font-mono text-xs leading-5">{slurm.user}</dd>
        </div>
        <div>
          <dt className="text-xs text-muted-foreground">Partition</dt>
          <dd className="font-mono text-xs leading-5">
            {slurm.partition}
            {slurm.account ? ` · account ${slurm.account}` : ""}
            {slurm.qos ? ` · qos ${slurm.qos}` : ""}
          </dd>
        </div>
      </dl>
      <div className="flex flex-wrap items-center gap-2">
        <p role="status" data-testid="slurm-health" className={status && !status.reachable ? "text-sm text-destructive" : "text-sm"}>
          {status ? (status.reachable ? `Healthy: ${view?.health ?? ""}` : `Unhealthy: ${status.error ?? "slurmrestd unreachable"}`) : "Not read yet"}
        </p>
        {manage ? <div className="ml-auto">{manage}</div> : null}
      </div>
      {view && view.nodes.length ? (
        <Table aria-label={`Nodes of ${target.name}`}>
          <THead>
            <Tr>
              <Th>Node</Th>
              <Th>State</Th>
              <Th>Partitions</Th>
              <Th>CPUs</Th>
              <Th>Memory</Th>
              <Th>GPUs (GRES)</Th>
            </Tr>
          </THead>
          <TBody>
            {view.nodes.map((n) => (
              <Tr key={n.name} data-testid="slurm-node">
                <Td className="font-mono text-xs">{n.name}</Td>
                <Td>
                  <Badge variant={n.up ? "secondary" : "destructive"} title={n.reason}>
                    {n.state.toLowerCase()}
                  </Badge>
                </Td>
                <Td className="font-mono text-xs">{n.partitions.join(", ")}</Td>
                <Td className="tabular-nums">{n.cpus}</Td>
                <Td className="tabular-nums">{formatBytes(n.memoryMb * 1024 * 1024)}</Td>
                <Td className="font-mono text-xs">
                  {n.gpus.length ? `${n.gpus.map((g) => `${g.count}× ${g.type}`).join(", ")} · ${n.gpusUsed} in use` : "none"}
                </Td>
              </Tr>
            ))}
          </TBody>
        </Table>
      ) : null}
    </section>
  );
}
