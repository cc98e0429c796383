/** How a parameter tensor is initialised. */
export type ParameterInit =
  /** PyTorch's default for Conv/Linear: Kaiming-uniform with a = sqrt(5), i.e. U(-1/sqrt(fanIn), 1/sqrt(fanIn)). */
  | { kind: 'kaiming-uniform'; fanIn: number }
  /** U(-bound, bound). */
  | { kind: 'uniform'; bound: number }
  /** Every element equal to `value` (norm scales use 1, norm shifts 0). */
  | { kind: 'constant'; value: number };

/**
 * The bound of PyTorch's default Conv/Linear init. kaiming_uniform_(a=sqrt(5)) gives
 * gain = sqrt(2 / (1 + 5)) and bound = gain * sqrt(3 / fanIn) = 1 / sqrt(fanIn); the bias uses the
 * same 1 / sqrt(fanIn), so one function serves both.
 */
export function kaimingUniformBound(fanIn: number): number {
  if (!(fanIn > 0)) throw new RangeError(`fanIn must be positive, got ${fanIn}`);
  return 1 / Math.sqrt(fanIn);
}
