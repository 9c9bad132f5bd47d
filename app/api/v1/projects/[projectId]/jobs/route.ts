import { listJobsRoute, submitJobRoute } from "@/server/http/handlers/jobs";

export const GET = listJobsRoute;
export const POST = submitJobRoute;
