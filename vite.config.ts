// Vite builds the page (React) and Vitest runs the unit tests next to the code.
// Workers are ES modules so node workers can import the core like the page does.
// Two pages: index.html (the visual lab) and run.html (a run report: a preset run to its end
// on the worker host, with every node's outcome and the readable log).

import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  // Relative asset paths: the same build works at a domain's root and under any sub-path
  // (a GitHub Pages project site is served from /<repo>/).
  base: './',
  plugins: [react()],
  worker: { format: 'es' },
  build: {
    target: 'es2022',
    sourcemap: true,
    rolldownOptions: {
      input: {
        main: fileURLToPath(new URL('./index.html', import.meta.url)),
        run: fileURLToPath(new URL('./run.html', import.meta.url)),
      },
    },
  },
  preview: { port: 4173, strictPort: true },
  test: {
    include: ['src/**/*.test.ts'],
    environment: 'node',
  },
});
