"use client";

import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import type { ReproductionVerdict } from "@/db/schema/enums";
import { useTRPC } from "../trpc/client";
import { Card, CardContent, CardHeader, CardTitle } from "../ui/card";
import { ReproductionVerdictBadge } from "./reproduction-verdict-badge";

/**
 * On a run launched to reproduce another: which run, and whether it did. The verdict follows the
 * run page's polling (runs.get), which keeps asking while the verdict is pending.
 */
export function ReproductionCard({
  projectId,
  runId,
  reproduction,
}: {
  projectId: string;
  runId: string;
  reproduction: { of: string; verdict: ReproductionVerdict; detail: string };
}) {
  const trpc = useTRPC();
  const original = useQuery(trpc.runs.get.queryOptions({ runId: reproduction.of }));
  return (
    <Card role="region" aria-label="Reproduction" data-testid="reproduction">
      <CardHeader>
        <div className="flex flex-wrap items-center gap-3">
          <CardTitle>Reproduction</CardTitle>
          <ReproductionVerdictBadge verdict={reproduction.verdict} data-testid="reproduction-verdict" />
          <span className="text-sm text-muted-foreground">
            of{" "}
            <Link href={`/projects/${projectId}/runs/${reproduction.of}`} className="text-primary hover:underline" data-testid="reproduction-of">
              {original.data?.name ?? <span className="font-mono text-xs">{reproduction.of}</span>}
            </Link>
          </span>
          <Link
            href={`/projects/${projectId}/compare?runs=${reproduction.of},${runId}`}
            className="text-sm text-primary hover:underline"
            data-testid="reproduction-compare"
          >
            Compare both runs
          </Link>
        </div>
      </CardHeader>
      <CardContent>
        <p className="text-sm text-muted-foreground" data-testid="reproduction-detail">
          {reproduction.detail ||
            (reproduction.verdict === "pending"
              ? "When this run ends, its metrics are compared with the original's, step by step, within the tolerance."
              : "")}
        </p>
      </CardContent>
    </Card>
  );
}
