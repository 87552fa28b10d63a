// ESLint flat config. Besides the usual recommended sets it guards the layering in
// ARCHITECTURE.md §1: the core (src/core) stays pure, so it may not import UI, store or host code
// and may not touch wall-clock time, ambient randomness, timers or browser globals; every
// other layer imports only the layers below it, and the core only through src/core/index.ts.

import js from '@eslint/js';
import reactHooks from 'eslint-plugin-react-hooks';
import { defineConfig, globalIgnores } from 'eslint/config';
import globals from 'globals';
import tseslint from 'typescript-eslint';

/** Packages the core must never import (UI, DOM-owning d3 modules, the store library). */
const uiPackages = [
  { name: 'react', message: 'src/core is pure: no React.' },
  { name: 'react-dom', message: 'src/core is pure: no React.' },
  { name: 'd3', message: 'src/core is pure: import the pure d3-* module you need, never the whole d3 bundle.' },
  { name: 'd3-selection', message: 'src/core is pure: d3-selection owns DOM nodes.' },
  { name: 'zustand', message: 'src/core is pure: the store lives in src/store.' },
];
const uiPatterns = [
  { group: ['react/*', 'react-dom/*', 'd3-selection/*', 'zustand/*'], message: 'src/core is pure: no UI or store libraries.' },
];
/** The layers above the core. Matched against the import specifier, so relative paths count. */
const upperLayerPatterns = [
  {
    group: ['**/hosts', '**/hosts/**', '**/store', '**/store/**', '**/views', '**/views/**', '**/app', '**/app/**'],
    message: 'src/core may not depend on hosts, store, views or app: data flows from the core outwards (ARCHITECTURE.md §1).',
  },
];

const impureGlobals = [
  { name: 'performance', message: 'src/core never reads wall-clock time: use the simulation clock.' },
  { name: 'setTimeout', message: 'src/core never schedules real timers: return a timer effect.' },
  { name: 'setInterval', message: 'src/core never schedules real timers: return a timer effect.' },
  { name: 'clearTimeout', message: 'src/core never schedules real timers: return a cancel effect.' },
  { name: 'clearInterval', message: 'src/core never schedules real timers: return a cancel effect.' },
  { name: 'requestAnimationFrame', message: 'src/core knows no frames: the store pushes to the views.' },
  { name: 'window', message: 'src/core runs without a DOM.' },
  { name: 'document', message: 'src/core runs without a DOM.' },
  { name: 'navigator', message: 'src/core runs without a DOM.' },
  { name: 'self', message: 'src/core runs without worker globals.' },
  { name: 'postMessage', message: 'src/core runs without worker globals: hosts talk to workers.' },
  { name: 'crypto', message: 'src/core draws randomness only from its seeded Rng.' },
];
const impureProperties = [
  { object: 'Date', property: 'now', message: 'src/core never reads wall-clock time: use the simulation clock.' },
  { object: 'Math', property: 'random', message: 'src/core draws randomness only from its seeded Rng (ctx.random).' },
  { object: 'globalThis', property: 'performance', message: 'src/core never reads wall-clock time.' },
  { object: 'globalThis', property: 'setTimeout', message: 'src/core never schedules real timers.' },
  { object: 'globalThis', property: 'window', message: 'src/core runs without a DOM.' },
  { object: 'globalThis', property: 'document', message: 'src/core runs without a DOM.' },
  { object: 'globalThis', property: 'self', message: 'src/core runs without worker globals.' },
];

/** Import patterns that name a layer's folder (relative paths count too). */
const layerPattern = (layer) => [`**/${layer}`, `**/${layer}/**`];
/** Outside src/core, the core is reached only through its public entry (or, for a node worker's files, core/runtime.ts). */
const coreEntryOnly = {
  group: ['**/core/**', '!**/core/index.ts', '!**/core/runtime.ts'],
  message: 'Import the core from src/core/index.ts, its one public entry (src/core/runtime.ts for what a node worker loads).',
};
/**
 * Who may import whom, lowest first: core ← scenarios ← hosts ← store ← views ← app, with the
 * CLI and the fuzzer beside the store (on the hosts). Each layer lists what it may not import.
 */
const layers = {
  scenarios: ['hosts', 'store', 'views', 'app', 'cli', 'fuzz'],
  hosts: ['store', 'views', 'app', 'cli', 'fuzz'],
  store: ['views', 'app', 'cli', 'fuzz'],
  views: ['app', 'cli', 'fuzz'],
  cli: ['store', 'views', 'app', 'fuzz'],
  fuzz: ['store', 'views', 'app', 'cli'],
  app: ['cli', 'fuzz'],
};
const layerRules = Object.entries(layers).map(([layer, above]) => ({
  files: [`src/${layer}/**/*.{ts,tsx}`],
  rules: {
    'no-restricted-imports': [
      'error',
      {
        patterns: [
          coreEntryOnly,
          {
            group: above.flatMap(layerPattern),
            message: `src/${layer} may not depend on ${above.join(', ')}: data flows upwards (ARCHITECTURE.md §1).`,
          },
        ],
      },
    ],
  },
}));

/**
 * Node-side entry points and tests that live inside src/core: they may drive the core on a
 * host and use Node, but still may not pull UI libraries into the core's folder.
 */
const coreNodeSide = ['src/core/**/*.test.ts', 'src/fuzz/**'];

export default defineConfig([
  globalIgnores([
    'dist/',
    'dist-e2e/',
    'dev-dist/',
    'node_modules/',
    'test-results/',
    'playwright-report/',
    'coverage/',
    'bench/results/',
    'scratch/',
  ]),

  js.configs.recommended,
  tseslint.configs.recommended,

  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrorsIgnorePattern: '^_' }],
    },
  },

  // Browser code.
  {
    files: ['src/**/*.{ts,tsx}'],
    ignores: ['src/core/**', 'src/cli/**', 'src/relay/**', 'src/**/*.test.ts'],
    languageOptions: { globals: { ...globals.browser } },
  },
  // Node code: tools, configs, tests, the CLI.
  {
    files: ['*.{js,mjs,ts}', 'scripts/**', 'e2e/**', 'bench/**', 'src/cli/**', 'src/relay/**', 'src/**/*.test.ts', 'src/fuzz/**'],
    languageOptions: { globals: { ...globals.node } },
  },

  // React components and hooks.
  {
    files: ['src/main.tsx', 'src/app/**/*.{ts,tsx}', 'src/views/**/*.{ts,tsx}', 'src/store/**/*.{ts,tsx}'],
    ...reactHooks.configs.flat.recommended,
  },

  // The pure core.
  {
    files: ['src/core/**/*.ts'],
    ignores: coreNodeSide,
    rules: {
      'no-restricted-imports': ['error', { paths: uiPackages, patterns: [...uiPatterns, ...upperLayerPatterns] }],
      'no-restricted-globals': ['error', ...impureGlobals],
      'no-restricted-properties': ['error', ...impureProperties],
    },
  },
  {
    files: coreNodeSide,
    rules: {
      'no-restricted-imports': ['error', { paths: uiPackages, patterns: uiPatterns }],
    },
  },
  ...layerRules,
  {
    files: ['src/main.tsx', 'bench/**/*.ts', 'e2e/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: [coreEntryOnly] }] },
  },
]);
