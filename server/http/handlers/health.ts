import { metrics } from "../../metrics";
import { runtime } from "../../runtime";
import { errorResponse } from "../errors";

/** 200 once the database is open and migrated; 503 (with the reason logged, not shown) before. */
export async function health(): Promise<Response> {
  try {
    await runtime();
    return Response.json({ status: "ok" });
  } catch {
    return errorResponse(503, "UNAVAILABLE", "Database is not ready");
  }
}

export async function prometheus(): Promise<Response> {
  const { registry } = metrics();
  return new Response(await registry.metrics(), { headers: { "content-type": registry.contentType } });
}
