import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DecoderSession, readLatents } from '@evalkit/decoder-runtime';
import { fixturePath, requireSystemTool, runReferenceScript, turboVaedReference } from '@evalkit/test-harness';

// tools/reference-decoders/export_onnx.py makes the "PyTorch export" rows of `bench decoders`. LTX-Video
// 0.9.0 is the decoder whose torch 1.13 export onnxruntime refuses as exported (Transpose perm -1): the
// script must repair exactly that, say so in its manifest, and the repaired file must load in
// onnxruntime-node and decode as PyTorch did. Reduced-width fixture weights keep it small.
const tools = requireSystemTool('python3-torch', 'python3-onnx', 'python3-numpy');
const reference = turboVaedReference(tools);

describe('export_onnx.py', () => {
  reference.it(
    'exports LTX-Video 0.9.0, repairs its negative Transpose perms, and the file decodes in onnxruntime-node as PyTorch did (max |d| <= 1e-4)',
    async () => {
      const out = mkdtempSync(join(tmpdir(), 'evk-export-'));
      try {
        const weights = fixturePath('reference-decoders', 'ltx-video-0.9.0', 'weights.safetensors');
        runReferenceScript('tools/reference-decoders/export_onnx.py', [reference.path, out, '--models', 'ltx-video-0.9.0', '--weights', `ltx-video-0.9.0=${weights}`, '--height', '32', '--width', '32', '--frames', '9', '--threads', '1'], { timeoutMs: 240_000 });
        const manifest = JSON.parse(readFileSync(join(out, 'manifest.json'), 'utf8')) as { torch: string; opset: number; models: Record<string, { latentShape: number[]; outputShape: number[]; repairs: string[]; weights: string }> };
        const entry = manifest.models['ltx-video-0.9.0'];
        expect(manifest.opset).toBe(17);
        expect(manifest.torch).toMatch(/^1\./);
        expect(entry).toMatchObject({ latentShape: [1, 16, 2, 1, 1], outputShape: [1, 3, 9, 32, 32], weights });
        expect(entry.repairs.length).toBeGreaterThan(0);
        expect(entry.repairs.every((r) => /^Transpose .*: perm \[0, -1, 1, 2, 3\] -> \[0, 4, 1, 2, 3\]$/.test(r))).toBe(true);

        const session = await DecoderSession.open(join(out, 'ltx-video-0.9.0.onnx'), { threads: 1 });
        const video = await session.decode(readLatents(join(out, 'ltx-video-0.9.0.latents.npy')));
        await session.release();
        const torch = readLatents(join(out, 'ltx-video-0.9.0.torch.npy'));
        expect(video.shape).toEqual(torch.shape);
        let diff = 0;
        for (let i = 0; i < torch.data.length; i++) diff = Math.max(diff, Math.abs(video.data[i] - torch.data[i]));
        expect(diff).toBeLessThanOrEqual(1e-4);
      } finally {
        rmSync(out, { recursive: true, force: true });
      }
    },
    240_000,
  );
});
