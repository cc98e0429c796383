import { readFileSync } from 'node:fs';

/** The raw texts a theoretical peak is derived from (null where this OS has no such file). */
export interface CpuInfoSources {
  /** Contents of /proc/cpuinfo. */
  cpuinfo: string | null;
  /** /sys/devices/system/cpu/cpu0/cpufreq/cpuinfo_max_freq in kHz. */
  maxFreqKHz: number | null;
}

function readOrNull(path: string): string | null {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return null;
  }
}

/** Reads /proc/cpuinfo and the cpufreq maximum, where Linux provides them. */
export function readCpuInfoSources(): CpuInfoSources {
  const freq = readOrNull('/sys/devices/system/cpu/cpu0/cpufreq/cpuinfo_max_freq');
  const khz = freq === null ? NaN : Number(freq.trim());
  return { cpuinfo: readOrNull('/proc/cpuinfo'), maxFreqKHz: Number.isFinite(khz) && khz > 0 ? khz : null };
}
