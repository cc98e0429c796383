import { createRunManifest, parseResultDocument, serializeResultDocument, type ResultDocument } from '@evalkit/core';
import { assembleDatasetDocument, createDatasetConfig, mergeDatasetDocuments, selectShard, type PairRow } from '../src';

const pairs = Array.from({ length: 10 }, (_, i) => ({ id: `v${String(i).padStart(2, '0')}`, ref: `/r/${i}.mp4`, test: `/t/${i}.mp4` }));
const manifest = createRunManifest({ tool: 'test', toolVersion: '0', startedAt: new Date(0), finishedAt: new Date(1000), config: {} });
const rowOf = (id: string, i: number): PairRow =>
  id === 'v03' ? { id, status: 'failed', error: { code: 'EVK_INVALID_INPUT', message: 'corrupt' } } : { id, status: 'ok', frames: 17, metrics: { psnr: 20 + i / 3, ssim: 0.5 + i / 40 }, media: { ref: {}, test: {} } };
const settings = { metrics: ['psnr', 'ssim'] as const };

/** Shard documents as files hold them (serialised and parsed back). */
function shardDocs(count: number, override: Partial<Parameters<typeof createDatasetConfig>[0]> = {}): ResultDocument[] {
  return Array.from({ length: count }, (_, i) => {
    const config = createDatasetConfig({ ...settings, metrics: [...settings.metrics], ...override }, pairs, { index: i, count });
    const rows = selectShard(pairs, i, count).map((p) => rowOf(p.id, pairs.indexOf(p)));
    return parseResultDocument(serializeResultDocument(assembleDatasetDocument(config, rows, manifest)));
  });
}

describe('mergeDatasetDocuments', () => {
  const whole = assembleDatasetDocument(createDatasetConfig({ metrics: ['psnr', 'ssim'] }, pairs), pairs.map((p, i) => rowOf(p.id, i)), manifest);

  it('joins 4 shards (in any order) into the document of one run over every pair', () => {
    const parts = shardDocs(4);
    const merged = mergeDatasetDocuments([parts[2], parts[0], parts[3], parts[1]], { manifest });
    expect(serializeResultDocument(merged)).toBe(serializeResultDocument(whole));
    expect(merged.summary.failedIds).toEqual(['v03']);
  });

  it('refuses a shard given twice (overlap)', () => {
    const parts = shardDocs(4);
    expect(() => mergeDatasetDocuments([parts[0], parts[1], parts[1], parts[2], parts[3]], { sources: ['s0', 's1', 's1b', 's2', 's3'] })).toThrow(/s1b.*overlap: shard 1\/4 is also s1/);
  });

  it('refuses a missing shard (gap) and a shard missing some of its rows', () => {
    const parts = shardDocs(4);
    expect(() => mergeDatasetDocuments([parts[0], parts[1], parts[3]])).toThrow(/gap: shard 2\/4 missing/);
    const cut = { ...parts[2], results: parts[2].results.slice(1) };
    expect(() => mergeDatasetDocuments([parts[0], parts[1], cut, parts[3]], { sources: ['a', 'b', 'c', 'd'] })).toThrow(/^c.*gap: holds 1 rows, its share of the dataset is 2 pairs/);
  });

  it('refuses documents of different configs, naming the field', () => {
    const parts = shardDocs(2);
    const other = shardDocs(2, { ssimVariant: 'skimage' });
    expect(() => mergeDatasetDocuments([parts[0], other[1]], { sources: ['a.json', 'b.json'] })).toThrow(/b\.json, field "config\.ssimVariant".*different config/);
    expect(() => mergeDatasetDocuments([parts[0], shardDocs(3)[1]], { sources: ['a.json', 'b.json'] })).toThrow(/split into 3 shards/);
  });

  it('refuses a row found in two documents', () => {
    const parts = shardDocs(2);
    const stolen = { ...parts[1], results: [...parts[1].results.slice(1), parts[0].results[0]] };
    expect(() => mergeDatasetDocuments([parts[0], stolen], { sources: ['a.json', 'b.json'] })).toThrow(/overlap: pair "v00" is also in a\.json/);
  });
});

describe('mergeDatasetDocuments on a damaged file', () => {
  it('names the file and the row of a malformed result', () => {
    const parts = shardDocs(2);
    const damaged = { ...parts[1], results: [{ ...parts[1].results[0], frames: -1 }, ...parts[1].results.slice(1)] };
    expect(() => mergeDatasetDocuments([parts[0], damaged], { sources: ['a.json', 'b.json'] })).toThrow(/^b\.json: field "results\[0\]\.frames", value -1: frames must be a positive integer/);
  });
});
