/**
 * Regenerates the report's golden Vega-Lite specs and Markdown tables from the fixture runs:
 *   npx tsx tools/report/regenerate-goldens.ts
 * then review the change with `git diff apps/report/test/golden` before committing it.
 */
import { mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { GOLDEN_DIR, goldenInputs, goldenSpecText, goldenTableText } from '../../apps/report/test/fixtures/golden-inputs';

const { figures, tables } = goldenInputs();
mkdirSync(join(GOLDEN_DIR, 'tables'), { recursive: true });
// Goldens of figures or tables that no longer exist would otherwise linger unnoticed.
for (const name of readdirSync(GOLDEN_DIR)) if (name.endsWith('.vl.json')) rmSync(join(GOLDEN_DIR, name));
for (const name of readdirSync(join(GOLDEN_DIR, 'tables'))) if (name.endsWith('.md')) rmSync(join(GOLDEN_DIR, 'tables', name));
for (const figure of figures) writeFileSync(join(GOLDEN_DIR, `${figure.id}.vl.json`), goldenSpecText(figure));
for (const table of tables) writeFileSync(join(GOLDEN_DIR, 'tables', `${table.id}.md`), goldenTableText(table));
process.stdout.write(`wrote ${figures.length} golden specs and ${tables.length} golden tables to ${GOLDEN_DIR}\n`);
