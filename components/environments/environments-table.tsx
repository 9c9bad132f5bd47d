import Link from "next/link";
import { ShortDate } from "../runs/short-date";
import { Table, TBody, Td, Th, THead, Tr } from "../ui/table";
import { Digest } from "./digest";
import { environmentHref } from "./format";
import { PinnedBadge } from "./pinned-badge";
import type { EnvironmentListItem } from "./types";

function None() {
  return <span className="text-muted-foreground">—</span>;
}

/** A project's environments with their latest version: number, pinned or not, digest. */
export function EnvironmentsTable({ projectId, environments }: { projectId: string; environments: EnvironmentListItem[] }) {
  return (
    <Table aria-label="Environments">
      <THead>
        <Tr>
          <Th>Name</Th>
          <Th>Latest</Th>
          <Th>Pinned</Th>
          <Th>Digest</Th>
          <Th className="text-right">Versions</Th>
          <Th>Created</Th>
        </Tr>
      </THead>
      <TBody>
        {environments.map((env) => (
          <Tr key={env.id} data-testid="environment-row" data-name={env.name}>
            <Td>
              <Link href={environmentHref(projectId, env.name)} className="font-mono font-medium text-primary hover:underline">
                {env.name}
              </Link>
            </Td>
            <Td className="font-mono text-xs tabular-nums">{env.latest ? `v${env.latest.version}` : <None />}</Td>
            <Td>{env.latest ? <PinnedBadge pinned={env.latest.pinned} /> : <None />}</Td>
            <Td>{env.latest ? <Digest digest={env.latest.digest} /> : <None />}</Td>
            <Td className="text-right tabular-nums">{env.versionCount}</Td>
            <Td className="whitespace-nowrap text-muted-foreground">
              <ShortDate value={env.createdAt} />
            </Td>
          </Tr>
        ))}
      </TBody>
    </Table>
  );
}
