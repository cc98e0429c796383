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
import importlib
import importlib.abc
import importlib.machinery
import json
import math
import os
import struct
import subprocess
import sys
import types

import numpy as np
import torch
import torch.nn as nn
import torch.nn.functional as F

SEED = 0


# ---------------------------------------------------------------- what Debian's torch 1.13 lacks
class _Anything(types.ModuleType):
    """A module whose every attribute is an inert placeholder: huggingface_hub, safetensors and timm are
    not packaged for Debian, and the decoders never call them (timm's Mlp only serves the mlp-* projection
    modes, which no published config uses)."""

    def __getattr__(self, name):
        if name.startswith('__'):
            raise AttributeError(name)
        if name.isupper():
            return 'stub'
        return type(name, (), {'__init__': lambda self, *a, **k: None, '__call__': lambda self, *a, **k: None})


_STUBBED = ('huggingface_hub', 'safetensors', 'timm', 'filelock', 'requests', 'regex')


class _StubFinder(importlib.abc.MetaPathFinder, importlib.abc.Loader):
    def find_spec(self, name, path, target=None):
        return importlib.machinery.ModuleSpec(name, self, is_package=True) if name.split('.')[0] in _STUBBED else None

    def create_module(self, spec):
        module = _Anything(spec.name)
        module.__path__ = []
        return module

    def exec_module(self, module):
        pass


def _sdpa(query, key, value, attn_mask=None, dropout_p=0.0, is_causal=False, scale=None):
    """softmax(QK^T/sqrt(d) + mask) V: torch 2's scaled_dot_product_attention, absent from 1.13."""
    d = query.shape[-1]
    scores = query @ key.transpose(-2, -1) * (scale if scale is not None else 1.0 / math.sqrt(d))
    if is_causal:
        n, m = scores.shape[-2:]
        scores = scores.masked_fill(torch.ones(n, m, dtype=torch.bool).triu(1), float('-inf'))
    if attn_mask is not None:
        scores = scores.masked_fill(~attn_mask, float('-inf')) if attn_mask.dtype == torch.bool else scores + attn_mask
    return scores.softmax(-1) @ value


class _LayerNorm(nn.LayerNorm):
    """nn.LayerNorm accepting torch 2's bias= argument (1.13 always has a bias when affine)."""

    def __init__(self, *args, bias=True, **kwargs):
        super().__init__(*args, **kwargs)
        if not bias and self.bias is not None:
            self.bias = None


def patch_torch():
    sys.meta_path.insert(0, _StubFinder())
    for name in ('float8_e4m3fn', 'float8_e5m2', 'float8_e4m3fnuz', 'float8_e5m2fnuz', 'uint16', 'uint32', 'uint64'):
        if not hasattr(torch, name):
            setattr(torch, name, torch.float32)
    if not hasattr(torch.library, 'custom_op'):
        torch.library.custom_op = lambda *a, **k: (lambda f: f)
        torch.library.register_fake = lambda *a, **k: (lambda f: f)
    if not hasattr(F, 'scaled_dot_product_attention'):
        F.scaled_dot_product_attention = _sdpa
    nn.LayerNorm = _LayerNorm


def import_reference(ref):
    sys.path.insert(0, os.path.join(ref, 'diffusers_vae', 'src'))
    # dependency_versions_check asks pip metadata for packages Debian does not ship; the check changes no numbers
    check = types.ModuleType('diffusers.dependency_versions_check')
    check.dep_version_check = lambda *a, **k: None
    sys.modules['diffusers.dependency_versions_check'] = check
    ae = importlib.import_module('diffusers.models.autoencoders')
    turbo = importlib.import_module('diffusers.models.autoencoders.autoencoder_kl_turbo_vaed')
    return {
        'turbo': turbo.AutoencoderKLTurboVAED,
        'hunyuan': ae.AutoencoderKLHunyuanVideo,
        'cog': ae.AutoencoderKLCogVideoX,
        'ltx': ae.AutoencoderKLLTXVideo,
        'wan': ae.AutoencoderKLWan,
    }


# ---------------------------------------------------------------- the eight decoders
def turbo_config(ref, variant):
    with open(os.path.join(ref, 'configs', f'Turbo-VAED-{variant}.json')) as f:
        return json.load(f)


def specs(ref):
    """Reduced widths keep every structural choice of the published config. The patch-4 Turbo heads end in
    an RMSNorm over C/16 channels: with C = 16 that is one channel (x/|x|), so float32 rounding near zero
    grows to 4e-4 in PyTorch itself (measured against float64); C = 32 in the last block keeps PyTorch's
    float32 output within 2e-5 of float64.
    Per decoder: class key, published config, reduced-width overrides, latent size, storage dtype, which keys to store."""
    return {
        'turbo-vaed-hunyuan': dict(cls='turbo', config=turbo_config(ref, 'Hunyuan'),
                                   reduced={'decoder_block_out_channels': [4, 8, 16, 32], 'aligned_feature_projection_dim': [[16, 32]]},
                                   latent=(3, 3, 4), dtype='BF16', store='all'),
        'turbo-vaed-cog': dict(cls='turbo', config=turbo_config(ref, 'Cog'),
                               reduced={'decoder_block_out_channels': [4, 8, 16, 32], 'aligned_feature_projection_dim': [[16, 64]]},
                               latent=(3, 4, 3), dtype='F16', store='all'),
        'turbo-vaed-ltx': dict(cls='turbo', config=turbo_config(ref, 'LTX'),
                               reduced={'latent_channels': 16, 'decoder_block_out_channels': [32, 16, 16, 16], 'aligned_feature_projection_dim': [[16, 32]]},
                               latent=(2, 2, 1), dtype='F16', store='all'),
        'turbo-vaed-dc': dict(cls='turbo', config=turbo_config(ref, 'DC'),
                              reduced={'latent_channels': 16, 'decoder_block_out_channels': [32, 16, 16, 16], 'aligned_feature_projection_dim': [[16, 32], [16, 32], [16, 32]]},
                              latent=(2, 1, 2), dtype='BF16', store='all'),
        'hunyuanvideo': dict(cls='hunyuan', config={},
                             reduced={'block_out_channels': [8, 8, 16, 16], 'norm_num_groups': 4},
                             latent=(3, 3, 3), dtype='F32', store='all'),
        'cogvideox': dict(cls='cog', config={},
                          reduced={'block_out_channels': [8, 8, 8, 16], 'norm_num_groups': 4},
                          latent=(3, 3, 4), dtype='F32', store='decoder'),
        'ltx-video-0.9.0': dict(cls='ltx', config={},
                                reduced={'latent_channels': 16, 'block_out_channels': [8, 8, 16, 16], 'decoder_block_out_channels': [8, 8, 16, 16]},
                                latent=(2, 1, 2), dtype='F16', store='decoder'),
        'wan-2.1': dict(cls='wan', config={}, reduced={'base_dim': 4}, latent=(3, 3, 3), dtype='F32', store='decoder'),
    }


def build(classes, spec, reduced):
    config = {k: v for k, v in spec['config'].items() if not k.startswith('_')}
    if reduced:
        config.update(spec['reduced'])
    torch.manual_seed(SEED)
    model = classes[spec['cls']](**config).eval()
    return model, config


def decoder_keys(key):
    """Keys a decoder uses: decoder.* and post_quant_conv.* (encoder, quant_conv, buffers and training heads are not)."""
    return key.startswith('decoder.') or key.startswith('post_quant_conv.')


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
    try:
        commit = subprocess.run(['git', '-C', ref, 'rev-parse', 'HEAD'], capture_output=True, text=True).stdout.strip() or None
    except OSError:
        commit = None
    commit = os.environ.get('REFERENCE_COMMIT', commit)
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
        channels = model.config['z_dim'] if spec['cls'] == 'wan' else model.config['latent_channels']
        latents = torch.randn(1, channels, t, h, w)
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
