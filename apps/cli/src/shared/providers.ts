import { onnx } from 'onnx-proto';

/** Whether one onnxruntime-node execution provider can actually start a session here. */
export interface ProviderProbe {
  name: string;
  bundled: boolean;
  starts: boolean;
  detail: string;
}

/** A one-node (Relu) model, enough to make a provider initialise. */
function tinyModel(): Uint8Array {
  const tensorType = (name: string) =>
    onnx.ValueInfoProto.create({
      name,
      type: { tensorType: { elemType: onnx.TensorProto.DataType.FLOAT, shape: { dim: [{ dimValue: 1 }, { dimValue: 4 }] } } },
    });
  const model = onnx.ModelProto.create({
    irVersion: 8,
    opsetImport: [{ domain: '', version: 17 }],
    producerName: 'evalkit-doctor',
    graph: {
      name: 'probe',
      node: [{ opType: 'Relu', input: ['x'], output: ['y'] }],
      input: [tensorType('x')],
      output: [tensorType('y')],
    },
  });
  return onnx.ModelProto.encode(model).finish();
}

/** Tries to start a session on every provider onnxruntime-node knows, and runs it once. */
export async function probeExecutionProviders(): Promise<ProviderProbe[]> {
  const ort = await import('onnxruntime-node');
  const model = tinyModel();
  const probes: ProviderProbe[] = [];
  for (const backend of ort.listSupportedBackends()) {
    if (!backend.bundled) {
      probes.push({ name: backend.name, bundled: false, starts: false, detail: 'not bundled in this onnxruntime-node build' });
      continue;
    }
    try {
      const session = await ort.InferenceSession.create(model, { executionProviders: [backend.name], logSeverityLevel: 4 });
      const out = await session.run({ x: new ort.Tensor('float32', Float32Array.from([-1, 0, 1, 2]), [1, 4]) });
      await session.release();
      const y = Array.from(out.y.data as Float32Array);
      const ok = y.join(',') === '0,0,1,2';
      probes.push({ name: backend.name, bundled: true, starts: ok, detail: ok ? 'session ran' : `wrong result ${y.join(',')}` });
    } catch (error) {
      probes.push({ name: backend.name, bundled: true, starts: false, detail: String((error as Error).message).split('\n')[0].replace(/^\/\S+:\d+ \S+\s*/, '').slice(0, 120) });
    }
  }
  return probes;
}
