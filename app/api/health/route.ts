import { health } from "@/server/http/handlers/health";

export const dynamic = "force-dynamic";
export const GET = health;
