import { Download } from "lucide-react";
import { formatBytes } from "../charts/prepare/format";
import { EmptyState } from "../ui/states";
import { Table, TBody, Td, Th, THead, Tr } from "../ui/table";
import { ShortDate } from "./short-date";
import type { RunArtifact } from "./types";

/** The REST download route; it also accepts the browser's session cookie. */
export function artifactUrl(runId: string, path: string): string {
  return `/api/v1/runs/${encodeURIComponent(runId)}/artifacts/${path.split("/").map(encodeURIComponent).join("/")}`;
}

export function ArtifactsTable({ runId, artifacts }: { runId: string; artifacts: RunArtifact[] }) {
  if (artifacts.length === 0) {
    return <EmptyState title="No artifacts" description="Files uploaded with run.log_artifact(...) are listed here." />;
  }
  return (
    <Table aria-label="Artifacts">
      <THead>
        <Tr>
          <Th>Path</Th>
          <Th className="text-right">Size</Th>
          <Th>SHA-256</Th>
          <Th>Uploaded</Th>
          <Th>
            <span className="sr-only">Download</span>
          </Th>
        </Tr>
      </THead>
      <TBody>
        {artifacts.map((a) => (
          <Tr key={a.path}>
            <Td className="max-w-72 truncate font-mono text-xs" title={`${a.path} (${a.contentType})`}>
              {a.path}
            </Td>
            <Td className="whitespace-nowrap text-right tabular-nums" title={`${a.size} bytes`}>
              {formatBytes(a.size)}
            </Td>
            <Td className="font-mono text-xs" title={a.sha256}>
              {a.sha256.slice(0, 12)}
            </Td>
            <Td className="whitespace-nowrap">
              <ShortDate value={a.createdAt} />
            </Td>
            <Td>
              <a
                href={artifactUrl(runId, a.path)}
                download={a.path.split("/").pop()}
                className="inline-flex items-center gap-1 text-primary hover:underline"
                aria-label={`Download ${a.path}`}
              >
                <Download className="size-4" aria-hidden />
                <span className="sr-only sm:not-sr-only">Download</span>
              </a>
            </Td>
          </Tr>
        ))}
      </TBody>
    </Table>
  );
}
