import fc from 'fast-check';
import { parseShard, selectShard } from '../src';
import { shardSize } from '../src/document';

describe('selectShard', () => {
  it('splits any id list into disjoint shards that cover it, sizes within one, whatever the input order', () => {
    fc.assert(
      fc.property(fc.uniqueArray(fc.string({ minLength: 1, maxLength: 6 }), { maxLength: 60 }), fc.integer({ min: 1, max: 9 }), (ids, count) => {
        const pairs = ids.map((id) => ({ id }));
        const reversed = [...pairs].reverse();
        const shards = Array.from({ length: count }, (_, i) => selectShard(pairs, i, count));
        const seen = shards.flat().map((p) => p.id);
        expect(new Set(seen).size).toBe(seen.length);
        expect([...seen].sort()).toEqual([...ids].sort());
        shards.forEach((shard, i) => {
          expect(shard.length).toBe(shardSize(ids.length, i, count));
          expect(selectShard(reversed, i, count)).toEqual(shard);
        });
      }),
    );
  });

  it('takes every n-th id in code-unit order (hand-worked: 5 ids, 2 shards)', () => {
    const pairs = ['e', 'B', 'a', 'c', 'd'].map((id) => ({ id }));
    // code-unit order: B < a < c < d < e
    expect(selectShard(pairs, 0, 2).map((p) => p.id)).toEqual(['B', 'c', 'e']);
    expect(selectShard(pairs, 1, 2).map((p) => p.id)).toEqual(['a', 'd']);
  });

  it('parses i/n as Slurm passes it and refuses indices outside 0..n-1', () => {
    expect(parseShard('3/4')).toEqual({ index: 3, count: 4 });
    for (const bad of ['4/4', '1/0', '-1/4', 'a/b', '1']) expect(() => parseShard(bad)).toThrow(/--shard.*0 <= i < n/);
  });
});
