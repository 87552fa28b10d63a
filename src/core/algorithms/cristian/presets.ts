// Cristian's presets from the lab report (shared/seed): Q1's time server on port 8011 and one
// client; Q4's Mr Vinay syncing his MOBILE (slow mobile data) and LAPTOP (campus Wi-Fi) at once.
// Where the lab ran on localhost with sub-millisecond delays, we use delays and drifts large
// enough to see.

import type { Scenario } from '../../scenario.ts';
import { LAN } from '../lan.ts';

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
