import { Readable } from "node:stream";
import type { ReadableStream as WebReadableStream } from "node:stream/web";
import { env } from "../../env";
import { validation } from "../../errors";
import { getArtifact, listArtifacts, putArtifact } from "../../tracking/artifacts";
import { ArtifactBody, ArtifactListBody, RunIdParams, RunPathParams } from "../contracts/tracking";
import { rawRoute, restRoute } from "../route";

export const putArtifactRoute = rawRoute({
  name: "PUT /runs/{runId}/artifacts/{path}",
  params: RunPathParams,
  contract: { body: "binary", response: ArtifactBody, status: 201 },
  handler: async ({ ctx, rt, params, request }) => {
    if (!request.body) throw validation("The artifact's bytes are the request body");
    const stored = await putArtifact({
      ctx,
      input: { runId: params.runId, path: params.path.join("/"), contentType: request.headers.get("content-type") ?? undefined },
      body: Readable.fromWeb(request.body as WebReadableStream<Uint8Array>),
      blobs: rt.blobs,
      maxBytes: env().TRAINYARD_MAX_ARTIFACT_BYTES,
    });
    return Response.json(ArtifactBody.parse(stored), { status: 201 });
  },
});

export const getArtifactRoute = rawRoute({
  name: "GET /runs/{runId}/artifacts/{path}",
  params: RunPathParams,
  contract: { response: "binary", status: 200 },
  handler: async ({ ctx, rt, params }) => {
    const artifact = await getArtifact({ ctx, input: { runId: params.runId, path: params.path.join("/") }, blobs: rt.blobs });
    const name = artifact.path.split("/").pop() ?? "artifact";
    return new Response(Readable.toWeb(artifact.stream) as ReadableStream, {
      headers: {
        "content-type": artifact.contentType,
        "content-length": String(artifact.size),
        "content-disposition": `attachment; filename="${name.replace(/["\\\r\n]/g, "_")}"`,
        etag: `"${artifact.sha256}"`,
      },
    });
  },
});

export const listArtifactsRoute = restRoute({
  name: "GET /runs/{runId}/artifacts",
  auth: "required",
  params: RunIdParams,
  response: ArtifactListBody,
  handler: async ({ ctx, params }) => ({
    artifacts: (await listArtifacts({ ctx, input: params })).map((a) => ({
      path: a.path,
      sha256: a.sha256,
      size: a.size,
      content_type: a.contentType,
      created_at: a.createdAt,
    })),
  }),
});
