#!/usr/bin/python3
"""Writes the reference-decoder fixtures of evalkit's checkpoint loader from the public Turbo-VAED code.

Runs the decoders of https://github.com/hustvl/Turbo-VAED (AutoencoderKLTurboVAED and the diffusers
baselines vendored in its diffusers_vae/ folder) with Debian's PyTorch on seeded random weights and
seeded latents, and writes for each decoder, under fixtures/reference-decoders/<name>/:

  weights.safetensors  the reduced-width model's tensors under the reference key names
  config.json          the diffusers config the model was built from (reduced widths)
  latents.npy          the seeded latents
  reference.npy        vae.decode(latents).sample in float32
and at full width <name>.tensors.json (every tensor name and shape of the published model), plus
manifest.json (reference commit, torch version, seeds, per-decoder settings).

Usage: /usr/bin/python3 tools/reference-decoders/make_fixtures.py REFERENCE_CHECKOUT [OUT_DIR]
Nothing of the reference code is copied: it is imported from the checkout given on the command line.
"""
import json
import os
import struct
import sys

import numpy as np
import torch

# The reference setup (torch 1.13 patches, the reference import, the published configs) is shared with
# evalkit's eager-PyTorch benchmark child, which ships it in packages/bench/python.
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), '..', '..', 'packages', 'bench', 'python'))
from turbo_vaed_reference import (  # noqa: E402
    build_model, decoder_keys, import_reference, latent_channels, patch_torch, published, reference_commit)

SEED = 0


# ---------------------------------------------------------------- the eight decoders
def specs(ref):
    """Reduced widths keep every structural choice of the published config. The patch-4 Turbo heads end in
    an RMSNorm over C/16 channels: with C = 16 that is one channel (x/|x|), so float32 rounding near zero
    grows to 4e-4 in PyTorch itself (measured against float64); C = 32 in the last block keeps PyTorch's
    float32 output within 2e-5 of float64.
    Per decoder: (class key, published config), reduced-width overrides, latent size, storage dtype, which keys to store."""
    pub = published(ref)
    return {
        'turbo-vaed-hunyuan': dict(published=pub['turbo-vaed-hunyuan'],
                                   reduced={'decoder_block_out_channels': [4, 8, 16, 32], 'aligned_feature_projection_dim': [[16, 32]]},
                                   latent=(3, 3, 4), dtype='BF16', store='all'),
        'turbo-vaed-cog': dict(published=pub['turbo-vaed-cog'],
                               reduced={'decoder_block_out_channels': [4, 8, 16, 32], 'aligned_feature_projection_dim': [[16, 64]]},
                               latent=(3, 4, 3), dtype='F16', store='all'),
        'turbo-vaed-ltx': dict(published=pub['turbo-vaed-ltx'],
                               reduced={'latent_channels': 16, 'decoder_block_out_channels': [32, 16, 16, 16], 'aligned_feature_projection_dim': [[16, 32]]},
                               latent=(2, 2, 1), dtype='F16', store='all'),
        'turbo-vaed-dc': dict(published=pub['turbo-vaed-dc'],
                              reduced={'latent_channels': 16, 'decoder_block_out_channels': [32, 16, 16, 16], 'aligned_feature_projection_dim': [[16, 32], [16, 32], [16, 32]]},
                              latent=(2, 1, 2), dtype='BF16', store='all'),
        'hunyuanvideo': dict(published=pub['hunyuanvideo'],
                             reduced={'block_out_channels': [8, 8, 16, 16], 'norm_num_groups': 4},
                             latent=(3, 3, 3), dtype='F32', store='all'),
        'cogvideox': dict(published=pub['cogvideox'],
                          reduced={'block_out_channels': [8, 8, 8, 16], 'norm_num_groups': 4},
                          latent=(3, 3, 4), dtype='F32', store='decoder'),
        'ltx-video-0.9.0': dict(published=pub['ltx-video-0.9.0'],
                                reduced={'latent_channels': 16, 'block_out_channels': [8, 8, 16, 16], 'decoder_block_out_channels': [8, 8, 16, 16]},
                                latent=(2, 1, 2), dtype='F16', store='decoder'),
        'wan-2.1': dict(published=pub['wan-2.1'], reduced={'base_dim': 4}, latent=(3, 3, 3), dtype='F32', store='decoder'),
    }


def build(classes, spec, reduced):
    cls_key, config = spec['published']
    return build_model(classes[cls_key], {**config, **(spec['reduced'] if reduced else {})}, SEED)


def perturb_constant_params(model):
    """Norm scales start at 1 and shifts at 0: give them seeded noise so a mis-mapped norm tensor changes the output."""
    gen = torch.Generator().manual_seed(SEED + 1)
    with torch.no_grad():
        for _, p in model.named_parameters():
            if p.numel() > 1 and float(p.std()) == 0.0 or p.numel() == 1:
                p.add_(0.2 * torch.randn(p.shape, generator=gen))


def round_to(model, dtype):
    """Rounds every tensor to the storage dtype so the reference runs on exactly what the file holds."""
    torch_dtype = {'F32': torch.float32, 'F16': torch.float16, 'BF16': torch.bfloat16}[dtype]
    with torch.no_grad():
        for t in list(model.parameters()) + list(model.buffers()):
            if t.is_floating_point():
                t.copy_(t.to(torch_dtype).to(torch.float32))


# ---------------------------------------------------------------- file writers (no safetensors package on Debian)
def write_safetensors(path, tensors, dtype):
    """8-byte little-endian header length, JSON header, raw little-endian data (the safetensors format)."""
    header, blobs, offset = {'__metadata__': {'format': 'pt'}}, [], 0
    for name, t in tensors.items():
        t = t.detach().contiguous()
        if dtype == 'BF16':
            raw = (t.to(torch.float32).numpy().view(np.uint32) >> 16).astype('<u2').tobytes()
        else:
            raw = t.to({'F32': torch.float32, 'F16': torch.float16}[dtype]).numpy().astype({'F32': '<f4', 'F16': '<f2'}[dtype]).tobytes()
        header[name] = {'dtype': dtype, 'shape': list(t.shape), 'data_offsets': [offset, offset + len(raw)]}
        blobs.append(raw)
        offset += len(raw)
    head = json.dumps(header, separators=(',', ':')).encode()
    head += b' ' * ((8 - len(head) % 8) % 8)
    with open(path, 'wb') as f:
        f.write(struct.pack('<Q', len(head)))
        f.write(head)
        for b in blobs:
            f.write(b)


def main():
    if len(sys.argv) < 2:
        sys.exit(__doc__)
    ref = os.path.abspath(sys.argv[1])
    out = os.path.abspath(sys.argv[2] if len(sys.argv) > 2 else os.path.join(os.path.dirname(__file__), '..', '..', 'fixtures', 'reference-decoders'))
    only = set(sys.argv[3].split(',')) if len(sys.argv) > 3 else None
    patch_torch()
    classes = import_reference(ref)
    torch.set_grad_enabled(False)
    commit = reference_commit(ref)
    manifest_path = os.path.join(out, 'manifest.json')
    manifest = json.load(open(manifest_path)) if os.path.exists(manifest_path) else {'decoders': {}}
    manifest.update({
        'source': 'https://github.com/hustvl/Turbo-VAED (diffusers_vae/src/diffusers/models/autoencoders)',
        'referenceCommit': commit,
        'torch': torch.__version__,
        'numpy': np.__version__,
        'seed': SEED,
        'script': 'tools/reference-decoders/make_fixtures.py',
    })
    for name, spec in specs(ref).items():
        if only and name not in only:
            continue
        print(f'{name}: full width', flush=True)
        full, full_config = build(classes, spec, reduced=False)
        sd = full.state_dict()
        listing = {k: list(v.shape) for k, v in sd.items()}
        decoder_params = sum(v.numel() for k, v in sd.items() if decoder_keys(k))
        os.makedirs(os.path.join(out, name), exist_ok=True)
        with open(os.path.join(out, name, 'full-width-tensors.json'), 'w') as f:
            json.dump({'decoderParams': decoder_params, 'config': full_config, 'tensors': listing}, f, indent=0)
        del full, sd
        print(f'{name}: reduced width', flush=True)
        model, config = build(classes, spec, reduced=True)
        perturb_constant_params(model)
        round_to(model, spec['dtype'])
        torch.manual_seed(SEED + 2)
        t, h, w = spec['latent']
        latents = torch.randn(1, latent_channels(model), t, h, w)
        video = model.decode(latents).sample.to(torch.float32)
        sd = model.state_dict()
        keep = {k: v for k, v in sd.items() if spec['store'] == 'all' or decoder_keys(k)}
        d = os.path.join(out, name)
        write_safetensors(os.path.join(d, 'weights.safetensors'), keep, spec['dtype'])
        full_class = type(model).__name__
        with open(os.path.join(d, 'config.json'), 'w') as f:
            # the whole config as diffusers writes it (defaults included), as a published config.json is
            written = {k: (list(v) if isinstance(v, tuple) else v) for k, v in dict(model.config).items() if not k.startswith('_')}
            json.dump({'_class_name': full_class, **written}, f, indent=2)
        np.save(os.path.join(d, 'latents.npy'), latents.numpy().astype('<f4'))
        np.save(os.path.join(d, 'reference.npy'), video.numpy().astype('<f4'))
        manifest['decoders'][name] = {
            'class': full_class,
            'fullWidthDecoderParams': decoder_params,
            'reducedOverrides': spec['reduced'],
            'storedDtype': spec['dtype'],
            'stored': 'every tensor of the model' if spec['store'] == 'all' else 'decoder.* and post_quant_conv.*',
            'latentShape': list(latents.shape),
            'outputShape': list(video.shape),
            'outputAbsMax': float(video.abs().max()),
        }
        print(f'{name}: decoder params {decoder_params}, output {list(video.shape)}', flush=True)
    with open(manifest_path, 'w') as f:
        json.dump(manifest, f, indent=2)


if __name__ == '__main__':
    main()
