import { Readable } from "node:stream";
import type { ReadableStream as WebReadableStream } from "node:stream/web";
import { serviceContext, type ServiceContext } from "../../context";
import { env } from "../../env";
import { unauthorized } from "../../errors";
import { observeRequest } from "../../metrics";
import { runtime } from "../../runtime";
import { actorFromHeaders } from "../../auth/session";
import { runAccess } from "../../tracking/access";
import { getArtifact, listArtifacts, putArtifact } from "../../tracking/artifacts";
import { MlflowError, toMlflowErrorResponse } from "./errors";

// The mlflow-artifacts proxy. A run's artifact URI is mlflow-artifacts:/<experiment>/<run>/artifacts,
// so every path here starts with the experiment and run ids; the rest is the path among the run's
// artifacts.

interface Located {
  runId: string;
  /** The path under the run's artifact root, "" for the root itself. */
  rest: string;
}

function locate(path: string): Located {
  const parts = path.split("/").filter((p) => p !== "");
  if (parts.length < 3 || parts[2] !== "artifacts") {
    throw new MlflowError("INVALID_PARAMETER_VALUE", `Artifact path '${path}' is not under a run: expected <experiment_id>/<run_id>/artifacts/<path>`);
  }
  return { runId: parts[1]!, rest: parts.slice(3).join("/") };
}

async function checkExperiment(ctx: ServiceContext, path: string, at: Located) {
  const { run } = await runAccess(ctx, at.runId, "team:read");
  const experimentId = path.split("/").filter(Boolean)[0];
  if (experimentId !== run.projectId) throw new MlflowError("RESOURCE_DOES_NOT_EXIST", `No run ${at.runId} in experiment ${experimentId}`);
}

/** Immediate children of a folder among a run's artifacts, as MLflow lists them (names relative to the folder). */
export function childrenOf(artifacts: { path: string; size: number }[], folder: string) {
  const prefix = folder ? `${folder.replace(/\/+$/, "")}/` : "";
  const seen = new Map<string, { path: string; is_dir: boolean; file_size?: number }>();
  for (const a of artifacts) {
    if (!a.path.startsWith(prefix)) continue;
    const rest = a.path.slice(prefix.length);
    const slash = rest.indexOf("/");
    const name = slash < 0 ? rest : rest.slice(0, slash);
    if (!name || seen.has(name)) continue;
    seen.set(name, slash < 0 ? { path: name, is_dir: false, file_size: a.size } : { path: name, is_dir: true });
  }
  return [...seen.values()];
}

type NextContext = { params: Promise<{ path?: string[] }> };

/** GET (download, or list with ?path=), PUT (upload) under /api/2.0/mlflow-artifacts/artifacts. */
export async function handleMlflowArtifacts(request: Request, next: NextContext): Promise<Response> {
  const started = performance.now();
  const method = request.method.toUpperCase();
  const path = ((await next.params).path ?? []).map(decodeURIComponent).join("/");
  const name = `${method} mlflow-artifacts/${path ? "{path}" : "list"}`;
  let response: Response;
  try {
    const rt = await runtime();
    const actor = await actorFromHeaders(rt, request.headers);
    if (!actor) throw unauthorized("Send an API token as MLFLOW_TRACKING_TOKEN (Authorization: Bearer) or as the basic-auth password");
    const ctx = serviceContext(rt.handle.db, actor);
    if (method === "GET" && !path) {
      const listed = new URL(request.url).searchParams.get("path") ?? "";
      if (listed.split("/").filter(Boolean).length < 3) {
        response = Response.json({});
      } else {
        const at = locate(listed);
        await checkExperiment(ctx, listed, at);
        const files = childrenOf(await listArtifacts({ ctx, input: { runId: at.runId } }), at.rest);
        response = Response.json(files.length ? { files } : {});
      }
    } else if (method === "GET") {
      const at = locate(path);
      await checkExperiment(ctx, path, at);
      const artifact = await getArtifact({ ctx, input: { runId: at.runId, path: at.rest }, blobs: rt.blobs });
      response = new Response(Readable.toWeb(artifact.stream) as ReadableStream, {
        headers: { "content-type": artifact.contentType, "content-length": String(artifact.size), etag: `"${artifact.sha256}"` },
      });
    } else if (method === "PUT") {
      const at = locate(path);
      await checkExperiment(ctx, path, at);
      if (!at.rest) throw new MlflowError("INVALID_PARAMETER_VALUE", "An artifact needs a file name under the run's artifact root");
      await putArtifact({
        ctx,
        input: { runId: at.runId, path: at.rest, contentType: request.headers.get("content-type") ?? undefined },
        body: request.body ? Readable.fromWeb(request.body as WebReadableStream<Uint8Array>) : Readable.from([]),
        blobs: rt.blobs,
        maxBytes: env().TRAINYARD_MAX_ARTIFACT_BYTES,
      });
      response = Response.json({});
    } else {
      response = Response.json({ error_code: "BAD_REQUEST", message: `Method ${method} is not supported here` }, { status: 405 });
    }
  } catch (error) {
    response = toMlflowErrorResponse(error, name);
  }
  observeRequest("mlflow", name, response.status, (performance.now() - started) / 1000);
  return response;
}
