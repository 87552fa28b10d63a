// NTP's preset: a stratum-1 reference (a GPS clock), a stratum-2 server that syncs to it and
// three clients that sync to the server, each clock with its own drift and each link its own
// delay. Client C's link is asymmetric (fast to the server, slow back), so its θ is off by
// about half the difference and its error sits near the δ/2 bound, where the others' are small.

import type { Scenario } from '../../scenario.ts';
import { LAN } from '../lan.ts';

/** Both directions of a link between a and b. */
const both = (a: number, b: number, latencyMs: number, jitterMs: number) => [
  { from: a, to: b, latencyMs, jitterMs },
  { from: b, to: a, latencyMs, jitterMs },
];

export const ntpBasic: Scenario = {
  id: 'ntp-basic',
  title: 'NTP: a reference, a stratum-2 server and three clients',
  summary:
    'The server polls the GPS reference and the clients poll the server, 3 samples every 4 s: θ and δ from T1–T4, the lowest-δ sample kept. Client C’s link is 15 ms out and 125 ms back.',
  nodes: [
    { id: 1, name: 'Reference', clock: { offsetMs: 0, driftPpm: 0 } },
    { id: 2, name: 'Server', clock: { offsetMs: 350, driftPpm: 20_000 } },
    { id: 3, name: 'Client A', clock: { offsetMs: -400, driftPpm: -15_000 } },
    { id: 4, name: 'Client B', clock: { offsetMs: 250, driftPpm: 30_000 } },
    { id: 5, name: 'Client C', clock: { offsetMs: -200, driftPpm: 10_000 } },
  ],
  algorithm: {
    id: 'ntp',
    settings: {
      referenceId: 1,
      serverId: 2,
      samples: 3,
      pollMs: 4000,
      mode: 'step',
      processingMs: 5,
      requestTimeoutMs: 1000,
      serverStartMs: 500,
      clientStartMs: 1500,
    },
  },
  network: {
    defaults: { ...LAN, latencyMs: 20, jitterMs: 10 },
    links: [
      ...both(1, 2, 30, 20),
      ...both(2, 3, 20, 15),
      ...both(2, 4, 40, 30),
      { from: 5, to: 2, latencyMs: 15, jitterMs: 5 },
      { from: 2, to: 5, latencyMs: 125, jitterMs: 5 },
    ],
  },
  slewRate: 0.05,
  actions: [],
  durationMs: 20_000,
};
