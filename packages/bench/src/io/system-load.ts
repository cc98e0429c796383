import { readdirSync, readFileSync } from 'node:fs';
import { loadavg } from 'node:os';

/** How busy the machine was: what a benchmark records before and after it runs. */
export interface SystemLoad {
  at: string;
  /** 1, 5 and 15 minute load averages (zeros where the OS has none, e.g. Windows). */
  loadAverage: [number, number, number];
  /** The other processes that used the most CPU over a short window, busiest first. */
  busiest: { pid: number; command: string; cpuPercent: number }[];
  /** Length of that window, ms (0 where /proc is absent). */
  windowMs: number;
}

/** CPU ticks (user + system) of every process, from /proc/<pid>/stat. */
function cpuTicks(): Map<number, { command: string; ticks: number }> {
  const out = new Map<number, { command: string; ticks: number }>();
  let pids: string[];
  try {
    pids = readdirSync('/proc').filter((d) => /^\d+$/.test(d));
  } catch {
    return out;
  }
  for (const p of pids) {
    try {
      const stat = readFileSync(`/proc/${p}/stat`, 'utf8');
      // The command sits in parentheses and may hold spaces; the fields after it are space-separated.
      const close = stat.lastIndexOf(')');
      const command = stat.slice(stat.indexOf('(') + 1, close);
      const rest = stat.slice(close + 2).split(' ');
      out.set(Number(p), { command, ticks: Number(rest[11]) + Number(rest[12]) });
    } catch {
      // The process ended between listing and reading.
    }
  }
  return out;
}

/**
 * Samples the load average and the busiest other processes (CPU use over `windowMs`, from /proc;
 * Linux only, empty elsewhere). `exclude` holds this benchmark's own process ids.
 */
export async function systemLoad(options: { windowMs?: number; top?: number; exclude?: readonly number[] } = {}): Promise<SystemLoad> {
  const windowMs = options.windowMs ?? 250;
  const exclude = new Set([process.pid, ...(options.exclude ?? [])]);
  const before = cpuTicks();
  if (before.size > 0) await new Promise((r) => setTimeout(r, windowMs));
  const after = cpuTicks();
  const ticksPerSecond = 100; // USER_HZ on every Linux architecture Node runs on
  const busiest = [...after.entries()]
    .filter(([pid]) => !exclude.has(pid) && before.has(pid))
    .map(([pid, a]) => ({ pid, command: a.command, cpuPercent: (100 * (a.ticks - before.get(pid)!.ticks)) / ticksPerSecond / (windowMs / 1000) }))
    .filter((p) => p.cpuPercent > 0)
    .sort((x, y) => y.cpuPercent - x.cpuPercent)
    .slice(0, options.top ?? 5)
    .map((p) => ({ ...p, cpuPercent: Math.round(p.cpuPercent * 10) / 10 }));
  const [l1, l5, l15] = loadavg();
  return { at: new Date().toISOString(), loadAverage: [l1, l5, l15], busiest, windowMs: before.size > 0 ? windowMs : 0 };
}
