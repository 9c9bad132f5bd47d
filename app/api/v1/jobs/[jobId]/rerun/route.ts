import { rerunJobRoute } from "@/server/http/handlers/jobs";

export const POST = rerunJobRoute;
