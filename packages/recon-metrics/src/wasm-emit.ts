/**
 * A minimal WebAssembly binary emitter: just what the SIMD SSIM kernel needs (one function,
 * imported memory, i32/f64/v128 locals, structured loops, f64x2 arithmetic). Written by hand so
 * the kernel needs no toolchain at build or run time.
 */

/** Unsigned LEB128. */
function uleb(n: number): number[] {
  const out: number[] = [];
  do {
    let byte = n & 0x7f;
    n >>>= 7;
    if (n !== 0) byte |= 0x80;
    out.push(byte);
  } while (n !== 0);
  return out;
}

/** Signed LEB128 (32-bit). */
function sleb(n: number): number[] {
  const out: number[] = [];
  for (;;) {
    const byte = n & 0x7f;
    n >>= 7;
    if ((n === 0 && (byte & 0x40) === 0) || (n === -1 && (byte & 0x40) !== 0)) {
      out.push(byte);
      return out;
    }
    out.push(byte | 0x80);
  }
}

/** Value types. */
export const I32 = 0x7f;
/** Value type f64. */
export const F64 = 0x7c;
/** Value type v128. */
export const V128 = 0x7b;

/** Builds one function body instruction by instruction. */
export class FunctionBuilder {
  readonly code: number[] = [];
  private readonly localTypes: number[] = [];

  constructor(private readonly paramCount: number) {}

  /** Declares a local of `type` and returns its index. */
  local(type: number): number {
    this.localTypes.push(type);
    return this.paramCount + this.localTypes.length - 1;
  }

  get(i: number): this {
    this.code.push(0x20, ...uleb(i));
    return this;
  }
  set(i: number): this {
    this.code.push(0x21, ...uleb(i));
    return this;
  }
  i32(n: number): this {
    this.code.push(0x41, ...sleb(n));
    return this;
  }
  op(...bytes: number[]): this {
    this.code.push(...bytes);
    return this;
  }
  /** SIMD instruction (0xfd prefix, LEB opcode). */
  simd(opcode: number, ...imm: number[]): this {
    this.code.push(0xfd, ...uleb(opcode), ...imm);
    return this;
  }
  /** v128.load with byte offset immediate (align 2^3). */
  v128Load(offset = 0): this {
    return this.simd(0, 3, ...uleb(offset));
  }
  /** v128.store with byte offset immediate. */
  v128Store(offset = 0): this {
    return this.simd(11, 3, ...uleb(offset));
  }
  /** `while (cond) body` where cond leaves an i32 on the stack. */
  whileLoop(cond: () => void, body: () => void): this {
    this.code.push(0x02, 0x40, 0x03, 0x40);
    cond();
    this.code.push(0x45, 0x0d, 1); // i32.eqz; br_if 1 (exit block)
    body();
    this.code.push(0x0c, 0, 0x0b, 0x0b); // br 0 (loop); end loop; end block
    return this;
  }
  /** `if (cond) body` where cond leaves an i32 on the stack. */
  ifThen(cond: () => void, body: () => void): this {
    cond();
    this.code.push(0x04, 0x40);
    body();
    this.code.push(0x0b);
    return this;
  }

  /** The encoded body: local declarations, code, end. */
  body(): number[] {
    const groups: [number, number][] = [];
    for (const t of this.localTypes) {
      const last = groups[groups.length - 1];
      if (last && last[1] === t) last[0]++;
      else groups.push([1, t]);
    }
    const locals = [...uleb(groups.length), ...groups.flatMap(([n, t]) => [...uleb(n), t])];
    const all = [...locals, ...this.code, 0x0b];
    return [...uleb(all.length), ...all];
  }
}

function section(id: number, content: number[]): number[] {
  return [id, ...uleb(content.length), ...content];
}

function name(s: string): number[] {
  const bytes = Array.from(Buffer.from(s, 'utf8'));
  return [...uleb(bytes.length), ...bytes];
}

/** A module importing `env.memory` and exporting one function `exportName` of the given param types. */
export function moduleBytes(exportName: string, params: number[], fn: FunctionBuilder): Uint8Array {
  const type = [0x60, ...uleb(params.length), ...params, 0];
  const bytes = [
    0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00,
    ...section(1, [1, ...type]),
    ...section(2, [1, ...name('env'), ...name('memory'), 0x02, 0x00, 1]),
    ...section(3, [1, 0]),
    ...section(7, [1, ...name(exportName), 0x00, 0]),
    ...section(10, [1, ...fn.body()]),
  ];
  return Uint8Array.from(bytes);
}
