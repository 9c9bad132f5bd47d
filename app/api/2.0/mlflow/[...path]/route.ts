import { handleMlflow } from "@/server/http/mlflow/dispatch";

export const GET = handleMlflow;
export const POST = handleMlflow;
export const PATCH = handleMlflow;
export const DELETE = handleMlflow;
