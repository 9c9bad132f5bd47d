import Link from "next/link";
import { EmptyState } from "../ui/states";
import { Table, TBody, Td, Th, THead, Tr } from "../ui/table";
import { modelHref, promotionHref } from "./links";
import { ageText, checkSummary } from "./summaries";
import type { ReviewQueueItem } from "./types";

/** Open requests waiting for the viewer, newest first; `now` is when the list was fetched. */
export function ReviewQueueTable({ items, now }: { items: ReviewQueueItem[]; now: number }) {
  if (items.length === 0) {
    return (
      <EmptyState
        title="Nothing to review"
        description="Promotion requests in teams where you are a reviewer, admin or owner appear here until you approve or reject them. Your own requests never do."
      />
    );
  }
  return (
    <Table aria-label="Review queue">
      <THead>
        <Tr>
          <Th>Project</Th>
          <Th>Model</Th>
          <Th>Request</Th>
          <Th>Requested by</Th>
          <Th>Waiting</Th>
          <Th>Checks</Th>
        </Tr>
      </THead>
      <TBody>
        {items.map((p) => {
          const failing = p.checks.some((c) => !c.passed);
          return (
            <Tr key={p.id} data-testid="review-queue-row" data-promotion-id={p.id}>
              <Td className="max-w-48 truncate">{p.projectName}</Td>
              <Td>
                <Link href={modelHref(p.projectId, p.modelId)} className="font-mono hover:underline">
                  {p.modelName}
                </Link>
              </Td>
              <Td className="whitespace-nowrap">
                <Link href={promotionHref(p.projectId, p.id)} className="font-mono text-primary hover:underline">
                  v{p.version} → {p.alias}
                </Link>
                {p.state === "approved" ? <span className="ml-2 text-xs text-muted-foreground">approved, needs more</span> : null}
              </Td>
              <Td>{p.requestedBy?.name ?? <span className="text-muted-foreground">former member</span>}</Td>
              <Td className="whitespace-nowrap text-muted-foreground">
                <time dateTime={new Date(p.createdAt).toISOString()} suppressHydrationWarning>
                  {ageText(p.createdAt, now)}
                </time>
              </Td>
              <Td className={failing ? "whitespace-nowrap text-destructive" : "whitespace-nowrap text-muted-foreground"}>{checkSummary(p.checks)}</Td>
            </Tr>
          );
        })}
      </TBody>
    </Table>
  );
}
