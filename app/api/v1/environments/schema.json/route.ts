import { environmentSchemaRoute } from "@/server/http/handlers/environments";

export const GET = environmentSchemaRoute;
