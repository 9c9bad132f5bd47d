import { getArtifactRoute, putArtifactRoute } from "@/server/http/handlers/artifacts";

export const GET = getArtifactRoute;
export const PUT = putArtifactRoute;
