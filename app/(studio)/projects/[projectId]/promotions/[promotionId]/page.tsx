import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { getQueryClient, HydrateClient, trpc } from "@/server/trpc/server";
import { loadProject } from "../../load-project";
import { PromotionClient } from "./client";
import { loadPromotion } from "./load-promotion";

type Props = { params: Promise<{ projectId: string; promotionId: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const p = await loadPromotion((await params).promotionId);
  return { title: `${p.model.name} v${p.version.version} → ${p.alias}` };
}

export default async function PromotionPage({ params }: Props) {
  const { projectId, promotionId } = await params;
  const [, promotion] = await Promise.all([loadProject(projectId), loadPromotion(promotionId)]);
  if (promotion.projectId !== projectId) notFound();
  getQueryClient().setQueryData(trpc.registry.promotion.queryKey({ promotionId }), promotion);
  return (
    <HydrateClient>
      <PromotionClient projectId={projectId} promotionId={promotionId} />
    </HydrateClient>
  );
}
