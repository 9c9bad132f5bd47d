import { prometheus } from "@/server/http/handlers/health";

export const dynamic = "force-dynamic";
export const GET = prometheus;
