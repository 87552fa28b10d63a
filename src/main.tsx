// Entry point of the run report page (run.html): a preset run to its end on the worker host.

import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/App.tsx';
import './app/app.css';

// The test-only hook (window.__dslab) loads on the dev server or with ?debug=1, as its own chunk.
if (import.meta.env.DEV || new URLSearchParams(window.location.search).has('debug')) {
  void import('./app/debug-hook.ts').then((hook) => hook.install());
}

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root element');
createRoot(root).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
