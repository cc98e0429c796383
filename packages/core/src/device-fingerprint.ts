import * as os from 'node:os';
import { z } from 'zod';
import { browserFingerprintSchema } from './browser-fingerprint';

/** Describes the machine a result was measured on, so results from several devices compare side by side. */
export const deviceFingerprintSchema = z.object({
  cpuModel: z.string(),
  logicalCores: z.number().int().positive(),
  memoryBytes: z.number().nonnegative(),
  os: z.string(),
  osRelease: z.string(),
  arch: z.string(),
  nodeVersion: z.string(),
  onnxruntimeVersion: z.string().nullable(),
  executionProvider: z.string().nullable(),
  hostname: z.string().optional(),
  /** Present when a web page measured the result (evalkit bench serve / browser). */
  browser: browserFingerprintSchema.optional(),
});

/** Machine description carried in every run manifest. */
export type DeviceFingerprint = z.infer<typeof deviceFingerprintSchema>;

/** Options for deviceFingerprint. */
export interface FingerprintOptions {
  /** The execution provider the measured work ran on (e.g. "cpu"); null when no ONNX work ran. */
  executionProvider?: string | null;
  /** Override for the onnxruntime-node version; by default read from its package.json when installed. */
  onnxruntimeVersion?: string | null;
}

/**
 * Reads the installed onnxruntime-node version from its package.json. Reading the manifest keeps
 * core free of the runtime itself (metric packages depend on core and must not load onnxruntime).
 */
export function installedOnnxruntimeVersion(): string | null {
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- a JSON manifest, not the runtime
    const pkg = require('onnxruntime-node/package.json') as { version?: string };
    return pkg.version ?? null;
  } catch {
    return null;
  }
}

/** Fingerprint of this machine. */
export function deviceFingerprint(options: FingerprintOptions = {}): DeviceFingerprint {
  const cpus = os.cpus();
  return {
    cpuModel: cpus[0]?.model?.trim() || 'unknown',
    logicalCores: os.availableParallelism?.() ?? Math.max(1, cpus.length),
    memoryBytes: os.totalmem(),
    os: os.platform(),
    osRelease: os.release(),
    arch: os.arch(),
    nodeVersion: process.versions.node,
    onnxruntimeVersion: options.onnxruntimeVersion === undefined ? installedOnnxruntimeVersion() : options.onnxruntimeVersion,
    executionProvider: options.executionProvider ?? null,
    hostname: os.hostname(),
  };
}
