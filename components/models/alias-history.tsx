import Link from "next/link";
import { ShortDate } from "../runs/short-date";
import { Table, TBody, Td, Th, THead, Tr } from "../ui/table";
import { promotionHref } from "./links";
import { versionLabel } from "./summaries";
import type { AliasHistoryEntry } from "./types";

/** Every move of the model's aliases, newest first: who, when, from which version to which, by which request. */
export function AliasHistory({ projectId, entries }: { projectId: string; entries: AliasHistoryEntry[] }) {
  if (entries.length === 0) {
    return (
      <p className="text-sm text-muted-foreground" data-testid="alias-history">
        No alias has moved yet.
      </p>
    );
  }
  return (
    <Table aria-label="Alias history" data-testid="alias-history">
      <THead>
        <Tr>
          <Th>When</Th>
          <Th>Alias</Th>
          <Th>Move</Th>
          <Th>By</Th>
          <Th>Request</Th>
        </Tr>
      </THead>
      <TBody>
        {entries.map((e) => (
          <Tr key={e.id} data-testid="alias-history-row" data-alias={e.alias}>
            <Td className="whitespace-nowrap text-muted-foreground">
              <ShortDate value={e.createdAt} />
            </Td>
            <Td className="font-mono">{e.alias}</Td>
            <Td className="whitespace-nowrap font-mono">
              {versionLabel(e.fromVersion)} → {e.toVersion === null ? "removed" : versionLabel(e.toVersion)}
            </Td>
            <Td>{e.actor?.name ?? <span className="text-muted-foreground">former member</span>}</Td>
            <Td>
              {e.promotionId ? (
                <Link href={promotionHref(projectId, e.promotionId)} className="text-primary hover:underline">
                  View request
                </Link>
              ) : (
                <span className="text-muted-foreground">direct</span>
              )}
            </Td>
          </Tr>
        ))}
      </TBody>
    </Table>
  );
}
