import { ERROR_CODES, EvalkitError } from '@evalkit/core';
import { GRAPH_OPTIMIZATION_LEVELS, type GraphOptimizationLevel, type SessionDefaults } from '@evalkit/decoder-runtime';

/** onnxruntime session options one --models row sets (each unset one: the zoo's choice, or onnxruntime's default). */
export type SessionOverrides = SessionDefaults;
const SWITCHES = { spin: 'allowSpinning', arena: 'cpuMemArena', pattern: 'memPattern' } as const;

/** The keys of `#KEY=VALUE`, for help texts. */
export const SESSION_SUFFIX_HELP = '#opt=disabled|basic|extended|all, #spin=on|off, #arena=on|off, #pattern=on|off';

const suffixError = (problem: string, value: string) => new EvalkitError(ERROR_CODES.INVALID_ARGUMENT, problem, { field: '--models', value });

/**
 * Splits `SPEC#KEY=VALUE#KEY=VALUE` into the model spec and its session options: `opt` (graph
 * optimisation level), `spin` (intra-op threads spin while waiting), `arena` (CPU memory arena),
 * `pattern` (memory pattern planning). Rows of one model with different options, timed interleaved,
 * are how `tools/bench/choose-session-options.ts` chooses the zoo's per-model options.
 */
export function parseSessionSuffix(entry: string): { spec: string; session?: SessionOverrides } {
  const hash = entry.indexOf('#');
  if (hash < 0) return { spec: entry };
  const session: SessionOverrides = {};
  for (const part of entry.slice(hash + 1).split('#')) {
    const eq = part.indexOf('=');
    const key = eq > 0 ? part.slice(0, eq) : part;
    const value = eq > 0 ? part.slice(eq + 1) : '';
    if (key === 'opt') {
      if (!(GRAPH_OPTIMIZATION_LEVELS as readonly string[]).includes(value)) throw suffixError(`#opt takes ${GRAPH_OPTIMIZATION_LEVELS.join(', ')}`, entry);
      if (session.graphOptimizationLevel !== undefined) throw suffixError('#opt is given twice', entry);
      session.graphOptimizationLevel = value as GraphOptimizationLevel;
    } else if (Object.prototype.hasOwnProperty.call(SWITCHES, key)) {
      const field = SWITCHES[key as keyof typeof SWITCHES];
      if (value !== 'on' && value !== 'off') throw suffixError(`#${key} takes on or off`, entry);
      if (session[field] !== undefined) throw suffixError(`#${key} is given twice`, entry);
      session[field] = value === 'on';
    } else {
      throw suffixError(`unknown session option "${key}"; a row takes ${SESSION_SUFFIX_HELP}`, entry);
    }
  }
  return { spec: entry.slice(0, hash), session };
}
