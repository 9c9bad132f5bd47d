import type { inferRouterOutputs } from "@trpc/server";
import type { AppRouter } from "@/server/trpc/root";

type Registry = inferRouterOutputs<AppRouter>["registry"];
export type ModelListItem = Registry["models"][number];
export type ModelDetail = Registry["model"];
export type ModelVersion = Registry["versions"][number];
export type ModelAlias = Registry["aliases"][number];
export type AliasHistoryEntry = Registry["aliasHistory"][number];
export type PromotionSummary = Registry["promotions"][number];
export type ReviewQueueItem = Registry["reviewQueue"][number];
export type PromotionDetails = Registry["promotion"];
export type PromotionPolicy = Registry["policies"][number];
export type CheckResult = PromotionDetails["checks"][number];
export type VersionLineage = PromotionDetails["version"]["lineage"];
