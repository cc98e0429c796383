import { basename, extname } from 'node:path';
import { ERROR_CODES, EvalkitError } from '@evalkit/core';
import { isZooModelName, listZooModels, type ZooModelName } from '@evalkit/decoder-zoo';
import { parseSessionSuffix, type SessionOverrides } from './session-overrides';

/** A decoder to benchmark: a zoo graph (seeded or with a checkpoint's weights) or a user's ONNX file. */
export type BenchModel =
  | {
      kind: 'zoo';
      /** The row's name in documents, tables and --pair: the user's label, else the zoo name. */
      id: string;
      /** Whether the user gave the label (then it is also the display label). */
      labelled: boolean;
      zooModel: ZooModelName;
      /** A safetensors checkpoint (or *.safetensors.index.json) instead of seeded weights. */
      weights?: string;
      /** Session options this row sets over the zoo's choice (`#opt=extended#spin=off`). */
      session?: SessionOverrides;
    }
  | {
      kind: 'file';
      id: string;
      labelled: boolean;
      /** The ONNX file as the user gave it. */
      path: string;
      /** Session options this row sets over onnxruntime's defaults. */
      session?: SessionOverrides;
    }
  | {
      /** The zoo decoder's reference PyTorch model, run eagerly by Debian's python3-torch (`torch:NAME`). */
      kind: 'torch';
      id: string;
      labelled: boolean;
      zooModel: ZooModelName;
      /** A safetensors checkpoint instead of seeded PyTorch weights. */
      weights?: string;
    };

/** Labels are plain names, so that "--pair A:B" and "NAME=FILE" lists stay unambiguous. */
const LABEL = /^[A-Za-z0-9][A-Za-z0-9._+-]*$/;

const modelsError = (problem: string, value: string) => new EvalkitError(ERROR_CODES.INVALID_ARGUMENT, problem, { field: '--models', value });

/** A default label for a file: its name without the extension, if that is a plain name. */
function fileLabel(path: string): string {
  const stem = basename(path, extname(path));
  return LABEL.test(stem) ? stem : stem.replace(/[^A-Za-z0-9._+-]/g, '_').replace(/^[^A-Za-z0-9]+/, '') || 'model';
}

/**
 * Parses one --models entry: `NAME` (zoo), `zoo:NAME[@WEIGHTS]`, `FILE.onnx`, `torch:NAME[@WEIGHTS]`
 * (the reference PyTorch model, eager), each optionally `LABEL=...` before and onnxruntime session
 * options `#KEY=VALUE...` after (see session-overrides). A bare entry that is neither a zoo name nor an .onnx path is an error listing the zoo.
 */
export function parseBenchModel(given: string): BenchModel {
  const { spec: entry, session } = parseSessionSuffix(given);
  const model = parseModelSpec(entry);
  if (session === undefined) return model;
  if (model.kind === 'torch') throw modelsError('#KEY=VALUE sets onnxruntime session options; a torch:NAME row runs PyTorch', given);
  return { ...model, session };
}

function parseModelSpec(entry: string): BenchModel {
  const eq = entry.indexOf('=');
  const label = eq > 0 && LABEL.test(entry.slice(0, eq)) ? entry.slice(0, eq) : undefined;
  if (eq > 0 && label === undefined && !entry.slice(0, eq).includes('/') && !entry.slice(0, eq).includes('\\')) {
    throw modelsError('a label is a plain name (letters, digits, . _ + -, starting with a letter or digit): LABEL=FILE.onnx or LABEL=zoo:NAME', entry);
  }
  const spec = label !== undefined ? entry.slice(eq + 1) : entry;
  if (spec.length === 0) throw modelsError('expected LABEL=FILE.onnx or LABEL=zoo:NAME[@WEIGHTS] after the label', entry);
  const torch = spec.startsWith('torch:');
  const zooSpec = spec.startsWith('zoo:') ? spec.slice(4) : torch ? spec.slice(6) : isZooModelName(spec) ? spec : null;
  if (zooSpec !== null) {
    const prefix = torch ? 'torch' : 'zoo';
    const at = zooSpec.indexOf('@');
    const name = at >= 0 ? zooSpec.slice(0, at) : zooSpec;
    const weights = at >= 0 ? zooSpec.slice(at + 1) : undefined;
    if (!isZooModelName(name)) throw modelsError(`unknown ${torch ? 'reference' : 'zoo'} decoder; ${prefix}:NAME takes one of ${listZooModels().join(', ')}`, entry);
    if (weights !== undefined && weights.length === 0) throw modelsError(`expected ${prefix}:NAME@WEIGHTS.safetensors (a checkpoint path after "@")`, entry);
    // "torch:NAME" holds a colon, which --pair A:B cannot name: its default label is torch-NAME.
    const id = label ?? (torch ? `torch-${name}` : name);
    return { kind: torch ? 'torch' : 'zoo', id, labelled: label !== undefined, zooModel: name, ...(weights !== undefined ? { weights } : {}) };
  }
  if (/\.onnx$/i.test(spec)) return { kind: 'file', id: label ?? fileLabel(spec), labelled: label !== undefined, path: spec };
  throw modelsError(`unknown zoo decoder; the zoo has ${listZooModels().join(', ')} (or give an ONNX file: [LABEL=]FILE.onnx, zoo:NAME@WEIGHTS.safetensors, or torch:NAME for the reference PyTorch model)`, entry);
}

/**
 * Parses every --models entry and merges the --weights map (NAME=FILE per model id) into the zoo
 * models. Labels must be unique; weights apply to zoo models only and only once.
 */
export function parseBenchModels(entries: readonly string[], weights: Record<string, string> = {}): BenchModel[] {
  const models = entries.map(parseBenchModel);
  const seen = new Set<string>();
  for (const m of models) {
    if (seen.has(m.id)) throw modelsError(`the label "${m.id}" names two models; label them apart: LABEL=FILE.onnx, LABEL=zoo:NAME`, m.id);
    seen.add(m.id);
  }
  for (const [id, file] of Object.entries(weights)) {
    const m = models.find((x) => x.id === id);
    if (!m) throw new EvalkitError(ERROR_CODES.INVALID_ARGUMENT, `expected NAME=FILE with NAME one of the benched models (${models.map((x) => x.id).join(', ')})`, { field: '--weights', value: `${id}=${file}` });
    if (m.kind === 'file') throw new EvalkitError(ERROR_CODES.INVALID_ARGUMENT, `--weights applies to zoo and torch decoders; "${id}" is an ONNX file, whose weights are in the file`, { field: '--weights', value: `${id}=${file}` });
    if (m.weights !== undefined) throw new EvalkitError(ERROR_CODES.INVALID_ARGUMENT, `"${id}" already has weights from --models (${m.kind}:NAME@${m.weights}); give them once`, { field: '--weights', value: `${id}=${file}` });
    m.weights = file;
  }
  return models;
}

/**
 * Parses a per-model file flag: `LABEL=FILE[,LABEL=FILE...]` with labels of the benched models, or a
 * bare FILE, which applies to every model when `bare` is "all" and only to a single benched model
 * when it is "one" (--weights).
 */
export function filesByModel(spec: string | undefined, ids: readonly string[], flag: string, bare: 'one' | 'all'): Record<string, string> {
  if (spec === undefined) return {};
  const eq = spec.indexOf('=');
  if (eq <= 0 || !LABEL.test(spec.slice(0, eq))) {
    if (bare === 'all') return Object.fromEntries(ids.map((id) => [id, spec]));
    if (ids.length !== 1) throw new EvalkitError(ERROR_CODES.INVALID_ARGUMENT, 'with several --models, name each checkpoint: NAME=FILE,NAME=FILE', { field: flag, value: spec });
    return { [ids[0]]: spec };
  }
  const out: Record<string, string> = {};
  for (const part of spec.split(',')) {
    const at = part.indexOf('=');
    const name = part.slice(0, at);
    if (at <= 0 || !ids.includes(name)) throw new EvalkitError(ERROR_CODES.INVALID_ARGUMENT, `expected NAME=FILE with NAME one of the benched models (${ids.join(', ')})`, { field: flag, value: part });
    out[name] = part.slice(at + 1);
  }
  return out;
}
