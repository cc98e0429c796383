import { availableParallelism } from 'node:os';
import { readCpuInfoSources } from '../io/cpu-info';
import { measureGemmCeiling, type GemmCeiling, type GemmSessionFactory } from './gemm-ceiling';
import { measureStreamBandwidth, type StreamBandwidth } from './stream-bandwidth';
import { theoreticalPeak, type TheoreticalPeak } from './theoretical-peak';

/** Every ceiling of this device, with how each was obtained. */
export interface DeviceCeilings {
  /** Best measured GEMM, GFLOP/s: the compute ceiling fractions are reported against. */
  matmulGflops: number;
  /** Best STREAM copy, GB/s (read + write): the memory ceiling fractions are reported against. */
  memcpyGBps: number;
  triadGBps: number;
  gemm: GemmCeiling;
  stream: StreamBandwidth;
  /** Cores × FMA units × lanes × 2 × clock, from the CPU flags and clock (null where unknown). */
  theoretical: TheoreticalPeak | null;
  threads: number;
  /** How the ceilings were obtained, in words (for reports and captions). */
  method: string;
}

/** Sizes of the ceiling measurements: `quick` keeps smoke runs short. */
export interface CeilingOptions {
  threads: number;
  gemmSizes?: number[];
  gemmRepeats?: number;
  streamBytes?: number;
  streamRepeats?: number;
  /** Runs the GEMMs on another onnxruntime (default onnxruntime-node on the CPU). */
  gemmSession?: GemmSessionFactory;
  /** Which runtime the GEMMs ran on, for the record (default "onnxruntime"). */
  gemmRuntime?: string;
}

/** Measures this device's ceilings in this run: theoretical peak, best GEMM, STREAM copy/triad. */
export async function measureDeviceCeilings(options: CeilingOptions): Promise<DeviceCeilings> {
  const gemm = await measureGemmCeiling({ threads: options.threads, sizes: options.gemmSizes, repeats: options.gemmRepeats, createSession: options.gemmSession });
  const stream = measureStreamBandwidth({ arrayBytes: options.streamBytes, repeats: options.streamRepeats });
  const theoretical = theoreticalPeak(readCpuInfoSources(), options.threads, availableParallelism());
  return {
    matmulGflops: gemm.gflops,
    memcpyGBps: stream.copyGBps,
    triadGBps: stream.triadGBps,
    gemm,
    stream,
    theoretical,
    threads: options.threads,
    method: `best of ${gemm.repeats} ${options.gemmRuntime ?? 'onnxruntime'} MatMuls at ${gemm.sizes.join('/')}^3 on ${options.threads} threads; STREAM copy best of ${stream.repeats} on ${stream.arrayBytes / 2 ** 20} MiB arrays, one thread`,
  };
}
