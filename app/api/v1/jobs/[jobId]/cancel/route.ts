import { cancelJobRoute } from "@/server/http/handlers/jobs";

export const POST = cancelJobRoute;
