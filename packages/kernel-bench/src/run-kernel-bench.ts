import { CostSink } from './accounting';
import { cropNcthw, maxAbsDiff } from './compare-arrays';
import { buildStagesGraph, type BuiltGraph } from './onnx-sink';
import { createGraphSession, type GraphSession, type GraphSessionFactory } from './onnx-session';
import { ReferenceSink } from './reference-sink';
import { randomTensor } from './random';
import { applyCeiling, DEFAULT_TARGET_CI, independentRatioInterval, rooflineBound, sampleInterleaved, sampleStats, timedByCaller, type SamplingOptions } from '@evalkit/bench/statistics';
import type { AgreementCheck, Ceilings, Implementation, KernelRow, KernelRowCompleted, Part } from './result-row';
import type { TimingOptions } from './tinybench-runner';
import { shapeDims, shapeLabel, shapeSize, type Shape5 } from './shape';
import { throughput } from './statistics';
import { replayStages, type VariantDefinition, type VariantStage } from './variants';

/** One shape to benchmark, with a label for tables. */
export interface BenchShape {
  label: string;
  shape: Shape5;
}

/** Options of runKernelBench. */
export interface KernelBenchOptions {
  variants: readonly VariantDefinition[];
  shapes: readonly BenchShape[];
  threads: number;
  /** The ceilings fractions are of (GEMM / copy); rows that beat them raise them. */
  ceilings: Pick<Ceilings, 'matmulGflops' | 'memcpyGBps'>;
  /** Adaptive sampling of each timed task (one after another, each to its own stop). */
  sampling?: SamplingOptions;
  /** Older fixed-budget timing (a browser page's plan): used when `sampling` is absent. */
  timeBudgetMs?: TimingOptions['timeBudgetMs'];
  minSamples?: TimingOptions['minSamples'];
  warmupRuns?: TimingOptions['warmupRuns'];
  seed: number;
  /** Largest MAC count at the check crop for which the all-TypeScript reference replay runs. */
  referenceMacLimit?: number;
  /** Opens the sessions (default: onnxruntime-node on the CPU); a page passes onnxruntime-web's. */
  createSession?: GraphSessionFactory;
  /** Called before each variant and shape (progress). */
  onStep?: (message: string) => void;
}

/** Bytes and MACs of one part of a variant. */
export interface PartCost {
  bytes: number;
  macs: number;
  /** Per-operator traffic if every ONNX operator ran unfused (informational). */
  opBytes: number;
}

const count = (d: readonly number[]) => d.reduce((a, b) => a * b, 1);

/**
 * Cost of a sequence of stages. Bytes = for each stage, its input, weights and output once
 * (float32): the traffic of the stage done in one pass. Extra passes an implementation makes
 * (the transposes inside an ONNX rearrangement) are not counted: they show up as lower GB/s.
 */
export function stagesCost(stages: readonly VariantStage[], inputDims: readonly number[]): PartCost & { outputDims: number[] } {
  let dims = [...inputDims];
  let bytes = 0;
  let macs = 0;
  let opBytes = 0;
  for (const st of stages) {
    const sink = new CostSink();
    const out = st.apply(sink, dims);
    const total = sink.total();
    bytes += (count(dims) + total.params + count(out)) * 4;
    macs += total.macs;
    opBytes += total.bytes;
    dims = out;
  }
  return { bytes, macs, opBytes, outputDims: dims };
}

/** Splits stages around the rearrangement: before, the rearrangement itself, after. */
export function splitStages(stages: readonly VariantStage[]): { pre: VariantStage[]; rearrange: VariantStage | null; post: VariantStage[] } {
  const i = stages.findIndex((s) => s.role === 'rearrange');
  if (i < 0) return { pre: [...stages], rearrange: null, post: [] };
  return { pre: stages.slice(0, i), rearrange: stages[i], post: stages.slice(i + 1) };
}

/** Tolerance of a float path check: sums of up to a few thousand products in float32, reordered. */
const FLOAT_TOLERANCE = 1e-4;

/** Checks every implementation of a variant against the others on the same input; returns the checks, throws on disagreement. */
export async function checkVariant(v: VariantDefinition, shape: Shape5, x: Float32Array, opts: KernelBenchOptions, rearrangeInput: Float32Array | null): Promise<AgreementCheck[]> {
  const checks: AgreementCheck[] = [];
  const stages = v.stages(shape);
  const { pre, rearrange } = splitStages(stages);
  const sessions: GraphSession[] = [];
  const session = async (g: BuiltGraph) => {
    const s = await (opts.createSession ?? createGraphSession)(g, opts.threads);
    sessions.push(s);
    return s;
  };
  try {
    // 1. The rearrangement alone, ONNX against TS, on the benchmark input itself: bit-exact for data movement.
    if (rearrange && v.ts && rearrangeInput) {
      const inDims = stagesCost(pre, shapeDims(shape)).outputDims;
      const g = buildStagesGraph([rearrange], inDims, opts.seed, `${v.id}-rearrange`);
      const onnx = await (await session(g)).run(rearrangeInput);
      const ts = v.ts.run(rearrangeInput, inDims, new Float32Array(count(g.outputDims)), new Float32Array(v.ts.scratch(inDims)));
      checks.push({ method: `rearrangement: onnxruntime graph vs TS ${v.ts.name}`, maxAbsDiff: maxAbsDiff(onnx, ts), tolerance: v.ts.tolerance, shapeLabel: shapeLabel(shape) });
    }
    // 2. The full path on a crop of the same input: fused graph vs (ONNX before, TS rearrangement, ONNX after).
    const crop: Shape5 = { ...shape, t: Math.min(shape.t, 2), h: Math.min(shape.h, 8), w: Math.min(shape.w, 8) };
    const xc = cropNcthw(x, shapeDims(shape), crop.t, crop.h, crop.w);
    const cropStages = v.stages(crop);
    const split = splitStages(cropStages);
    const full = buildStagesGraph(cropStages, shapeDims(crop), opts.seed, `${v.id}-full-check`);
    const fullOut = Float32Array.from(await (await session(full)).run(xc));
    if (split.rearrange && v.ts) {
      let cur = xc;
      let dims = shapeDims(crop);
      if (split.pre.length > 0) {
        const g = buildStagesGraph(split.pre, dims, opts.seed, `${v.id}-pre`);
        cur = Float32Array.from(await (await session(g)).run(cur));
        dims = g.outputDims;
      }
      const rDims = stagesCost([split.rearrange], dims).outputDims;
      cur = v.ts.run(cur, dims, new Float32Array(count(rDims)), new Float32Array(v.ts.scratch(dims)));
      dims = rDims;
      if (split.post.length > 0) {
        const g = buildStagesGraph(split.post, dims, opts.seed, `${v.id}-post`);
        cur = Float32Array.from(await (await session(g)).run(cur));
      }
      checks.push({ method: `full path: one onnxruntime graph vs onnxruntime conv + TS ${v.ts.name}`, maxAbsDiff: maxAbsDiff(fullOut, cur), tolerance: FLOAT_TOLERANCE, shapeLabel: shapeLabel(crop) });
    }
    // 3. Small enough: against the all-TypeScript reference (direct convolution from the definition).
    if (stagesCost(cropStages, shapeDims(crop)).macs <= (opts.referenceMacLimit ?? 2e8)) {
      const ref = replayStages(new ReferenceSink(full.weights.map((w) => w.data)), { data: xc, dims: shapeDims(crop) }, cropStages);
      checks.push({ method: 'full path: onnxruntime graph vs direct TS reference', maxAbsDiff: maxAbsDiff(fullOut, ref.data), tolerance: FLOAT_TOLERANCE, shapeLabel: shapeLabel(crop) });
    }
  } finally {
    for (const s of sessions) await s.release();
  }
  const bad = checks.filter((c) => !(c.maxAbsDiff <= c.tolerance));
  if (bad.length > 0) {
    throw new Error(`implementations disagree: ${bad.map((c) => `${c.method} at ${c.shapeLabel}: max |diff| ${c.maxAbsDiff} > ${c.tolerance}`).join('; ')}`);
  }
  return checks;
}

/** A row's identity and accounting before timing. */
type RowPlan = { implementation: Implementation; part: Part; kernel: string; cost: PartCost; run: () => unknown };

function rowBase(v: VariantDefinition, s: { label: string; shape: Shape5 }, p: Omit<RowPlan, 'run'>) {
  return {
    variant: v.id,
    variantIndex: v.index,
    label: v.label,
    implementation: p.implementation,
    part: p.part,
    shape: { ...s.shape },
    shapeLabel: s.label,
    kernel: p.kernel,
    bytes: p.cost.bytes,
    macs: p.cost.macs,
    opBytes: p.cost.opBytes,
    baselineVariant: v.baseline,
  };
}

/** The fields the ceiling and speedup passes fill in later, as a row starts: nothing beaten, no bound, no speedups. */
export function notYetCompared(): { aboveCeiling: never[]; bound: null; speedupVsVariant1: null; speedupVsVariant1Ci95: null; speedupVsBaseline: null; speedupVsBaselineCi95: null } {
  return { aboveCeiling: [], bound: null, speedupVsVariant1: null, speedupVsVariant1Ci95: null, speedupVsBaseline: null, speedupVsBaselineCi95: null };
}

function erroredRow(base: ReturnType<typeof rowBase>, error: string, checks: AgreementCheck[]): KernelRow {
  return {
    ...base,
    state: 'errored',
    error,
    meanMs: null,
    medianMs: null,
    p99Ms: null,
    sdMs: null,
    samples: 0,
    gbps: null,
    gflops: null,
    fractionOfMemcpy: null,
    fractionOfMatmul: null,
    ...notYetCompared(),
    checks,
  };
}

/**
 * Fills speedupVsVariant1 and speedupVsBaseline (same shape, implementation and part: median of the
 * reference / this median) with 95% intervals: the tasks are timed one after the other, not in
 * pairs, so each side is resampled on its own.
 */
export function addSpeedups(rows: KernelRow[]): KernelRow[] {
  const key = (variant: string, r: KernelRow) => `${variant}|${r.shapeLabel}|${r.implementation}|${r.part}`;
  const done = new Map<string, KernelRowCompleted>();
  for (const r of rows) if (r.state === 'completed') done.set(key(r.variant, r), r);
  const ratio = (ref: KernelRowCompleted | undefined, r: KernelRowCompleted) =>
    ref === undefined ? { value: null, ci: null } : { value: ref.medianMs / r.medianMs, ci: ref === r ? ([1, 1] as [number, number]) : independentRatioInterval(ref.samplesMs, r.samplesMs) };
  return rows.map((r) => {
    if (r.state !== 'completed') return r;
    const v1 = ratio(done.get(key('1', r)), r);
    const base = ratio(r.baselineVariant === null ? undefined : done.get(key(r.baselineVariant, r)), r);
    return { ...r, speedupVsVariant1: v1.value, speedupVsVariant1Ci95: v1.ci, speedupVsBaseline: base.value, speedupVsBaselineCi95: base.ci };
  });
}

/**
 * Applies the device ceilings to completed rows: a row above the measured GEMM or copy rate raises
 * that ceiling (and is flagged), so no fraction exceeds 1; each row also says which roof bounds it.
 */
export function addCeilingFractions(rows: KernelRow[], ceilings: Pick<Ceilings, 'matmulGflops' | 'memcpyGBps'>): { rows: KernelRow[]; compute: ReturnType<typeof applyCeiling>['ceiling']; memory: ReturnType<typeof applyCeiling>['ceiling'] } {
  const id = (r: KernelRow) => `${r.variant} ${r.implementation}/${r.part} ${r.shapeLabel}`;
  const compute = applyCeiling(rows.map((r) => ({ id: id(r), rate: r.state === 'completed' && r.macs > 0 ? r.gflops : null })), ceilings.matmulGflops);
  const memory = applyCeiling(rows.map((r) => ({ id: id(r), rate: r.state === 'completed' ? r.gbps : null })), ceilings.memcpyGBps);
  const out = rows.map((r, i): KernelRow => {
    if (r.state !== 'completed') return r;
    const above = [...(compute.aboveMeasured[i] ? ['matmul'] : []), ...(memory.aboveMeasured[i] ? ['memcpy'] : [])];
    const roof = rooflineBound(2 * r.macs, r.bytes, compute.ceiling.effective, memory.ceiling.effective);
    return { ...r, fractionOfMatmul: compute.fractions[i] ?? 0, fractionOfMemcpy: memory.fractions[i]!, aboveCeiling: above, bound: roof.bound };
  });
  return { rows: out, compute: compute.ceiling, memory: memory.ceiling };
}

/**
 * Runs the kernel benchmark: for every shape and variant, builds the ONNX graphs and TS kernels,
 * checks that they agree on the same input, then times each with adaptive sampling (@evalkit/bench). Failures become
 * errored rows; the suite goes on.
 */
export async function runKernelBench(opts: KernelBenchOptions): Promise<KernelRow[]> {
  const sampling: SamplingOptions = opts.sampling ?? {
    minRuns: opts.minSamples ?? 5,
    maxRuns: Math.max(opts.minSamples ?? 5, 1000),
    maxTimeMs: opts.timeBudgetMs ?? 1000,
    targetCi: DEFAULT_TARGET_CI,
    warmup: opts.warmupRuns ?? 1,
  };
  const rows: KernelRow[] = [];
  for (const s of opts.shapes) {
    const x = randomTensor(shapeSize(s.shape), opts.seed);
    for (const v of opts.variants) {
      opts.onStep?.(`variant ${v.id} at ${s.label}`);
      const stages = v.stages(s.shape);
      const { pre, rearrange } = splitStages(stages);
      const inDims = shapeDims(s.shape);
      const rInDims = stagesCost(pre, inDims).outputDims;
      const plans: Omit<RowPlan, 'run'>[] = [{ implementation: 'onnx', part: 'full', kernel: 'onnxruntime graph', cost: stagesCost(stages, inDims) }];
      if (rearrange) plans.push({ implementation: 'onnx', part: 'rearrange', kernel: 'onnxruntime graph', cost: stagesCost([rearrange], rInDims) });
      if (rearrange && v.ts) plans.push({ implementation: 'ts', part: 'rearrange', kernel: v.ts.name, cost: stagesCost([rearrange], rInDims) });

      const sessions: GraphSession[] = [];
      let checks: AgreementCheck[] = [];
      try {
        // The shuffle's input is a conv output; any data will do for timing the data movement alone.
        const rIn = rearrange ? (pre.length === 0 ? x : randomTensor(count(rInDims), opts.seed + 1)) : null;
        checks = await checkVariant(v, s.shape, x, opts, rIn);
        // Sessions' runs return promises; the TS kernels are synchronous.
        const runs: { fn: () => unknown; async: boolean }[] = [];
        const fullSession = await (opts.createSession ?? createGraphSession)(buildStagesGraph(stages, inDims, opts.seed, `${v.id}-full`), opts.threads);
        sessions.push(fullSession);
        runs.push({ fn: () => fullSession.run(x), async: true });
        if (rearrange && rIn) {
          const g = buildStagesGraph([rearrange], rInDims, opts.seed, `${v.id}-rearrange`);
          const rs = await (opts.createSession ?? createGraphSession)(g, opts.threads);
          sessions.push(rs);
          runs.push({ fn: () => rs.run(rIn), async: true });
          if (v.ts) {
            const ts = v.ts;
            const out = new Float32Array(count(g.outputDims));
            const scratch = new Float32Array(ts.scratch(rInDims));
            runs.push({ fn: () => ts.run(rIn, rInDims, out, scratch), async: false });
          }
        }
        for (let i = 0; i < plans.length; i++) {
          const p = plans[i];
          const base = rowBase(v, s, p);
          let samples: number[];
          let stopReason: string;
          try {
            const outcome = await sampleInterleaved([timedByCaller(runs[i].fn)], sampling);
            samples = outcome.samples[0];
            stopReason = outcome.stopReason;
          } catch (error) {
            rows.push(erroredRow(base, (error as Error).message ?? String(error), checks));
            continue;
          }
          const stats = sampleStats(samples, { targetCi: sampling.targetCi });
          const rate = throughput(p.cost.bytes, p.cost.macs, stats.medianMs);
          rows.push({
            ...base,
            state: 'completed',
            ...stats,
            stopReason,
            ...rate,
            fractionOfMemcpy: 0,
            fractionOfMatmul: 0,
            ...notYetCompared(),
            checks,
          });
        }
      } catch (error) {
        for (const p of plans) rows.push(erroredRow(rowBase(v, s, p), (error as Error).message ?? String(error), checks));
      } finally {
        for (const ss of sessions) await ss.release();
      }
    }
  }
  return addCeilingFractions(addSpeedups(rows), opts.ceilings).rows;
}
