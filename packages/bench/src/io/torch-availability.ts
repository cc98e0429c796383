import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';

/** What the eager side can run on: the interpreter's torch version, or why the row is skipped. */
export type TorchAvailability = { available: true; torchVersion: string } | { available: false; reason: string };

/**
 * Whether `python` imports torch and numpy and `referenceCode` holds the Turbo-VAED reference code.
 * A missing piece is a reason to skip the row (with the Debian package to install), not an error.
 */
export function torchAvailability(python: string, referenceCode: string): TorchAvailability {
  const module = join(referenceCode, 'diffusers_vae', 'src', 'diffusers', 'models', 'autoencoders', 'autoencoder_kl_turbo_vaed.py');
  if (!existsSync(module)) return { available: false, reason: `${referenceCode} is not a checkout of github.com/hustvl/Turbo-VAED (no diffusers_vae/src/diffusers/models/autoencoders/autoencoder_kl_turbo_vaed.py)` };
  try {
    const version = execFileSync(python, ['-c', 'import numpy, torch; print(torch.__version__)'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'], timeout: 120_000 }).trim();
    return { available: true, torchVersion: version };
  } catch {
    return { available: false, reason: `${python} cannot import torch and numpy (Debian packages python3-torch python3-numpy; EVALKIT_PYTHON names another interpreter)` };
  }
}
