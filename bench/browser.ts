// What the browser benchmarks share: build the app (the e2e build, with the test hook) into a
// folder of their own, serve it with `vite preview` on a free port, and launch Chromium
// (Debian's, or $DSLAB_CHROMIUM, or Playwright's own) with the flags that work headless on
// this kind of machine.

import { existsSync } from 'node:fs';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';
import { type Browser, chromium } from '@playwright/test';
import { build, type BuildEnvironmentOptions, preview } from 'vite';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const SYSTEM_CHROMIUM = '/usr/bin/chromium';

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

/** Debian's Chromium (or $DSLAB_CHROMIUM) when present, else Playwright's own. */
export function launchChromium(): Promise<Browser> {
  const executablePath = process.env.DSLAB_CHROMIUM ?? (existsSync(SYSTEM_CHROMIUM) ? SYSTEM_CHROMIUM : undefined);
  return chromium.launch({
    ...(executablePath ? { executablePath } : {}),
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}

export interface ServedApp {
  base: string;
  browser: Browser;
  close(): Promise<void>;
}

/** Builds into `outDir`, serves it and opens a browser; `close()` ends both. */
export async function serveBuiltApp(outDir: string, options: BuildEnvironmentOptions = {}): Promise<ServedApp> {
  // A production build whatever ran before in this process: Vite's dev server (the diagram
  // benchmark) sets NODE_ENV=development, and a build would then bundle React's development
  // build (issue 14: 184 KB instead of 122 KB, twice the main-thread time).
  process.env.NODE_ENV = 'production';
  await build({ root: ROOT, mode: 'e2e', logLevel: 'warn', build: { outDir, emptyOutDir: true, sourcemap: false, ...options } });
  const port = await freePort();
  const server = await preview({
    root: ROOT,
    mode: 'e2e',
    logLevel: 'warn',
    build: { outDir },
    preview: { port, strictPort: true, host: '127.0.0.1' },
  });
  const browser = await launchChromium();
  return {
    base: `http://127.0.0.1:${port}`,
    browser,
    close: async () => {
      await browser.close();
      await server.close();
    },
  };
}
