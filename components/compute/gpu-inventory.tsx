import { formatBytes } from "../charts/prepare/format";
import { Badge } from "../ui/badge";
import { Table, TBody, Td, Th, THead, Tr } from "../ui/table";
import type { ComputeTarget } from "./types";

const mib = (mb: number) => formatBytes(mb * 1024 * 1024);

/**
 * Each GPU the agent reported, whether a job holds it, and its last utilisation sample. A GPU with
 * no current sample shows "—" rather than 0%: no reading is not an idle card.
 */
export function GpuInventory({ target }: { target: ComputeTarget }) {
  const allocated = new Set(target.allocatedGpus);
  // An offline agent's last sample is stale: show none rather than a reading from the past.
  const samples = new Map(target.status === "online" ? target.gpuSamples.map((s) => [s.index, s]) : []);
  return (
    <Table aria-label={`GPUs of ${target.name}`}>
      <THead>
        <Tr>
          <Th>GPU</Th>
          <Th>Model</Th>
          <Th className="text-right">Memory</Th>
          <Th>State</Th>
          <Th>Utilisation</Th>
          <Th className="text-right">Memory used</Th>
        </Tr>
      </THead>
      <TBody>
        {target.gpus.map((gpu) => {
          const held = allocated.has(gpu.index);
          const sample = samples.get(gpu.index);
          return (
            <Tr key={gpu.index} data-testid="compute-gpu" data-index={gpu.index} data-allocated={held}>
              <Td className="font-mono tabular-nums">{gpu.index}</Td>
              <Td title={gpu.uuid}>{gpu.name}</Td>
              <Td className="text-right tabular-nums">{mib(gpu.memoryMb)}</Td>
              <Td>
                <Badge variant={held ? "default" : "outline"}>{held ? "Allocated" : "Free"}</Badge>
              </Td>
              <Td>
                {sample ? (
                  <div className="flex items-center gap-2">
                    <div aria-hidden className="h-1.5 w-16 overflow-hidden rounded-full bg-muted">
                      <div className="h-full rounded-full bg-primary" style={{ width: `${Math.min(100, sample.utilization)}%` }} />
                    </div>
                    <span className="tabular-nums">{Math.round(sample.utilization)}%</span>
                  </div>
                ) : (
                  <span className="text-muted-foreground">—</span>
                )}
              </Td>
              <Td className="text-right tabular-nums">
                {sample ? (
                  `${mib(sample.memoryUsedMb)} / ${mib(gpu.memoryMb)}`
                ) : (
                  <span className="text-muted-foreground">—</span>
                )}
              </Td>
            </Tr>
          );
        })}
      </TBody>
    </Table>
  );
}
