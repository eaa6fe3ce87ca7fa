// `radiomics app`: prints its URL, serves dist/web with the right types on 127.0.0.1, nothing else.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawn, type ChildProcess } from 'node:child_process';
import { request } from 'node:http';
import { readFileSync } from 'node:fs';
import { PAGE_DIR, startAppServer, type AppServer } from '../../src/cli/app.js';

const CLI = new URL('../../bin/radiomics.js', import.meta.url).pathname;

/** A raw GET (no URL normalisation by the client, so ../ reaches the server as sent). */
function get(url: string, path: string): Promise<{ status: number; type?: string; body: Buffer; csp?: string }> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve, reject) => {
    const req = request({ host: hostname, port, path, method: 'GET' }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode!, type: res.headers['content-type'], body: Buffer.concat(chunks), csp: res.headers['content-security-policy'] as string }));
    });
    req.on('error', reject);
    req.end();
  });
}

describe('radiomics app server', () => {
  let app: AppServer;
  beforeAll(async () => {
    app = await startAppServer({ port: 0 });
  });
  afterAll(() => app.close());

  it('listens on 127.0.0.1 and serves the page files with their types and the page policy', async () => {
    expect(app.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
    const index = await get(app.url, '/');
    expect(index.status).toBe(200);
    expect(index.type).toBe('text/html; charset=utf-8');
    expect(index.body.toString()).toContain('data-testid="image-input"');
    expect(index.csp).toContain("connect-src 'self'");
    const wasm = await get(app.url, '/radiomics.wasm');
    expect(wasm.type).toBe('application/wasm');
    expect(wasm.body.equals(readFileSync(`${PAGE_DIR}radiomics.wasm`))).toBe(true);
    expect((await get(app.url, '/worker.js')).type).toBe('text/javascript; charset=utf-8');
    expect((await get(app.url, '/style.css')).type).toBe('text/css; charset=utf-8');
  });

  it('serves nothing outside the page folder', async () => {
    for (const path of ['/../../package.json', '/..%2f..%2fpackage.json', '/%2e%2e/%2e%2e/package.json', '/no-such-file.js', '/%zz']) {
      const res = await get(app.url, path);
      expect([400, 404]).toContain(res.status);
      expect(res.body.toString()).not.toContain('radiomics-wasm');
    }
  });

  it('the command prints the URL; a port in use is a one-line error', async () => {
    const child: ChildProcess = spawn(process.execPath, [CLI, 'app', '--port', '0']);
    try {
      const line = await new Promise<string>((resolve, reject) => {
        child.stdout!.once('data', (d) => resolve(String(d)));
        child.once('exit', (code) => reject(new Error(`exited with ${code}`)));
      });
      expect(line).toMatch(/^radiomics app: serving the page at http:\/\/127\.0\.0\.1:\d+\/ \(Ctrl\+C to stop\)\n$/);
      const url = /http:\/\/\S+\//.exec(line)![0];
      expect((await get(url, '/')).status).toBe(200);
      const busy = spawn(process.execPath, [CLI, 'app', '--port', new URL(url).port]);
      let stderr = '';
      busy.stderr!.on('data', (d) => (stderr += d));
      const code = await new Promise((resolve) => busy.once('exit', resolve));
      expect(code).toBe(2);
      expect(stderr).toBe(`radiomics: --port: ${new URL(url).port} is in use; pick another or 0 for any free port\n`);
    } finally {
      child.kill('SIGTERM');
    }
  });
});
