// Entry point of the run report page (run.html): a preset run to its end on the worker host.

import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/App.tsx';
import { registerOffline } from './app/offline.ts';
import { UpdatePrompt } from './app/UpdatePrompt.tsx';
import './app/app.css';

// The test-only hook (window.__dslab) exists on the dev server and, with ?debug=1, in the e2e
// build (`npm run build:e2e`); in the deployed build this branch is dead code and the hook
// and its test worker are not emitted at all.
if (import.meta.env.DEV || (import.meta.env.MODE === 'e2e' && new URLSearchParams(window.location.search).has('debug'))) {
  void import('./app/debug-hook.ts').then((hook) => hook.install());
}
registerOffline();

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root element');
createRoot(root).render(
  <StrictMode>
    <App />
    <UpdatePrompt />
  </StrictMode>,
);
