// Entry point of the visual lab page (index.html).

import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { prestartNodeWorkers } from '../../hosts/worker.ts';
import { registerOffline } from '../offline.ts';
import { UpdatePrompt } from '../UpdatePrompt.tsx';
import { LabApp } from './LabApp.tsx';
import { readLabUrl } from './lab-url.ts';
import { createLabRunner } from './runner.ts';
import './lab.css';

// The first scenario's node workers load while React renders the first frame, not after it
// (issue 13: starting workers was most of the time to the first scenario running).
prestartNodeWorkers(readLabUrl(window.location.search).scenario.nodes.length);
registerOffline();

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root element');
createRoot(root).render(
  <StrictMode>
    <LabApp createRunner={createLabRunner} />
    <UpdatePrompt />
  </StrictMode>,
);
