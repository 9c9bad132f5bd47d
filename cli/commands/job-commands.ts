import { Command } from "commander";
import { loadConfig, resolveUserEndpoint } from "../config";
import { runUrl, userApi, type Job } from "../user-api";

interface EndpointFlags {
  server?: string;
  token?: string;
}

const withEndpointFlags = (command: Command) =>
  command
    .option("--server <url>", "server URL (default: $TRAINYARD_URL or the saved login)")
    .option("--token <token>", "personal token (default: $TRAINYARD_TOKEN or the saved login)");

export function statusCommand(): Command {
  return withEndpointFlags(new Command("status").description("show a job's state").argument("<job-id>")).action(
    async (jobId: string, flags: EndpointFlags) => {
      const endpoint = resolveUserEndpoint(flags, process.env, await loadConfig());
      process.stdout.write(describeJob(await userApi.getJob(endpoint, jobId), endpoint.server));
    },
  );
}

export function cancelCommand(): Command {
  return withEndpointFlags(new Command("cancel").description("cancel a queued or running job").argument("<job-id>")).action(
    async (jobId: string, flags: EndpointFlags) => {
      const endpoint = resolveUserEndpoint(flags, process.env, await loadConfig());
      const job = await userApi.cancelJob(endpoint, jobId);
      const note = job.cancel_requested && !["cancelled", "succeeded", "failed", "lost"].includes(job.state) ? " (cancel requested; the agent is stopping it)" : "";
      process.stdout.write(`job ${job.id}: ${job.state}${note}\n`);
    },
  );
}

export function describeJob(job: Job, server: string): string {
  const target = job.assigned_target ?? job.target;
  const rows: [string, string | null][] = [
    ["job", job.id],
    ["state", job.state + (job.cancel_requested && job.state !== "cancelled" ? " (cancel requested)" : "")],
    ["target", target ? target.name : null],
    ["gpus", job.allocated_gpus.length > 0 ? job.allocated_gpus.join(",") : job.resources.gpus > 0 ? `${job.resources.gpus} requested` : "none"],
    ["pending", job.pending_reason],
    ["attempt", job.max_retries > 0 ? `${job.attempt} of ${job.max_retries + 1}` : String(job.attempt)],
    ["exit code", job.exit_code === null ? null : String(job.exit_code)],
    ["failure", job.failure_reason],
    ["run", runUrl(server, job.project_id, job.run_id)],
  ];
  return rows
    .filter((row): row is [string, string] => row[1] !== null && row[1] !== "")
    .map(([name, value]) => `${name.padEnd(10)}${value}\n`)
    .join("");
}
