import type { inferRouterOutputs } from "@trpc/server";
import type { PromotionState } from "@/db/schema/enums";
import type { AppRouter } from "@/server/trpc/root";

type Outputs = inferRouterOutputs<AppRouter>;
export type DashboardDetail = Outputs["dashboards"]["get"];
export type DashboardSummary = Outputs["dashboards"]["list"][number];
export type LeaderboardData = Outputs["dashboards"]["leaderboard"];
export type ComputeUsageData = Outputs["dashboards"]["computeUsage"];

/** What the pending-promotions panel reads of registry.pendingPromotions (server/registry). */
export interface PendingPromotion {
  id: string;
  modelName: string;
  version: number;
  alias: string;
  requestedBy: { name: string } | null;
  createdAt: Date;
  state: PromotionState;
}
