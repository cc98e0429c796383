import { applyCeiling, rooflineBound } from '../src/ceilings/roofline';
import { theoreticalPeak } from '../src/ceilings/theoretical-peak';

const cpuinfo = (vendor: string, family: number, flags: string, mhz: number, cores: number) =>
  Array.from({ length: cores }, (_, i) => `processor\t: ${i}\nvendor_id\t: ${vendor}\ncpu family\t: ${family}\nmodel name\t: test cpu\ncpu MHz\t\t: ${mhz}\nphysical id\t: 0\ncore id\t\t: ${i}\nflags\t\t: ${flags}\n`).join('\n');

describe('a row faster than the measured ceiling raises it and is flagged', () => {
  it('raises the ceiling to the fastest row, flags the rows above the measured one, and keeps every fraction <= 1', () => {
    const { ceiling, fractions, aboveMeasured } = applyCeiling(
      [
        { id: 'turbo', rate: 50 },
        { id: 'cogvideox', rate: 178 },
        { id: 'hunyuan', rate: 150 },
        { id: 'errored', rate: null },
      ],
      145,
    );
    expect(ceiling).toEqual({ measured: 145, effective: 178, raisedBy: ['cogvideox', 'hunyuan'] });
    expect(aboveMeasured).toEqual([false, true, true, false]);
    expect(fractions[0]).toBeCloseTo(50 / 178, 12);
    expect(fractions[1]).toBe(1);
    expect(fractions[2]).toBeCloseTo(150 / 178, 12);
    expect(fractions[3]).toBeNull();
    for (const f of fractions) if (f !== null) expect(f).toBeLessThanOrEqual(1);
  });
  it('leaves a ceiling no row reaches as measured', () => {
    const { ceiling, fractions } = applyCeiling([{ id: 'a', rate: 72.5 }], 145);
    expect(ceiling).toEqual({ measured: 145, effective: 145, raisedBy: [] });
    expect(fractions).toEqual([0.5]);
  });
});

describe('theoretical peak from the CPU flags and clock', () => {
  it('Zen 4 (AMD family 25, avx512f as two 256-bit halves), 2 cores at 2596 MHz: 2 x 2 x 8 x 2 x 2.596 = 166.1 GFLOP/s', () => {
    const p = theoreticalPeak({ cpuinfo: cpuinfo('AuthenticAMD', 25, 'fpu sse sse2 avx avx2 fma avx512f avx512_bf16', 2596, 2), maxFreqKHz: null }, 2, 2)!;
    expect(p.gflops).toBeCloseTo(166.144, 3);
    expect(p.inputs).toMatchObject({ cores: 2, fmaUnitsPerCore: 2, fp32LanesPerUnit: 8, ghz: 2.596 });
    expect(p.formula).toBe('2 cores × 2 FMA units × 8 fp32 lanes × 2 FLOP/FMA × 2.596 GHz = 166.1 GFLOP/s');
    expect(p.notes.join(' ')).toMatch(/two 256-bit halves/);
  });
  it('Intel with avx512f and a cpufreq maximum of 3.5 GHz, 4 threads on 2 cores: 2 x 2 x 16 x 2 x 3.5 = 448 GFLOP/s', () => {
    const p = theoreticalPeak({ cpuinfo: cpuinfo('GenuineIntel', 6, 'sse avx avx2 fma avx512f', 2000, 2), maxFreqKHz: 3_500_000 }, 4, 4)!;
    expect(p.gflops).toBeCloseTo(448, 9);
    expect(p.inputs.frequencySource).toMatch(/cpuinfo_max_freq/);
  });
  it('AVX2 without FMA counts one multiply-add pair per cycle; no cpuinfo gives no peak', () => {
    expect(theoreticalPeak({ cpuinfo: cpuinfo('GenuineIntel', 6, 'sse avx', 3000, 1), maxFreqKHz: null }, 1, 1)!.gflops).toBeCloseTo(1 * 1 * 8 * 2 * 3, 9);
    expect(theoreticalPeak({ cpuinfo: null, maxFreqKHz: null }, 2, 2)).toBeNull();
  });
});

describe('roofline', () => {
  it('on a 160 GFLOP/s, 20 GB/s device (ridge 8 FLOP/byte) a copy and a 6.75 FLOP/byte conv are memory-bound, a 54 FLOP/byte conv compute-bound', () => {
    expect(rooflineBound(0, 1e6, 160, 20)).toMatchObject({ bound: 'memory', ridge: 8, attainableGflops: 0 });
    const conv = rooflineBound(2 * 27 * 1e6, 8e6, 160, 20);
    expect(conv.intensity).toBeCloseTo(6.75, 12);
    expect(conv.bound).toBe('memory');
    expect(conv.attainableGflops).toBeCloseTo(135, 9);
    expect(rooflineBound(2 * 27 * 8 * 1e6, 8e6, 160, 20)).toMatchObject({ bound: 'compute', attainableGflops: 160 });
  });
});
