import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { RequiredTools } from './system-tools';

/** The Turbo-VAED reference checkout a test runs, and `it` that runs, or skips with the reason. */
export interface TurboVaedReference {
  /** The checkout: EVALKIT_TURBO_VAED_REF, else /tmp/turbo-ref. */
  readonly path: string;
  /** Why it cannot be used (null when it can). */
  readonly missing: string | null;
  /**
   * `tools.it` while a system tool is missing (so the skip names its Debian package and is counted),
   * else a skip naming the missing checkout, else `it`.
   */
  it(title: string, fn: jest.ProvidesCallback, timeout?: number): void;
}

/**
 * The checkout of github.com/hustvl/Turbo-VAED that tests running the reference PyTorch code use:
 * EVALKIT_TURBO_VAED_REF, else /tmp/turbo-ref (where tools/reference-decoders/README.md clones it).
 * It is not a Debian package: without it such a test is skipped with this reason in its title.
 */
export function turboVaedReference(tools: RequiredTools, env: NodeJS.ProcessEnv = process.env): TurboVaedReference {
  const path = env.EVALKIT_TURBO_VAED_REF ?? '/tmp/turbo-ref';
  const ok = existsSync(join(path, 'diffusers_vae', 'src', 'diffusers', 'models', 'autoencoders', 'autoencoder_kl_turbo_vaed.py'));
  const missing = ok ? null : `[reference code skipped: no Turbo-VAED checkout at ${path}; git clone https://github.com/hustvl/Turbo-VAED and set EVALKIT_TURBO_VAED_REF]`;
  return {
    path,
    missing,
    it(title, fn, timeout) {
      if (!tools.available || missing === null) tools.it(title, fn, timeout);
      else it.skip(`${title} ${missing}`, () => undefined);
    },
  };
}
