// Writes docs/result-documents.md from the schemas in src/schemas (run: npm run docs -w @evalkit/core).
import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { renderResultDocumentsMarkdown } from '../src/schemas/render-docs';

const target = resolve(__dirname, '../../../docs/result-documents.md');
writeFileSync(target, renderResultDocumentsMarkdown());
process.stdout.write(`wrote ${target}\n`);
