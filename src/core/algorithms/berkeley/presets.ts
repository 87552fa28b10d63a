// Berkeley's presets from the lab report (shared/seed): Q2's master on port 8080 with three
// slaves, and Q3's master clock in the testing lab with the canteen's production lines KMC,
// MIT, TAPMI and SOLS, each with its own drift.

import type { Scenario } from '../../scenario.ts';
import { LAN } from '../lan.ts';

export const berkeleyBasic: Scenario = {
  id: 'berkeley-basic',
  title: "Berkeley's algorithm: a master and three slaves",
  summary: 'The master on port 8080 polls every clock each 5 s, averages the offsets and sends each slave the adjustment it needs.',
  lab: 'Q2',
  nodes: [
    { id: 1, name: 'Master :8080', clock: { offsetMs: 0, driftPpm: 0 } },
    { id: 2, name: 'Slave A', clock: { offsetMs: 250, driftPpm: 10_000 } },
    { id: 3, name: 'Slave B', clock: { offsetMs: -180, driftPpm: -5_000 } },
    { id: 4, name: 'Slave C', clock: { offsetMs: 90, driftPpm: 20_000 } },
  ],
  algorithm: { id: 'berkeley', settings: { masterId: 1, periodMs: 5000, thresholdMs: 400, mode: 'slew', pollTimeoutMs: 1000 } },
  network: { defaults: LAN, links: [] },
  slewRate: 0.05,
  actions: [],
  durationMs: 60_000,
};

export const berkeleyCanteen: Scenario = {
  id: 'berkeley-canteen',
  title: 'Berkeley: the canteen production lines',
  summary:
    "The master clock in the testing lab keeps the KMC, MIT, TAPMI and SOLS production lines' clocks together; SOLS starts far off and is left out of the average until it is corrected.",
  lab: 'Q3',
  nodes: [
    { id: 1, name: 'Testing lab', clock: { offsetMs: 0, driftPpm: 0 } },
    { id: 2, name: 'KMC', clock: { offsetMs: 120, driftPpm: 8_000 } },
    { id: 3, name: 'MIT', clock: { offsetMs: -90, driftPpm: -12_000 } },
    { id: 4, name: 'TAPMI', clock: { offsetMs: 40, driftPpm: 25_000 } },
    { id: 5, name: 'SOLS', clock: { offsetMs: 900, driftPpm: -6_000 } },
  ],
  algorithm: { id: 'berkeley', settings: { masterId: 1, periodMs: 5000, thresholdMs: 400, mode: 'slew', pollTimeoutMs: 1000 } },
  network: { defaults: LAN, links: [] },
  slewRate: 0.05,
  actions: [],
  durationMs: 60_000,
};
