import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { readResultDocument } from '@evalkit/core';
import { runEvalkit } from './support/evalkit-command';

const fixtures = resolve(__dirname, '../../../fixtures/reference-decoders');
const run = (args: string[]) => runEvalkit(args, { timeout: 120_000 });

describe('evalkit bench decoders --weights', () => {
  it('times the checkpoint (its own widths) and records which file was used', () => {
    const out = join(mkdtempSync(join(tmpdir(), 'evk-bench-w-')), 'bench.json');
    const weights = join(fixtures, 'wan-2.1', 'weights.safetensors');
    const r = run(['bench', 'decoders', '--models', 'wan-2.1', '--weights', weights, '--height', '24', '--width', '24', '--latent-frames', '3', '--runs', '1', '--warmup', '0', '--no-ceiling', '--threads', '1', '--out', out]);
    expect(r.status).toBe(0);
    const doc = readResultDocument(out);
    const row = doc.results[0] as { model: string; params: number };
    expect(row.model).toBe('wan-2.1');
    expect(row.params).toBe(135_271); // the fixture's reduced-width Wan (base_dim 4; decoder.* + post_quant_conv.* of its file), not the published 73.3M
    expect((doc.config as { weights: Record<string, string> }).weights).toEqual({ 'wan-2.1': weights });
  });

  it('refuses a bare FILE when several models are benched', () => {
    const r = run(['bench', 'decoders', '--models', 'wan-2.1,hunyuanvideo', '--weights', 'x.safetensors', '--no-ceiling']);
    expect(r.status).toBe(2); // a usage error
    expect(r.stderr).toMatch(/--weights.*name each checkpoint: NAME=FILE,NAME=FILE/);
  });
});
