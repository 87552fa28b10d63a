// Entry point of the visual lab page (index.html).

import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { registerOffline } from '../offline.ts';
import { UpdatePrompt } from '../UpdatePrompt.tsx';
import { LabApp } from './LabApp.tsx';
import { createLabRunner } from './runner.ts';
import './lab.css';

registerOffline();

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root element');
createRoot(root).render(
  <StrictMode>
    <LabApp createRunner={createLabRunner} />
    <UpdatePrompt />
  </StrictMode>,
);
