import { PassThrough } from 'node:stream';
import { createProgressReporter, prefersPlainProgress } from '../src/shared/progress';

describe('progress reporter', () => {
  it('prints plain lines, not bars, when the stream is not a terminal', () => {
    const stream = new PassThrough();
    let text = '';
    stream.on('data', (d) => (text += d.toString()));
    const progress = createProgressReporter({ stream });
    const task = progress.start('decode', 4);
    for (let i = 0; i < 4; i++) task.tick();
    task.done('4 frames');
    progress.stop();
    expect(text).toMatch(/^\[decode\] started \(4 steps\)\n/);
    expect(text).toMatch(/\[decode\] done in [\d.]+s - 4 frames\n$/);
    expect(text).not.toContain(String.fromCharCode(0x1b)); // no ANSI escape (cursor movement)
  });

  it('treats CI as non-interactive even on a TTY', () => {
    const tty = Object.assign(new PassThrough(), { isTTY: true });
    expect(prefersPlainProgress(tty, { CI: 'true' })).toBe(true);
    expect(prefersPlainProgress(tty, {})).toBe(false);
  });
});
