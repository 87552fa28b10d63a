// Bully's preset from the lab report (Q5): processes 1..10, coordinator 10 crashes and
// process 5 is told.

import type { Scenario } from '../../scenario.ts';
import { LAN, processes } from '../lan.ts';
import { bullySettings } from './settings.ts';

export const bully10: Scenario = {
  id: 'bully-10',
  title: 'Bully election: ten processes',
  summary:
    'Processes 1 to 10; coordinator 10 crashes and process 5 is told. 5, 6, 7, 8 and 9 each hold an election; 9 wins after 33 messages.',
  lab: 'Q5',
  nodes: processes(10),
  algorithm: { id: 'bully', settings: bullySettings(10) },
  network: { defaults: LAN, links: [] },
  slewRate: 0.05,
  actions: [
    { at: 1000, type: 'crash', node: 10 },
    { at: 1500, type: 'notice', node: 5 },
  ],
  durationMs: 5000,
};
