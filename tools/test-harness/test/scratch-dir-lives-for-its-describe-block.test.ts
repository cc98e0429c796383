import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { useScratchDir } from '../src';

let seen = '';

describe('a scratch folder lives exactly as long as its describe block', () => {
  const scratch = useScratchDir('evalkit-scratch-test-', (path) => writeFileSync(join(path, 'fixture.txt'), 'made once'));

  it('exists with what setup wrote in it during the tests', () => {
    seen = scratch.path;
    expect(readFileSync(join(scratch.path, 'fixture.txt'), 'utf8')).toBe('made once');
  });
});

describe('after its block', () => {
  it('is gone', () => {
    expect(seen).not.toBe('');
    expect(existsSync(seen)).toBe(false);
  });
});

describe('outside a test', () => {
  const scratch = useScratchDir('evalkit-scratch-early-');
  const early = (() => {
    try {
      return scratch.path;
    } catch (error) {
      return (error as Error).message;
    }
  })();

  it('its path is refused with the reason', () => {
    expect(early).toMatch(/made in beforeAll/);
  });
});
