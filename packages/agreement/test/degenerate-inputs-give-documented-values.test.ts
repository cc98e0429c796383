import { agreementSummary, cohenKappa, ratingsFromRows } from '../src';
import { fleissKappaFromCounts } from '../src/fleiss-kappa';
import { gwetAcFromCounts } from '../src/gwet-ac';
import { krippendorffAlphaFromCounts } from '../src/krippendorff-alpha';

describe('degenerate inputs give the documented value, never NaN', () => {
  it('Cohen\'s kappa is 1 with ase 0 and z null when both raters use one and the same level', () => {
    const a = Int32Array.from([2, 2, 2, 2]);
    const k = cohenKappa(a, a, 3, 'unweighted');
    expect(k).toMatchObject({ kappa: 1, ase: 0, ase0: 0, z: null, degenerate: true, ci95: [1, 1] });
    expect(cohenKappa(a, a, 3, 'quadratic').kappa).toBe(1);
  });

  it('every coefficient of an all-"High" study is 1 and the summary says why', () => {
    const m = ratingsFromRows([[2, 2], [2, 2], [2, 2]], ['Low', 'Moderate', 'High']);
    const s = agreementSummary(m, ['a', 'b']);
    const values = [s.percentAgreement / 100, s.cohen!.kappa, s.cohen!.linear, s.cohen!.quadratic, s.fleiss.kappa, s.krippendorff.nominal, s.krippendorff.ordinal, s.krippendorff.interval, s.krippendorff.ratio, s.gwet.ac1, s.gwet.ac2Linear, s.gwet.ac2Quadratic];
    for (const v of values) expect(v).toBe(1);
    expect(s.notes.join('\n')).toMatch(/pe = 1.*reported as kappa = 1/);
    expect(s.notes.join('\n')).toMatch(/De = 0.*reported as 1/);
  });

  it('a single declared level: Gwet reports 1, Fleiss and Krippendorff too', () => {
    expect(gwetAcFromCounts([2, 2], 1).coefficient).toBe(1);
    expect(fleissKappaFromCounts([2, 2], 1).kappa).toBe(1);
    expect(krippendorffAlphaFromCounts([2, 2], 1, 'nominal').alpha).toBe(1);
  });

  it('no pairable ratings is an error, not a number', () => {
    expect(() => krippendorffAlphaFromCounts([1, 0, 0, 1], 2, 'nominal')).toThrow(/at least one case with two or more ratings/);
    expect(() => cohenKappa(Int32Array.from([0, -1]), Int32Array.from([-1, 1]), 2)).toThrow(/at least one case rated by both/);
  });

  it('systematic disagreement gives negative values, not NaN', () => {
    const m = ratingsFromRows([[0, 1], [1, 0], [0, 1], [1, 0]], ['A', 'B']);
    const s = agreementSummary(m, ['a', 'b'], 'nominal');
    expect(s.cohen!.kappa).toBe(-1);
    expect(s.krippendorff.nominal).toBeLessThan(0);
  });
});
