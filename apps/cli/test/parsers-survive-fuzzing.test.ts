import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { crc32 } from 'node:zlib';
import fc from 'fast-check';
import { EvalkitError, RESULT_KIND_EXAMPLES, parseResultDocument, createResultDocument, createRunManifest, serializeResultDocument } from '@evalkit/core';
import { encodeNpy, encodeRgbY4m, encodeSafetensors, parseCsv, parseNpy, parseNpz, parseSafetensors, parseY4m } from '@evalkit/media-io';
import { readLabelFile, readRatings } from '@evalkit/agreement';
import { readOutputs } from '@evalkit/htp';
import { loadProfile } from '../src/repro/profile';

// Fuzzing every parser of user files: seeded generated and mutated inputs; the only failure a parser
// may raise is an EvalkitError (no TypeError, RangeError, hang or out-of-memory crash).

const SEED = 20261129;
const RUNS = 3000;
const tried = new Map<string, number>();
const repo = resolve(__dirname, '../../..');

// Allocation bound of the binary parsers: a header may claim any size, so a parser must check the
// claim against the bytes it was given before allocating. What a parse allocates is measured as the
// growth of ArrayBuffer memory across the call (its result kept alive; garbage made during the call
// is counted too unless a collection ran, so the measure can only err low, never flag a good parser).
const ALLOCATION_FACTOR = 8;
const ALLOCATION_SLACK = 64 * 1024;
const largest = new Map<string, { allocated: number; input: number }>();

/** ArrayBuffer bytes allocated while `fn` runs (its result, or what it threw, kept until the measure is taken). */
function arrayBufferGrowth(fn: () => unknown): { bytes: number; outcome: { value?: unknown; error?: unknown } } {
  const before = process.memoryUsage().arrayBuffers;
  const outcome: { value?: unknown; error?: unknown } = {};
  try {
    outcome.value = fn();
  } catch (error) {
    outcome.error = error;
  }
  return { bytes: process.memoryUsage().arrayBuffers - before, outcome };
}

/** Fails when parsing `input` allocated more than ALLOCATION_FACTOR x its size + ALLOCATION_SLACK; records the largest. */
function expectBoundedAllocation(name: string, inputBytes: number, allocated: number, what: string): void {
  const bound = ALLOCATION_FACTOR * inputBytes + ALLOCATION_SLACK;
  if (allocated > bound) throw new Error(`${name}: ${what} allocated ${allocated} bytes for a ${inputBytes}-byte input (bound ${bound})`);
  const seen = largest.get(name);
  if (!seen || allocated > seen.allocated) largest.set(name, { allocated, input: inputBytes });
}

/**
 * Runs `parse` on every input; anything thrown but an EvalkitError fails the property. For byte
 * inputs the allocation of each parse is measured and bounded by the input's size.
 */
function survives<T>(name: string, input: fc.Arbitrary<T>, parse: (value: T) => unknown, runs = RUNS): void {
  let n = 0;
  fc.assert(
    fc.property(input, (value) => {
      n++;
      const { bytes, outcome } = arrayBufferGrowth(() => parse(value));
      if ('error' in outcome && !(outcome.error instanceof EvalkitError)) throw outcome.error;
      if (value instanceof Uint8Array) expectBoundedAllocation(name, value.length, bytes, 'a generated input');
    }),
    { seed: SEED, numRuns: runs },
  );
  tried.set(name, n);
}

/** Mutations of a valid file: flipped bytes, a cut, a spliced run of random bytes. */
function mutated(valid: Uint8Array[]): fc.Arbitrary<Uint8Array> {
  return fc
    .record({
      base: fc.constantFrom(...valid),
      flips: fc.array(fc.tuple(fc.nat(), fc.integer({ min: 0, max: 255 })), { maxLength: 6 }),
      cut: fc.option(fc.nat(), { nil: undefined }),
      splice: fc.option(fc.tuple(fc.nat(), fc.uint8Array({ maxLength: 24 })), { nil: undefined }),
    })
    .map(({ base, flips, cut, splice }) => {
      let bytes = Uint8Array.from(base);
      for (const [at, v] of flips) if (bytes.length > 0) bytes[at % bytes.length] = v;
      if (splice) {
        const at = splice[0] % (bytes.length + 1);
        bytes = Uint8Array.from([...bytes.subarray(0, at), ...splice[1], ...bytes.subarray(at)]);
      }
      if (cut !== undefined) bytes = bytes.subarray(0, cut % (bytes.length + 1));
      return bytes;
    });
}

/** A header edited as text: numbers made huge, negative or odd, fields renamed. */
function headerEdits(valid: Uint8Array, headerEnd: number): fc.Arbitrary<Uint8Array> {
  const text = Buffer.from(valid.subarray(0, headerEnd)).toString('latin1');
  return fc.tuple(fc.constantFrom('2', '3', 'shape', 'descr', 'dtype', 'data_offsets', 'F', 'H', 'W', 'C444', 'fortran_order', '<f4'), fc.constantFrom('99999999999', '-1', '0', '1e309', 'NaN', '"x"', '', '[]', '(1,', 'True', '>f8', '<i8', 'BF16', '18446744073709551615')).map(
    ([from, to]) => Uint8Array.from([...Buffer.from(text.replace(from, to), 'latin1'), ...valid.subarray(headerEnd)]),
  );
}

/**
 * The fields a ZIP member's local and central headers share (version needed, CRC-32, both sizes,
 * name length); the central header has them `shift` = 2 bytes later, after its "version made by".
 */
function writeEntryFields(header: Buffer, shift: number, crc: number, size: number, nameLength: number): void {
  header.writeUInt16LE(20, 4 + shift);
  header.writeUInt32LE(crc, 14 + shift);
  header.writeUInt32LE(size, 18 + shift);
  header.writeUInt32LE(size, 22 + shift);
  header.writeUInt16LE(nameLength, 26 + shift);
}

/** A minimal stored (uncompressed) ZIP of .npy members, as numpy.savez writes. */
function storedZip(members: [string, Uint8Array][]): Uint8Array {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const [name, data] of members) {
    const nameBytes = Buffer.from(name, 'utf8');
    const crc = crc32(data);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    writeEntryFields(local, 0, crc, data.length, nameBytes.length);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    writeEntryFields(central, 2, crc, data.length, nameBytes.length);
    central.writeUInt32LE(offset, 42);
    locals.push(local, nameBytes, Buffer.from(data));
    centrals.push(central, nameBytes);
    offset += 30 + nameBytes.length + data.length;
  }
  const centralBytes = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(members.length, 8);
  end.writeUInt16LE(members.length, 10);
  end.writeUInt32LE(centralBytes.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, centralBytes, end]);
}

describe('parsers survive fuzzing: only EvalkitErrors, no crash or hang', () => {
  jest.setTimeout(120_000);
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'evalkit-fuzz-'));
  });
  afterAll(() => {
    rmSync(dir, { recursive: true, force: true });
    const kib = (b: number) => `${(b / 1024).toFixed(1)} KiB`;
    const lines = [...tried].map(([name, n]) => {
      const most = largest.get(name);
      return `  ${name.padEnd(18)} ${n} inputs${most ? `; most array-buffer memory one parse allocated: ${most.allocated} bytes (for a ${most.input}-byte input)` : ''}`;
    });
    process.stdout.write(`fuzzing (fast-check seed ${SEED}; binary parsers bounded to ${ALLOCATION_FACTOR} x input + ${kib(ALLOCATION_SLACK)}):\n${lines.join('\n')}\n`);
  });

  const npyFiles = [
    encodeNpy({ data: Float32Array.from([1, -2, 3.5, 0, 7, 8]), shape: [1, 2, 3] }),
    encodeNpy({ data: Uint8Array.from([0, 255, 7, 9]), shape: [2, 2] }),
    encodeNpy({ data: Float64Array.from([Math.PI]), shape: [] }),
  ];

  it('npy', () => {
    const headerEnd = (b: Uint8Array) => 10 + new DataView(b.buffer, b.byteOffset).getUint16(8, true);
    survives('npy', fc.oneof(mutated(npyFiles), ...npyFiles.map((f) => headerEdits(f, headerEnd(f))), fc.uint8Array({ maxLength: 64 })), (bytes) => parseNpy(bytes, 'fuzz.npy'));
  });

  it('npz', () => {
    const zips = [storedZip([['latents.npy', npyFiles[0]]]), storedZip([['a.npy', npyFiles[1]], ['z.npy', npyFiles[2]]])];
    survives('npz', fc.oneof(mutated(zips), fc.uint8Array({ maxLength: 96 })), (bytes) => parseNpz(bytes, 'fuzz.npz', undefined, ['latents']));
  });

  it('safetensors', () => {
    const files = [encodeSafetensors({ latents: { data: Float32Array.from([1, 2, 3, 4]), shape: [2, 2] } }), encodeSafetensors({ a: { data: Float32Array.from([0.5]), shape: [1] }, b: { data: Float32Array.from([1, 2]), shape: [2] } })];
    const headerEnd = (b: Uint8Array) => 8 + Number(new DataView(b.buffer, b.byteOffset).getBigUint64(0, true));
    survives('safetensors', fc.oneof(mutated(files), ...files.map((f) => headerEdits(f, headerEnd(f))), fc.uint8Array({ maxLength: 64 })), (bytes) => parseSafetensors(bytes, 'fuzz.safetensors', undefined, ['latents']));
  });

  it('y4m', () => {
    const frames = { frames: [new Uint8Array(4 * 4 * 3).fill(90), new Uint8Array(4 * 4 * 3).fill(200)], height: 4, width: 4 };
    const files = [encodeRgbY4m(frames, { chroma: '444' }), encodeRgbY4m(frames, { chroma: '420' })];
    const headerEnd = (b: Uint8Array) => b.indexOf(0x0a) + 1;
    survives(
      'y4m',
      fc.oneof(mutated(files), ...files.map((f) => headerEdits(f, headerEnd(f)))),
      (bytes) => {
        const video = parseY4m(bytes, 'fuzz.y4m');
        for (let i = 0; i < video.frameCount; i++) video.rgb(i);
      },
    );
  });

  const csvText = fc.array(
    fc.array(fc.oneof(fc.constantFrom('case_id', 'rater', 'label', 'signal', 'High', 'Low', 'Moderate', 'NA', '', '"', '""', 'a,b', '"x\ny"', 'Warning', '1', 'grade'), fc.string({ maxLength: 6 })), { minLength: 1, maxLength: 5 }),
    { maxLength: 8 },
  ).chain((rows) => fc.constantFrom('\n', '\r\n').map((newline) => rows.map((r) => r.join(',')).join(newline)));

  it('CSV', () => {
    survives('CSV', csvText, (text) => parseCsv(text, 'fuzz.csv'));
  });

  it('CSV ratings (label files, agreement)', () => {
    const path = join(dir, 'ratings.csv');
    survives(
      'CSV ratings',
      csvText,
      (text: string) => {
        writeFileSync(path, text);
        readLabelFile(path);
        readRatings(path, null);
      },
      1000,
    );
  });

  it('JSONL outputs', () => {
    const path = join(dir, 'outputs.jsonl');
    const record = fc.record(
      {
        case_id: fc.oneof(fc.string({ maxLength: 4 }), fc.integer(), fc.constant(null)),
        signal: fc.constantFrom('Warning', 'Observation', 'warning', '', 7, null),
        fix_signal: fc.constantFrom(undefined, 'Warning', 3),
        overall: fc.oneof(fc.constant({ feature: 'f', analysis: 'a' }), fc.jsonValue()),
        grade: fc.oneof(fc.string({ maxLength: 3 }), fc.integer()),
        tags: fc.oneof(fc.dictionary(fc.string({ maxLength: 3 }), fc.string({ maxLength: 3 })), fc.jsonValue()),
      },
      { requiredKeys: [] },
    );
    const lines = fc.array(fc.oneof(record.map((r) => JSON.stringify(r)), fc.string({ maxLength: 12 }), fc.jsonValue().map((v) => JSON.stringify(v))), { maxLength: 6 });
    survives(
      'JSONL outputs',
      lines,
      (ls) => {
        writeFileSync(path, ls.join('\n'));
        readOutputs(path);
      },
      1000,
    );
  });

  it('result documents', () => {
    const valid = serializeResultDocument(createResultDocument('agreement', createRunManifest({ tool: 'fuzz', toolVersion: '0' }), [{ ...RESULT_KIND_EXAMPLES.agreement.row, value: 0.5 }], { config: {} }));
    const mutatedText = mutated([Buffer.from(valid, 'utf8')]).map((b) => Buffer.from(b).toString('utf8'));
    const edited = fc.tuple(fc.constantFrom('"agreement', '"value"', '0.5', '"manifest"', '"results"', '@1', '"schema"'), fc.constantFrom('"x', '"', 'null', '[]', '{}', '@999', '1e400', '"NaN"')).map(([a, b]) => valid.replace(a, b));
    survives('result documents', fc.oneof(mutatedText, edited, fc.json(), fc.string({ maxLength: 40 })), (text) => parseResultDocument(text, 'fuzz.json'));
  });

  it('repro profiles', () => {
    const path = join(dir, 'profile.json');
    const profile = fc.oneof(
      fc.jsonValue(),
      fc.record(
        {
          extends: fc.constantFrom('smoke', 'paper', 'x', 1),
          seed: fc.oneof(fc.integer(), fc.double(), fc.string({ maxLength: 3 })),
          steps: fc.oneof(fc.array(fc.constantFrom('zoo-sizes', 'kernel-bench', 'nope', 3)), fc.jsonValue()),
          zoo: fc.oneof(fc.record({ height: fc.oneof(fc.integer(), fc.constant(-8), fc.constant(1e9)), width: fc.integer() }), fc.jsonValue()),
          decoders: fc.oneof(fc.record({ pairs: fc.jsonValue(), runs: fc.integer(), frames: fc.double() }, { requiredKeys: [] }), fc.jsonValue()),
          htp: fc.oneof(fc.record({ bootstrap: fc.integer(), groupBy: fc.jsonValue() }, { requiredKeys: [] }), fc.jsonValue()),
          __proto__: fc.jsonValue(),
        },
        { requiredKeys: [] },
      ),
    );
    survives(
      'repro profiles',
      fc.oneof(profile.map((p) => JSON.stringify(p)), fc.string({ maxLength: 30 })),
      (text) => {
        writeFileSync(path, text);
        loadProfile(path);
      },
      1000,
    );
  });

  it('headers claiming huge sizes are refused before anything of that size is allocated', () => {
    const npyHeader = (dict: string) => {
      const header = `${dict}`.padEnd(118, ' ') + '\n';
      return Uint8Array.from([0x93, ...Buffer.from('NUMPY'), 1, 0, header.length & 0xff, header.length >> 8, ...Buffer.from(header, 'latin1'), 1, 2, 3, 4]);
    };
    const safetensorsHeader = (json: string) => {
      const head = Buffer.from(json, 'utf8');
      const len = Buffer.alloc(8);
      len.writeBigUInt64LE(BigInt(head.length));
      return Uint8Array.from([...len, ...head, 1, 2, 3, 4]);
    };
    const bigZip = Buffer.from(storedZip([['latents.npy', npyFiles[0]]]));
    // Claimed uncompressed size 4 GiB - 16 in the local and central headers of the one member.
    bigZip.writeUInt32LE(0xfffffff0, 22);
    bigZip.writeUInt32LE(0xfffffff0, 30 + 'latents.npy'.length + npyFiles[0].length + 24);
    const hostile: [string, Uint8Array, (b: Uint8Array) => unknown][] = [
      ['npy', npyHeader("{'descr': '<f4', 'fortran_order': False, 'shape': (100000, 100000, 100000), }"), (b) => parseNpy(b, 'huge.npy')],
      ['npy', npyHeader("{'descr': '<f8', 'fortran_order': False, 'shape': (536870912,), }"), (b) => parseNpy(b, 'huge.npy')],
      ['safetensors', safetensorsHeader('{"latents":{"dtype":"F32","shape":[1000000000],"data_offsets":[0,4000000000]}}'), (b) => parseSafetensors(b, 'huge.safetensors', undefined, ['latents'])],
      ['safetensors', Uint8Array.from([0xff, 0xff, 0xff, 0x7f, 0, 0, 0, 0, 0x7b]), (b) => parseSafetensors(b, 'huge.safetensors', undefined, ['latents'])],
      ['y4m', Uint8Array.from(Buffer.from('YUV4MPEG2 W16384 H16384 F25:1 C444\nFRAME\n\x01\x02\x03')), (b) => parseY4m(b, 'huge.y4m').rgb(0)],
      ['npz', Uint8Array.from(bigZip), (b) => parseNpz(b, 'huge.npz', undefined, ['latents'])],
    ];
    for (const [name, bytes, parse] of hostile) {
      const { bytes: allocated, outcome } = arrayBufferGrowth(() => parse(bytes));
      expect(outcome.error).toBeInstanceOf(EvalkitError);
      expectBoundedAllocation(`${name} (hostile header)`, bytes.length, allocated, 'a header claiming a huge size');
    }
  });

  it('the allocation probe sees an allocation of a claimed size (so the bound can fail)', () => {
    const { bytes } = arrayBufferGrowth(() => new Float32Array(2 ** 22));
    expect(bytes).toBeGreaterThanOrEqual(2 ** 24);
    expect(() => expectBoundedAllocation('probe', 100, bytes, 'a 16 MiB array')).toThrow(/allocated \d+ bytes for a 100-byte input/);
  });

  it('reads the shipped fixtures it mutates from (the generators start from valid files)', () => {
    expect(() => parseNpy(npyFiles[0], 'ok.npy')).not.toThrow();
    expect(readOutputs(join(repo, 'fixtures/htp/synthetic-study/outputs.jsonl')).length).toBe(290);
  });
});
