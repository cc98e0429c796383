import { createReadStream, existsSync, realpathSync, statSync } from 'node:fs';
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
 * The real file behind a request path, or null when it is missing, not a plain file, or leaves the
 * report folder through a symbolic link (a link to /etc/passwd inside the folder is not served).
 * `realRoot` is the folder's own real path.
 */
export function resolveServedFile(realRoot: string, urlPath: string): string | null {
  const path = resolveRequestPath(realRoot, urlPath);
  if (path === null) return null;
  let real: string;
  try {
    real = realpathSync(path);
  } catch {
    return null;
  }
  if (real !== realRoot && !real.startsWith(realRoot.endsWith(sep) ? realRoot : realRoot + sep)) return null;
  try {
    return statSync(real).isFile() ? real : null;
  } catch {
    return null;
  }
}

/**
 * Whether a request's Host header names this server (127.0.0.1 or localhost at its port). A page
 * on another site whose name a DNS-rebinding attack points at 127.0.0.1 sends its own name, and
 * is refused, so it cannot read the report.
 */
export function hostIsAllowed(host: string | undefined, port: number): boolean {
  if (host === undefined) return false;
  const m = /^(127\.0\.0\.1|localhost)(?::(\d+))?$/i.exec(host.trim());
  if (!m) return false;
  return m[2] === undefined ? port === 80 : Number(m[2]) === port;
}

/**
 * Serves a rendered report folder read-only over HTTP on 127.0.0.1 (never other interfaces: the
 * viewer is for the person at this machine). Port 0 picks a free port.
 */
export async function serveReport(dir: string, port = 8080): Promise<ReportServer> {
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new EvalkitError(ERROR_CODES.INVALID_ARGUMENT, 'a port is an integer from 0 to 65535 (0 picks a free one)', { field: '--port', value: port });
  }
  const root = resolve(dir);
  if (!existsSync(join(root, 'index.html'))) throw new EvalkitError(ERROR_CODES.FILE_NOT_FOUND, MESSAGES.serveDirMissing, { file: dir });
  const realRoot = realpathSync(root);
  let boundPort = port;
  const server: Server = createServer((req, res) => {
    if (!hostIsAllowed(req.headers.host, boundPort)) {
      res.writeHead(421, { 'Content-Type': 'text/plain; charset=utf-8' }).end('misdirected request: this viewer answers to 127.0.0.1 and localhost only\n');
      return;
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405, { Allow: 'GET, HEAD' }).end();
      return;
    }
    const path = resolveServedFile(realRoot, req.url ?? '/');
    if (path === null) {
      res.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8' }).end('not found\n');
      return;
    }
    res.writeHead(200, {
      'Content-Type': CONTENT_TYPES[extname(path).toLowerCase()] ?? 'application/octet-stream',
      'Cache-Control': 'no-store',
      'X-Content-Type-Options': 'nosniff',
    });
    if (req.method === 'HEAD') res.end();
    else {
      const stream = createReadStream(path);
      // A file removed while it is being sent ends that response, not the server.
      stream.on('error', () => res.destroy());
      stream.pipe(res);
    }
  });
  await new Promise<void>((resolveListen, reject) => {
    server.once('error', (error: NodeJS.ErrnoException) => {
      if (error.code === 'EADDRINUSE') reject(new EvalkitError(ERROR_CODES.RUNTIME, MESSAGES.servePortInUse, { field: '--port', value: port }));
      else if (error.code === 'EACCES') reject(new EvalkitError(ERROR_CODES.RUNTIME, MESSAGES.servePortDenied, { field: '--port', value: port }));
      else reject(new EvalkitError(ERROR_CODES.RUNTIME, `cannot listen on 127.0.0.1: ${error.message}`, { field: '--port', value: port }));
    });
    server.listen(port, '127.0.0.1', () => resolveListen());
  });
  const address = server.address();
  const actualPort = typeof address === 'object' && address !== null ? address.port : port;
  boundPort = actualPort;
  return {
    url: `http://127.0.0.1:${actualPort}/`,
    port: actualPort,
    close: () => new Promise<void>((r) => server.close(() => r())),
  };
}
