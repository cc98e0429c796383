#!/usr/bin/python3
"""Exports the reference decoders of the zoo with PyTorch's own ONNX exporter, for `evalkit bench decoders`.

Builds each decoder from the public Turbo-VAED code (https://github.com/hustvl/Turbo-VAED, imported from the
checkout named on the command line; nothing of it is copied) with Debian's PyTorch, full width with seeded
weights (torch.manual_seed(SEED), the weights `torch:NAME` rows of `evalkit bench decoders` use) or with a
checkpoint's, and writes `vae.decode(latent).sample` as OUT/<name>.onnx via torch.onnx.export at one fixed
latent size: by default the one that gives 17 frames of 64x64 (Turbo-VAED-DC's 4T rule gives 20).
Input `latent` [1, C, T, h, w], output `video` [1, 3, F, H, W], as the zoo's graphs.

Beside each export: <name>.latents.npy (seeded latents of that shape) and <name>.torch.npy (PyTorch's output
for them, float32), so the export can be checked in onnxruntime. OUT/manifest.json records the torch and onnx
versions, the reference commit, the opset, the shapes and any repair.

Repairs, only where onnxruntime would refuse the export, made with python3-onnx and listed per model in the
manifest: Transpose perms with negative axes (PyTorch 1.13 exports LTX's movedim(1, -1) as perm {0,-1,1,2,3},
which onnxruntime rejects) are rewritten as the same axes counted from the front. Nothing else is changed.

Substitutions while tracing, for operators PyTorch 1.13 cannot export, listed in the manifest; they hold
only during torch.onnx.export, never for the <name>.torch.npy output, so checking the export against it in
onnxruntime covers them: Tensor.unflatten (the attention processors' head split; aten::unflatten has no
ONNX symbolic in 1.13) is traced as the equivalent reshape; Wan's nearest-exact 2x upsampling as nearest
(for an integer factor both take source pixel i // 2); and HunyuanVideo's causal attention mask, built
with repeat_interleave and meshgrid, as where(frame(j) <= frame(k), 0, -inf) with frame = token // hw.

Usage:
  /usr/bin/python3 tools/reference-decoders/export_onnx.py REFERENCE_CHECKOUT OUT_DIR [--models a,b]
      [--height 64 --width 64 --frames 17] [--weights NAME=FILE.safetensors ...] [--config NAME=config.json ...]
      [--opset 17] [--seed 0]
The files are large (HunyuanVideo 585 MB, LTX-Video 955 MB): write them outside the repository.
"""
import argparse
import json
import os
import sys
import time

import numpy as np
import onnx
import torch

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), '..', '..', 'packages', 'bench', 'python'))
from turbo_vaed_reference import (  # noqa: E402
    build_decoder, decoder_params, import_reference, latent_channels, patch_torch, published, reference_commit)

# (time compression, spatial compression, output frames of T latent frames) per decoder, as published.
GEOMETRY = {
    'turbo-vaed-hunyuan': (4, 8, lambda t: 4 * t - 3),
    'turbo-vaed-cog': (4, 8, lambda t: 4 * t - 3),
    'turbo-vaed-ltx': (8, 32, lambda t: 8 * t - 7),
    'turbo-vaed-dc': (4, 32, lambda t: 4 * t),
    'hunyuanvideo': (4, 8, lambda t: 4 * t - 3),
    'cogvideox': (4, 8, lambda t: 4 * t - 3),
    'ltx-video-0.9.0': (8, 32, lambda t: 8 * t - 7),
    'wan-2.1': (4, 8, lambda t: 4 * t - 3),
}


class Decode(torch.nn.Module):
    """vae.decode(latent).sample as one module, the function torch.onnx.export traces."""

    def __init__(self, vae):
        super().__init__()
        self.vae = vae

    def forward(self, latent):
        return self.vae.decode(latent).sample


def latent_size(name, frames, height, width):
    _, s, rule = GEOMETRY[name]
    t = 1
    while rule(t) < frames:
        t += 1
    if height % s or width % s:
        raise SystemExit(f'{name}: --height and --width must be multiples of its spatial compression {s} (got {height}x{width})')
    return t, height // s, width // s


def _causal_mask(num_frames, height_width, dtype, device, batch_size=None):
    """HunyuanVideo's prepare_causal_attention_mask without repeat_interleave/meshgrid: token k may attend to
    token j when j's frame (j // hw) is not after k's."""
    frame = torch.arange(num_frames * height_width, device=device) // height_width
    mask = torch.where(frame[None, :] <= frame[:, None], 0.0, float('-inf')).to(dtype=dtype)
    return mask.unsqueeze(0).expand(batch_size, -1, -1) if batch_size is not None else mask


def _unflatten(self, dim, sizes):
    """Tensor.unflatten as reshape (the same view), which torch 1.13 can export."""
    dim = dim % self.dim()
    return self.reshape(*self.shape[:dim], *sizes, *self.shape[dim + 1:])


def _integer_scale(scale_factor):
    factors = scale_factor if isinstance(scale_factor, (tuple, list)) else [scale_factor]
    return scale_factor is not None and all(float(f).is_integer() for f in factors)


def export_substitutions(name):
    """Patches for tracing only; returns what was substituted and how to undo it."""
    undo = []
    done = ['Tensor.unflatten traced as the equivalent reshape (aten::unflatten has no ONNX symbolic in torch 1.13)']
    original_unflatten = torch.Tensor.unflatten
    torch.Tensor.unflatten = _unflatten
    undo.append(lambda: setattr(torch.Tensor, 'unflatten', original_unflatten))
    if name == 'wan-2.1':
        interpolate = torch.nn.functional.interpolate

        def nearest(input, size=None, scale_factor=None, mode='nearest', *args, **kwargs):
            if mode == 'nearest-exact' and _integer_scale(scale_factor):
                mode = 'nearest'
            return interpolate(input, size, scale_factor, mode, *args, **kwargs)

        torch.nn.functional.interpolate = nearest
        undo.append(lambda: setattr(torch.nn.functional, 'interpolate', interpolate))
        done.append('interpolate nearest-exact at integer scale traced as nearest (aten::_upsample_nearest_exact2d has no ONNX symbolic in torch 1.13; both take source pixel i // s)')
    if name == 'hunyuanvideo':
        module = sys.modules['diffusers.models.autoencoders.autoencoder_kl_hunyuan_video']
        original = module.prepare_causal_attention_mask
        module.prepare_causal_attention_mask = _causal_mask
        undo.append(lambda: setattr(module, 'prepare_causal_attention_mask', original))
        done.append('prepare_causal_attention_mask: frame(j) <= frame(k) from arange // hw instead of repeat_interleave + meshgrid (not exportable in torch 1.13; same mask)')
    return done, lambda: [u() for u in undo]


def repair_negative_perms(model):
    """Rewrites Transpose perms with negative axes (which onnxruntime refuses) as the same axes from the front."""
    repairs = []
    for node in model.graph.node:
        if node.op_type != 'Transpose':
            continue
        for attr in node.attribute:
            if attr.name == 'perm' and any(p < 0 for p in attr.ints):
                before = list(attr.ints)
                after = [p + len(before) if p < 0 else p for p in before]
                del attr.ints[:]
                attr.ints.extend(after)
                repairs.append(f'Transpose {node.name or "(unnamed)"}: perm {before} -> {after}')
    return repairs


def pairs(values, flag):
    out = {}
    for v in values or []:
        name, sep, path = v.partition('=')
        if not sep or name not in GEOMETRY:
            raise SystemExit(f'{flag} {v}: expected NAME=FILE with NAME one of {", ".join(GEOMETRY)}')
        out[name] = path
    return out


def main():
    ap = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    ap.add_argument('reference')
    ap.add_argument('out')
    ap.add_argument('--models', default=','.join(GEOMETRY))
    ap.add_argument('--height', type=int, default=64)
    ap.add_argument('--width', type=int, default=64)
    ap.add_argument('--frames', type=int, default=17)
    ap.add_argument('--weights', action='append', help='NAME=FILE.safetensors (or .safetensors.index.json); config.json beside it sets the widths')
    ap.add_argument('--config', action='append', help='NAME=config.json when not beside the weights')
    ap.add_argument('--opset', type=int, default=17)
    ap.add_argument('--seed', type=int, default=0)
    ap.add_argument('--threads', type=int, default=0, help='torch threads (0: torch default)')
    args = ap.parse_args()
    names = args.models.split(',')
    unknown = [n for n in names if n not in GEOMETRY]
    if unknown:
        raise SystemExit(f'--models: unknown {unknown}; expected some of {", ".join(GEOMETRY)}')
    weights, configs = pairs(args.weights, '--weights'), pairs(args.config, '--config')
    if args.threads:
        torch.set_num_threads(args.threads)
    torch.set_grad_enabled(False)
    patch_torch()
    ref = os.path.abspath(args.reference)
    classes = import_reference(ref)
    published(ref)  # fails early on a checkout without configs/
    os.makedirs(args.out, exist_ok=True)
    manifest_path = os.path.join(args.out, 'manifest.json')
    manifest = json.load(open(manifest_path)) if os.path.exists(manifest_path) else {'models': {}}
    manifest.update({
        'source': 'https://github.com/hustvl/Turbo-VAED (diffusers_vae/src/diffusers/models/autoencoders)',
        'referenceCommit': reference_commit(ref),
        'torch': torch.__version__,
        'onnx': onnx.__version__,
        'opset': args.opset,
        'script': 'tools/reference-decoders/export_onnx.py',
    })
    for name in names:
        began = time.time()
        model, _ = build_decoder(classes, ref, name, weights.get(name), configs.get(name), args.seed)
        t, h, w = latent_size(name, args.frames, args.height, args.width)
        torch.manual_seed(args.seed + 2)
        latent = torch.randn(1, latent_channels(model), t, h, w)
        video = model.decode(latent).sample
        path = os.path.join(args.out, f'{name}.onnx')
        print(f'{name}: exporting latent {list(latent.shape)} -> video {list(video.shape)}', flush=True)
        substitutions, undo = export_substitutions(name)
        try:
            torch.onnx.export(Decode(model), (latent,), path, opset_version=args.opset, input_names=['latent'], output_names=['video'], do_constant_folding=True)
        finally:
            undo()
        graph = onnx.load(path)
        repairs = repair_negative_perms(graph)
        if repairs:
            onnx.save(graph, path)
        onnx.checker.check_model(path)
        np.save(os.path.join(args.out, f'{name}.latents.npy'), latent.numpy().astype('<f4'))
        np.save(os.path.join(args.out, f'{name}.torch.npy'), video.to(torch.float32).numpy().astype('<f4'))
        manifest['models'][name] = {
            'file': f'{name}.onnx',
            'bytes': os.path.getsize(path),
            'weights': weights.get(name),
            'seed': None if name in weights else args.seed,
            'decoderParams': int(decoder_params(model)),
            'latentShape': list(latent.shape),
            'outputShape': list(video.shape),
            'exportSubstitutions': substitutions,
            'repairs': repairs,
            'exportSeconds': round(time.time() - began, 1),
        }
        print(f'{name}: wrote {path} ({os.path.getsize(path) / 2**20:.1f} MiB){f"; repaired {len(repairs)} Transpose perms with negative axes (see manifest.json)" if repairs else ""}', flush=True)
        del model, graph
        with open(manifest_path, 'w') as f:
            json.dump(manifest, f, indent=2)


if __name__ == '__main__':
    main()
