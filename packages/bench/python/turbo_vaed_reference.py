"""The public Turbo-VAED reference decoders on Debian's PyTorch 1.13: what the process must patch, how the
reference code is imported from a user's checkout, how each decoder of evalkit's zoo is built there, and how a
safetensors checkpoint is read without the safetensors package.

Shared by evalkit's eager-PyTorch benchmark child (torch_decode_child.py, beside this file) and the reference
scripts of tools/reference-decoders/ (make_fixtures.py, export_onnx.py). Nothing of the reference code
(https://github.com/hustvl/Turbo-VAED) is copied: it is imported from the checkout the caller names.
"""
import importlib
import importlib.abc
import importlib.machinery
import inspect
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
    """Patches this process (never the reference files) so the reference code imports on torch 1.13; no number changes."""
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


def reference_source(ref):
    """The vendored diffusers source of a Turbo-VAED checkout, or a ValueError saying what is missing."""
    src = os.path.join(ref, 'diffusers_vae', 'src')
    module = os.path.join(src, 'diffusers', 'models', 'autoencoders', 'autoencoder_kl_turbo_vaed.py')
    if not os.path.isfile(module):
        raise ValueError(f'{ref} is not a checkout of github.com/hustvl/Turbo-VAED: {os.path.relpath(module, ref)} is missing')
    return src


def import_reference(ref):
    """Imports the reference VAE classes from the checkout `ref`: class key -> class."""
    sys.path.insert(0, reference_source(ref))
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


def reference_commit(ref):
    """The checkout's commit (REFERENCE_COMMIT overrides; null when it is not a git checkout)."""
    if os.environ.get('REFERENCE_COMMIT'):
        return os.environ['REFERENCE_COMMIT']
    try:
        return subprocess.run(['git', '-C', ref, 'rev-parse', 'HEAD'], capture_output=True, text=True).stdout.strip() or None
    except OSError:
        return None


# ---------------------------------------------------------------- the eight decoders
def turbo_config(ref, variant):
    with open(os.path.join(ref, 'configs', f'Turbo-VAED-{variant}.json')) as f:
        return json.load(f)


def published(ref):
    """Each zoo decoder's reference class key and published config ({} : the class defaults, which are the published decoder)."""
    return {
        'turbo-vaed-hunyuan': ('turbo', turbo_config(ref, 'Hunyuan')),
        'turbo-vaed-cog': ('turbo', turbo_config(ref, 'Cog')),
        'turbo-vaed-ltx': ('turbo', turbo_config(ref, 'LTX')),
        'turbo-vaed-dc': ('turbo', turbo_config(ref, 'DC')),
        'hunyuanvideo': ('hunyuan', {}),
        'cogvideox': ('cog', {}),
        'ltx-video-0.9.0': ('ltx', {}),
        'wan-2.1': ('wan', {}),
    }


def build_model(cls, config, seed=0):
    """The reference model from a config, seeded PyTorch initialisation, eval mode. Keys starting with '_' and
    keys the class does not take (a published config.json may carry more) are left out, as diffusers'
    from_config leaves them out."""
    accepted = inspect.signature(cls.__init__).parameters
    config = {k: v for k, v in config.items() if not k.startswith('_') and k in accepted}
    torch.manual_seed(seed)
    return cls(**config).eval(), config


def latent_channels(model):
    return model.config['z_dim'] if 'z_dim' in model.config else model.config['latent_channels']


def decoder_keys(key):
    """Keys a decoder uses: decoder.* and post_quant_conv.* (encoder, quant_conv, buffers and training heads are not)."""
    return key.startswith('decoder.') or key.startswith('post_quant_conv.')


def decoder_params(model):
    return sum(v.numel() for k, v in model.state_dict().items() if decoder_keys(k))


# ---------------------------------------------------------------- checkpoints (no safetensors package on Debian)
_DTYPES = {'F32': '<f4', 'F16': '<f2', 'F64': '<f8'}


def read_safetensors(path):
    """Tensors of one safetensors file (F32, F16, BF16, F64) as float32 torch tensors: 8-byte length, JSON header, raw data."""
    with open(path, 'rb') as f:
        (n,) = struct.unpack('<Q', f.read(8))
        header = json.loads(f.read(n))
        base = 8 + n
        out = {}
        for name, entry in header.items():
            if name == '__metadata__':
                continue
            begin, end = entry['data_offsets']
            f.seek(base + begin)
            raw = f.read(end - begin)
            if entry['dtype'] == 'BF16':
                a = (np.frombuffer(raw, dtype='<u2').astype(np.uint32) << 16).view(np.float32)
            elif entry['dtype'] in _DTYPES:
                a = np.frombuffer(raw, dtype=_DTYPES[entry['dtype']]).astype(np.float32)
            else:
                raise ValueError(f'{path}: tensor {name} has dtype {entry["dtype"]}; expected F32, F16, BF16 or F64')
            out[name] = torch.from_numpy(a.reshape(entry['shape']).copy())
    return out


def read_checkpoint(path):
    """One safetensors file, or every shard a *.safetensors.index.json names."""
    if path.endswith('.index.json'):
        with open(path) as f:
            shards = sorted(set(json.load(f)['weight_map'].values()))
        tensors = {}
        for shard in shards:
            tensors.update(read_safetensors(os.path.join(os.path.dirname(path), shard)))
        return tensors
    return read_safetensors(path)


def checkpoint_config(weights, config_path=None):
    """The diffusers config.json of a checkpoint: --config, else config.json beside the weights, else None."""
    path = config_path or os.path.join(os.path.dirname(os.path.abspath(weights)), 'config.json')
    if not os.path.isfile(path):
        if config_path:
            raise ValueError(f'{config_path}: no such config file')
        return None
    with open(path) as f:
        return json.load(f)


def load_decoder_weights(model, weights):
    """Loads the decoder's tensors (decoder.*, post_quant_conv.*) strictly; other keys of the file are ignored."""
    tensors = read_checkpoint(weights)
    own = {k: v for k, v in model.state_dict().items() if decoder_keys(k)}
    missing = [k for k in own if k not in tensors]
    shaped = [f'{k} {list(tensors[k].shape)} vs {list(v.shape)}' for k, v in own.items() if k in tensors and tensors[k].shape != v.shape]
    if missing or shaped:
        raise ValueError(f'{weights} does not fit the reference decoder: missing {missing[:5]}{"..." if len(missing) > 5 else ""}; mis-shaped {shaped[:5]}')
    model.load_state_dict({k: tensors[k] for k in own}, strict=False)


def build_decoder(classes, ref, name, weights=None, config_path=None, seed=0):
    """A zoo decoder's reference model: published config with seeded weights, or a checkpoint's config and tensors."""
    cls_key, config = published(ref)[name]
    if weights is not None:
        config = checkpoint_config(weights, config_path) or config
    model, config = build_model(classes[cls_key], config, seed)
    if weights is not None:
        load_decoder_weights(model, weights)
    return model, config
