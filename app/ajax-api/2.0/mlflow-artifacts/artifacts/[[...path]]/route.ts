import { handleMlflowArtifacts } from "@/server/http/mlflow/artifacts";

export const GET = handleMlflowArtifacts;
export const PUT = handleMlflowArtifacts;
