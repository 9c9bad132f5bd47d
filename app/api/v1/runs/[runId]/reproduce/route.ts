import { reproduceRoute } from "@/server/http/handlers/environments";

export const POST = reproduceRoute;
