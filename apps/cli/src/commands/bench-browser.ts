import { Command } from 'commander';
import { ERROR_CODES, EvalkitError } from '@evalkit/core';
import { runPageInChromium } from '@evalkit/browser-bench';
import { positiveInt } from '../shared/parse';
import { commandGroup } from './bench-kernels';
import { browserBenchOptions, describeEvent, startFromOptions, type BrowserBenchOptions } from './bench-serve';

/** Options of `evalkit bench browser` beyond the shared ones. */
interface BenchBrowserOptions extends BrowserBenchOptions {
  browser?: string;
  timeout: number;
  swiftshader: boolean;
  quiet?: boolean;
}

/** Registers `evalkit bench browser`. */
export function registerBenchBrowser(program: Command): void {
  const cmd = commandGroup(program, 'bench', 'benchmarks: measure ours and the reference side by side and print the ratio')
    .command('browser')
    .description("run the browser benchmark in a local headless Chromium (playwright-core): the same page as 'bench serve', no clicking");
  browserBenchOptions(cmd, 'browser')
    .option('--browser <path>', 'Chromium binary (default: $EVALKIT_CHROMIUM, then /usr/bin/chromium)')
    .option('--timeout <s>', 'give up after this many seconds', positiveInt, 1800)
    .option('--no-swiftshader', "don't offer WebGPU through SwiftShader (Chromium's CPU adapter; without a GPU headless Chromium has no other)")
    .option('--quiet', 'print only the files written and the end')
    .addHelpText(
      'after',
      `
WebGPU here is SwiftShader's CPU-emulated adapter: right for checking the webgpu backend's outputs,
meaningless as a speed. Rows a backend cannot run (an operator it lacks, an output that fails the
cross-check) are recorded as errored in its document; the command fails only when a backend could
not run at all.

Examples:
  evalkit bench browser --out reports/browser                                 wasm and WebGPU, smoke kernels and decoders
  evalkit bench browser --out reports/browser --backends wasm --no-decoders
  evalkit bench browser --out reports/browser --browser /opt/chrome/chrome --preset paper --variants 1,6`,
    )
    .action(async (opts: BenchBrowserOptions) => {
      const messages: string[] = [];
      let outcome: { ok: boolean; message: string; backends: string[] } | null = null;
      const server = await startFromOptions({ ...opts, host: opts.host }, (e) => {
        if (e.type === 'done') outcome = e;
        if (!opts.quiet || e.type === 'written' || e.type === 'done') process.stdout.write(`${describeEvent(e)}\n`);
      });
      try {
        const result = await runPageInChromium({ url: server.url, executablePath: opts.browser, swiftshaderWebgpu: opts.swiftshader, timeoutMs: opts.timeout * 1000, onConsole: (l) => messages.push(l) });
        if (result.state !== 'done') {
          throw new EvalkitError(ERROR_CODES.RUNTIME, `the page ${result.status}${messages.length ? `; browser console: ${messages.slice(-3).join(' | ')}` : ''}`, { field: '--backends', value: opts.backends.join(',') });
        }
      } finally {
        await server.close();
      }
      process.stdout.write(`${server.written.length} document(s) written to ${opts.out}${outcome ? `; ${(outcome as { message: string }).message}` : ''}\n`);
    });
}
