import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildZooModel, listZooModels } from '../src';
import { expectedTensors, shapesCompatible } from '../src/checkpoint/match-checkpoint';

// Every tensor name and shape of the published models, listed by tools/reference-decoders/make_fixtures.py
// from the public hustvl/Turbo-VAED code at full width.
const FIXTURES = join(__dirname, '..', '..', '..', 'fixtures', 'reference-decoders');
const usedByDecode = (key: string) => key.startsWith('decoder.') || key.startsWith('post_quant_conv.');

describe('at full width the loader expects exactly the reference decoder tensors', () => {
  it.each(listZooModels())('%s: same keys, compatible shapes, same parameter count', (name) => {
    const listing = JSON.parse(readFileSync(join(FIXTURES, name, 'full-width-tensors.json'), 'utf8')) as { decoderParams: number; tensors: Record<string, number[]> };
    const info = buildZooModel(name, { height: 64, width: 64, latentFrames: 2, materializeWeights: false });
    const expected = expectedTensors(info.graph.initializers);
    const reference = Object.entries(listing.tensors).filter(([k]) => usedByDecode(k));
    expect(expected.map((e) => e.key).sort()).toEqual(reference.map(([k]) => k).sort());
    const byKey = new Map(expected.map((e) => [e.key, e]));
    const incompatible = reference.filter(([k, shape]) => !shapesCompatible(byKey.get(k)!, shape)).map(([k, shape]) => `${k}: zoo [${byKey.get(k)!.fileShape.join(',')}] vs [${shape.join(',')}]`);
    expect(incompatible).toEqual([]);
    expect(info.params).toBe(listing.decoderParams);
  });
});
