import fc from 'fast-check';
import { isEvalkitError } from '@evalkit/core';
import { decodePairRow } from '../src';
import { canonicalRow } from '../src/rows';
import { parseManifest } from '../src/manifest';

/** Either a value, or an EvalkitError naming what was wrong: never a TypeError or a crash. */
function parsesOrExplains(parse: () => unknown): void {
  try {
    parse();
  } catch (error) {
    if (!isEvalkitError(error)) throw error;
  }
}

describe('user files survive fuzzing (seeded)', () => {
  it('manifest CSV: any text parses or is refused with an EvalkitError naming the file', () => {
    const cell = fc.oneof(fc.constantFrom('id', 'ref', 'test', 'baseline', '', 'a', '"q,""x"""', '../v.mp4', '/abs/v.y4m'), fc.string({ maxLength: 8 }));
    const line = fc.array(cell, { maxLength: 5 }).map((cells) => cells.join(','));
    const text = fc.oneof(fc.string({ maxLength: 80 }), fc.tuple(fc.array(line, { maxLength: 6 }), fc.constantFrom('\n', '\r\n')).map(([lines, eol]) => lines.join(eol)));
    fc.assert(
      fc.property(text, (t) => {
        try {
          const pairs = parseManifest(t, 'pairs.csv', '/data');
          expect(new Set(pairs.map((p) => p.id)).size).toBe(pairs.length);
          for (const p of pairs) expect(p.ref.startsWith('/')).toBe(true);
        } catch (error) {
          if (!isEvalkitError(error)) throw error;
          expect(error.message).toContain('pairs.csv');
        }
      }),
      { seed: 20261129, numRuns: 400 },
    );
  });

  it('rows from journals, shard documents and queues: any JSON value is a row or an EvalkitError', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => parsesOrExplains(() => canonicalRow(value))),
      { seed: 20261129, numRuns: 400 },
    );
    const rowLike = fc.record({ id: fc.string(), status: fc.constantFrom('ok', 'failed', 'x'), frames: fc.oneof(fc.integer(), fc.double(), fc.string()), metrics: fc.dictionary(fc.constantFrom('psnr', 'ssim', 'flicker'), fc.oneof(fc.double(), fc.string(), fc.constant(null))), error: fc.anything() }, { requiredKeys: [] });
    fc.assert(
      fc.property(rowLike, (value) => parsesOrExplains(() => decodePairRow(JSON.stringify(value)))),
      { seed: 20261129, numRuns: 400 },
    );
    fc.assert(
      fc.property(fc.string({ maxLength: 60 }), (text) => parsesOrExplains(() => decodePairRow(text))),
      { seed: 20261129, numRuns: 200 },
    );
  });
});
