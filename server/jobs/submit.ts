import { and, eq, or } from "drizzle-orm";
import { codeSnapshots, computeTargets, jobs } from "@/db/schema";
import type { JobCode, RunSource } from "@/db/schema";
import type { DbOrTx } from "@/db/client";
import { resolveEnvironment } from "../environments/environments";
import { writeAudit } from "../audit/write-audit";
import { teamTargetSnapshots, visibleToTeam } from "../compute/allocations";
import { infeasibleReason } from "../compute/placement";
import type { ServiceContext } from "../context";
import { notFound, validation } from "../errors";
import { createId } from "../ids";
import { projectAccess } from "../teams/access";
import { insertRun } from "../tracking/runs";
import { jobAccess } from "./access";
import { notifyQueueChanged } from "./signal";
import { JobRef, SubmitJobInput } from "./schemas";

type Verb<I> = { ctx: ServiceContext; input: I };

/**
 * Queues a job and creates its run (status queued) at once. A request that no target the team may
 * use could ever satisfy is refused here with the reason, rather than waiting forever.
 */
export async function submitJob({
  ctx,
  input,
  within,
}: Verb<SubmitJobInput> & {
  /** More writes that must land with the job (a reproduction's link), in its transaction. */
  within?: (tx: DbOrTx, job: typeof jobs.$inferSelect) => Promise<void>;
}) {
  const { project, actor } = await projectAccess(ctx, SubmitJobInput.shape.projectId.parse(input.projectId), "runs:write");
  const data = SubmitJobInput.parse(input);

  let targetId: string | undefined;
  if (data.target) {
    const [target] = await ctx.db
      .select({ id: computeTargets.id })
      .from(computeTargets)
      .where(and(visibleToTeam(project.teamId), or(eq(computeTargets.id, data.target), eq(computeTargets.name, data.target))))
      .limit(1);
    if (!target) throw validation(`No compute target "${data.target}" in this team`);
    targetId = target.id;
  }
  const request = { ...data.resources, targetId, labels: data.labels };
  const impossible = infeasibleReason(request, await teamTargetSnapshots(ctx.db, project.teamId));
  if (impossible) throw validation(`This job can never be placed: ${impossible}`);

  let code: JobCode = { kind: "none" };
  if (data.code && "git" in data.code) code = { kind: "git", git: data.code.git, ref: data.code.ref };
  if (data.code && "snapshotId" in data.code) {
    const [snapshot] = await ctx.db
      .select()
      .from(codeSnapshots)
      .where(and(eq(codeSnapshots.id, data.code.snapshotId), eq(codeSnapshots.projectId, project.id)));
    if (!snapshot) throw notFound(`Code snapshot ${data.code.snapshotId}`);
    const { gitUrl, commit, dirtySha256 } = data.code;
    code = { kind: "snapshot", snapshotId: snapshot.id, sha256: snapshot.sha256, ...(gitUrl ? { gitUrl } : {}), ...(commit ? { commit } : {}), ...(dirtySha256 ? { dirtySha256 } : {}) };
  }

  const environment = data.environment ? await resolveEnvironment(ctx.db, project.id, data.environment) : null;

  const job = await ctx.db.transaction(async (tx) => {
    const run = await insertRun(tx, actor, project, {
      name: data.name,
      status: "queued",
      tags: data.tags,
      environmentVersionId: environment?.id,
      params: data.params,
      source: sourceOf(code),
    });
    const [row] = await tx
      .insert(jobs)
      .values({
        id: createId("job"),
        teamId: project.teamId,
        projectId: project.id,
        runId: run.id,
        command: data.command,
        code,
        environment: data.environment ?? null,
        environmentVersionId: environment?.id ?? null,
        params: data.params,
        resources: data.resources,
        targetId: targetId ?? null,
        labels: data.labels,
        priority: data.priority,
        maxRetries: data.maxRetries,
        createdBy: actor.userId,
      })
      .returning();
    await writeAudit(tx, actor, {
      teamId: project.teamId,
      projectId: project.id,
      action: "job.submit",
      targetType: "job",
      targetId: row!.id,
      data: { runId: run.id, command: data.command, resources: data.resources, priority: data.priority, environment: environment?.digest },
    });
    if (within) await within(tx, row!);
    return row!;
  });
  notifyQueueChanged();
  return job;
}

/** What the run records about its code; a snapshot of a dirty checkout keeps the diff's digest. */
function sourceOf(code: JobCode): RunSource {
  if (code.kind === "git") return { gitUrl: code.git };
  if (code.kind === "snapshot") return { snapshotSha256: code.sha256, gitUrl: code.gitUrl, commit: code.commit, dirtySha256: code.dirtySha256 };
  return {};
}

/** The submit input that runs the same code again: a git job pinned to the commit it ran. */
export function sameCode(code: JobCode): SubmitJobInput["code"] {
  if (code.kind === "git") return { git: code.git, ref: code.commit ?? code.ref };
  if (code.kind === "snapshot") return { snapshotId: code.snapshotId, gitUrl: code.gitUrl, commit: code.commit, dirtySha256: code.dirtySha256 };
  return undefined;
}

/** Launches a finished job again as a new job and run with the same command, code and resources. */
export async function rerunJob({ ctx, input }: Verb<JobRef>) {
  const { job } = await jobAccess(ctx, JobRef.parse(input).jobId, "runs:write");
  return submitJob({
    ctx,
    input: {
      projectId: job.projectId,
      command: job.command,
      resources: job.resources,
      environment: job.environment ?? undefined,
      params: job.params,
      code: sameCode(job.code),
      target: job.targetId ?? undefined,
      labels: job.labels,
      priority: job.priority,
      maxRetries: job.maxRetries,
    },
  });
}
