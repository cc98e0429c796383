// Child-process entry for one ZooDecodeJob (JSON in argv[2]). Protocol, one line per message on stdout
// with a "@@" prefix so that log lines in between do not matter:
//   mode "once":  @@result {ZooDecodeJobResult}
//   mode "serve": @@ready {ZooDecodeSetup}; then for each "run" line on stdin, one decode timed in
//                 this process: @@sample {ms, outputMean}; on "end": @@result {ZooDecodeJobResult}.
// Any failure: @@error {message, code}.
import { createInterface } from 'node:readline';
import { outputMean, prepareZooDecode, runZooDecodeOnce, type ZooDecodeJob } from './zoo-decode-job';

const send = (tag: string, value: unknown) => process.stdout.write(`@@${tag} ${JSON.stringify(value)}\n`);
const fail = (error: Error) => {
  send('error', { message: error.message, code: (error as { code?: string }).code ?? null });
  process.exitCode = 1;
};

async function serve(job: ZooDecodeJob): Promise<void> {
  const prepared = await prepareZooDecode(job);
  send('ready', prepared.setup);
  let last = { shape: [] as number[], mean: NaN };
  for await (const line of createInterface({ input: process.stdin })) {
    if (line === 'run') {
      const t0 = process.hrtime.bigint();
      const out = await prepared.decode();
      const ms = Number(process.hrtime.bigint() - t0) / 1e6;
      last = { shape: out.shape, mean: outputMean(out) };
      send('sample', { ms, outputMean: last.mean });
    } else if (line === 'end') break;
  }
  await prepared.release();
  send('result', { ...prepared.setup, outputShape: last.shape, peakRssBytes: process.resourceUsage().maxRSS * 1024, outputMean: last.mean });
  process.stdin.destroy();
}

const job = JSON.parse(process.argv[2]) as ZooDecodeJob;
(job.mode === 'serve' ? serve(job) : runZooDecodeOnce(job).then((r) => send('result', r))).catch(fail);
