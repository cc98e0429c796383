import type { CpuInfoSources } from '../io/cpu-info';

/** The CPU's theoretical fp32 peak and everything it was computed from. */
export interface TheoreticalPeak {
  gflops: number;
  /** The formula, in words, with the inputs substituted. */
  formula: string;
  inputs: {
    cores: number;
    fmaUnitsPerCore: number;
    fp32LanesPerUnit: number;
    ghz: number;
    /** Where the frequency came from. */
    frequencySource: string;
    vendor: string;
    family: number | null;
    flags: string[];
  };
  /** Assumptions that could make the figure wrong. */
  notes: string[];
}

/** Parses /proc/cpuinfo into the fields the peak needs. */
export function parseCpuInfo(text: string): { vendor: string; family: number | null; model: string; flags: Set<string>; mhz: number[]; physicalCores: number | null } {
  const field = (name: string) => [...text.matchAll(new RegExp(`^${name}\\s*:\\s*(.*)$`, 'gm'))].map((m) => m[1].trim());
  const flags = new Set((field('flags')[0] ?? field('Features')[0] ?? '').split(/\s+/).filter(Boolean));
  const family = field('cpu family')[0];
  // Physical cores: distinct (physical id, core id) pairs; hyperthreads share their core's FMA units.
  const physical = field('physical id');
  const core = field('core id');
  const pairs = new Set(core.map((c, i) => `${physical[i] ?? 0}:${c}`));
  return {
    vendor: field('vendor_id')[0] ?? field('CPU implementer')[0] ?? 'unknown',
    family: family === undefined ? null : Number(family),
    model: field('model name')[0] ?? 'unknown',
    flags,
    mhz: field('cpu MHz').map(Number).filter((v) => Number.isFinite(v) && v > 0),
    physicalCores: pairs.size > 0 ? pairs.size : null,
  };
}

/**
 * Theoretical fp32 peak = cores × FMA units per core × fp32 lanes per unit × 2 (an FMA is two
 * FLOPs) × clock. Lanes from the widest vector flag (avx512f 16, avx/avx2 8, sse/asimd 4), except
 * AMD family 25 (Zen 3/4), whose 512-bit instructions run as two 256-bit halves (8 lanes); two FMA
 * units per core for x86 with `fma` (Haswell and later, every Zen) and for ARM; the clock is
 * cpufreq's maximum where Linux exposes it, else the highest `cpu MHz` (often the base clock in a VM).
 * `cores` is the threads the benchmark uses, capped at the physical cores.
 */
export function theoreticalPeak(sources: CpuInfoSources, threads: number, logicalCores: number): TheoreticalPeak | null {
  if (sources.cpuinfo === null) return null;
  const cpu = parseCpuInfo(sources.cpuinfo);
  const notes: string[] = [];
  const f = cpu.flags;
  let lanes = f.has('avx512f') ? 16 : f.has('avx2') || f.has('avx') ? 8 : f.has('sse') || f.has('asimd') ? 4 : 1;
  if (lanes === 16 && cpu.vendor === 'AuthenticAMD' && cpu.family === 25) {
    lanes = 8;
    notes.push('AMD family 25 executes 512-bit FMA as two 256-bit halves: 8 fp32 lanes per unit');
  }
  const fmaUnits = f.has('fma') || f.has('asimd') ? 2 : 1;
  if (fmaUnits === 1) notes.push('no fma flag: one multiply-add pair per cycle assumed');
  let ghz: number;
  let frequencySource: string;
  if (sources.maxFreqKHz !== null) {
    ghz = sources.maxFreqKHz / 1e6;
    frequencySource = '/sys/devices/system/cpu/cpu0/cpufreq/cpuinfo_max_freq';
  } else if (cpu.mhz.length > 0) {
    ghz = Math.max(...cpu.mhz) / 1000;
    frequencySource = '/proc/cpuinfo "cpu MHz" (no cpufreq: boost clock unknown, likely higher)';
    notes.push('clock from "cpu MHz" without cpufreq: a measured GEMM above this peak means the CPU boosts above it');
  } else return null;
  const cores = Math.max(1, Math.min(threads, cpu.physicalCores ?? logicalCores));
  const gflops = cores * fmaUnits * lanes * 2 * ghz;
  return {
    gflops,
    formula: `${cores} cores × ${fmaUnits} FMA units × ${lanes} fp32 lanes × 2 FLOP/FMA × ${ghz.toFixed(3)} GHz = ${gflops.toFixed(1)} GFLOP/s`,
    inputs: { cores, fmaUnitsPerCore: fmaUnits, fp32LanesPerUnit: lanes, ghz, frequencySource, vendor: cpu.vendor, family: cpu.family, flags: ['avx512f', 'avx2', 'avx', 'fma', 'sse', 'asimd'].filter((x) => f.has(x)) },
    notes,
  };
}
