import { spawn, type ChildProcess } from "node:child_process";
import { mkdir } from "node:fs/promises";
import path from "node:path";
import type { Readable } from "node:stream";
import { ApiError, errorMessage } from "../http/errors";
import { OutageReporter, retryTransient } from "../http/retry";
import type { Logger } from "../logger";
import type { ClaimedJob, JobFinished, JobReporter } from "./agent-api";
import { captureEnvironment, containerEnv, containerRunArgs, materializeEnvironment, type CapturedEnvironment, type PreparedEnvironment } from "./environment";
import { inheritedEnv, jobEnv, type Environment } from "./job-env";
import { LineSplitter } from "./line-splitter";
import { Outbox } from "./outbox";
import { OutputBatcher, type Stream } from "./output-batcher";
import { groupAlive, signalGroup } from "./process-group";
import { runDeliverer } from "./run-api";
import { PrepareError, prepareCode } from "./workspace";

export interface JobRunnerOptions {
  api: JobReporter;
  logger: Logger;
  workDir: string;
  killGraceMs: number;
  python?: string;
  sdkPath: string | null;
  /** The agent's environment, which jobs and environment builds inherit; process.env when left out. */
  env?: Environment;
  /** How long to wait for a finished job's output pipes after its main process exits. */
  pipeGraceMs?: number;
}

interface Exit {
  code: number | null;
  signal: NodeJS.Signals | null;
}

/** The server answers 404/409 once a job is no longer ours (marked lost, reassigned): stop reporting it. */
const notOurs = (error: unknown) => error instanceof ApiError && (error.status === 404 || error.status === 409);

/** Runs one claimed job from checkout to the `finished` report. */
export class JobRunner {
  readonly done: Promise<void>;
  private cancelReason: string | null = null;
  private readonly prepareAbort = new AbortController();
  private child: ChildProcess | undefined;
  /** The job's container, to stop along with the process group. */
  private container: Extract<PreparedEnvironment, { kind: "container" }> | undefined;
  private exited = false;
  private killedByUs = false;
  private killTimer: NodeJS.Timeout | undefined;
  private disowned = false;
  /** What was (or would have been) reported at the end; set once the job is over. */
  report: JobFinished | undefined;
  private readonly label: string;
  private readonly log: Logger;

  constructor(
    readonly job: ClaimedJob,
    private readonly options: JobRunnerOptions,
  ) {
    this.label = `job ${job.id}`;
    this.log = options.logger;
    this.done = this.run().catch((error: unknown) => {
      this.log.error(`${this.label}: ${errorMessage(error)}`);
    });
  }

  get id(): string {
    return this.job.id;
  }

  /** Stops the job: SIGTERM to its process group, SIGKILL after the grace period. */
  cancel(reason: string): void {
    if (this.cancelReason !== null) return;
    this.cancelReason = reason;
    this.log.info(`${this.label}: cancelling (${reason})`);
    this.prepareAbort.abort(new Error(reason));
    this.terminate();
  }

  /**
   * Stops the job for a scheduler that reports its end itself (Slurm's SIGTERM at a time limit, a
   * preemption, scancel): the output is still delivered, but no end is reported, so the job ends
   * with the scheduler's reason rather than "killed by SIGTERM".
   */
  leaveEnd(reason: string): void {
    this.disowned = true;
    this.cancel(reason);
  }

  private terminate(): void {
    const pid = this.child?.pid;
    if (pid === undefined || this.exited) return;
    this.killedByUs = true;
    signalGroup(pid, "SIGTERM");
    // The runtime's client forwards SIGTERM, but a SIGKILLed client would leave the container running.
    this.stopContainer("stop", "--time", String(Math.ceil(this.options.killGraceMs / 1000)));
    this.killTimer = setTimeout(() => {
      if (signalGroup(pid, "SIGKILL")) this.log.warn(`${this.label}: still running ${this.options.killGraceMs} ms after SIGTERM; killed`);
      this.stopContainer("kill");
    }, this.options.killGraceMs);
    this.killTimer.unref();
  }

  private stopContainer(...args: string[]): void {
    const container = this.container;
    if (!container) return;
    const env = (this.options.env ?? process.env) as NodeJS.ProcessEnv;
    const child = spawn(container.runtime.command, [...args, container.name], { env, stdio: "ignore" });
    child.once("error", (error) => this.log.warn(`${this.label}: ${container.runtime.kind} ${args[0]}: ${error.message}`));
  }

  private async run(): Promise<void> {
    const { job } = this;
    const jobDir = path.join(this.options.workDir, "jobs", `${job.id}-${job.attempt}`);
    const server = this.options.api.server;
    let outbox: Outbox;
    try {
      await mkdir(jobDir, { recursive: true });
      outbox = await Outbox.open({
        file: path.join(jobDir, "outbox.jsonl"),
        deliver: runDeliverer({ server, runToken: job.run_token, runId: job.run_id }, this.log, this.label),
        logger: this.log,
        label: this.label,
      });
    } catch (error) {
      // Without a job folder nothing can run; say so rather than leave the job assigned until it is lost.
      this.report = { outcome: "failed", reason: `the agent cannot use its work folder: ${errorMessage(error)}` };
      return this.reportFinished(this.report);
    }
    const batcher = new OutputBatcher((entry) => outbox.push(entry));
    let report: JobFinished;
    let started: Promise<void> = Promise.resolve();
    try {
      const code = await prepareCode({ job, jobDir, server, logger: this.log, signal: this.prepareAbort.signal });
      if (this.cancelReason !== null) throw this.prepareAbort.signal.reason;
      const base = inheritedEnv(this.options.env ?? process.env);
      const prepared = await materializeEnvironment({
        job,
        workDir: this.options.workDir,
        python: this.options.python,
        env: base,
        signal: this.prepareAbort.signal,
        output: (stream, line) => batcher.add(stream, `[env] ${line}`),
      });
      if (this.cancelReason !== null) throw this.prepareAbort.signal.reason;
      if (prepared.kind === "venv") {
        const { venv } = prepared;
        this.log.info(`${this.label}: environment ${venv.marker.name}@${venv.marker.version} ${venv.built ? `built in ${(venv.marker.build_ms / 1000).toFixed(1)} s` : "reused"} (${venv.dir})`);
      }
      const env = this.environmentOf(prepared);
      const child = this.spawn(code.dir, prepared, env);
      // Reading the environment (pip freeze) takes a moment: the command starts first, and the
      // capture follows in a second report.
      const pid = child.pid;
      started = this.reportStarted(pid, code.commit).then(async () => {
        const captured = await captureEnvironment({ python: prepared.kind === "container" ? undefined : prepared.python, env, gpus: job.gpus });
        if (!this.disowned) await this.reportStarted(pid, code.commit, captured);
      }).catch((error: unknown) => this.log.warn(`${this.label}: could not capture the environment: ${errorMessage(error)}`));
      const exit = await this.collect(child, batcher);
      report = this.outcome(exit, batcher.tail());
    } catch (error) {
      report = this.failure(error, batcher);
    } finally {
      clearTimeout(this.killTimer);
    }
    batcher.flush();
    // The run token dies with the job, so every line must be delivered before `finished` is sent.
    await outbox.drain();
    await outbox.close();
    await started;
    this.report = report;
    if (!this.disowned) await this.reportFinished(report);
  }

  /** The job's variables: for a container, those of the runtime's client, which passes them in. */
  private environmentOf(prepared: PreparedEnvironment): Record<string, string> {
    const { job } = this;
    const common = { job, server: this.options.api.server, base: this.options.env ?? process.env };
    if (prepared.kind === "container") return jobEnv(common);
    return jobEnv({ ...common, sdkPath: this.options.sdkPath, python: this.options.python, venv: prepared.kind === "venv" ? prepared.venv.dir : undefined });
  }

  private spawn(cwd: string, prepared: PreparedEnvironment, env: Record<string, string>): ChildProcess {
    let command = "/bin/sh";
    let args = ["-c", this.job.command];
    if (prepared.kind === "container") {
      const spec = this.job.environment!.spec;
      const sdkPath = this.options.sdkPath;
      const inside = containerEnv(env, spec, this.job.gpus, Boolean(sdkPath));
      command = prepared.runtime.command;
      args = containerRunArgs({ ...prepared, codeDir: cwd, command: this.job.command, gpus: this.job.gpus, envNames: inside.names, sdkPath });
      env = inside.env;
      this.container = prepared;
      this.log.info(`${this.label}: running in ${prepared.image} with ${prepared.runtime.kind} (container ${prepared.name})`);
    }
    // detached: the job gets its own process group, so a cancel reaches everything it started.
    // (The cast only satisfies Next's typings, which declare NODE_ENV as always present.)
    const child = spawn(command, args, { cwd, env: env as NodeJS.ProcessEnv, detached: true, stdio: ["ignore", "pipe", "pipe"] });
    this.child = child;
    return child;
  }

  /** Streams output to the batcher and resolves when the job has exited and its pipes are drained. */
  private collect(child: ChildProcess, batcher: OutputBatcher): Promise<Exit> {
    const streams: [Stream, Readable | null][] = [
      ["stdout", child.stdout],
      ["stderr", child.stderr],
    ];
    const closed = streams.map(
      ([name, stream]) =>
        new Promise<void>((resolve) => {
          if (!stream) return resolve();
          const lines = new LineSplitter((text) => batcher.add(name, text));
          stream.on("data", (chunk: Buffer) => lines.write(chunk));
          stream.once("close", () => {
            lines.end();
            resolve();
          });
        }),
    );
    return new Promise<Exit>((resolve, reject) => {
      child.once("error", (error) => {
        if (child.pid === undefined) reject(new PrepareError(`cannot start the command: ${error.message}`));
      });
      child.once("exit", (code, signal) => {
        this.exited = true;
        const pid = child.pid!;
        this.log.info(`${this.label}: exited (${signal ?? `code ${code}`})`);
        // A background process the job left behind may hold the pipes open forever; give output a
        // moment, then end the whole group so no orphan keeps the GPUs after the job is over.
        const grace = setTimeout(() => {
          child.stdout?.destroy();
          child.stderr?.destroy();
        }, this.options.pipeGraceMs ?? 2_000);
        void Promise.all(closed).then(() => {
          clearTimeout(grace);
          if (groupAlive(pid)) signalGroup(pid, "SIGKILL");
          resolve({ code, signal });
        });
      });
    });
  }

  private outcome(exit: Exit, tail: string[]): JobFinished {
    const outcome = this.killedByUs ? "cancelled" : exit.code === 0 ? "succeeded" : "failed";
    return { outcome, exit_code: exit.code, signal: exit.signal, log_tail: tail, ...(this.killedByUs ? { reason: this.cancelReason! } : {}) };
  }

  private failure(error: unknown, batcher: OutputBatcher): JobFinished {
    // A step killed by the cancel fails too, but the job's story is that it was cancelled.
    if (this.cancelReason !== null) {
      return { outcome: "cancelled", reason: this.cancelReason, log_tail: batcher.tail() };
    }
    const reason = error instanceof PrepareError ? error.message : `agent error: ${errorMessage(error)}`;
    this.log.warn(`${this.label}: ${reason}`);
    const output = error instanceof PrepareError ? error.output : [];
    for (const line of [...output, `trainyard agent: ${reason}`]) batcher.add("stderr", line);
    return { outcome: "failed", reason, log_tail: batcher.tail() };
  }

  private async reportStarted(pid: number | undefined, commit: string | undefined, environment?: CapturedEnvironment): Promise<void> {
    if (!environment) this.log.info(`${this.label}: started (pid ${pid ?? "?"}${commit ? `, commit ${commit.slice(0, 12)}` : ""})`);
    const outage = new OutageReporter(`${this.label}: reporting start`, this.log);
    try {
      const answer = await retryTransient(
        () => this.options.api.started(this.job.id, { ...(pid ? { pid } : {}), ...(commit ? { commit } : {}), ...(environment ? { environment } : {}) }),
        { onRetry: (error) => outage.failed(error) },
      );
      if (answer.cancel_requested) this.cancel("cancel requested");
    } catch (error) {
      if (notOurs(error)) {
        this.disowned = true;
        this.log.warn(`${this.label}: the server no longer assigns this job here (${errorMessage(error)}); stopping it`);
        this.cancel("job no longer assigned to this agent");
      } else {
        this.log.error(`${this.label}: reporting start failed: ${errorMessage(error)}`);
      }
    }
  }

  private async reportFinished(report: JobFinished): Promise<void> {
    const outage = new OutageReporter(`${this.label}: reporting the end`, this.log);
    try {
      await retryTransient(() => this.options.api.finished(this.job.id, report), { onRetry: (error) => outage.failed(error) });
      const detail = report.reason ?? (report.signal ? report.signal : report.exit_code != null ? `exit code ${report.exit_code}` : "");
      this.log.info(`${this.label}: ${report.outcome}${detail ? ` (${detail})` : ""}`);
    } catch (error) {
      const why = notOurs(error) ? "the server no longer considers it ours" : "the server refused the report";
      this.log.warn(`${this.label}: finished ${report.outcome}, but ${why}: ${errorMessage(error)}`);
    }
  }
}
