"""evalkit's eager-PyTorch decoder child: builds one reference decoder once, then times one decode per request.

Run by `evalkit bench decoders` for a `torch:NAME` model with Debian's python (python3-torch) and the user's
checkout of https://github.com/hustvl/Turbo-VAED. argv[1] is a JSON job:
  {model, referenceCode, latents (.npy path), threads, seed, weights?, config?, saveOutput?}
It speaks the protocol of evalkit's Node decoder children (packages/bench/src/jobs/zoo-decode-child.ts), one
"@@tag JSON" line per message on stdout, so its decodes interleave with onnxruntime's (A B A B):
  @@ready {model, label, params, macs, setupSeconds, tiles, torch, referenceCommit}
  for each "run" line on stdin: @@sample {ms, outputMean}   (vae.decode(latents).sample, timed here)
  on "end": @@result {... ready, outputShape, peakRssBytes, outputMean}  (and the last output saved as .npy
  to saveOutput when given)
Any failure: @@error {message, code}.
"""
import json
import os
import resource
import sys
import time


def send(tag, value):
    sys.stdout.write(f'@@{tag} {json.dumps(value)}\n')
    sys.stdout.flush()


def main():
    job = json.loads(sys.argv[1])
    began = time.perf_counter()
    import numpy as np
    import torch

    sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
    from turbo_vaed_reference import build_decoder, decoder_params, import_reference, patch_torch, reference_commit

    torch.set_num_threads(int(job['threads']))
    torch.set_grad_enabled(False)
    patch_torch()
    classes = import_reference(job['referenceCode'])
    model, _ = build_decoder(classes, job['referenceCode'], job['model'], job.get('weights'), job.get('config'), int(job.get('seed', 0)))
    latents = torch.from_numpy(np.load(job['latents']).astype(np.float32))
    setup = {
        'model': job['model'],
        'label': job.get('label') or f'{job["model"]} (PyTorch eager)',
        'params': int(decoder_params(model)),
        'macs': None,
        'setupSeconds': time.perf_counter() - began,
        'tiles': 1,
        'torch': torch.__version__,
        'referenceCommit': reference_commit(job['referenceCode']),
    }
    send('ready', setup)
    last = None
    for line in sys.stdin:
        line = line.strip()
        if line == 'run':
            with torch.no_grad():
                t0 = time.perf_counter()
                out = model.decode(latents).sample
                ms = (time.perf_counter() - t0) * 1000
            last = out.to(torch.float32).numpy()
            send('sample', {'ms': ms, 'outputMean': float(last.mean())})
        elif line == 'end':
            break
    if last is not None and job.get('saveOutput'):
        np.save(job['saveOutput'], last.astype('<f4'))
    send('result', {
        **setup,
        'outputShape': list(last.shape) if last is not None else [],
        # ru_maxrss is in KiB on Linux
        'peakRssBytes': resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024,
        'outputMean': float(last.mean()) if last is not None else None,
    })


if __name__ == '__main__':
    try:
        main()
    except Exception as error:  # the parent turns this into a failed row naming the model
        send('error', {'message': f'{type(error).__name__}: {error}', 'code': None})
        sys.exit(1)
