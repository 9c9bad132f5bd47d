import Link from "next/link";
import { ShortDate } from "../runs/short-date";
import { EmptyState } from "../ui/states";
import { Table, TBody, Td, Th, THead, Tr } from "../ui/table";
import { promotionHref } from "./links";
import { PromotionStateBadge } from "./promotion-state-badge";
import { checkSummary } from "./summaries";
import type { PromotionSummary } from "./types";

/** A model's promotion requests, newest first, each linking to its page. */
export function PromotionsTable({ projectId, promotions }: { projectId: string; promotions: PromotionSummary[] }) {
  if (promotions.length === 0) {
    return <EmptyState title="No promotion requests" description="Requests to move an alias to a version of this model appear here." />;
  }
  return (
    <Table aria-label="Promotion requests">
      <THead>
        <Tr>
          <Th>Request</Th>
          <Th>State</Th>
          <Th>Requested by</Th>
          <Th>Checks</Th>
          <Th>Opened</Th>
          <Th>Closed</Th>
        </Tr>
      </THead>
      <TBody>
        {promotions.map((p) => (
          <Tr key={p.id} data-testid="promotion-row" data-state={p.state}>
            <Td className="whitespace-nowrap">
              <Link href={promotionHref(projectId, p.id)} className="font-mono text-primary hover:underline">
                v{p.version} → {p.alias}
              </Link>
            </Td>
            <Td>
              <PromotionStateBadge state={p.state} />
            </Td>
            <Td>{p.requestedBy?.name ?? <span className="text-muted-foreground">former member</span>}</Td>
            <Td className="whitespace-nowrap text-muted-foreground">{checkSummary(p.checks)}</Td>
            <Td className="whitespace-nowrap text-muted-foreground">
              <ShortDate value={p.createdAt} />
            </Td>
            <Td className="whitespace-nowrap text-muted-foreground">
              <ShortDate value={p.closedAt} />
            </Td>
          </Tr>
        ))}
      </TBody>
    </Table>
  );
}
