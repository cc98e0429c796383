import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { GOLDEN_DIR, goldenInputs, goldenSpecText, goldenTableText } from './fixtures/golden-inputs';

// Regenerate with `npx tsx tools/report/regenerate-goldens.ts` and review the diff.
describe('spec builders and tables match the checked-in goldens', () => {
  const { figures, tables } = goldenInputs();

  it('builds every figure of a full two-device run', () => {
    expect(figures.map((f) => f.id)).toEqual([
      'zoo-parameters',
      'decoder-fps',
      'decoder-speedup',
      'kernel-latency',
      'kernel-ceilings',
      'recon-quality',
      'quality-retention',
      'htp-consistency',
      'agreement',
    ]);
    const goldenFiles = readdirSync(GOLDEN_DIR).filter((n) => n.endsWith('.vl.json')).sort();
    expect(goldenFiles).toEqual(figures.map((f) => `${f.id}.vl.json`).sort());
  });

  it.each(goldenInputs().figures.map((f) => [f.id]))('figure %s equals its golden spec', (id) => {
    const figure = figures.find((f) => f.id === id)!;
    const path = join(GOLDEN_DIR, `${id}.vl.json`);
    expect(existsSync(path)).toBe(true);
    expect(goldenSpecText(figure)).toBe(readFileSync(path, 'utf8'));
  });

  it.each(goldenInputs().tables.map((t) => [t.id]))('table %s equals its golden Markdown', (id) => {
    const table = tables.find((t) => t.id === id)!;
    expect(goldenTableText(table)).toBe(readFileSync(join(GOLDEN_DIR, 'tables', `${id}.md`), 'utf8'));
  });
});
