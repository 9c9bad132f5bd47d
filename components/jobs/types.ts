import type { inferRouterOutputs } from "@trpc/server";
import type { AppRouter } from "@/server/trpc/root";

export type JobDetails = NonNullable<inferRouterOutputs<AppRouter>["jobs"]["ofRun"]>;
export type JobAttempt = JobDetails["attempts"][number];
