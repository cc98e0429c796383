import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { GraphBuilder, conv, writeOnnxFile } from '@evalkit/onnx-graph';
import { filesByModel, parseBenchModels } from '../src';
import { describeOnnxFile, fileLatentShape } from '../src/decoders/file-model';
import { parseBenchModel } from '../src/decoders/bench-models';
import { resolvePairs, timingGroups } from '../src/decoders/bench-pairs';

describe('--models entries', () => {
  it('reads zoo names, zoo:NAME@WEIGHTS and ONNX files, each with an optional label', () => {
    expect(parseBenchModel('hunyuanvideo')).toEqual({ kind: 'zoo', id: 'hunyuanvideo', labelled: false, zooModel: 'hunyuanvideo' });
    expect(parseBenchModel('zoo:hunyuanvideo@vae/model.safetensors')).toEqual({ kind: 'zoo', id: 'hunyuanvideo', labelled: false, zooModel: 'hunyuanvideo', weights: 'vae/model.safetensors' });
    expect(parseBenchModel('hv=zoo:hunyuanvideo@w.safetensors.index.json')).toEqual({ kind: 'zoo', id: 'hv', labelled: true, zooModel: 'hunyuanvideo', weights: 'w.safetensors.index.json' });
    expect(parseBenchModel('mine=out/my decoder.onnx')).toEqual({ kind: 'file', id: 'mine', labelled: true, path: 'out/my decoder.onnx' });
    // Without a label a file is named after itself; a path with "=" in a folder name is still a path.
    expect(parseBenchModel('exports/v2.onnx')).toMatchObject({ kind: 'file', id: 'v2', path: 'exports/v2.onnx' });
    expect(parseBenchModel('runs/a=b/v3.ONNX')).toMatchObject({ kind: 'file', id: 'v3', path: 'runs/a=b/v3.ONNX' });
    // torch:NAME is the reference PyTorch model; its default label has no colon, so --pair can name it.
    expect(parseBenchModel('torch:hunyuanvideo')).toEqual({ kind: 'torch', id: 'torch-hunyuanvideo', labelled: false, zooModel: 'hunyuanvideo' });
    expect(parseBenchModel('eager=torch:wan-2.1@vae/w.safetensors')).toEqual({ kind: 'torch', id: 'eager', labelled: true, zooModel: 'wan-2.1', weights: 'vae/w.safetensors' });
  });

  it('refuses unknown zoo names, empty weights, odd labels and a label used twice', () => {
    expect(() => parseBenchModel('sd-vae')).toThrow(/field "--models", value "sd-vae": unknown zoo decoder; the zoo has turbo-vaed-hunyuan, .* \(or give an ONNX file/);
    expect(() => parseBenchModel('zoo:sd-vae@x.safetensors')).toThrow(/unknown zoo decoder/);
    expect(() => parseBenchModel('zoo:cogvideox@')).toThrow(/zoo:NAME@WEIGHTS\.safetensors/);
    expect(() => parseBenchModel('torch:sd-vae')).toThrow(/value "torch:sd-vae": unknown reference decoder; torch:NAME takes one of turbo-vaed-hunyuan/);
    expect(() => parseBenchModel('my model=x.onnx')).toThrow(/value "my model=x.onnx": a label is a plain name/);
    expect(() => parseBenchModels(['a/v2.onnx', 'b/v2.onnx'])).toThrow(/field "--models", value "v2": the label "v2" names two models/);
  });

  it('reads onnxruntime session options after a zoo or file row and refuses them on a torch row', () => {
    expect(parseBenchModel('np=zoo:wan-2.1#pattern=off#spin=off')).toEqual({ kind: 'zoo', id: 'np', labelled: true, zooModel: 'wan-2.1', session: { memPattern: false, allowSpinning: false } });
    expect(parseBenchModel('zoo:cogvideox@w.safetensors#opt=extended#arena=on')).toEqual({ kind: 'zoo', id: 'cogvideox', labelled: false, zooModel: 'cogvideox', weights: 'w.safetensors', session: { graphOptimizationLevel: 'extended', cpuMemArena: true } });
    expect(parseBenchModel('exports/v2.onnx#opt=basic')).toMatchObject({ kind: 'file', id: 'v2', path: 'exports/v2.onnx', session: { graphOptimizationLevel: 'basic' } });
    expect(() => parseBenchModel('zoo:wan-2.1#opt=fast')).toThrow(/field "--models", value "zoo:wan-2.1#opt=fast": #opt takes disabled, basic, extended, all/);
    expect(() => parseBenchModel('zoo:wan-2.1#spin=maybe')).toThrow(/#spin takes on or off/);
    expect(() => parseBenchModel('zoo:wan-2.1#threads=4')).toThrow(/unknown session option "threads"; a row takes #opt=/);
    expect(() => parseBenchModel('zoo:wan-2.1#spin=on#spin=off')).toThrow(/#spin is given twice/);
    expect(() => parseBenchModel('zoo:wan-2.1#')).toThrow(/unknown session option ""/);
    expect(() => parseBenchModel('torch:wan-2.1#spin=off')).toThrow(/a torch:NAME row runs PyTorch/);
  });

  it('gives --weights to zoo models by label, never to a file and never twice', () => {
    const models = parseBenchModels(['hv=zoo:hunyuanvideo', 'mine=m.onnx'], { hv: 'w.safetensors' });
    expect(models[0]).toMatchObject({ id: 'hv', weights: 'w.safetensors' });
    expect(() => parseBenchModels(['mine=m.onnx'], { mine: 'w.safetensors' })).toThrow(/field "--weights", value "mine=w.safetensors": --weights applies to zoo and torch decoders/);
    expect(parseBenchModels(['eager=torch:hunyuanvideo'], { eager: 'w.safetensors' })[0]).toMatchObject({ kind: 'torch', weights: 'w.safetensors' });
    expect(() => parseBenchModels(['zoo:wan-2.1@a.safetensors'], { 'wan-2.1': 'b.safetensors' })).toThrow(/already has weights from --models/);
  });

  it('reads per-model file flags: LABEL=FILE lists, a bare file for all models or for the only one', () => {
    expect(filesByModel('z.npy', ['a', 'b'], '--latents', 'all')).toEqual({ a: 'z.npy', b: 'z.npy' });
    expect(filesByModel('a=z.npz:latents,b=y.npy', ['a', 'b'], '--latents', 'all')).toEqual({ a: 'z.npz:latents', b: 'y.npy' });
    expect(filesByModel('w.safetensors', ['a'], '--weights', 'one')).toEqual({ a: 'w.safetensors' });
    expect(() => filesByModel('w.safetensors', ['a', 'b'], '--weights', 'one')).toThrow(/name each checkpoint/);
    expect(() => filesByModel('c=z.npy', ['a', 'b'], '--latents', 'all')).toThrow(/field "--latents", value "c=z.npy": expected NAME=FILE with NAME one of the benched models \(a, b\)/);
  });
});

describe('--pair', () => {
  const models = parseBenchModels(['hunyuanvideo', 'turbo-vaed-hunyuan', 'mine=m.onnx', 'cogvideox']);

  it('defaults to the zoo pairs present and otherwise takes the pairs as given', () => {
    expect(resolvePairs(undefined, models)).toEqual([{ baseline: 'hunyuanvideo', candidate: 'turbo-vaed-hunyuan' }]);
    expect(resolvePairs(['hunyuanvideo:mine', 'hunyuanvideo:turbo-vaed-hunyuan', 'hunyuanvideo:mine'], models)).toEqual([
      { baseline: 'hunyuanvideo', candidate: 'mine' },
      { baseline: 'hunyuanvideo', candidate: 'turbo-vaed-hunyuan' },
    ]);
  });

  it('refuses a label that is not benched, a malformed pair and a model paired with itself', () => {
    expect(() => resolvePairs(['hunyuanvideo:yours'], models)).toThrow(/field "--pair", value "hunyuanvideo:yours": "yours" is not a benched model; the labels are hunyuanvideo, turbo-vaed-hunyuan, mine, cogvideox/);
    expect(() => resolvePairs(['hunyuanvideo'], models)).toThrow(/value "hunyuanvideo": expected BASELINE:CANDIDATE/);
    expect(() => resolvePairs(['mine:mine'], models)).toThrow(/two different models/);
  });

  it('times linked models together (a baseline with two candidates is one group of three) and the rest alone', () => {
    const ids = ['mine', 'cogvideox', 'hunyuanvideo', 'turbo-vaed-hunyuan', 'other'];
    expect(timingGroups(ids, [{ baseline: 'hunyuanvideo', candidate: 'mine' }, { baseline: 'hunyuanvideo', candidate: 'turbo-vaed-hunyuan' }])).toEqual([['mine', 'hunyuanvideo', 'turbo-vaed-hunyuan'], ['cogvideox'], ['other']]);
    expect(timingGroups(ids, [])).toEqual(ids.map((id) => [id]));
  });
});

describe('an ONNX decoder file', () => {
  let dir: string;
  beforeAll(() => (dir = mkdtempSync(join(tmpdir(), 'evk-file-model-'))));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const write = (name: string, build: (g: GraphBuilder) => void) => {
    const g = new GraphBuilder();
    build(g);
    const path = join(dir, name);
    writeOnnxFile(path, g);
    return path;
  };

  it('takes fixed dims from the file and the others from the request through the geometry', () => {
    const path = write('half-fixed.onnx', (g) => g.output(conv(g, g.input('z', [1, 128, 3, 2, 2], 'float32', { dimNames: [undefined, undefined, undefined, 'h', 'w'] }), { outChannels: 3, kernel: [1, 1, 1] })));
    const facts = describeOnnxFile(path);
    expect(facts.params).toBe(128 * 3 + 3);
    // 128 channels and 3 frames fixed; 256 px / 32 = 8 for h and w.
    expect(fileLatentShape(facts, { height: 256, width: 128, frames: 17, geometry: { compression: [8, 32, 32], frameRule: 'causal' } })).toEqual([1, 128, 3, 8, 4]);
    expect(() => fileLatentShape(facts, { height: 250, width: 128, frames: 17, geometry: { compression: [8, 32, 32], frameRule: 'causal' } })).toThrow(/field "--height", value 250: must be a multiple of the spatial compression 32/);
    expect(() => fileLatentShape(facts, { height: 256, width: 256, frames: 17, latentChannels: 16, geometry: { compression: [8, 32, 32], frameRule: 'causal' } })).toThrow(/field "--latent-channels", value 16: the file's latent input has 128 channels/);
  });

  it('with symbolic frames, takes the fewest latent frames that give the requested output frames', () => {
    const path = write('dynamic.onnx', (g) => g.output(conv(g, g.input('z', [1, 16, 2, 2, 2], 'float32', { dimNames: ['n', 'c', 't', 'h', 'w'] }), { outChannels: 3, kernel: [1, 1, 1] })));
    const facts = describeOnnxFile(path);
    // 4T-3 >= 17 -> T = 5; 4T >= 17 -> T = 5 as well; 4T >= 16 -> 4 (hand-derived).
    expect(fileLatentShape(facts, { height: 64, width: 64, frames: 17, geometry: { compression: [4, 8, 8], frameRule: 'causal' } })).toEqual([1, 16, 5, 8, 8]);
    expect(fileLatentShape(facts, { height: 64, width: 64, frames: 16, geometry: { compression: [4, 8, 8], frameRule: 'plain' } })).toEqual([1, 16, 4, 8, 8]);
  });

  it('refuses a file that is not ONNX and inputs that are not one float32 tensor of rank 5', () => {
    const text = join(dir, 'notes.onnx');
    writeFileSync(text, 'exported with care\n');
    expect(() => describeOnnxFile(text)).toThrow(/notes\.onnx: not an ONNX model/);
    expect(() => describeOnnxFile(join(dir, 'absent.onnx'))).toThrow(/absent\.onnx: no such ONNX model file/);
    const rank4 = write('rank4.onnx', (g) => g.output(conv(g, g.input('latent', [1, 16, 4, 4]), { outChannels: 3, kernel: [1, 1] })));
    expect(() => describeOnnxFile(rank4)).toThrow(/rank4\.onnx, field "graph\.input "latent" shape", value "1x16x4x4": the latent input must be a float32 tensor of rank 5/);
    const ints = write('int-input.onnx', (g) => g.output(g.addNode('Cast', [g.input('codes', [1, 16, 2, 4, 4], 'int64')], [[1, 16, 2, 4, 4]], { attributes: { to: 1 }, dtypes: ['float32'] })[0]));
    expect(() => describeOnnxFile(ints)).toThrow(/int-input\.onnx, field "graph\.input "codes" type", value "int64": the latent input must be a float32 tensor of rank 5/);
    const two = write('two-inputs.onnx', (g) => {
      const a = g.input('latent', [1, 16, 2, 4, 4]);
      const b = g.input('timestep', [1, 16, 2, 4, 4]);
      g.output(g.addNode('Add', [a, b], [[1, 16, 2, 4, 4]])[0]);
    });
    expect(() => describeOnnxFile(two)).toThrow(/two-inputs\.onnx, field "graph\.input", value \["latent","timestep"\]: a decoder takes one input/);
  });
});
