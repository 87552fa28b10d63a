// Fault schedules the fuzzer once found breaking an invariant, kept as fixed cases so they
// never come back. Each is the shrunk case fast-check printed.

import { describe, expect, it } from 'vitest';
import { checkCase, runCase, type FuzzCase } from './cases.ts';
import { formatViolations } from '../core/index.ts';

const cases: { name: string; c: FuzzCase }[] = [
  {
    // P3 crashes and recovers: its counters restart, so its new candidacy (P3, round 1) had the
    // key P1 and P2 remembered from its last life and was dropped as a copy; nobody was elected.
    name: 'chang-roberts: a recovered candidate reuses its round numbers under 30% loss',
    c: {
      algorithm: 'chang-roberts',
      nodes: 3,
      seed: 0,
      heartbeat: false,
      slew: false,
      faults: [
        { at: 0, type: 'network', patch: { loss: 0.3 } },
        { at: 0, type: 'notice', node: 2 },
        { at: 1130, type: 'crash', node: 3 },
        { at: 1868, type: 'recover', node: 3 },
        { at: 1997, type: 'notice', node: 3 },
      ],
      healAt: 8000,
    } as FuzzCase,
  },
  {
    // P3 recovers and announces itself while P2's COORDINATOR is still in flight: P2 takes P3's
    // COORDINATOR in the same instant. The split-brain monitor judged between the delivery and
    // P2's role change, and saw two coordinators for no time at all.
    name: 'bully: a coordinator that steps down on delivery is not split brain for an instant',
    c: {
      algorithm: 'bully',
      nodes: 3,
      seed: 1381866070,
      heartbeat: false,
      slew: false,
      faults: [
        { at: 1450, type: 'notice', node: 2 },
        { at: 1450, type: 'notice', node: 1 },
        { at: 1450, type: 'crash', node: 3 },
        { at: 1601, type: 'recover', node: 3 },
      ],
      healAt: 8000,
    } as FuzzCase,
  },
  {
    // Under 30% loss with P2 down, P3 saw P1 announced, stood again (round 12), and then its
    // own round-11 ELECTED, resent after a lost ACK, came back to it: taking that as "my
    // election is over" ended round 12, so P3 followed the lower P1 for good. The winner now
    // just discards its returning announcement (Chang & Roberts 1979).
    name: "chang-roberts: the winner's own old ELECTED coming back does not end a newer election",
    c: {
      algorithm: 'chang-roberts',
      nodes: 3,
      seed: 484276414,
      heartbeat: true,
      slew: false,
      faults: [
        { at: 1001, type: 'network', patch: { loss: 0.3 } },
        { at: 2828, type: 'notice', node: 3 },
        { at: 2828, type: 'notice', node: 1 },
        { at: 2828, type: 'crash', node: 2 },
      ],
      healAt: 8000,
    } as FuzzCase,
  },
  {
    // The server's drift went +500,000 → −500,000 → 0 ppm at one instant while P2's request
    // was in flight: the checker remembered only the last change, so the bound left out the
    // rate the server ran at for most of the round and fell 0.55 ms short of the true error.
    name: "cristian: two drift changes at one instant mid-round both count in the round's bound",
    c: {
      algorithm: 'cristian',
      nodes: 2,
      seed: 0,
      heartbeat: false,
      slew: false,
      clocks: [
        { offsetMs: 0, driftPpm: 500000 },
        { offsetMs: 0, driftPpm: 0 },
      ],
      faults: [
        { at: 0, type: 'link', from: 1, to: 2, patch: { latencyMs: 33 } },
        { at: 1061, type: 'drift', node: 1, ppm: -500000 },
        { at: 1061, type: 'drift', node: 1, ppm: 0 },
      ],
      healAt: 8000,
    } as FuzzCase,
  },
];

describe('fuzzer regressions', () => {
  it.each(cases)('$name', ({ c }) => {
    expect(formatViolations(checkCase(c))).toBe('');
    const last = runCase(c).events.at(-1);
    expect(last).toBeDefined();
  });
});
