import { z } from "zod";

// A client for slurmrestd's /slurm/<version>/ API (22.05: v0.0.38) with JWT auth. Every answer is
// validated; every failure becomes a SlurmError with a message fit for a user, because slurmrestd
// answers 500 "Unspecified error" for a bad or expired token and 500 with a code for a refused job.

export interface RestdEndpoint {
  baseUrl: string;
  apiVersion: string;
  user: string;
  token: string;
  timeoutMs?: number;
}

/**
 * unreachable: no answer (down, wrong URL); auth: the token or user was refused; refused: Slurm
 * looked at the request and said no (a job it cannot run); protocol: an answer we cannot read.
 */
export type SlurmErrorKind = "unreachable" | "auth" | "refused" | "protocol";

export class SlurmError extends Error {
  constructor(
    readonly kind: SlurmErrorKind,
    message: string,
    readonly status?: number,
  ) {
    super(message);
    this.name = "SlurmError";
  }
}

const SlurmErrors = z
  .array(z.object({ error: z.string().optional(), error_code: z.number().optional(), errno: z.number().optional(), description: z.string().optional() }).loose())
  .optional();

const Envelope = z.object({ errors: SlurmErrors }).loose();

const SlurmNode = z
  .object({
    name: z.string(),
    state: z.string(),
    state_flags: z.array(z.string()).default([]),
    partitions: z.array(z.string()).default([]),
    cpus: z.number().default(0),
    real_memory: z.number().default(0),
    gres: z.string().default(""),
    gres_used: z.string().default(""),
    reason: z.string().default(""),
  })
  .loose();
export type SlurmNode = z.infer<typeof SlurmNode>;

const SlurmPartition = z
  .object({
    name: z.string(),
    state: z.string().default("UNKNOWN"),
    nodes: z.string().default(""),
    flags: z.array(z.string()).default([]),
    max_time_limit: z.number().nullable().default(null),
  })
  .loose();
export type SlurmPartition = z.infer<typeof SlurmPartition>;

const SlurmJob = z
  .object({
    job_id: z.number(),
    name: z.string().default(""),
    job_state: z.string(),
    state_reason: z.string().default("None"),
    state_description: z.string().default(""),
    nodes: z.string().default(""),
    partition: z.string().default(""),
    gres_detail: z.array(z.string()).default([]),
    exit_code: z.number().nullable().default(null),
    user_name: z.string().default(""),
  })
  .loose();
export type SlurmJob = z.infer<typeof SlurmJob>;

const Ping = Envelope.extend({ pings: z.array(z.object({ hostname: z.string(), ping: z.string() }).loose()).default([]) });
const Nodes = Envelope.extend({ nodes: z.array(SlurmNode) });
const Partitions = Envelope.extend({ partitions: z.array(SlurmPartition) });
const Jobs = Envelope.extend({ jobs: z.array(SlurmJob) });
const Submitted = Envelope.extend({ job_id: z.number() });

export interface SubmitRequest {
  job: Record<string, unknown> & { name: string; environment: Record<string, string> };
  script: string;
}

function describe(errors: z.infer<typeof SlurmErrors>): string {
  const parts = (errors ?? []).map((e) => [e.error, e.description].filter(Boolean).join(": ") + (e.error_code ? ` (Slurm error ${e.error_code})` : ""));
  return parts.filter(Boolean).join("; ") || "no detail";
}

export class RestdClient {
  private readonly root: string;

  constructor(private readonly endpoint: RestdEndpoint) {
    this.root = `${endpoint.baseUrl.replace(/\/+$/, "")}/slurm/${endpoint.apiVersion}`;
  }

  private async call<S extends z.ZodType>(method: string, path: string, schema: S, body?: unknown): Promise<z.output<S>> {
    let response: Response;
    try {
      response = await fetch(`${this.root}${path}`, {
        method,
        headers: {
          "X-SLURM-USER-NAME": this.endpoint.user,
          "X-SLURM-USER-TOKEN": this.endpoint.token,
          ...(body === undefined ? {} : { "content-type": "application/json" }),
        },
        body: body === undefined ? undefined : JSON.stringify(body),
        signal: AbortSignal.timeout(this.endpoint.timeoutMs ?? 10_000),
      });
    } catch (error) {
      const cause = error instanceof Error && error.cause instanceof Error ? error.cause.message : error instanceof Error ? error.message : String(error);
      throw new SlurmError("unreachable", `slurmrestd at ${this.endpoint.baseUrl} is unreachable (${cause})`);
    }
    const text = await response.text();
    let json: unknown;
    try {
      json = text ? JSON.parse(text) : {};
    } catch {
      throw new SlurmError(
        response.status === 404 ? "protocol" : response.status >= 500 ? "unreachable" : "protocol",
        response.status === 404
          ? `slurmrestd does not serve ${path} under API ${this.endpoint.apiVersion} (HTTP 404): is the API version right?`
          : `slurmrestd answered HTTP ${response.status} with something that is not JSON`,
        response.status,
      );
    }
    const envelope = Envelope.safeParse(json);
    const errors = envelope.success ? envelope.data.errors : undefined;
    if (!response.ok || (errors && errors.length > 0 && !(method === "GET" && response.ok))) {
      if (response.status === 401 || response.status === 403) {
        throw new SlurmError("auth", `slurmrestd refused the credentials for user ${this.endpoint.user} (HTTP ${response.status})`, response.status);
      }
      // 22.05 answers a bad, expired or mismatched token with 500 "Unspecified error" and errno -1.
      const unspecified = (errors ?? []).every((e) => !e.error_code && (e.error === "Unspecified error" || e.errno === -1));
      if (response.status >= 500 && unspecified) {
        throw new SlurmError(
          "auth",
          `slurmrestd refused the request for user ${this.endpoint.user}: the token is invalid, expired or not that user's (HTTP ${response.status}, "${describe(errors)}")`,
          response.status,
        );
      }
      throw new SlurmError("refused", `Slurm refused the request: ${describe(errors)} (HTTP ${response.status})`, response.status);
    }
    const parsed = schema.safeParse(json);
    if (!parsed.success) throw new SlurmError("protocol", `slurmrestd's answer to ${method} ${path} is not what API ${this.endpoint.apiVersion} describes: ${z.prettifyError(parsed.error)}`);
    return parsed.data;
  }

  async ping() {
    return (await this.call("GET", "/ping", Ping)).pings;
  }

  async nodes(): Promise<SlurmNode[]> {
    return (await this.call("GET", "/nodes", Nodes)).nodes;
  }

  async partitions(): Promise<SlurmPartition[]> {
    return (await this.call("GET", "/partitions", Partitions)).partitions;
  }

  async jobs(): Promise<SlurmJob[]> {
    return (await this.call("GET", "/jobs", Jobs)).jobs;
  }

  async submit(request: SubmitRequest): Promise<number> {
    return (await this.call("POST", "/job/submit", Submitted, request)).job_id;
  }

  async cancel(jobId: number): Promise<void> {
    await this.call("DELETE", `/job/${jobId}`, Envelope);
  }
}
