import Link from "next/link";
import { formatBytes } from "../charts/prepare/format";
import { Digest } from "../environments/digest";
import { ShortDate } from "../runs/short-date";
import { Button } from "../ui/button";
import { EmptyState } from "../ui/states";
import { Table, TBody, Td, Th, THead, Tr } from "../ui/table";
import { runPageHref } from "./links";
import { AliasBadge } from "./promotion-state-badge";
import type { ModelVersion } from "./types";

/** Every version of a model, newest first, with the run and bytes it came from. */
export function VersionsTable({
  projectId,
  versions,
  userName,
  canRequest,
  onRequest,
}: {
  projectId: string;
  versions: ModelVersion[];
  userName: (userId: string) => string | undefined;
  canRequest: boolean;
  onRequest: (version: number) => void;
}) {
  if (versions.length === 0) {
    return (
      <EmptyState
        title="No versions yet"
        description="Open a run, press “Register model” and pick the artifact; or call run.register_model(name, path) from the SDK."
      />
    );
  }
  return (
    <Table aria-label="Versions">
      <THead>
        <Tr>
          <Th>Version</Th>
          <Th>Run</Th>
          <Th>Artifact</Th>
          <Th>SHA-256</Th>
          <Th className="text-right">Size</Th>
          <Th>Aliases</Th>
          <Th>Registered</Th>
          {canRequest ? (
            <Th>
              <span className="sr-only">Actions</span>
            </Th>
          ) : null}
        </Tr>
      </THead>
      <TBody>
        {versions.map((v) => (
          <Tr key={v.id} data-testid="model-version" data-version={v.version}>
            <Td className="font-mono font-medium">v{v.version}</Td>
            <Td className="max-w-48 truncate">
              {v.runId ? (
                <Link href={runPageHref(projectId, v.runId)} className="text-primary hover:underline" title={v.runId}>
                  {v.lineage.runName}
                </Link>
              ) : (
                <span className="text-muted-foreground" title="The run was deleted; the lineage is kept">
                  {v.lineage.runName} (deleted)
                </span>
              )}
            </Td>
            <Td className="max-w-56 truncate font-mono text-xs" title={v.artifactPath}>
              {v.artifactPath}
            </Td>
            <Td>
              <Digest digest={v.artifactSha256} />
            </Td>
            <Td className="whitespace-nowrap text-right tabular-nums" title={`${v.artifactSize} bytes`}>
              {formatBytes(v.artifactSize)}
            </Td>
            <Td>
              {v.aliases.length ? (
                <span className="flex flex-wrap gap-1">
                  {v.aliases.map((a) => (
                    <AliasBadge key={a} alias={a} />
                  ))}
                </span>
              ) : (
                <span className="text-muted-foreground">—</span>
              )}
            </Td>
            <Td className="whitespace-nowrap text-muted-foreground">
              {v.createdBy ? (userName(v.createdBy) ?? "former member") : "—"}
              {" · "}
              <ShortDate value={v.createdAt} />
            </Td>
            {canRequest ? (
              <Td>
                <Button variant="outline" size="sm" aria-label={`Request promotion for v${v.version}`} onClick={() => onRequest(v.version)}>
                  Request promotion
                </Button>
              </Td>
            ) : null}
          </Tr>
        ))}
      </TBody>
    </Table>
  );
}
