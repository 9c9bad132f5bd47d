"use client";

import { ShortDate } from "../runs/short-date";
import { cn } from "../ui/cn";
import { Table, TBody, Td, Th, THead, Tr } from "../ui/table";
import { Digest } from "./digest";
import { PinnedBadge } from "./pinned-badge";
import type { EnvironmentVersion } from "./types";

/** Every version of an environment, newest first; choosing one shows its spec below. */
export function VersionsTable({
  versions,
  selected,
  onSelect,
  userName,
}: {
  versions: EnvironmentVersion[];
  selected: number;
  onSelect: (version: number) => void;
  /** The team member's name for a user id, when known. */
  userName: (userId: string) => string | undefined;
}) {
  return (
    <Table aria-label="Versions">
      <THead>
        <Tr>
          <Th>Version</Th>
          <Th>Digest</Th>
          <Th>Pinned</Th>
          <Th>Created</Th>
          <Th>By</Th>
        </Tr>
      </THead>
      <TBody>
        {versions.map((v, i) => {
          const current = v.version === selected;
          return (
            <Tr
              key={v.id}
              data-testid="env-version"
              data-version={v.version}
              aria-current={current ? "true" : undefined}
              className={cn(current && "bg-accent/60 hover:bg-accent/60")}
            >
              <Td>
                <button
                  type="button"
                  onClick={() => onSelect(v.version)}
                  title={`Show version ${v.version}`}
                  className={cn(
                    "rounded-sm font-mono text-sm text-primary hover:underline focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-ring",
                    current && "font-semibold",
                  )}
                >
                  v{v.version}
                </button>
                {i === 0 ? <span className="ml-2 text-xs text-muted-foreground">latest</span> : null}
              </Td>
              <Td>
                <Digest digest={v.digest} />
              </Td>
              <Td>
                <PinnedBadge pinned={v.pinned} />
              </Td>
              <Td className="whitespace-nowrap text-muted-foreground">
                <ShortDate value={v.createdAt} />
              </Td>
              <Td className="text-muted-foreground">{v.createdBy ? (userName(v.createdBy) ?? <span className="font-mono text-xs">{v.createdBy}</span>) : "—"}</Td>
            </Tr>
          );
        })}
      </TBody>
    </Table>
  );
}
