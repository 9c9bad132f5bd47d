"use client";

import { useQuery } from "@tanstack/react-query";
import { ArrowLeft } from "lucide-react";
import Link from "next/link";
import { ChecksCard } from "@/components/models/checks-card";
import { EnvironmentDiff } from "@/components/models/environment-diff";
import { LineageCompare } from "@/components/models/lineage-compare";
import { modelHref } from "@/components/models/links";
import { MetricCompare } from "@/components/models/metric-compare";
import { comparedMetricKey } from "@/components/models/metric-rows";
import { PromotionHeader } from "@/components/models/promotion-header";
import { ReviewActions } from "@/components/models/review-actions";
import { ReviewsTimeline } from "@/components/models/reviews-timeline";
import { useUrlState } from "@/components/runs/use-url-state";
import { useTRPC } from "@/components/trpc/client";
import { Card, CardContent, CardHeader, CardTitle } from "@/components/ui/card";
import { ErrorState, LoadingRows } from "@/components/ui/states";
import { openPromotionStates } from "@/db/schema/enums";
import { parsePromotionView, serializePromotionView } from "./search-params";

// An open request changes when someone else reviews it; a closed one never does.
const OPEN_REFRESH_MS = 15_000;
const isOpen = (state: string | undefined) => (openPromotionStates as readonly (string | undefined)[]).includes(state);

export function PromotionClient({ projectId, promotionId }: { projectId: string; promotionId: string }) {
  const trpc = useTRPC();
  const promotion = useQuery({
    ...trpc.registry.promotion.queryOptions({ promotionId }),
    refetchInterval: (query) => (isOpen(query.state.data?.state) ? OPEN_REFRESH_MS : false),
  });
  const [view, setView] = useUrlState(parsePromotionView, serializePromotionView);

  if (promotion.isPending) return <LoadingRows rows={4} label="Loading promotion request" />;
  if (promotion.isError) return <ErrorState title="Could not load the promotion request" error={promotion.error} />;
  const p = promotion.data;
  const metric = view.metric ?? comparedMetricKey(p.checks.map((c) => c.check), p.version.lineage.metrics);

  return (
    <div className="flex flex-col gap-6">
      <Link href={modelHref(projectId, p.model.id)} className="flex w-fit items-center gap-1 text-sm text-muted-foreground hover:text-foreground">
        <ArrowLeft className="size-4" aria-hidden /> {p.model.name}
      </Link>
      <PromotionHeader promotion={p} />
      <div className="grid gap-4 lg:grid-cols-[minmax(0,1fr)_24rem]">
        <ChecksCard checks={p.checks} open={isOpen(p.state)} />
        <Card role="region" aria-label="Review">
          <CardHeader>
            <CardTitle>Reviews</CardTitle>
          </CardHeader>
          <CardContent>
            <ReviewsTimeline promotion={p} />
          </CardContent>
        </Card>
      </div>
      <ReviewActions promotion={p} />
      <LineageCompare projectId={projectId} version={p.version} current={p.current} alias={p.alias} state={p.state} />
      <MetricCompare
        projectId={projectId}
        version={p.version}
        current={p.current}
        metricKey={metric}
        stat={view.stat}
        onChange={(next) => setView((v) => ({ metric: next.metric ?? v.metric, stat: next.stat ?? v.stat }))}
      />
      <EnvironmentDiff candidate={p.environments.candidate} current={p.environments.current} hasCurrent={p.current !== null} />
    </div>
  );
}
