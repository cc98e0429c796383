import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readOpTypeProfile } from '../src';
import { opTypeProfile } from '../src/session/op-type-profile';

// The shape of onnxruntime's profiler events (Chrome trace, "X" complete events with dur in µs).
const kernel = (node: string, op: string, dur: number) => ({ cat: 'Node', name: `${node}_kernel_time`, ph: 'X', dur, args: { op_name: op } });

describe('kernel time by operator type', () => {
  it('sums the kernel events per op type, largest first, with shares of the kernel total (hand-derived)', () => {
    const events = [
      { cat: 'Session', name: 'model_run', ph: 'X', dur: 10_000 },
      kernel('conv_1', 'Conv', 3000),
      { cat: 'Node', name: 'conv_1_fence_before', ph: 'X', dur: 50, args: { op_name: 'Conv' } },
      kernel('conv_2', 'Conv', 1000),
      kernel('norm', 'GroupNormalization', 500),
      kernel('pad', 'Pad', 500),
      'not an event',
      null,
    ];
    expect(opTypeProfile(events)).toEqual([
      { opType: 'Conv', totalMs: 4, calls: 2, share: 0.8 },
      { opType: 'GroupNormalization', totalMs: 0.5, calls: 1, share: 0.1 },
      { opType: 'Pad', totalMs: 0.5, calls: 1, share: 0.1 },
    ]);
  });

  it('gives an empty list for a trace without kernel events', () => {
    expect(opTypeProfile([{ cat: 'Session', name: 'model_run', dur: 5 }])).toEqual([]);
  });

  it('reads a trace file, and refuses one that is not a JSON array naming the file', () => {
    const dir = mkdtempSync(join(tmpdir(), 'op-profile-'));
    try {
      writeFileSync(join(dir, 'trace.json'), JSON.stringify([kernel('a', 'MatMul', 2000)]));
      expect(readOpTypeProfile(join(dir, 'trace.json'))).toEqual([{ opType: 'MatMul', totalMs: 2, calls: 1, share: 1 }]);
      writeFileSync(join(dir, 'bad.json'), '{"traceEvents": []}');
      expect(() => readOpTypeProfile(join(dir, 'bad.json'))).toThrow(/bad\.json.*JSON array/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
