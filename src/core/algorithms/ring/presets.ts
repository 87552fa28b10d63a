// Ring's preset from the lab report (Q6): processes 1..8 on a ring, coordinator 8 crashes and
// process 5 is told.

import type { Scenario } from '../../scenario.ts';
import { LAN, processes } from '../lan.ts';
import { ringSettings } from './settings.ts';

export const ring8: Scenario = {
  id: 'ring-8',
  title: 'Ring election: eight processes',
  summary:
    'Processes 1 to 8 on a ring; coordinator 8 crashes and process 5 is told. The election message collects [5, 6, 7, 1, 2, 3, 4] and 7 wins.',
  lab: 'Q6',
  nodes: processes(8),
  algorithm: { id: 'ring', settings: ringSettings(8, 8) },
  network: { defaults: LAN, links: [] },
  slewRate: 0.05,
  actions: [
    { at: 1000, type: 'crash', node: 8 },
    { at: 1500, type: 'notice', node: 5 },
  ],
  durationMs: 5000,
};
