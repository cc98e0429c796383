// Writes wasm/metrics.wat, the WebAssembly text of the metrics kernels, from the templates below
// (run: npm run build:wasm -w @evalkit/recon-metrics, which then assembles it to src/io/metrics.wasm).
// The text is generated because the 7- and 11-tap filters are unrolled per tap and specialised per
// channel count (the tap stride in an interleaved row); writing those by hand invites typos.
// A test checks the checked-in .wat is what this writes, and the .wasm what the .wat assembles to.

/**
 * Taps on each side of the centre, per SSIM function: 5 is the 11-tap Gaussian window of the Wang
 * convention and MS-SSIM (`ssim_c<N>`), 3 scikit-image's default 7×7 uniform window (`ssim_r3_c<N>`).
 */
export const RADII = [5, 3] as const;
/** Channel counts with a specialised SSIM function. */
export const SSIM_CHANNELS = [1, 2, 3, 4] as const;
/** The export name of the SSIM function for `channels` channels and window radius `r`. */
export const ssimExportName = (channels: number, r: number): string => (r === 5 ? `ssim_c${channels}` : `ssim_r${r}_c${channels}`);
/** Bytes of one ring-buffer column pair: four moment maps × two float64 lanes. */
export const PAIR_BYTES = 64;

const get = (name: string) => `(local.get $${name})`;
const set = (name: string, value: string) => `(local.set $${name} ${value})`;
const i32 = (v: number) => `(i32.const ${v})`;
const add = (a: string, b: string) => `(i32.add ${a} ${b})`;
const mul = (a: string, b: string) => `(i32.mul ${a} ${b})`;
const vload = (addr: string, offset: number) => `(v128.load offset=${offset} ${addr})`;
const fadd = (a: string, b: string) => `(f64x2.add ${a} ${b})`;
const fsub = (a: string, b: string) => `(f64x2.sub ${a} ${b})`;
const fmul = (a: string, b: string) => `(f64x2.mul ${a} ${b})`;
/** a·b + c: relaxed SIMD's multiply-add (fused where the CPU has FMA). */
const fma = (a: string, b: string, c: string) => `(f64x2.relaxed_madd ${a} ${b} ${c})`;
// Whether the text being generated uses relaxed_madd (set by metricsKernelsWat for its variant),
// and the window radius of the SSIM function being generated (set by ssimFunction).
let fused = false;
let radius = 5;

/**
 * The symmetric window applied to 2r+1 loads: w0·centre + Σ w_t·(left_t + right_t), the pair of
 * taps at ±t sharing one multiply. `at(k)` loads tap k = 0..2r (centre r).
 */
function window(at: (k: number) => string): string {
  const r = radius;
  const pair = (t: number) => fadd(at(r - t), at(r + t));
  if (fused) {
    // two chains of fused multiply-adds (on the multiply ports: even and odd taps), joined by one add
    let even = fmul(get('vw0'), at(r));
    for (let t = 2; t <= r; t += 2) even = fma(get(`vw${t}`), pair(t), even);
    let odd = fmul(get('vw1'), pair(1));
    for (let t = 3; t <= r; t += 2) odd = fma(get(`vw${t}`), pair(t), odd);
    return fadd(even, odd);
  }
  // summed as a balanced tree, not a chain: short dependency chains
  let terms = [fmul(get('vw0'), at(r))];
  for (let t = 1; t <= r; t++) terms.push(fmul(get(`vw${t}`), pair(t)));
  while (terms.length > 1) {
    const next: string[] = [];
    for (let i = 0; i + 1 < terms.length; i += 2) next.push(fadd(terms[i], terms[i + 1]));
    if (terms.length % 2) next.push(terms[terms.length - 1]);
    terms = next;
  }
  return terms[0];
}

/** Loop over `counter` from 0 while below `limit`, running `body` (list of instructions). */
function loop(label: string, counter: string, limit: string, body: string[], step = 1): string[] {
  return [
    set(counter, i32(0)),
    `(block $${label}_done`,
    `  (loop $${label}`,
    `    (br_if $${label}_done (i32.ge_s ${get(counter)} ${limit}))`,
    ...body.map((l) => `    ${l}`),
    `    ${set(counter, add(get(counter), i32(step)))}`,
    `    (br $${label})))`,
  ];
}

/** The weights and constants every SSIM function splats into vectors. */
const SSIM_PARAMS = '(param $x_ptr i32) (param $y_ptr i32) (param $u8 i32) (param $row_len i32) (param $o0 i32) (param $o1 i32) (param $s0 i32) (param $s1 i32) (param $scratch i32) (param $res_ptr i32) (param $w0 f64) (param $w1 f64) (param $w2 f64) (param $w3 f64) (param $w4 f64) (param $w5 f64) (param $c1 f64) (param $c2 f64) (param $cov f64)';

/**
 * One SSIM function for `channels` interleaved channels. It sums SSIM and cs over output rows
 * o0..o1-1 and interleaved output columns s0..s1-1 (a band × strip of the valid region) and adds
 * the two sums to res_ptr[0], res_ptr[1].
 *
 * Why this shape: an interleaved row of C channels is a 1-D signal whose taps are C samples apart,
 * so all channels are filtered in one pass over the pixels (the mean over channels is the mean over
 * every sample of the valid region, each channel having the same count). Per input row the
 * products x, y, x²+y², xy (x² and y² only ever appear summed) are made once, filtered
 * horizontally, and the four filtered rows kept in a ring of 2r+2 rows; every second input row
 * then filters the ring vertically for two output rows at once (each ring value loaded once for
 * both) and evaluates SSIM in the same loop. Every product and filter runs
 * once per sample, and for strips of ~512 samples the ring ((2r+2) × 64 bytes per sample pair) stays in
 * the core's L2 cache. Everything is float64 (f64x2), so values match scikit-image's float64
 * arithmetic to rounding.
 *
 * Scratch layout (from $scratch): four product rows X, Y, Q, P of $lp bytes each, then the ring of
 * 2r+2 slots of npairs × 64 bytes (pair-blocked: column pair j holds X, Y, Q, P at +0, +16, +32, +48),
 * then 128 bytes for the moments of the column pair being evaluated.
 */
function ssimFunction(channels: number, r: number): string {
  radius = r;
  const span = 2 * r + 1;
  const ringSlots = span + 1;
  const halo = channels * r;
  const locals = [
    'ns', 'npairs', 'full', 'nprod', 'lp', 'ring', 'slot_bytes', 'i', 'i_end', 'rel', 'mom', 'k', 'jp', 'src', 'dst', 'p', 'q', 'slot',
    ...Array.from({ length: span + 1 }, (_, t) => `row${t}`),
  ];
  const vlocals = ['vw0', 'vw1', 'vw2', 'vw3', 'vw4', 'vw5', 'vc1', 'vc2', 'vcov', 'v2cov', 'vtwo', 'acc_s', 'acc_c', 'xv', 'yv', 'xw', 'yw', 'mxA', 'myA', 'mqA', 'mpA', 'mxB', 'myB', 'mqB', 'mpB', ...Array.from({ length: span + 1 }, (_, k) => `l${k}`), 'mxy', 'mm', 'a1', 'a2', 'b1', 'b2', 'inv', 'vs', 'vc'];
  const body: string[] = [];
  // geometry: ns output samples, npairs column pairs, nprod product samples (with the halo and 2 spare, to a multiple of 4)
  body.push(set('ns', `(i32.sub ${get('s1')} ${get('s0')})`));
  body.push(set('npairs', `(i32.shr_u ${add(get('ns'), i32(1))} ${i32(1)})`));
  body.push(set('full', `(i32.shr_u ${get('ns')} ${i32(1)})`));
  body.push(set('nprod', `(i32.shl ${get('npairs')} ${i32(1)})`));
  // a multiple of 4 (the uint8 loop converts four samples at a time)
  body.push(set('nprod', `(i32.and ${add(get('nprod'), i32(2 * halo + 2 + 3))} ${i32(-4)})`));
  body.push(set('lp', `(i32.shl ${get('nprod')} ${i32(3)})`));
  body.push(set('ring', add(get('scratch'), `(i32.shl ${get('lp')} ${i32(2)})`)));
  body.push(set('slot_bytes', `(i32.shl ${get('npairs')} ${i32(6)})`));
  body.push(set('mom', add(get('ring'), mul(get('slot_bytes'), i32(ringSlots)))));
  for (let t = 0; t <= r; t++) body.push(set(`vw${t}`, `(f64x2.splat ${get(`w${t}`)})`));
  body.push(set('vc1', `(f64x2.splat ${get('c1')})`));
  body.push(set('vc2', `(f64x2.splat ${get('c2')})`));
  body.push(set('vcov', `(f64x2.splat ${get('cov')})`));
  body.push(set('v2cov', `(f64x2.splat (f64.add ${get('cov')} ${get('cov')}))`));
  body.push(set('vtwo', '(f64x2.splat (f64.const 2))'));
  body.push(set('acc_s', '(f64x2.splat (f64.const 0))'));
  body.push(set('acc_c', get('acc_s')));

  // products of one input row: src = first sample (interleaved index) of the halo'd strip
  // uint8: four samples per iteration, widened 8 → 16 → 32 bits and converted two at a time
  const widen = (ptr: string) => `(i32x4.extend_low_i16x8_u (i16x8.extend_low_i8x16_u (v128.load32_zero ${add(get(ptr), get('p'))})))`;
  const high = (v: string) => `(i8x16.shuffle 8 9 10 11 12 13 14 15 0 1 2 3 4 5 6 7 ${v} ${v})`;
  const storeProducts = (x: string, y: string, offset: number) => [
    `(v128.store offset=${offset} ${get('dst')} ${x})`,
    `(v128.store offset=${offset} ${add(get('dst'), get('lp'))} ${y})`,
    `(v128.store offset=${offset} ${add(get('dst'), `(i32.shl ${get('lp')} ${i32(1)})`)} ${fadd(fmul(x, x), fmul(y, y))})`,
    `(v128.store offset=${offset} ${add(get('dst'), mul(get('lp'), i32(3)))} ${fmul(x, y)})`,
  ];
  const productsU8 = loop('prod8', 'k', get('nprod'), [
    set('p', add(get('src'), get('k'))),
    set('xw', widen('x_ptr')),
    set('yw', widen('y_ptr')),
    set('dst', add(get('scratch'), `(i32.shl ${get('k')} ${i32(3)})`)),
    set('xv', `(f64x2.convert_low_i32x4_u ${get('xw')})`),
    set('yv', `(f64x2.convert_low_i32x4_u ${get('yw')})`),
    ...storeProducts(get('xv'), get('yv'), 0),
    set('xv', `(f64x2.convert_low_i32x4_u ${high(get('xw'))})`),
    set('yv', `(f64x2.convert_low_i32x4_u ${high(get('yw'))})`),
    ...storeProducts(get('xv'), get('yv'), 16),
  ], 4);
  const productsF64 = loop('prod64', 'k', get('nprod'), [
    set('p', `(i32.shl ${add(get('src'), get('k'))} ${i32(3)})`),
    set('xv', vload(add(get('x_ptr'), get('p')), 0)),
    set('yv', vload(add(get('y_ptr'), get('p')), 0)),
    set('dst', add(get('scratch'), `(i32.shl ${get('k')} ${i32(3)})`)),
    `(v128.store ${get('dst')} ${get('xv')})`,
    `(v128.store ${add(get('dst'), get('lp'))} ${get('yv')})`,
    `(v128.store ${add(get('dst'), `(i32.shl ${get('lp')} ${i32(1)})`)} ${fadd(fmul(get('xv'), get('xv')), fmul(get('yv'), get('yv')))})`,
    `(v128.store ${add(get('dst'), mul(get('lp'), i32(3)))} ${fmul(get('xv'), get('yv'))})`,
  ], 2);
  // horizontal filter of the four product rows into ring slot $slot (pair-blocked)
  const horizontal = loop('hpass', 'jp', get('npairs'), [
    set('p', add(get('scratch'), `(i32.shl ${get('jp')} ${i32(4)})`)),
    set('dst', add(add(get('ring'), mul(get('slot'), get('slot_bytes'))), `(i32.shl ${get('jp')} ${i32(6)})`)),
    ...[0, 1, 2, 3].flatMap((m) => [
      set('q', m === 0 ? get('p') : add(get('p'), m === 1 ? get('lp') : mul(get('lp'), i32(m)))),
      `(v128.store offset=${16 * m} ${get('dst')} ${window((k) => vload(get('q'), 8 * channels * k))})`,
    ]),
  ]);
  // SSIM of one column pair from the moments m{x,y,q,p}{suffix}; `tail` keeps lane 0 only
  const ssimFrom = (sfx: string, tail: boolean): string[] => {
    const lines = [
      ...maps.map((name, m) => set(`m${name}${sfx}`, vload(get('mom'), momentOffset(m, sfx)))),
      set('mxy', fmul(get(`mx${sfx}`), get(`my${sfx}`))),
      set('mm', fadd(fmul(get(`mx${sfx}`), get(`mx${sfx}`)), fmul(get(`my${sfx}`), get(`my${sfx}`)))),
      set('a1', fadd(fmul(get('vtwo'), get('mxy')), get('vc1'))),
      set('b1', fadd(get('mm'), get('vc1'))),
      set('a2', fadd(fmul(get('v2cov'), fsub(get(`mp${sfx}`), get('mxy'))), get('vc2'))),
      set('b2', fadd(fmul(get('vcov'), fsub(get(`mq${sfx}`), get('mm'))), get('vc2'))),
      // one division serves both terms: ssim = a1·a2/(b1·b2), cs = a2·b1/(b1·b2)
      set('inv', `(f64x2.div (f64x2.splat (f64.const 1)) ${fmul(get('b1'), get('b2'))})`),
      set('vs', fmul(fmul(get('a1'), get('a2')), get('inv'))),
      set('vc', fmul(fmul(get('a2'), get('b1')), get('inv'))),
    ];
    if (tail) {
      lines.push(set('acc_s', `(f64x2.replace_lane 0 ${get('acc_s')} (f64.add (f64x2.extract_lane 0 ${get('acc_s')}) (f64x2.extract_lane 0 ${get('vs')})))`));
      lines.push(set('acc_c', `(f64x2.replace_lane 0 ${get('acc_c')} (f64.add (f64x2.extract_lane 0 ${get('acc_c')}) (f64x2.extract_lane 0 ${get('vc')})))`));
    } else {
      lines.push(set('acc_s', fadd(get('acc_s'), get('vs'))));
      lines.push(set('acc_c', fadd(get('acc_c'), get('vc'))));
    }
    return lines;
  };
  const maps = ['x', 'y', 'q', 'p'];
  // The moments of a column pair go through a 128-byte block in memory ($mom) rather than straight
  // into the SSIM formula: a store is ordered with the loads around it, so each map's window is
  // computed right after its loads. Without it TurboFan sinks all the arithmetic below the last of
  // the 44-48 loads and spills most of them to the stack.
  const momentOffset = (m: number, sfx: string) => 16 * (m + (sfx === 'B' ? 4 : 0));
  // one output row: the vertical window over ring rows row0..row10 at column pair jp
  const oneRow = (tail: boolean): string[] => [
    set('q', `(i32.shl ${get('jp')} ${i32(6)})`),
    ...maps.map((_name, m) => `(v128.store offset=${momentOffset(m, 'A')} ${get('mom')} ${window((k) => vload(add(get(`row${k}`), get('q')), 16 * m))})`),
    ...ssimFrom('A', tail),
  ];
  // two output rows at once: rows row0..row11 are each loaded once and serve both windows
  // (row0..row10 and row1..row11), which nearly halves the loads of the vertical pass
  const twoRows = (tail: boolean): string[] => [
    set('q', `(i32.shl ${get('jp')} ${i32(6)})`),
    ...maps.flatMap((_name, m) => [
      ...Array.from({ length: span + 1 }, (_, k) => set(`l${k}`, vload(add(get(`row${k}`), get('q')), 16 * m))),
      `(v128.store offset=${momentOffset(m, 'A')} ${get('mom')} ${window((k) => get(`l${k}`))})`,
      `(v128.store offset=${momentOffset(m, 'B')} ${get('mom')} ${window((k) => get(`l${k + 1}`))})`,
    ]),
    ...ssimFrom('A', tail),
    ...ssimFrom('B', tail),
  ];
  // ring slot of relative input row t is t mod (2r+2); rows needed end at the current row `rel`
  const ringPointers = (count: number) =>
    Array.from({ length: count }, (_, t) =>
      set(`row${t}`, add(get('ring'), mul(`(i32.rem_u ${add(get('rel'), i32(ringSlots - count + 1 + t))} ${i32(ringSlots)})`, get('slot_bytes')))),
    );
  const emit = (count: number, body: (tail: boolean) => string[], label: string) => [
    ...ringPointers(count),
    ...loop(label, 'jp', get('full'), body(false)),
    `(if (i32.and ${get('ns')} ${i32(1)}) (then ${body(true).join('\n  ')}))`,
  ];
  const rows = [
    set('i', get('o0')),
    set('i_end', add(get('o1'), i32(2 * r))),
    '(block $rows_done',
    '  (loop $rows',
    `    (br_if $rows_done (i32.ge_s ${get('i')} ${get('i_end')}))`,
    `    ${set('rel', `(i32.sub ${get('i')} ${get('o0')})`)}`,
    `    ${set('src', `(i32.sub ${add(mul(get('i'), get('row_len')), get('s0'))} ${i32(halo)})`)}`,
    `    (if ${get('u8')} (then ${productsU8.join('\n      ')}) (else ${productsF64.join('\n      ')}))`,
    `    ${set('slot', `(i32.rem_u ${get('rel')} ${i32(ringSlots)})`)}`,
    ...horizontal.map((l) => `    ${l}`),
    // output rows rel-2r-1 and rel-2r once rel is odd and past 2r; an odd last output row alone
    `    (if (i32.and (i32.ge_s ${get('rel')} ${i32(2 * r + 1)}) (i32.and ${get('rel')} ${i32(1)})) (then`,
    ...emit(span + 1, twoRows, 'vpass2').map((l) => `      ${l}`),
    `    ) (else (if (i32.and (i32.eq ${add(get('i'), i32(1))} ${get('i_end')}) (i32.eqz (i32.and ${get('rel')} ${i32(1)}))) (then`,
    ...emit(span, oneRow, 'vpass1').map((l) => `      ${l}`),
    '    ))))',
    `    ${set('i', add(get('i'), i32(1)))}`,
    '    (br $rows)))',
  ];
  body.push(...rows);
  body.push(`(f64.store ${get('res_ptr')} (f64.add (f64.load ${get('res_ptr')}) (f64.add (f64x2.extract_lane 0 ${get('acc_s')}) (f64x2.extract_lane 1 ${get('acc_s')}))))`);
  body.push(`(f64.store offset=8 ${get('res_ptr')} (f64.add (f64.load offset=8 ${get('res_ptr')}) (f64.add (f64x2.extract_lane 0 ${get('acc_c')}) (f64x2.extract_lane 1 ${get('acc_c')}))))`);
  return [
    `  ;; SSIM with a ${2 * r + 1}-tap window over ${channels} interleaved channel${channels > 1 ? 's' : ''} (tap stride ${channels} samples)`,
    `  (func (export "${ssimExportName(channels, r)}") ${SSIM_PARAMS}`,
    `    ${locals.map((l) => `(local $${l} i32)`).join(' ')}`,
    `    ${vlocals.map((l) => `(local $${l} v128)`).join(' ')}`,
    ...body.map((l) => `    ${l}`),
    '  )',
  ].join('\n');
}

/**
 * 2×2 average pooling of an interleaved frame, per channel, dropping an odd last row or column
 * (torch's avg_pool2d, MS-SSIM's downsampling): float64 out, uint8 or float64 in. Summed in the
 * order ((top-left + top-right) + bottom-left) + bottom-right, then × 0.25, as the TypeScript loop
 * it replaces did; on 8-bit data every level is exact in float64 anyway.
 */
function halveFunction(channels: number): string {
  const body = (u8: boolean) => {
    const at = (offset: string) =>
      u8 ? `(f64.convert_i32_u (i32.load8_u ${add(get('src'), offset)}))` : `(f64.load (i32.add ${get('src')} (i32.shl ${offset} (i32.const 3))))`;
    const lines: string[] = [];
    for (let c = 0; c < channels; c++) {
      const a = add(get('k'), i32(c));
      const sum = `(f64.add (f64.add (f64.add ${at(a)} ${at(add(a, i32(channels)))}) ${at(add(a, get('row_len')))}) ${at(add(add(a, get('row_len')), i32(channels)))})`;
      lines.push(`(f64.store offset=${8 * c} ${get('out')} (f64.mul ${sum} (f64.const 0.25)))`);
    }
    return lines;
  };
  const columns = (u8: boolean) =>
    loop(u8 ? 'cols8' : 'cols64', 'j', get('w2'), [
      set('k', add(get('r0'), mul(get('j'), i32(2 * channels)))),
      ...body(u8),
      set('out', add(get('out'), i32(8 * channels))),
    ]);
  return [
    `  ;; 2x2 average pooling over ${channels} interleaved channel${channels > 1 ? 's' : ''} (float64 out)`,
    `  (func (export "halve_c${channels}") (param $src i32) (param $u8 i32) (param $width i32) (param $height i32) (param $dst i32)`,
    '    (local $w2 i32) (local $h2 i32) (local $row_len i32) (local $i i32) (local $j i32) (local $r0 i32) (local $k i32) (local $out i32)',
    `    ${set('w2', `(i32.shr_u ${get('width')} ${i32(1)})`)}`,
    `    ${set('h2', `(i32.shr_u ${get('height')} ${i32(1)})`)}`,
    `    ${set('row_len', mul(get('width'), i32(channels)))}`,
    `    ${set('out', get('dst'))}`,
    ...loop('halve_rows', 'i', get('h2'), [
      set('r0', mul(mul(get('i'), i32(2)), get('row_len'))),
      `(if ${get('u8')} (then ${columns(true).join('\n      ')}) (else ${columns(false).join('\n      ')}))`,
    ]).map((l) => `    ${l}`),
    '  )',
  ].join('\n');
}

/** What one exact uint8 sum adds: per 16-byte step into $acc, and per leftover byte into $tail. */
interface U8Sum {
  /** Its export name and the comment above it. */
  name: string;
  comment: string;
  /** The byte arrays it reads (i32 addresses, before $n). */
  arrays: string[];
  /** The v128 locals its vector step uses. */
  vectors: string[];
  /** Lines that load 16 bytes at $i and add their terms to the i32x4 $acc. */
  vectorStep: string[];
  /** Lines that leave one byte's term (at $i) in $block, and the i32 expression added to $tail. */
  scalarStep: string[];
  scalarTerm: string;
}

/**
 * An exact sum over n bytes: 16 bytes a step into 32-bit lanes, widened into two 64-bit sums every
 * 64 KiB (so no lane overflows, whatever the term), then the last n mod 16 bytes one at a time.
 */
function exactU8Sum(sum: U8Sum): string {
  const params = [...sum.arrays, 'n'].map((a) => `(param $${a} i32)`).join(' ');
  const vectors = sum.vectors.map((v) => `(local $${v} v128)`).join(' ');
  return [
    `  ;; ${sum.comment}`,
    `  (func (export "${sum.name}") ${params} (result f64)`,
    `    (local $i i32) (local $end i32) (local $block i32) ${vectors} (local $acc v128) (local $wide v128) (local $tail i64)`,
    '    (local.set $end (i32.and (local.get $n) (i32.const -16)))',
    '    (local.set $wide (i64x2.splat (i64.const 0)))',
    '    (local.set $i (i32.const 0))',
    '    (block $blocks_done',
    '      (loop $blocks',
    '        (br_if $blocks_done (i32.ge_u (local.get $i) (local.get $end)))',
    '        (local.set $block (i32.add (local.get $i) (i32.const 65536)))',
    '        (if (i32.gt_u (local.get $block) (local.get $end)) (then (local.set $block (local.get $end))))',
    '        (local.set $acc (i32x4.splat (i32.const 0)))',
    '        (block $vec_done',
    '          (loop $vec',
    '            (br_if $vec_done (i32.ge_u (local.get $i) (local.get $block)))',
    ...sum.vectorStep.map((line) => `            ${line}`),
    '            (local.set $i (i32.add (local.get $i) (i32.const 16)))',
    '            (br $vec)))',
    '        (local.set $wide (i64x2.add (local.get $wide) (i64x2.extend_low_i32x4_u (local.get $acc))))',
    '        (local.set $wide (i64x2.add (local.get $wide) (i64x2.extend_high_i32x4_u (local.get $acc))))',
    '        (br $blocks)))',
    '    (local.set $tail (i64.add (i64x2.extract_lane 0 (local.get $wide)) (i64x2.extract_lane 1 (local.get $wide))))',
    '    (block $tail_done',
    '      (loop $tail_loop',
    '        (br_if $tail_done (i32.ge_u (local.get $i) (local.get $n)))',
    ...sum.scalarStep.map((line) => `        ${line}`),
    `        (local.set $tail (i64.add (local.get $tail) (i64.extend_i32_u ${sum.scalarTerm})))`,
    '        (local.set $i (i32.add (local.get $i) (i32.const 1)))',
    '        (br $tail_loop)))',
    '    (f64.convert_i64_u (local.get $tail)))',
  ].join('\n');
}

/** The byte of array `a` at $i, as an i32. */
const byteAt = (a: string) => `(i32.load8_u (i32.add (local.get $${a}) (local.get $i)))`;

/** The 16 bytes of array `a` at $i into the v128 local `v`. */
const load16 = (v: string, a: string) => `(local.set $${v} (v128.load (i32.add (local.get $${a}) (local.get $i))))`;

/**
 * Sum of squared differences of two uint8 arrays, exact: |a−b| from two saturating subtractions,
 * widened to 16 bits and squared-and-pair-summed by i32x4.dot_i16x8_s; the 32-bit lanes take at
 * most 4096 vectors (4096 × 2 × 2 × 255² < 2³¹) before they are widened into 64-bit sums.
 */
function sseU8(): string {
  const squares = (ext: string) => `(i32x4.dot_i16x8_s (${ext} (local.get $d)) (${ext} (local.get $d)))`;
  return exactU8Sum({
    name: 'sse_u8',
    comment: 'exact sum of squared differences of two uint8 arrays of n bytes',
    arrays: ['a', 'b'],
    vectors: ['va', 'vb', 'd'],
    vectorStep: [
      load16('va', 'a'),
      load16('vb', 'b'),
      '(local.set $d (v128.or (i8x16.sub_sat_u (local.get $va) (local.get $vb)) (i8x16.sub_sat_u (local.get $vb) (local.get $va))))',
      `(local.set $acc (i32x4.add (local.get $acc) ${squares('i16x8.extend_low_i8x16_u')}))`,
      `(local.set $acc (i32x4.add (local.get $acc) ${squares('i16x8.extend_high_i8x16_u')}))`,
    ],
    scalarStep: [`(local.set $block (i32.sub ${byteAt('a')} ${byteAt('b')}))`],
    scalarTerm: '(i32.mul (local.get $block) (local.get $block))',
  });
}

/**
 * Σ |(b1 − b0) − (a1 − a0)| over four uint8 arrays, exact: (b1 + a0) − (b0 + a1) fits 16 bits
 * (|·| ≤ 510), and pairwise-widened absolute values fit 32-bit lanes for far more than a block.
 */
function flickerU8(): string {
  const half = (ext: string) =>
    `(i16x8.abs (i16x8.sub (i16x8.add (${ext} (local.get $v3)) (${ext} (local.get $v0))) (i16x8.add (${ext} (local.get $v2)) (${ext} (local.get $v1)))))`;
  return exactU8Sum({
    name: 'flicker_u8',
    comment: 'exact sum of |(b1 - b0) - (a1 - a0)| over n bytes of four uint8 arrays (a0, a1: reference; b0, b1: test)',
    arrays: ['a0', 'a1', 'b0', 'b1'],
    vectors: ['v0', 'v1', 'v2', 'v3'],
    vectorStep: [
      load16('v0', 'a0'),
      load16('v1', 'a1'),
      load16('v2', 'b0'),
      load16('v3', 'b1'),
      `(local.set $acc (i32x4.add (local.get $acc) (i32x4.extadd_pairwise_i16x8_u ${half('i16x8.extend_low_i8x16_u')})))`,
      `(local.set $acc (i32x4.add (local.get $acc) (i32x4.extadd_pairwise_i16x8_u ${half('i16x8.extend_high_i8x16_u')})))`,
    ],
    scalarStep: [
      '(local.set $block (i32.sub',
      `  (i32.add ${byteAt('b1')} ${byteAt('a0')})`,
      `  (i32.add ${byteAt('b0')} ${byteAt('a1')})))`,
      '(if (i32.lt_s (local.get $block) (i32.const 0)) (then (local.set $block (i32.sub (i32.const 0) (local.get $block)))))',
    ],
    scalarTerm: '(local.get $block)',
  });
}

/** The whole module's text. */
export function metricsKernelsWat(variant: 'plain' | 'fma' = 'plain'): string {
  fused = variant === 'fma';
  return [
    ';; GENERATED by wasm/generate-kernels.ts: edit that file, then run',
    `;; \`npm run build:wasm -w @evalkit/recon-metrics\` (writes this text and src/io/metrics${fused ? '-fma' : ''}.wasm).`,
    ';;',
    fused
      ? ';; Variant "fma": the filters use relaxed SIMD f64x2.relaxed_madd (one fused multiply-add on CPUs with FMA).'
      : ';; Variant "plain": WebAssembly SIMD 1.0 only (separate multiply and add).',
    ';; Kernels of @evalkit/recon-metrics: SSIM over interleaved channels with the 11-tap window',
    ';; (ssim_c1..ssim_c4) and the 7-tap one (ssim_r3_c1..ssim_r3_c4), MS-SSIM\'s 2x2 pooling (halve_c1..halve_c4), and the exact 8-bit reductions',
    ';; of PSNR (sse_u8) and flicker (flicker_u8).',
    ';; Memory is imported (env.memory, shared so worker threads can run strips of one image); the',
    ';; caller lays out inputs, scratch and results.',
    '(module',
    '  (import "env" "memory" (memory 1 65536 shared))',
    ...RADII.flatMap((r) => SSIM_CHANNELS.map((c) => ssimFunction(c, r))),
    ...SSIM_CHANNELS.map(halveFunction),
    sseU8(),
    flickerU8(),
    ')',
    '',
  ].join('\n');
}
