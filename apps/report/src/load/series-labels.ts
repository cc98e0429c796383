import { deviceBackendLabel, type DeviceFingerprint } from '@evalkit/core';
import { basename, resolve } from 'node:path';

/**
 * A short device name for legends: the CPU model without trademark marks. The execution provider is
 * left out on purpose: it is a setting of one document (metrics and HTP documents have none), and
 * folding it in would split one machine's run into two series. The run table still shows it.
 */
export function deviceLabel(device: DeviceFingerprint): string {
  // A browser or onnxruntime-web is a different processor path on the device, so it is its own series.
  const backend = deviceBackendLabel(device);
  if (device.browser) return backend!;
  const cpu = device.cpuModel.replace(/\((R|TM|r|tm)\)/g, '').replace(/\s+CPU\b/, '').replace(/\s+/g, ' ').trim() || 'unknown CPU';
  return backend ? `${cpu} · ${backend}` : cpu;
}

/** Unique display names for run folders: their base names, numbered when two share one. */
export function runNames(runDirs: readonly string[]): Map<string, string> {
  const names = new Map<string, string>();
  const used = new Map<string, number>();
  for (const dir of runDirs) {
    const key = resolve(dir);
    if (names.has(key)) continue;
    const base = basename(key) || key;
    const n = (used.get(base) ?? 0) + 1;
    used.set(base, n);
    names.set(key, n === 1 ? base : `${base} (${n})`);
  }
  return names;
}

/**
 * The series a document draws as: its device, so runs from several machines compare side by side.
 * When two run folders were measured on the same device, the run name is added to tell them apart.
 */
export function seriesLabels(entries: readonly { run: string; device: string }[]): Map<string, string> {
  const runsPerDevice = new Map<string, Set<string>>();
  for (const e of entries) {
    const set = runsPerDevice.get(e.device) ?? new Set<string>();
    set.add(e.run);
    runsPerDevice.set(e.device, set);
  }
  const out = new Map<string, string>();
  for (const e of entries) {
    const shared = (runsPerDevice.get(e.device)?.size ?? 0) > 1;
    out.set(`${e.run}\u0000${e.device}`, shared ? `${e.device} · ${e.run}` : e.device);
  }
  return out;
}
