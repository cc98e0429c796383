import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { resolveRequestPath, serveReport } from '../src';

describe('report viewer', () => {
  let root: string;
  beforeAll(() => {
    root = mkdtempSync(join(tmpdir(), 'evalkit-report-serve-'));
    mkdirSync(join(root, 'site', 'figures'), { recursive: true });
    writeFileSync(join(root, 'site', 'index.html'), '<!doctype html><title>r</title>');
    writeFileSync(join(root, 'site', 'figures', 'a.svg'), '<svg/>');
    writeFileSync(join(root, 'secret.txt'), 'secret');
  });
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it('serves the folder on 127.0.0.1 with content types, and nothing outside it', async () => {
    const server = await serveReport(join(root, 'site'), 0);
    try {
      expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
      const index = await fetch(server.url);
      expect(index.status).toBe(200);
      expect(index.headers.get('content-type')).toBe('text/html; charset=utf-8');
      expect(await index.text()).toContain('<title>r</title>');
      const svg = await fetch(`${server.url}figures/a.svg`);
      expect(svg.headers.get('content-type')).toBe('image/svg+xml');
      expect((await fetch(`${server.url}..%2Fsecret.txt`)).status).toBe(404);
      expect((await fetch(`${server.url}missing.png`)).status).toBe(404);
      expect((await fetch(server.url, { method: 'POST' })).status).toBe(405);
    } finally {
      await server.close();
    }
  });

  it('maps request paths inside the root only', () => {
    expect(resolveRequestPath('/r', '/')).toBe('/r/index.html');
    expect(resolveRequestPath('/r', '/figures/a.svg?x=1')).toBe('/r/figures/a.svg');
    expect(resolveRequestPath('/r', '/../etc/passwd')).toBe(null);
    expect(resolveRequestPath('/r', '/..%2F..%2Fetc%2Fpasswd')).toBe(null);
    expect(resolveRequestPath('/r', '/%E0%A4%A')).toBe(null);
  });

  it('refuses a folder without index.html', async () => {
    await expect(serveReport(join(root, 'nowhere'), 0)).rejects.toThrow(/index\.html/);
  });
});
