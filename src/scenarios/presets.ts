// The six scenarios of the lab report (shared/seed), as data. Names, ports and setups come
// from the lab: Cristian's time server on port 8011, Berkeley's master on port 8080, the
// canteen's production lines KMC, MIT, TAPMI and SOLS, Mr Vinay's MOBILE and LAPTOP. Where
// the lab ran on localhost with sub-millisecond delays, we use delays and drifts large
// enough to see.

import type { Scenario } from '../core/scenario.ts';
import { bullySettings, LAN, ringSettings } from './defaults.ts';

const processes = (n: number): Scenario['nodes'] =>
  Array.from({ length: n }, (_, i) => ({ id: i + 1, name: `P${i + 1}`, clock: { offsetMs: 0, driftPpm: 0 } }));

export const cristianBasic: Scenario = {
  id: 'cristian-basic',
  title: "Cristian's algorithm: one server, one client",
  summary: 'A client with a fast, wrong clock asks the time server on port 8011 every 5 s and sets its clock to Ts + RTT/2.',
  lab: 'Q1',
  nodes: [
    { id: 1, name: 'Server :8011', clock: { offsetMs: 0, driftPpm: 50 } },
    { id: 2, name: 'Client', clock: { offsetMs: 480, driftPpm: 30_000 } },
  ],
  algorithm: {
    id: 'cristian',
    settings: { serverId: 1, probes: 1, periodMs: 5000, mode: 'step', minDelayMs: 40, requestTimeoutMs: 1000, startDelayMs: 1000 },
  },
  network: { defaults: { ...LAN, latencyMs: 40, jitterMs: 30 }, links: [] },
  slewRate: 0.05,
  actions: [],
  durationMs: 30_000,
};

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

export const cristianManipalBuddy: Scenario = {
  id: 'cristian-manipal-buddy',
  title: 'Cristian: Mr Vinay’s MOBILE and LAPTOP',
  summary:
    'Mr Vinay registers for his exam on his MOBILE (slow mobile data) while he registers for NPTEL on his LAPTOP (campus Wi-Fi); both sync with the time server at once.',
  lab: 'Q4',
  nodes: [
    { id: 1, name: 'Time server :8011', clock: { offsetMs: 0, driftPpm: 50 } },
    { id: 2, name: 'MOBILE', clock: { offsetMs: -750, driftPpm: -20_000 } },
    { id: 3, name: 'LAPTOP', clock: { offsetMs: 320, driftPpm: 15_000 } },
  ],
  algorithm: {
    id: 'cristian',
    settings: { serverId: 1, probes: 3, periodMs: 5000, mode: 'step', minDelayMs: 15, requestTimeoutMs: 1500, startDelayMs: 1000 },
  },
  network: {
    defaults: { ...LAN, latencyMs: 15, jitterMs: 10 },
    links: [
      { from: 1, to: 2, latencyMs: 120, jitterMs: 80 },
      { from: 2, to: 1, latencyMs: 120, jitterMs: 80 },
    ],
  },
  slewRate: 0.05,
  actions: [],
  durationMs: 30_000,
};

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
