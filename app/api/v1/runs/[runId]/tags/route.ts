import { setTagsRoute } from "@/server/http/handlers/runs";

export const POST = setTagsRoute;
