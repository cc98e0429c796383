import { createReadStream, existsSync, statSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { extname, join, normalize, resolve, sep } from 'node:path';
import { ERROR_CODES, EvalkitError } from '@evalkit/core';
import { MESSAGES } from '../messages';

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.csv': 'text/csv; charset=utf-8',
  '.md': 'text/markdown; charset=utf-8',
  '.tex': 'text/plain; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
};

/** A running report viewer. */
export interface ReportServer {
  url: string;
  port: number;
  close(): Promise<void>;
}

/** The file a request path maps to, or null when it would leave the report folder. */
export function resolveRequestPath(root: string, urlPath: string): string | null {
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPath.split('?')[0].split('#')[0]);
  } catch {
    return null;
  }
  if (decoded.includes('\0')) return null;
  const path = normalize(join(root, decoded.endsWith('/') ? `${decoded}index.html` : decoded));
  return path === root || path.startsWith(root.endsWith(sep) ? root : root + sep) ? path : null;
}

/**
 * Serves a rendered report folder read-only over HTTP on 127.0.0.1 (never other interfaces: the
 * viewer is for the person at this machine). Port 0 picks a free port.
 */
export async function serveReport(dir: string, port = 8080): Promise<ReportServer> {
  const root = resolve(dir);
  if (!existsSync(join(root, 'index.html'))) throw new EvalkitError(ERROR_CODES.FILE_NOT_FOUND, MESSAGES.serveDirMissing, { file: dir });
  const server: Server = createServer((req, res) => {
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405, { Allow: 'GET, HEAD' }).end();
      return;
    }
    const path = resolveRequestPath(root, req.url ?? '/');
    if (path === null || !existsSync(path) || !statSync(path).isFile()) {
      res.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8' }).end('not found\n');
      return;
    }
    res.writeHead(200, {
      'Content-Type': CONTENT_TYPES[extname(path).toLowerCase()] ?? 'application/octet-stream',
      'Cache-Control': 'no-store',
      'X-Content-Type-Options': 'nosniff',
    });
    if (req.method === 'HEAD') res.end();
    else createReadStream(path).pipe(res);
  });
  await new Promise<void>((resolveListen, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolveListen());
  });
  const address = server.address();
  const actualPort = typeof address === 'object' && address !== null ? address.port : port;
  return {
    url: `http://127.0.0.1:${actualPort}/`,
    port: actualPort,
    close: () => new Promise<void>((r) => server.close(() => r())),
  };
}
