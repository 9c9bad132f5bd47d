import { uploadSnapshotRoute } from "@/server/http/handlers/jobs";

export const POST = uploadSnapshotRoute;
