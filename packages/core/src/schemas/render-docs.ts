import type { z } from 'zod';
import { numberValue } from './fields';
import { RESULT_KIND_DEFINITIONS, RESULT_KINDS } from './index';
import type { ResultKindDefinition } from './result-kind';

/** Zod's internal definition, read only to describe schemas (zod 4 keeps it on `_zod.def`). */
interface Def {
  type: string;
  innerType?: z.ZodType;
  element?: z.ZodType;
  items?: z.ZodType[];
  options?: z.ZodType[];
  entries?: Record<string, string | number>;
  values?: unknown[];
  shape?: Record<string, z.ZodType>;
  in?: z.ZodType;
  valueType?: z.ZodType;
}

const defOf = (schema: z.ZodType): Def => (schema as unknown as { _zod: { def: Def } })._zod.def;

/** Whether a schema is numberValue (or a described copy of it: copies share its definition). */
const isNumberValue = (schema: z.ZodType): boolean => defOf(schema) === defOf(numberValue);

/** A field's type with its optional/nullable wrappers taken off, and what they said. */
interface Unwrapped {
  core: z.ZodType;
  optional: boolean;
  nullable: boolean;
  description?: string;
}

function unwrap(schema: z.ZodType): Unwrapped {
  let cur = schema;
  let optional = false;
  let nullable = false;
  let description = cur.description;
  for (;;) {
    const def = defOf(cur);
    if (isNumberValue(cur)) break;
    if (def.type === 'optional') optional = true;
    else if (def.type === 'nullable') nullable = true;
    else break;
    cur = def.innerType!;
    description ??= cur.description;
  }
  return { core: cur, optional, nullable, description };
}

/** A compact type expression: `number`, `"a"|"b"`, `[number, number]`, `{a, b?: string}`, `{[key: string]: string}`. */
function typeText(schema: z.ZodType): string {
  const u = unwrap(schema);
  const base = coreText(u.core);
  return u.nullable ? `${base}|null` : base;
}

function coreText(schema: z.ZodType): string {
  if (isNumberValue(schema)) return 'number';
  const def = defOf(schema);
  switch (def.type) {
    case 'number':
    case 'string':
    case 'boolean':
    case 'null':
      return def.type;
    case 'enum':
      return Object.values(def.entries!).map((v) => JSON.stringify(v)).join('|');
    case 'literal':
      return def.values!.map((v) => JSON.stringify(v)).join('|');
    case 'array': {
      const inner = typeText(def.element!);
      return inner.startsWith('{') ? `[${inner}, ...]` : `${inner.includes('|') ? `(${inner})` : inner}[]`;
    }
    case 'tuple':
      return `[${def.items!.map(typeText).join(', ')}]`;
    case 'object':
      return objectText(def.shape!);
    case 'record':
      // A free-form record (unknown values) stays `object`; a typed one says what each key holds.
      return defOf(def.valueType!).type === 'unknown' ? 'object' : `{[key: string]: ${typeText(def.valueType!)}}`;
    case 'union':
      return def.options!.map(typeText).join(' | ');
    case 'pipe':
      return typeText(def.in!);
    default:
      return 'object';
  }
}

function objectText(shape: Record<string, z.ZodType>): string {
  const keys = Object.entries(shape).map(([key, field]) => {
    const u = unwrap(field);
    const text = typeText(field);
    return `${key}${u.optional ? '?' : ''}${text === 'number' ? '' : `: ${text}`}`;
  });
  return `{${keys.join(', ')}}`;
}

/** A Markdown table of an object schema's fields: name, type, required, meaning. */
function fieldTable(shape: Record<string, z.ZodType>): string[] {
  const lines = ['| field | type | | meaning |', '|---|---|---|---|'];
  for (const [key, field] of Object.entries(shape)) {
    const u = unwrap(field);
    lines.push(`| \`${key}\` | \`${typeText(field).replace(/\|/g, '\\|')}\` | ${u.optional ? 'optional' : ''} | ${(u.description ?? '').replace(/\|/g, '\\|')} |`);
  }
  return lines;
}

/** The row options of a kind: one object, or the members of a discriminated union. */
function rowVariants(row: z.ZodType): { title: string; shape: Record<string, z.ZodType> }[] {
  const def = defOf(row);
  if (def.type === 'object') return [{ title: '', shape: def.shape! }];
  if (def.type === 'union') {
    return def.options!.map((option) => {
      const shape = defOf(option).shape!;
      const tag = Object.entries(shape).find(([, s]) => defOf(s).type === 'literal');
      return { title: tag ? ` with \`${tag[0]}: ${typeText(tag[1])}\`` : '', shape };
    });
  }
  throw new Error(`cannot describe a row schema of type ${def.type}`);
}

function kindSection(definition: ResultKindDefinition): string[] {
  const lines = [`## ${definition.kind} (${definition.writtenBy})`, '', `schema: \`evalkit/${definition.kind}@${definition.version}\``, ''];
  const configDef = defOf(definition.config);
  if (configDef.type === 'object' && Object.keys(configDef.shape!).length > 0) lines.push(`config: \`${objectText(configDef.shape!)}\``, '');
  for (const variant of rowVariants(definition.row)) {
    lines.push(`results${definition.rowsAre ? ` (${definition.rowsAre})` : ''}${variant.title}:`, '', ...fieldTable(variant.shape), '');
  }
  const summaryDef = defOf(definition.summary);
  if (summaryDef.type === 'object' && Object.keys(summaryDef.shape!).length > 0) {
    const note = definition.summary.description ? ` ${definition.summary.description};` : '';
    lines.push(`summary:${note} \`${objectText(summaryDef.shape!)}\``, '');
  }
  return lines;
}

/** The statistics every timed row of decoder-bench and kernel-bench carries (written by @evalkit/bench). */
const TIMING_NOTES = [
  '## Timing statistics (every timed row of decoder-bench and kernel-bench, from `@evalkit/bench`)',
  '',
  '`{samples (n), samplesMs: number[] (raw, in the order taken), meanMs, medianMs, medianCi95Ms: [lo, hi]',
  '  (95% percentile bootstrap of the median, 10,000 seeded resamples), ciHalfWidthRel ((hi − lo) / 2 / median),',
  '  minMs, p99Ms (nearest rank), sdMs (n − 1), cv (sd / mean), outliers: {lowSevere, lowMild, highMild, highSevere,',
  '  indices, fences} (Tukey: 1.5 and 3 IQR beyond numpy-default quartiles), unstable: boolean (cv > 10%, interval',
  '  wider than the target, or fewer than 3 samples), unstableReasons: string[], stopReason: "target-ci"|"max-runs"|"max-time"}`',
  '',
  'Fraction-of-ceiling fields are never above 1: a row faster than a measured ceiling raises it (the row is flagged',
  '`aboveMeasuredCeiling` / `aboveCeiling`). Kernel documents written before these statistics carried `rme`, which',
  'the report still reads. The manifest of a benchmark carries `system: {before, after}`: load average and the',
  'busiest other processes around the timed runs.',
  '',
];

/** What differs in documents measured in a browser: manifest and config, not row schemas. */
const BROWSER_NOTES = [
  '## Results measured in a browser (`evalkit bench serve`, `evalkit bench browser`)',
  '',
  'Ordinary kernel-bench and decoder-bench documents; what differs:',
  '- `manifest.device.browser`: `{userAgent, browser, platform, platformVersion, model, hardwareConcurrency,',
  '  deviceMemoryGiB: number|null, crossOriginIsolated, onnxruntimeWebVersion, backend: "wasm"|"webgpu"|"webnn",',
  '  wasmThreads, webgpuAdapter: {vendor, architecture, device, description, isFallbackAdapter}|null, webnn}`;',
  '  `cpuModel` is `"unknown (browser)"`, `nodeVersion` `"none"`, `onnxruntimeVersion` `"web <version>"`,',
  '  `executionProvider` the backend.',
  '- `config.runtime: "onnxruntime-web"` and `config.backend` (also in `bench kernels --runtime web`, whose',
  '  device is `executionProvider: "wasm"`, `onnxruntimeVersion: "web <version>"`).',
  '- decoder-bench rows: `peakRssBytes: null` (a page cannot read its process\'s memory); otherwise the same',
  '  fields as `bench decoders`\' rows (the timing statistics, `fpsCi95`, `aboveMeasuredCeiling`, `stopReason`),',
  '  computed in the page by the same `@evalkit/bench` code with each baseline/Turbo pair sampled A B interleaved;',
  '  summary `{matmulCeilingGflops, pairs (with speedupCi95, pairedRuns, unstable), sampling, errors}`.',
];

/**
 * docs/result-documents.md, generated from the schemas (`npm run docs -w @evalkit/core` writes it;
 * a test fails when the committed file differs). The prose here is what the schemas cannot say.
 */
export function renderResultDocumentsMarkdown(): string {
  const lines = [
    '# Result documents: the contract between tools and the report',
    '',
    '<!-- Generated from packages/core/src/schemas by `npm run docs -w @evalkit/core`; edit the schemas, not this file. -->',
    '',
    'Every tool writes `{schema: "evalkit/<kind>@<version>", manifest, config, results: [...], summary?}` through',
    '`@evalkit/core` (`createResultDocument`, `writeResultDocument`), which checks the rows against the kind\'s',
    'schema before anything is written. Every reader (the report app, `evalkit compare kernels`, the closing',
    'summary of `evalkit repro`) parses documents with the same schemas, so a document with a mistyped field is',
    'refused naming the file, the field\'s path (`results[3].medianMs`) and the value found there.',
    '',
    'The fields below are the contract: tools may add fields (readers keep and ignore them), never rename or',
    'retype these; a change to a row shape bumps the kind\'s version, and readers refuse versions they do not',
    'know. Non-finite numbers are written as the strings "Infinity", "-Infinity", "NaN" and read back as numbers.',
    'Times are in ms. In the inline types a bare name is a number, `?` marks an optional field.',
    '',
    `Kinds: ${RESULT_KINDS.map((k) => `\`${k}\``).join(', ')}. Documents of other kinds are read as envelopes only (the`,
    'report lists them as unknown).',
    '',
  ];
  for (const kind of RESULT_KINDS) {
    if (kind === 'decoder-bench') lines.push(...TIMING_NOTES);
    lines.push(...kindSection(RESULT_KIND_DEFINITIONS[kind] as unknown as ResultKindDefinition));
  }
  lines.push(...BROWSER_NOTES);
  return `${lines.join('\n').replace(/\n+$/, '')}\n`;
}
