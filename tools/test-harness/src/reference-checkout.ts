import { existsSync } from 'node:fs';
import { join } from 'node:path';

/**
 * The checkout of github.com/hustvl/Turbo-VAED that tests running the reference PyTorch code use:
 * EVALKIT_TURBO_VAED_REF, else /tmp/turbo-ref (where tools/reference-decoders/README.md clones it).
 * It is not a Debian package, so a test without it skips with this reason in its title.
 */
export function turboVaedReference(env: NodeJS.ProcessEnv = process.env): { path: string; missing: string | null } {
  const path = env.EVALKIT_TURBO_VAED_REF ?? '/tmp/turbo-ref';
  const ok = existsSync(join(path, 'diffusers_vae', 'src', 'diffusers', 'models', 'autoencoders', 'autoencoder_kl_turbo_vaed.py'));
  return { path, missing: ok ? null : `[reference code skipped: no Turbo-VAED checkout at ${path}; git clone https://github.com/hustvl/Turbo-VAED and set EVALKIT_TURBO_VAED_REF]` };
}
