// Vite builds the page (React) and Vitest runs the unit tests next to the code.
// Workers are ES modules so node workers can import the core like the page does.
// Two pages: index.html (the visual lab) and run.html (a run report: a preset run to its end
// on the worker host, with every node's outcome and the readable log).
//
// Builds: `npm run build` is what gets deployed (no test hook, no test worker, no source
// maps unless DSLAB_SOURCEMAP=1); `npm run build:e2e` (mode "e2e", into dist-e2e/) adds the
// test-only hook `window.__dslab` behind ?debug=1 for the e2e suite and the benchmarks.

import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import type { Plugin } from 'vite';
import { VitePWA } from 'vite-plugin-pwa';
import { defineConfig } from 'vitest/config';

/**
 * The Content-Security-Policy of both pages: scripts, workers and styles from the page's own
 * origin only (no inline script, no eval); images also from data:/blob: URLs (the PNG
 * exports); connections to the origin and to a relay on this machine (`relay=ws://…`).
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data: blob:",
  "font-src 'self'",
  "connect-src 'self' ws://localhost:* ws://127.0.0.1:*",
  "worker-src 'self'",
  "manifest-src 'self'",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'self'",
].join('; ');

/** What a server that can set headers adds (`npm run preview` does). */
const SECURITY_HEADERS = {
  'Content-Security-Policy': CONTENT_SECURITY_POLICY,
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
};

/**
 * The policy as a meta tag in every built page, so a host that cannot set headers (GitHub
 * Pages) still enforces it. Not on the dev server: React's fast refresh needs an inline script.
 */
function contentSecurityPolicyMeta(): Plugin {
  return {
    name: 'dslab:csp-meta',
    apply: 'build',
    transformIndexHtml: () => [
      { tag: 'meta', attrs: { 'http-equiv': 'Content-Security-Policy', content: CONTENT_SECURITY_POLICY }, injectTo: 'head-prepend' },
    ],
  };
}

export default defineConfig(({ mode }) => ({
  // Relative asset paths: the same build works at a domain's root and under any sub-path
  // (a GitHub Pages project site is served from /<repo>/).
  base: './',
  plugins: [
    react(),
    contentSecurityPolicyMeta(),
    // A service worker precaches both pages, their scripts, the node workers, styles and
    // icons, so a page opened once works offline; a new deploy waits for the user's "Reload".
    VitePWA({
      registerType: 'prompt',
      injectRegister: false,
      manifest: false,
      workbox: {
        globPatterns: ['**/*.{html,js,css,svg,png,webmanifest}'],
        // index.html?scenario=…&seed=… is the precached index.html.
        ignoreURLParametersMatching: [/.*/],
        cleanupOutdatedCaches: true,
        // The first install takes the open page at once (so Reload on a later update has a
        // controller to replace); updates still wait for the user.
        clientsClaim: true,
      },
    }),
  ],
  worker: { format: 'es' },
  build: {
    target: 'es2022',
    outDir: mode === 'e2e' ? 'dist-e2e' : 'dist',
    sourcemap: process.env.DSLAB_SOURCEMAP === '1',
    rolldownOptions: {
      input: {
        main: fileURLToPath(new URL('./index.html', import.meta.url)),
        run: fileURLToPath(new URL('./run.html', import.meta.url)),
      },
    },
  },
  preview: { port: 4173, strictPort: true, headers: SECURITY_HEADERS },
  test: {
    include: ['src/**/*.test.ts'],
    environment: 'node',
    setupFiles: ['src/test-setup.ts'],
    // Tests assert outcomes, not speed (speed is `npm run bench`): a property test that takes 2 s
    // alone took 7 s on a 2-core machine under load 20, past Vitest's 5 s default.
    testTimeout: 60_000,
  },
}));
