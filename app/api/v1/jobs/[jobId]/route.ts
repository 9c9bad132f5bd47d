import { getJobRoute } from "@/server/http/handlers/jobs";

export const GET = getJobRoute;
