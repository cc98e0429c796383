import { createRunManifest, gitRevision, type RunManifest, type RunManifestInput } from '@evalkit/core';
import { resolve } from 'node:path';

/** evalkit's version, from the CLI's package.json. */
// eslint-disable-next-line @typescript-eslint/no-require-imports -- JSON manifest
export const TOOL_VERSION: string = require('../../package.json').version;

/** Root of the evalkit checkout (for embedded fixtures). */
export const REPO_ROOT = resolve(__dirname, '../../../..');

/** A manifest for a CLI run: command line, config, seed, git revision and this device. */
export function cliManifest(
  command: string,
  options: { config?: Record<string, unknown>; seed?: number | null; startedAt: Date; executionProvider?: string | null; onnxruntimeVersion?: string; system?: RunManifestInput['system'] },
): RunManifest {
  return createRunManifest({
    tool: `evalkit ${command}`,
    toolVersion: TOOL_VERSION,
    command: ['evalkit', ...process.argv.slice(2)],
    config: options.config ?? {},
    seed: options.seed ?? null,
    gitRevision: gitRevision(REPO_ROOT),
    startedAt: options.startedAt,
    device: { executionProvider: options.executionProvider ?? null, onnxruntimeVersion: options.onnxruntimeVersion },
    system: options.system,
  });
}
