"use client";

import type { inferRouterOutputs } from "@trpc/server";
import type { AppRouter } from "@/server/trpc/root";
import { Table, TBody, Td, Th, THead, Tr } from "../ui/table";
import { DateTime } from "./date-time";

export type AuditEntry = inferRouterOutputs<AppRouter>["teams"]["audit"][number];

/** One line of JSON, so a row stays one row; the full value is in the cell's title. */
function compact(data: unknown): string {
  if (data === null || data === undefined) return "";
  const text = JSON.stringify(data);
  return text === "{}" ? "" : text;
}

export function AuditTable({ entries, label }: { entries: AuditEntry[]; label: string }) {
  return (
    <Table aria-label={label}>
      <THead>
        <Tr>
          <Th>When</Th>
          <Th>Actor</Th>
          <Th>Action</Th>
          <Th>Target</Th>
          <Th>Details</Th>
        </Tr>
      </THead>
      <TBody>
        {entries.map((entry) => {
          const details = compact(entry.data);
          return (
            <Tr key={entry.id}>
              <Td className="whitespace-nowrap text-muted-foreground">
                <DateTime value={entry.createdAt} />
              </Td>
              <Td>
                {entry.actorName ? (
                  <span title={entry.actorEmail ?? undefined}>{entry.actorName}</span>
                ) : entry.actorUserId ? (
                  <span className="font-mono text-xs text-muted-foreground">{entry.actorUserId}</span>
                ) : (
                  <span className="text-muted-foreground">System</span>
                )}
              </Td>
              <Td>
                <code className="rounded bg-muted px-1.5 py-0.5 text-xs">{entry.action}</code>
              </Td>
              <Td className="text-xs">
                <span className="text-muted-foreground">{entry.targetType}</span>{" "}
                <span className="font-mono">{entry.targetId}</span>
              </Td>
              <Td className="max-w-xs">
                <code className="block truncate font-mono text-xs text-muted-foreground" title={details}>
                  {details || "—"}
                </code>
              </Td>
            </Tr>
          );
        })}
      </TBody>
    </Table>
  );
}
