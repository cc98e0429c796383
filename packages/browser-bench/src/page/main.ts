// The benchmark page: reads the server's plan, finds the backends this device offers, runs the
// kernel suite and the zoo decoders on each, and posts ordinary result documents back.
import * as ort from 'onnxruntime-web/all';
import { formatWithInterval } from '@evalkit/bench/statistics';
import { createResultDocument, type ResultDocument, type RunManifest } from '@evalkit/core';
import type { BrowserBenchPlan } from '../plan';
import { browserDeviceFingerprint, probeDevice, type DeviceProbe } from './device-probe';
import { runDecodersInPage } from './run-decoders';
import { runKernelsInPage } from './run-kernels';
import type { WebBackend } from '../backends';

const token = new URLSearchParams(location.search).get('token');
const withToken = (path: string) => (token ? `${path}?token=${encodeURIComponent(token)}` : path);
const $ = (id: string) => document.getElementById(id)!;

function log(message: string): void {
  const line = `${new Date().toISOString().slice(11, 19)} ${message}`;
  $('log').textContent += `${line}\n`;
  void postJson('/api/events', { type: 'progress', message }).catch(() => undefined);
}

async function postJson(path: string, body: unknown): Promise<Record<string, unknown>> {
  const res = await fetch(withToken(path), { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  const answer = (await res.json().catch(() => ({}))) as Record<string, unknown>;
  if (!res.ok) throw new Error(`POST ${path}: HTTP ${res.status} ${String(answer.error ?? '')}`);
  return answer;
}

function showDevice(probe: DeviceProbe, plan: BrowserBenchPlan, threads: number): void {
  const a = probe.adapter;
  const lines = [
    `browser: ${probe.browser}${probe.model ? ` on ${probe.model}` : ''} (${probe.platform ?? 'unknown platform'})`,
    `cores reported: ${probe.hardwareConcurrency}; memory: ${probe.deviceMemoryGiB === null ? 'not reported' : `${probe.deviceMemoryGiB} GiB`}`,
    `cross-origin isolated: ${probe.crossOriginIsolated ? 'yes' : 'no'} (WebAssembly threads: ${threads})`,
    `WebGPU adapter: ${a ? [a.vendor, a.architecture, a.device, a.description].filter(Boolean).join(' / ') || 'present (no info)' : 'none'}`,
    `WebNN: ${probe.webnn ? 'present' : 'absent'}`,
    `onnxruntime-web ${ort.env.versions.web ?? '?'}; backends offered: ${probe.offered.join(', ')}; requested: ${plan.backends.join(', ')}`,
  ];
  $('device').textContent = lines.join('\n');
}

function manifest(plan: BrowserBenchPlan, config: Record<string, unknown>, seed: number, startedAt: Date, device: RunManifest['device']): RunManifest {
  return {
    tool: plan.tool.name,
    toolVersion: plan.tool.toolVersion,
    command: plan.tool.command,
    config,
    seed,
    gitRevision: plan.tool.gitRevision,
    startedAt: startedAt.toISOString(),
    finishedAt: new Date().toISOString(),
    device,
  };
}

async function post(doc: ResultDocument): Promise<void> {
  const answer = await postJson('/api/results', doc);
  log(`saved ${String(answer.file)}`);
}

/**
 * Runs one backend and posts its documents; returns how many rows or models errored. An operator a
 * backend lacks, or an output that fails the cross-check, is a finding recorded in the document,
 * not a failure of the run.
 */
async function runBackend(backend: WebBackend, plan: BrowserBenchPlan, probe: DeviceProbe, threads: number): Promise<number> {
  let failures = 0;
  const device = browserDeviceFingerprint(probe, ort, backend, threads);
  let ceiling: number | null = null;
  if (plan.kernels) {
    const startedAt = new Date();
    const run = await runKernelsInPage(ort, backend, plan.kernels, threads, log);
    ceiling = run.ceilings.matmulGflops;
    const errored = run.rows.filter((r) => r.state === 'errored');
    failures += errored.length;
    for (const r of errored) log(`${backend}: variant ${r.variant} ${r.implementation}/${r.part} errored: ${r.state === 'errored' ? r.error : ''}`);
    log(`${backend}: kernels done, ${run.rows.length - errored.length}/${run.rows.length} rows completed; MatMul ceiling ${ceiling.toFixed(1)} GFLOP/s`);
    await post(createResultDocument('kernel-bench', manifest(plan, run.config, plan.kernels.seed, startedAt, device), run.rows, { config: run.config, summary: { ceilings: run.ceilings } }));
  }
  if (plan.decoders && plan.decoders.models.length > 0 && plan.decoders.backends.includes(backend)) {
    const startedAt = new Date();
    const run = await runDecodersInPage(ort, backend, plan.decoders, token, ceiling, threads, log);
    failures += run.summary.errors.length;
    for (const e of run.summary.errors) log(`${backend}: decoder ${e.model} failed: ${e.error}`);
    for (const r of run.rows) {
      const median = formatWithInterval(r.medianMs / 1000, [r.medianCi95Ms[0] / 1000, r.medianCi95Ms[1] / 1000], { digits: 3 });
      log(`${backend}: ${r.model} median ${median} s (n ${r.samples}, CV ${(100 * r.cv).toFixed(1)}%, stop ${r.stopReason}${r.unstable ? ', unstable' : ''}), ${r.fps.toFixed(2)} FPS`);
    }
    for (const p of run.summary.pairs) log(`${backend}: ${p.baseline} -> ${p.turbo} speedup ${formatWithInterval(p.speedup, p.speedupCi95, { suffix: 'x', digits: 2 })}${p.unstable ? ' (unstable)' : ''}`);
    await post(createResultDocument('decoder-bench', manifest(plan, run.config, plan.decoders.seed, startedAt, device), run.rows, { config: run.config, summary: run.summary }));
  }
  return failures;
}

async function main(): Promise<void> {
  const status = $('status');
  const setState = (state: string, text: string) => {
    status.dataset.state = state;
    status.textContent = text;
  };
  try {
    setState('running', 'reading the plan');
    const res = await fetch(withToken('/api/plan'));
    if (!res.ok) throw new Error(`GET /api/plan: HTTP ${res.status}`);
    const plan = (await res.json()) as BrowserBenchPlan;
    // WebAssembly files come from this server (copied out of node_modules), never from a CDN.
    ort.env.wasm.wasmPaths = new URL('ort/', location.href).href;
    const probe = await probeDevice();
    const threads = probe.crossOriginIsolated ? Math.max(1, plan.threads ?? probe.hardwareConcurrency) : 1;
    ort.env.wasm.numThreads = threads;
    ort.env.logLevel = 'error';
    showDevice(probe, plan, threads);
    await postJson('/api/events', { type: 'device', message: $('device').textContent });
    let erroredRows = 0;
    let failedBackends = 0;
    const ran: WebBackend[] = [];
    for (const backend of plan.backends) {
      if (!probe.offered.includes(backend)) {
        log(`${backend}: not offered by this browser, skipped`);
        continue;
      }
      setState('running', `running on ${backend}`);
      try {
        erroredRows += await runBackend(backend, plan, probe, threads);
        ran.push(backend);
      } catch (error) {
        failedBackends += 1;
        log(`${backend}: failed: ${error instanceof Error ? error.message : String(error)}`);
      }
    }
    const ok = failedBackends === 0 && ran.length > 0;
    const summary = `finished: ran ${ran.join(', ') || 'no backend'}; ${erroredRows} errored row(s) or model(s) recorded in the documents${failedBackends ? `; ${failedBackends} backend(s) failed` : ''}`;
    setState(ok ? 'done' : 'failed', summary);
    await postJson('/api/events', { type: 'done', message: summary, ok, backends: ran });
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    setState('failed', `failed: ${message}`);
    await postJson('/api/events', { type: 'done', message: `failed: ${message}`, ok: false, backends: [] }).catch(() => undefined);
  }
}

void main();
