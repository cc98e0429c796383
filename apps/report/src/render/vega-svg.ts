import type { VegaLiteSpec } from '../specs/figure';

type VegaModule = typeof import('vega');
type VegaLiteModule = typeof import('vega-lite');

let modules: Promise<{ vega: VegaModule; vl: VegaLiteModule }> | undefined;

async function importBoth(): Promise<{ vega: VegaModule; vl: VegaLiteModule }> {
  // One after the other: jest's ESM loader fails on concurrent imports sharing dependencies.
  const vega = await import('vega');
  const vl = await import('vega-lite');
  return { vega, vl };
}

/** vega and vega-lite are ESM only: load them once per process through import(). */
export function loadVega(): Promise<{ vega: VegaModule; vl: VegaLiteModule }> {
  modules ??= importBoth();
  return modules;
}

/** A rendered figure and the warnings vega-lite raised while compiling it. */
export interface SvgRendering {
  svg: string;
  warnings: string[];
}

/**
 * Compiles a Vega-Lite spec and renders it headless to SVG (no canvas, no browser). Compiler
 * warnings are collected rather than printed, so the CLI output stays clean and tests can insist
 * on none.
 */
export async function renderSvg(spec: VegaLiteSpec): Promise<SvgRendering> {
  const { vega, vl } = await loadVega();
  const warnings: string[] = [];
  let level = 2;
  const logger = {
    level(value?: number) {
      if (value === undefined) return level;
      level = value;
      return logger;
    },
    error(...args: unknown[]) {
      throw new Error(args.map(String).join(' '));
    },
    warn(...args: unknown[]) {
      warnings.push(args.map(String).join(' '));
      return logger;
    },
    info: () => logger,
    debug: () => logger,
  };
  // vega tags inline data rows with ids: compile a copy so the caller's spec stays as built.
  const compiled = vl.compile(structuredClone(spec) as unknown as Parameters<VegaLiteModule['compile']>[0], { logger: logger as never });
  const view = new vega.View(vega.parse(compiled.spec), { renderer: 'none', logger: logger as never });
  try {
    return { svg: await view.toSVG(), warnings };
  } finally {
    view.finalize();
  }
}
