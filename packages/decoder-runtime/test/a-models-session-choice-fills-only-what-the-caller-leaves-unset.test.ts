import { zooSessionChoice } from '@evalkit/decoder-zoo';
import { resolveDecoderModel } from '../src/decode/decoder-model';
import { sessionDefaultsOf, withSessionDefaults } from '../src/session/session-options';

describe("a model's session choice", () => {
  it('fills the options the caller leaves unset and never overrides one the caller set', () => {
    const defaults = { graphOptimizationLevel: 'extended' as const, memPattern: false, allowSpinning: false };
    expect(withSessionDefaults({ threads: 2 }, defaults)).toEqual({ threads: 2, graphOptimizationLevel: 'extended', memPattern: false, allowSpinning: false });
    // set by the caller: kept, even when false; an explicit undefined is "unset"
    expect(withSessionDefaults({ graphOptimizationLevel: 'all', memPattern: true, allowSpinning: undefined }, defaults)).toEqual({ graphOptimizationLevel: 'all', memPattern: true, allowSpinning: false });
    expect(withSessionDefaults({ threads: 1 }, undefined)).toEqual({ threads: 1 });
  });

  it("turns the zoo's nulls (onnxruntime's default) into unset options", () => {
    expect(sessionDefaultsOf({ graphOptimizationLevel: 'all', allowSpinning: null, cpuMemArena: false, memPattern: null })).toEqual({ graphOptimizationLevel: 'all', cpuMemArena: false });
  });

  it("gives a zoo decoder the zoo's choice and an ONNX file none", () => {
    const choice = zooSessionChoice('wan-2.1');
    expect(resolveDecoderModel('zoo:wan-2.1').sessionDefaults).toEqual(sessionDefaultsOf(choice));
    expect(resolveDecoderModel('codec').sessionDefaults).toBeUndefined();
  });
});
