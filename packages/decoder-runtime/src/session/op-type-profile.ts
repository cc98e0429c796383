/** Kernel time of one operator type in an onnxruntime profile. */
export interface OpTypeTime {
  opType: string;
  /** Summed kernel time of every node of this type, ms (over all runs the trace holds). */
  totalMs: number;
  /** Kernel executions (nodes × runs). */
  calls: number;
  /** totalMs over the kernel time of all types. */
  share: number;
}

interface TraceEvent {
  cat?: unknown;
  name?: unknown;
  dur?: unknown;
  args?: { op_name?: unknown };
}

/**
 * Where onnxruntime's CPU time goes, by operator type: sums the `dur` (µs) of the profiler's
 * `<node>_kernel_time` events (category "Node") per `args.op_name`, largest first. Session and
 * fence events are left out, so the shares are of kernel time. Events of any other shape are
 * ignored, so a trace from another onnxruntime version gives what it can.
 */
export function opTypeProfile(events: readonly unknown[]): OpTypeTime[] {
  const byType = new Map<string, { us: number; calls: number }>();
  let total = 0;
  for (const raw of events) {
    const e = raw as TraceEvent;
    if (e === null || typeof e !== 'object' || e.cat !== 'Node' || typeof e.name !== 'string' || !e.name.endsWith('_kernel_time')) continue;
    const type = typeof e.args?.op_name === 'string' ? e.args.op_name : 'unknown';
    const us = typeof e.dur === 'number' && Number.isFinite(e.dur) ? e.dur : 0;
    const entry = byType.get(type) ?? { us: 0, calls: 0 };
    entry.us += us;
    entry.calls += 1;
    byType.set(type, entry);
    total += us;
  }
  return [...byType.entries()]
    .map(([opType, { us, calls }]) => ({ opType, totalMs: us / 1000, calls, share: total > 0 ? us / total : 0 }))
    .sort((a, b) => b.totalMs - a.totalMs || a.opType.localeCompare(b.opType));
}
