import { createServer as createHttpServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import { join } from 'node:path';
import { ERROR_CODES, EvalkitError, isEvalkitError, writeResultDocument } from '@evalkit/core';
import { bundlePage } from '../io/bundle-page';
import { ortWasmFiles } from '../io/static-files';
import type { BrowserBenchPlan } from '../plan';
import { allowedHostHeaders, createToken, isLoopbackHost, lanAddresses, tokenMatches } from './access';
import type { DecoderAssets } from './decoder-assets';
import { pageHtml } from './page-html';
import { acceptPostedDocument, postedFileName } from './posted-document';

/** Options of startBrowserBenchServer. */
export interface BrowserBenchServerOptions {
  /** Run folder the posted documents are written to. */
  outDir: string;
  host: string;
  /** 0 picks a free port. */
  port: number;
  plan: BrowserBenchPlan;
  decoders: DecoderAssets | null;
  /** Token every request must carry; default: none on loopback, a fresh one otherwise. */
  token?: string | null;
  /** PEM certificate and key: serve HTTPS (phones need a secure context for WebGPU and threads). */
  tls?: { cert: Buffer; key: Buffer };
  /** Largest accepted result document, bytes (default 8 MiB). */
  maxBodyBytes?: number;
  /** Most documents one server writes (default 64), so a runaway page cannot fill the disk. */
  maxDocuments?: number;
  /** Called for every page event (progress lines, device, done) and every written file. */
  onEvent?: (event: ServerEvent) => void;
}

/** Something that happened: a page's progress line, its device, its end, a file written, a refused request. */
export type ServerEvent =
  | { type: 'progress' | 'device'; message: string }
  | { type: 'done'; message: string; ok: boolean; backends: string[] }
  | { type: 'written'; file: string; kind: string; backend: string }
  | { type: 'refused'; status: number; reason: string };

/** A running server. */
export interface BrowserBenchServer {
  /** URL to open on this machine (with the token when there is one). */
  url: string;
  /** URLs for other devices on the network (empty when bound to loopback). */
  lanUrls: string[];
  port: number;
  token: string | null;
  /** Files written so far. */
  written: string[];
  close(): Promise<void>;
}

const EVENT_BODY_LIMIT = 16 * 1024;

// Cross-origin isolation: WebAssembly threads need SharedArrayBuffer, which needs both headers.
const ISOLATION = {
  'cross-origin-opener-policy': 'same-origin',
  'cross-origin-embedder-policy': 'require-corp',
  'cross-origin-resource-policy': 'same-origin',
  'x-content-type-options': 'nosniff',
  'cache-control': 'no-store',
};

class HttpRefusal extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

function send(res: ServerResponse, status: number, type: string, body: string | Uint8Array): void {
  res.writeHead(status, { ...ISOLATION, 'content-type': type, 'content-length': Buffer.byteLength(body) });
  res.end(body);
}

const sendJson = (res: ServerResponse, status: number, value: unknown) => send(res, status, 'application/json; charset=utf-8', JSON.stringify(value));

/** Reads a request body up to `limit` bytes; refuses (413) as soon as it grows past, without buffering the rest. */
function readBody(req: IncomingMessage, limit: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const declared = Number(req.headers['content-length']);
    if (Number.isFinite(declared) && declared > limit) {
      reject(new HttpRefusal(413, `body of ${declared} bytes exceeds the limit of ${limit}`));
      return;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        reject(new HttpRefusal(413, `body exceeds the limit of ${limit} bytes`));
        req.destroy();
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

/**
 * Serves the browser benchmark: the page, its bundled script, onnxruntime-web's WebAssembly files,
 * the plan and the decoder graphs, and takes result documents back. Every request must carry an
 * allowed Host header (and the token, when there is one); posts must be same-origin JSON under the
 * size limit and pass the result-document schema before anything is written.
 */
export async function startBrowserBenchServer(options: BrowserBenchServerOptions): Promise<BrowserBenchServer> {
  const token = options.token === undefined ? (isLoopbackHost(options.host) ? null : createToken()) : options.token;
  if (token === null && !isLoopbackHost(options.host)) {
    throw new EvalkitError(ERROR_CODES.INVALID_ARGUMENT, 'binding beyond this machine needs a token', { field: '--host', value: options.host });
  }
  const maxBody = options.maxBodyBytes ?? 8 * 2 ** 20;
  const maxDocs = options.maxDocuments ?? 64;
  const script = await bundlePage();
  const wasm = ortWasmFiles();
  const emit = (e: ServerEvent) => options.onEvent?.(e);
  const written: string[] = [];
  let allowedHosts = new Set<string>();
  const scheme = options.tls ? 'https' : 'http';

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    if (!allowedHosts.has(String(req.headers.host ?? '').toLowerCase())) throw new HttpRefusal(421, `Host header ${JSON.stringify(req.headers.host ?? '')} is not this server`);
    const url = new URL(req.url ?? '/', 'http://server.invalid');
    const path = url.pathname;
    // The page and its code are public; everything that reveals the plan or takes data needs the token.
    const isPublic = req.method === 'GET' && (path === '/' || path === '/index.html' || path === '/app.js' || path.startsWith('/ort/'));
    if (!isPublic && !tokenMatches(token, url.searchParams.get('token'))) throw new HttpRefusal(403, 'missing or wrong token');
    if (req.method === 'POST') {
      const origin = req.headers.origin;
      if (origin !== undefined && !allowedHosts.has(origin.replace(/^https?:\/\//, '').toLowerCase())) throw new HttpRefusal(403, `Origin ${origin} is not this server`);
      if (!String(req.headers['content-type'] ?? '').startsWith('application/json')) throw new HttpRefusal(415, 'posts must be application/json');
      if (path === '/api/results') {
        if (written.length >= maxDocs) throw new HttpRefusal(429, `this server already wrote ${maxDocs} documents`);
        const body = await readBody(req, maxBody);
        let accepted;
        try {
          accepted = acceptPostedDocument(body);
        } catch (error) {
          if (isEvalkitError(error)) throw new HttpRefusal(422, `${error.message} (${error.field ?? ''})`);
          throw error;
        }
        const name = postedFileName(accepted);
        writeResultDocument(join(options.outDir, name), accepted.document);
        written.push(name);
        emit({ type: 'written', file: name, kind: accepted.kind, backend: accepted.browser.backend });
        sendJson(res, 201, { file: name });
        return;
      }
      if (path === '/api/events') {
        const event = JSON.parse(await readBody(req, EVENT_BODY_LIMIT)) as Record<string, unknown>;
        const message = String(event.message ?? '').slice(0, 2000);
        if (event.type === 'done') emit({ type: 'done', message, ok: event.ok === true, backends: Array.isArray(event.backends) ? event.backends.map(String).slice(0, 3) : [] });
        else emit({ type: event.type === 'device' ? 'device' : 'progress', message });
        sendJson(res, 200, {});
        return;
      }
      throw new HttpRefusal(404, 'no such endpoint');
    }
    if (req.method !== 'GET') throw new HttpRefusal(405, 'GET or POST only');
    if (path === '/' || path === '/index.html') return send(res, 200, 'text/html; charset=utf-8', pageHtml());
    if (path === '/app.js') return send(res, 200, 'text/javascript; charset=utf-8', script);
    if (path === '/api/plan') return sendJson(res, 200, options.plan);
    if (path === '/favicon.ico') return send(res, 204, 'image/x-icon', '');
    if (path.startsWith('/ort/')) {
      const name = path.slice('/ort/'.length);
      const data = wasm(name);
      if (!data) throw new HttpRefusal(404, 'not found');
      return send(res, 200, name.endsWith('.wasm') ? 'application/wasm' : 'text/javascript; charset=utf-8', data);
    }
    const model = /^\/models\/([a-z0-9.-]+)\.(onnx|latents)$/.exec(path);
    if (model && options.decoders) {
      const data = options.decoders.file(model[1], model[2] as 'onnx' | 'latents');
      if (data) return send(res, 200, 'application/octet-stream', data);
    }
    throw new HttpRefusal(404, 'not found');
  }

  const listener = (req: IncomingMessage, res: ServerResponse) => {
    handle(req, res).catch((error: unknown) => {
      const status = error instanceof HttpRefusal ? error.status : 500;
      const reason = error instanceof Error ? error.message : String(error);
      emit({ type: 'refused', status, reason });
      if (!res.headersSent) sendJson(res, status, { error: reason });
      else res.destroy();
    });
  };
  const server: Server = options.tls ? createHttpsServer({ cert: options.tls.cert, key: options.tls.key }, listener) : createHttpServer(listener);
  await new Promise<void>((resolve, reject) => {
    server.once('error', (error: NodeJS.ErrnoException) =>
      reject(new EvalkitError(ERROR_CODES.INVALID_ARGUMENT, `cannot listen: ${error.code ?? error.message}`, { field: '--host/--port', value: `${options.host}:${options.port}` })),
    );
    server.listen(options.port, options.host, () => resolve());
  });
  const port = (server.address() as { port: number }).port;
  allowedHosts = allowedHostHeaders(options.host, port);
  const query = token ? `/?token=${encodeURIComponent(token)}` : '/';
  const localName = isLoopbackHost(options.host) ? (options.host.includes(':') ? `[${options.host.replace(/^\[|\]$/g, '')}]` : options.host) : '127.0.0.1';
  return {
    url: `${scheme}://${localName}:${port}${query}`,
    lanUrls: isLoopbackHost(options.host) ? [] : (options.host === '0.0.0.0' || options.host === '::' ? lanAddresses() : [options.host]).map((a) => `${scheme}://${a}:${port}${query}`),
    port,
    token,
    written,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
