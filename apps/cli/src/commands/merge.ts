import type { Command } from 'commander';
import { readResultDocument, writeResultDocument } from '@evalkit/core';
import { mergeDatasetDocuments } from '@evalkit/dataset';
import { cliManifest } from '../shared/context';
import { printJson } from '../shared/output';
import { formatDatasetSummary } from './metrics-dataset';

/** Registers `evalkit merge`. */
export function registerMerge(program: Command): void {
  program
    .command('merge')
    .description('join the documents of a dataset\'s shards (evalkit metrics --shard i/n) into the document of the whole dataset')
    .argument('<parts...>', 'recon-dataset documents, one per shard, in any order')
    .requiredOption('--out <file>', 'the merged document')
    .option('--json', 'print the merged document')
    .addHelpText(
      'after',
      `
The result equals the document of one run over every pair (rows sorted by id, means over all
videos, failed inputs listed once). Refused, naming the file: documents of different settings or
datasets, shards of different splits, a shard given twice or a pair in two documents (overlap), and
a missing shard or one missing some of its pairs (gap).

Examples:
  evalkit merge parts/0.json parts/1.json parts/2.json parts/3.json --out ucf.json
  evalkit merge parts/*.json --out ucf.json --json`,
    )
    .action((parts: string[], opts: { out: string; json?: boolean }) => {
      const startedAt = new Date();
      const docs = parts.map((p) => readResultDocument(p));
      const merged = mergeDatasetDocuments(docs, { sources: parts, manifest: cliManifest('merge', { config: { parts }, seed: null, startedAt }) });
      writeResultDocument(opts.out, merged);
      if (opts.json) printJson(merged);
      else process.stdout.write(formatDatasetSummary(merged, [opts.out]));
    });
}
