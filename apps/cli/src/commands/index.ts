import type { Command } from 'commander';
import { registerDoctor } from './doctor';
import { registerRepro } from './repro';
import { registerZoo } from './zoo';
import { registerHtp } from './htp';
import { registerAgreement } from './agreement';
import { registerBenchKernels } from './bench-kernels';
import { registerBenchMetrics } from './bench-metrics';
import { registerCompareKernels } from './compare-kernels';
import { registerCompare } from './compare';
import { registerMetrics } from './metrics';
import { registerMerge } from './merge';
import { registerReport } from './report';
import { registerDecode } from './decode';
import { registerEncode } from './encode';
import { registerBenchDecoders } from './bench-decoders';
import { registerBenchServe } from './bench-serve';
import { registerBenchBrowser } from './bench-browser';
import { registerWorker } from './worker';

/**
 * Every evalkit command, in the order `evalkit --help` lists them. Each command lives in its own
 * file and exports one register function; add new commands here.
 */
export const COMMANDS: ((program: Command) => void)[] = [
  registerRepro,
  registerDoctor,
  registerZoo,
  registerDecode,
  registerEncode,
  registerBenchDecoders,
  registerBenchKernels,
  registerBenchMetrics,
  registerBenchServe,
  registerBenchBrowser,
  registerCompare,
  registerCompareKernels,
  registerMetrics,
  registerMerge,
  registerWorker,
  registerHtp,
  registerAgreement,
  registerReport,
];
