import { existsSync } from 'node:fs';

/** How child processes are pinned to CPUs, if at all. */
export interface PinPlan {
  /** The command prefix that applies the affinity (empty when not pinned). */
  prefix: string[];
  /** CPUs the children may run on. */
  cpus: number[] | null;
  /** What was done, in words (what the document records). */
  method: string;
}

/**
 * Pins benchmark children to CPUs 0..threads-1 with util-linux `taskset` where the OS offers it
 * (Linux); elsewhere the children run unpinned and the plan says so.
 */
export function pinPlan(pin: boolean, threads: number): PinPlan {
  if (!pin) return { prefix: [], cpus: null, method: 'not pinned' };
  const taskset = ['/usr/bin/taskset', '/bin/taskset'].find((p) => existsSync(p));
  if (process.platform !== 'linux' || !taskset) return { prefix: [], cpus: null, method: `--pin requested but no taskset on ${process.platform}: not pinned` };
  const cpus = Array.from({ length: threads }, (_, i) => i);
  return { prefix: [taskset, '-c', cpus.join(',')], cpus, method: `taskset -c ${cpus.join(',')}` };
}
