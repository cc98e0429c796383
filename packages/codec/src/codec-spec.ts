/** Shape facts of the embedded codec: those of HunyuanVideo's / CogVideoX's VAE latents. */
export const CODEC_SPEC = {
  /** Latent channels. */
  latentChannels: 16,
  /** Compression (t, h, w). */
  compression: [4, 8, 8] as [number, number, number],
  /**
   * Frame rule 4T−3: T latent frames decode to 4T−3 frames, as the causal VAEs do. The encoder
   * replicates frame 0 three times in front so that the first latent frame holds frame 0 alone; the
   * decoder drops those three leading frames again.
   */
  frameRule: '4T-3' as const,
  /** Pixels per latent position: 3 colours × 4 frames × 8 × 8. */
  blockSize: 768,
};

/** Fitted weights of the embedded codec (a whitened block PCA). */
export interface CodecWeights {
  /** Orthonormal principal directions, 768×16 row-major (column k is component k). */
  basis: Float32Array;
  /** Standard deviation of each component on the fit clip (latents are divided by it: unit variance). */
  scale: Float32Array;
  /** Mean block, 768 values in [-1, 1] units. */
  mean: Float32Array;
}

/** Output frames for `latentFrames` under the codec's frame rule. */
export function codecOutputFrames(latentFrames: number): number {
  return 4 * latentFrames - 3;
}
