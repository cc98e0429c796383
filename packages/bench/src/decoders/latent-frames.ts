import { zooModelInfo } from '@evalkit/decoder-zoo';

/** Latent frames giving at least `frames` output frames for a zoo decoder (17 -> 5 for 4T-3 and 4T, 3 for 8T-7). */
export function latentFramesFor(model: string, frames: number): number {
  const info = zooModelInfo(model);
  let t = 1;
  while (info.outputFrames(t) < frames) t++;
  return t;
}
