// Debian's Chromium driven by playwright-core (never a browser download), against the page served by
// `radiomics app`'s server on 127.0.0.1. Every request the page makes is recorded.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { startAppServer, type AppServer } from '../../src/cli/app.js';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

export interface PageSession {
  app: AppServer;
  browser: Browser;
  context: BrowserContext;
  page: Page;
  /** Every URL the page (and its worker) requested. */
  requests: string[];
  /** Console errors and uncaught page errors. */
  errors: string[];
  close(): Promise<void>;
}

/** Serves dist/web on a random port and opens it in a fresh Chromium profile. */
export async function openPage(viewport = { width: 1360, height: 900 }): Promise<PageSession> {
  const app = await startAppServer({ port: 0 });
  const profile = mkdtempSync(join(tmpdir(), 'radiomics-chromium-'));
  const context = await chromium.launchPersistentContext(profile, { executablePath: CHROMIUM, args: CHROMIUM_ARGS, headless: true, viewport, acceptDownloads: true });
  const browser = context.browser()!;
  const requests: string[] = [];
  const errors: string[] = [];
  context.on('request', (r) => void requests.push(r.url()));
  const page = context.pages()[0] ?? (await context.newPage());
  page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
  page.on('pageerror', (e) => void errors.push(e.message));
  await page.goto(app.url);
  await page.waitForFunction(() => document.getElementById('status')?.textContent?.startsWith('Ready'), undefined, { timeout: 60_000 });
  return {
    app, browser, context, page, requests, errors,
    async close() {
      await context.close();
      await app.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

/** Requests whose origin is not the page server's (blob: URLs carry the page's own origin). */
export function foreignRequests(session: PageSession): string[] {
  const own = new URL(session.app.url).origin;
  return session.requests.filter((u) => {
    if (u.startsWith('data:')) return false;
    return new URL(u).origin !== own;
  });
}
