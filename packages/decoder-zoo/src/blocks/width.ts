/**
 * Scales a channel count by the width multiplier. Scaled counts are multiples of 16 (at least 16) so
 * that patch-4 heads (64 -> 16 -> 4 channels via two pixel shuffles) and group norms stay valid;
 * a multiplier of 1 returns the count unchanged.
 */
export function scaleChannels(channels: number, widthMult: number): number {
  if (widthMult === 1) return channels;
  return Math.max(16, Math.round((channels * widthMult) / 16) * 16);
}

/** GroupNorm groups for a possibly scaled channel count: 32 at full width, else the largest divisor <= 32 x multiplier. */
export function scaledGroups(channels: number, groups: number, widthMult: number): number {
  if (widthMult === 1) return groups;
  let g = Math.max(1, Math.min(channels, Math.round(groups * widthMult)));
  while (channels % g !== 0) g--;
  return g;
}
