import { listComputeRoute, registerComputeRoute } from "@/server/http/handlers/compute";

export const GET = listComputeRoute;
export const POST = registerComputeRoute;
