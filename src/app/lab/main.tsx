// Entry point of the visual lab page (index.html).

import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { LabApp } from './LabApp.tsx';
import { createLabRunner } from './runner.ts';
import './lab.css';

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root element');
createRoot(root).render(
  <StrictMode>
    <LabApp createRunner={createLabRunner} />
  </StrictMode>,
);
