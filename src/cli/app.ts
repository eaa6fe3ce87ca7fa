// `radiomics app`: serves the offline page (dist/web, built by `npm run build`) on 127.0.0.1 only,
// read-only, nothing but that folder, and prints its URL. The page itself never contacts a server.
import { createServer, type Server } from 'node:http';
import { readFile, stat } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { extname, join, normalize, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Command } from 'commander';
import { UsageError, withErrorReporting } from './errors.js';

/** dist/web, whether this file runs from dist/cli (package) or src/cli (tests). */
export const PAGE_DIR = fileURLToPath(new URL('../../dist/web/', import.meta.url));

const MIME: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.wasm': 'application/wasm',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.txt': 'text/plain; charset=utf-8',
};

/** The page may load its own files only (and compile WebAssembly). */
const CSP = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; worker-src 'self'; connect-src 'self'; img-src 'self' data: blob:; style-src 'self'; object-src 'none'; base-uri 'none'; form-action 'none'";

export interface AppServer {
  server: Server;
  url: string;
  close(): Promise<void>;
}

/** Starts the static server; port 0 picks a free port. */
export async function startAppServer(options: { port?: number; host?: string; root?: string } = {}): Promise<AppServer> {
  const root = resolve(options.root ?? PAGE_DIR);
  const host = options.host ?? '127.0.0.1';
  if (!existsSync(join(root, 'index.html'))) throw new Error(`${root}: the page is not built (no index.html); run \`npm run build\` first`);
  const server = createServer(async (req, res) => {
    const send = (status: number, body: string) => {
      res.writeHead(status, { 'Content-Type': 'text/plain; charset=utf-8', 'X-Content-Type-Options': 'nosniff' });
      res.end(req.method === 'HEAD' ? undefined : body);
    };
    if (req.method !== 'GET' && req.method !== 'HEAD') return send(405, 'method not allowed');
    let path: string;
    try {
      path = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
    } catch {
      return send(400, 'bad request');
    }
    if (path.endsWith('/')) path += 'index.html';
    const file = normalize(join(root, path));
    if (file !== root && !file.startsWith(root + sep)) return send(404, 'not found');
    try {
      if (!(await stat(file)).isFile()) return send(404, 'not found');
      const body = await readFile(file);
      res.writeHead(200, {
        'Content-Type': MIME[extname(file).toLowerCase()] ?? 'application/octet-stream',
        'Content-Length': body.length,
        'Content-Security-Policy': CSP,
        'X-Content-Type-Options': 'nosniff',
        'Referrer-Policy': 'no-referrer',
        'Cache-Control': 'no-cache',
      });
      res.end(req.method === 'HEAD' ? undefined : body);
    } catch {
      send(404, 'not found');
    }
  });
  await new Promise<void>((ok, fail) => {
    server.once('error', (err: NodeJS.ErrnoException) => fail(err.code === 'EADDRINUSE' ? new UsageError(`--port: ${options.port} is in use; pick another or 0 for any free port`) : err));
    server.listen(options.port ?? 0, host, () => ok());
  });
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : options.port;
  return {
    server,
    url: `http://${host}:${port}/`,
    close: () => new Promise<void>((ok) => {
      server.closeAllConnections();
      server.close(() => ok());
    }),
  };
}

function portNumber(value: string): number {
  const n = Number(value);
  if (!/^\s*\d+\s*$/.test(value) || !(n >= 0 && n <= 65535)) throw new UsageError(`--port: "${value}" is not a port number (0-65535)`);
  return n;
}

export function registerAppCommand(program: Command): void {
  program
    .command('app')
    .description('serve the offline page (image + mask + model.json -> features, nomogram, probability) on 127.0.0.1 and print its URL')
    .option('-p, --port <n>', 'port to listen on (0: any free port)', portNumber, 8765)
    .option('-v, --verbose', 'show stack traces for errors')
    .addHelpText('after', `
Only this computer can open the page (it listens on 127.0.0.1), and the page sends nothing anywhere:
images are read and measured inside the browser. The same folder (${PAGE_DIR}) works on any static host.`)
    .action(
      withErrorReporting(async (opts: { port: number }) => {
        const app = await startAppServer({ port: opts.port });
        process.stdout.write(`radiomics app: serving the page at ${app.url} (Ctrl+C to stop)\n`);
        const stop = () => void app.close().then(() => process.exit(0));
        process.once('SIGINT', stop);
        process.once('SIGTERM', stop);
      }),
    );
}
