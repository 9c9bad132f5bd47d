import { tokenRoute } from "@/server/http/handlers/auth";

export const POST = tokenRoute;
