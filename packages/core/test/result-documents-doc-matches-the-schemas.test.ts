import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { RESULT_KINDS } from '../src/schemas';
import { renderResultDocumentsMarkdown } from '../src/schemas/render-docs';

describe('docs/result-documents.md', () => {
  const rendered = renderResultDocumentsMarkdown();

  it('is the file the schemas generate (run `npm run docs -w @evalkit/core` after changing a schema)', () => {
    const committed = readFileSync(resolve(__dirname, '../../../docs/result-documents.md'), 'utf8');
    expect(committed).toBe(rendered);
  });

  it('has a section per declared kind with its versioned schema id', () => {
    for (const kind of RESULT_KINDS) expect(rendered).toContain(`schema: \`evalkit/${kind}@1\``);
    expect(rendered).not.toContain('codec-roundtrip');
  });

  it('documents optional, nullable and enumerated fields as such', () => {
    expect(rendered).toContain('| `ceilingFraction` | `number\\|null` |  |');
    expect(rendered).toContain('| `attentionMacs` | `number` | optional |');
    expect(rendered).toContain('| `family` | `"turbo"\\|"baseline"` |  |');
    expect(rendered).toContain('results with `state: "errored"`:');
  });
});
