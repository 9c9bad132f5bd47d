import { updateSlurmTokenRoute } from "@/server/http/handlers/compute";

export const PUT = updateSlurmTokenRoute;
