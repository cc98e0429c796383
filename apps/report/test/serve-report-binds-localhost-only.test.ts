import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { createServer, request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { serveReport } from '../src';
import { hostIsAllowed, resolveRequestPath } from '../src/io/serve-report';

/** GET with a chosen Host header (fetch always sends the URL's own). */
function getWithHost(url: string, host: string): Promise<number> {
  return new Promise((resolveStatus, reject) => {
    const req = request(url, { headers: { Host: host } }, (res) => {
      res.resume();
      resolveStatus(res.statusCode ?? 0);
    });
    req.on('error', reject);
    req.end();
  });
}

describe('report viewer', () => {
  let root: string;
  beforeAll(() => {
    root = mkdtempSync(join(tmpdir(), 'evalkit-report-serve-'));
    mkdirSync(join(root, 'site', 'figures'), { recursive: true });
    writeFileSync(join(root, 'site', 'index.html'), '<!doctype html><title>r</title>');
    writeFileSync(join(root, 'site', 'figures', 'a.svg'), '<svg/>');
    writeFileSync(join(root, 'secret.txt'), 'secret');
    // Links inside the served folder that lead out of it: to a file, and to a folder.
    symlinkSync(join(root, 'secret.txt'), join(root, 'site', 'leak.txt'));
    symlinkSync(root, join(root, 'site', 'up'));
    symlinkSync(join(root, 'site', 'figures', 'a.svg'), join(root, 'site', 'inside.svg'));
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

  it('does not follow symbolic links out of the folder (404), but serves links that stay inside', async () => {
    const server = await serveReport(join(root, 'site'), 0);
    try {
      expect((await fetch(`${server.url}leak.txt`)).status).toBe(404);
      expect((await fetch(`${server.url}up/secret.txt`)).status).toBe(404);
      const inside = await fetch(`${server.url}inside.svg`);
      expect(inside.status).toBe(200);
      expect(await inside.text()).toBe('<svg/>');
    } finally {
      await server.close();
    }
  });

  it('answers only requests addressed to 127.0.0.1 or localhost at its port (DNS rebinding)', async () => {
    const server = await serveReport(join(root, 'site'), 0);
    try {
      expect(await getWithHost(server.url, `127.0.0.1:${server.port}`)).toBe(200);
      expect(await getWithHost(server.url, `localhost:${server.port}`)).toBe(200);
      expect(await getWithHost(server.url, `attacker.example:${server.port}`)).toBe(421);
      expect(await getWithHost(server.url, 'attacker.example')).toBe(421);
      expect(await getWithHost(server.url, `127.0.0.1:${server.port + 1}`)).toBe(421);
    } finally {
      await server.close();
    }
    expect(hostIsAllowed(undefined, 8080)).toBe(false);
    expect(hostIsAllowed('LOCALHOST:8080', 8080)).toBe(true);
    expect(hostIsAllowed('127.0.0.1.attacker.example:8080', 8080)).toBe(false);
  });

  it('refuses a port outside 0..65535 and a port in use with an EvalkitError', async () => {
    await expect(serveReport(join(root, 'site'), 70000)).rejects.toMatchObject({ code: 'EVK_INVALID_ARGUMENT', message: expect.stringMatching(/--port.*70000/) });
    const blocker = createServer();
    await new Promise<void>((r) => blocker.listen(0, '127.0.0.1', () => r()));
    const taken = (blocker.address() as { port: number }).port;
    try {
      await expect(serveReport(join(root, 'site'), taken)).rejects.toMatchObject({ code: 'EVK_RUNTIME', message: expect.stringMatching(/already in use/) });
    } finally {
      await new Promise<void>((r) => blocker.close(() => r()));
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
