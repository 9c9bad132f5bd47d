import type { inferRouterOutputs } from "@trpc/server";
import type { AppRouter } from "@/server/trpc/root";

export type ComputeTarget = inferRouterOutputs<AppRouter>["compute"]["list"][number];
export type TargetStatus = ComputeTarget["status"];
