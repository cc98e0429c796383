/** An evaluation protocol fixed by a paper's released code. */
export interface MetricsPreset {
  name: string;
  description: string;
  /** Frames compared per video (the first ones). */
  frames: number;
  /** Shorter side resized to this, then centre-cropped to a square. */
  resize: number;
  /** Samples are divided by this before comparing (255 puts 8-bit data on [0,1]). */
  divideBy: number;
  /** Data range of the compared samples. */
  dataRange: number;
  ssimVariant: 'wang' | 'skimage';
}

/**
 * Turbo-VAED's evaluation (released code; recorded in the project design notes): 17 frames, resize
 * 256 + centre crop, PSNR per frame as 20·log10(1/sqrt(mse)) on [0,1] data, averaged; SSIM via
 * torchmetrics (the Wang convention).
 */
export const TURBO_VAED_PRESET: MetricsPreset = {
  name: 'turbo-vaed',
  description: '17 frames, resize 256 + centre crop, [0,1] data, per-frame PSNR averaged, torchmetrics SSIM',
  frames: 17,
  resize: 256,
  divideBy: 255,
  dataRange: 1,
  ssimVariant: 'wang',
};

/** Presets by name. */
export const METRICS_PRESETS: Record<string, MetricsPreset> = { 'turbo-vaed': TURBO_VAED_PRESET };
