import { Command } from 'commander';
import { deviceFingerprint, findChromium, type DeviceFingerprint } from '@evalkit/core';
import { ffmpegVersion, findFfmpegTools } from '@evalkit/media-io';
import { printJson, formatTable } from '../shared/output';
import { probeExecutionProviders, type ProviderProbe } from '../shared/providers';

/** What `evalkit doctor` reports. */
export interface DoctorReport {
  device: DeviceFingerprint;
  executionProviders: ProviderProbe[];
  sharp: { sharp: string; libvips: string } | { error: string };
  chromium: { path: string; version: string } | null;
  /** ffmpeg for video files (metrics on MP4/MKV/WebM/AVI/MOV, decode --format mp4), or what is missing. */
  ffmpeg: { path: string; ffprobe: string; version: string | null } | { missing: string };
}

function ffmpegReport(): DoctorReport['ffmpeg'] {
  try {
    const tools = findFfmpegTools();
    return { path: tools.ffmpeg, ffprobe: tools.ffprobe, version: ffmpegVersion(tools) };
  } catch (error) {
    return { missing: (error as Error).message };
  }
}

async function sharpVersions(): Promise<DoctorReport['sharp']> {
  try {
    const sharp = (await import('sharp')).default;
    return { sharp: sharp.versions.sharp ?? 'unknown', libvips: sharp.versions.vips };
  } catch (error) {
    return { error: (error as Error).message };
  }
}

/** Collects the doctor report. */
export async function doctorReport(): Promise<DoctorReport> {
  return {
    device: deviceFingerprint({ executionProvider: 'cpu' }),
    executionProviders: await probeExecutionProviders(),
    sharp: await sharpVersions(),
    chromium: findChromium(),
    ffmpeg: ffmpegReport(),
  };
}

function gib(bytes: number): string {
  return `${(bytes / 2 ** 30).toFixed(1)} GiB`;
}

/** Registers `evalkit doctor`. */
export function registerDoctor(program: Command): void {
  program
    .command('doctor')
    .description('check this machine: device fingerprint, ONNX execution providers that start, sharp/libvips, Chromium, ffmpeg')
    .option('--json', 'print the report as JSON')
    .addHelpText(
      'after',
      `
Examples:
  evalkit doctor          human-readable summary
  evalkit doctor --json   the same as JSON (the device fingerprint is what every result manifest records)`,
    )
    .action(async (opts: { json?: boolean }) => {
      const report = await doctorReport();
      if (opts.json) {
        printJson(report);
        return;
      }
      const d = report.device;
      const lines = [
        `CPU          ${d.cpuModel} (${d.logicalCores} logical cores)`,
        `memory       ${gib(d.memoryBytes)}`,
        `OS           ${d.os} ${d.osRelease} (${d.arch})`,
        `Node.js      ${d.nodeVersion}`,
        `onnxruntime  ${d.onnxruntimeVersion ?? 'not installed'}`,
        `sharp        ${'error' in report.sharp ? `failed to load: ${report.sharp.error}` : `${report.sharp.sharp} (libvips ${report.sharp.libvips})`}`,
        `Chromium     ${report.chromium ? `${report.chromium.version} at ${report.chromium.path}` : 'not found (the HTML report still renders; looked for EVALKIT_CHROMIUM, CHROME_PATH, chromium, chromium-browser, google-chrome on PATH; Debian package: chromium)'}`,
        `ffmpeg       ${'missing' in report.ffmpeg ? 'not found (video files cannot be read or written; EVALKIT_FFMPEG or PATH; Debian package: ffmpeg)' : `${report.ffmpeg.version ?? 'version unknown'} at ${report.ffmpeg.path}`}`,
        '',
        'Execution providers:',
        formatTable(
          ['provider', 'bundled', 'starts', 'detail'],
          report.executionProviders.map((p) => [p.name, p.bundled ? 'yes' : 'no', p.starts ? 'yes' : 'no', p.detail]),
        ),
      ];
      process.stdout.write(`${lines.join('\n')}\n`);
    });
}
