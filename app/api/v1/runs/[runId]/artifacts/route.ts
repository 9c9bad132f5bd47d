import { listArtifactsRoute } from "@/server/http/handlers/artifacts";

export const GET = listArtifactsRoute;
