import Link from "next/link";
import { ShortDate } from "../runs/short-date";
import { Table, TBody, Td, Th, THead, Tr } from "../ui/table";
import { AliasBadge } from "./promotion-state-badge";
import { modelHref } from "./links";
import type { ModelListItem } from "./types";

export function ModelsTable({ projectId, models }: { projectId: string; models: ModelListItem[] }) {
  return (
    <Table aria-label="Models">
      <THead>
        <Tr>
          <Th>Name</Th>
          <Th>Latest</Th>
          <Th>Aliases</Th>
          <Th className="text-right">Versions</Th>
          <Th>Last registered</Th>
        </Tr>
      </THead>
      <TBody>
        {models.map((m) => (
          <Tr key={m.id} data-model-id={m.id}>
            <Td className="max-w-80">
              <Link href={modelHref(projectId, m.id)} className="font-medium text-primary hover:underline">
                {m.name}
              </Link>
              {m.description ? <p className="truncate text-xs text-muted-foreground" title={m.description}>{m.description}</p> : null}
            </Td>
            <Td className="font-mono text-sm">{m.latestVersion === null ? <span className="text-muted-foreground">—</span> : `v${m.latestVersion}`}</Td>
            <Td>
              {m.aliases.length === 0 ? (
                <span className="text-muted-foreground">—</span>
              ) : (
                <span className="flex flex-wrap gap-1">
                  {m.aliases.map((a) => (
                    <AliasBadge key={a.alias} alias={a.alias} version={a.version} />
                  ))}
                </span>
              )}
            </Td>
            <Td className="text-right tabular-nums">{m.versionCount}</Td>
            <Td className="whitespace-nowrap text-muted-foreground">
              <ShortDate value={m.lastRegisteredAt} />
            </Td>
          </Tr>
        ))}
      </TBody>
    </Table>
  );
}
