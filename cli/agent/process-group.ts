/**
 * Signals every process of a job: jobs are spawned detached, so the shell's pid is also the id of a
 * process group holding everything the job started (data loader workers, torchrun ranks…).
 * Returns false when the group is already gone.
 */
export function signalGroup(pid: number, signal: NodeJS.Signals | 0): boolean {
  try {
    process.kill(-pid, signal);
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ESRCH") return false;
    throw error;
  }
}

export function groupAlive(pid: number): boolean {
  return signalGroup(pid, 0);
}
