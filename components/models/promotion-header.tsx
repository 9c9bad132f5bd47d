import Link from "next/link";
import { DateTime } from "../audit/date-time";
import { modelHref } from "./links";
import { PromotionStateBadge } from "./promotion-state-badge";
import { approvalsText } from "./summaries";
import type { PromotionDetails } from "./types";

/** What is asked (model, version, alias), by whom, why, where it stands and how many approvals it has. */
export function PromotionHeader({ promotion }: { promotion: PromotionDetails }) {
  const p = promotion;
  return (
    <div className="flex flex-col gap-2">
      <div className="flex flex-wrap items-center gap-3">
        <h2 className="text-xl font-semibold">
          <Link href={modelHref(p.model.projectId, p.model.id)} className="font-mono hover:underline">
            {p.model.name}
          </Link>{" "}
          <span className="font-mono">
            v{p.version.version} → {p.alias}
          </span>
        </h2>
        <PromotionStateBadge state={p.state} data-testid="promotion-state" />
      </div>
      <dl className="flex flex-wrap gap-x-6 gap-y-1 text-sm">
        <div className="flex gap-1.5">
          <dt className="text-muted-foreground">Requested by</dt>
          <dd>{p.requestedBy?.name ?? "a former member"}</dd>
        </div>
        <div className="flex gap-1.5">
          <dt className="text-muted-foreground">Opened</dt>
          <dd>
            <DateTime value={p.createdAt} />
          </dd>
        </div>
        <div className="flex gap-1.5">
          <dt className="text-muted-foreground">Approvals</dt>
          <dd data-testid="promotion-approvals">{approvalsText(p.approvals, p.requiredApprovals)}</dd>
        </div>
        <div className="flex gap-1.5">
          <dt className="text-muted-foreground">Policy</dt>
          <dd>{p.protected ? `${p.alias} is protected` : "none (one approval, no checks)"}</dd>
        </div>
      </dl>
      {p.description ? <p className="max-w-3xl whitespace-pre-wrap text-sm">{p.description}</p> : null}
    </div>
  );
}
