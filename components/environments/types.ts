import type { inferRouterOutputs } from "@trpc/server";
import type { AppRouter } from "@/server/trpc/root";

type Outputs = inferRouterOutputs<AppRouter>;
export type EnvironmentListItem = Outputs["environments"]["list"][number];
export type EnvironmentVersion = Outputs["environments"]["versions"][number];
export type RunEnvironment = Outputs["environments"]["ofRun"];
export type Reproduction = NonNullable<RunEnvironment["reproduction"]>;
export type CapturedEnvironment = NonNullable<RunEnvironment["captured"]>["captured"];
