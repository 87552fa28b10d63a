// Fault schedules the fuzzer once found breaking an invariant, kept as fixed cases so they
// never come back. Each is the shrunk case fast-check printed.

import { describe, expect, it } from 'vitest';
import { checkCase, runCase, type FuzzCase } from './cases.ts';
import { runRegistryCase, type RegistryCase } from './registry-cases.ts';
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
    // The time server's clock was stepped back 24 h by hand at the instant P3's round ended:
    // the round measured nothing, and the checker judged it against Cristian's bound (which
    // assumes clocks run on unbroken) as an error of 86,399,280 ms.
    name: 'cristian: a round that a clock stepped by hand cuts through is not judged',
    c: {
      algorithm: 'cristian',
      nodes: 3,
      seed: 0,
      heartbeat: false,
      slew: false,
      clocks: [
        { offsetMs: 0, driftPpm: -500000 },
        { offsetMs: 0, driftPpm: 0 },
        { offsetMs: 0, driftPpm: -286845 },
      ],
      faults: [{ at: 1450, type: 'offset', node: 1, offsetMs: -86400000 }],
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

/** The same for algorithms fuzzed through their definitions (registry-cases.ts). */
const registryCases: { name: string; c: RegistryCase }[] = [
  {
    // P1's clock was stepped back 24 h, then it crashed with a request pending. Its lives were
    // told apart by the local clock at boot, so its new life looked older than its last: P2
    // ignored it and its request after the heal was never granted. Lives are now incarnation
    // numbers (the crash-recovery model's epoch in stable storage).
    name: 'ricart-agrawala: a life begun after the clock was stepped back is still the newest',
    c: {
      algorithm: 'ricart-agrawala',
      nodes: 2,
      seed: 0,
      flip: false,
      faults: [
        { at: 0, type: 'offset', node: 1, offsetMs: -86400000 },
        { at: 0, type: 'request', node: 2 },
        { at: 0, type: 'request', node: 1 },
        { at: 0, type: 'crash', node: 1 },
      ],
      healAt: 6000,
    },
  },
  {
    // P2's clock was stepped 65 ms back between its sample and its correction: the sample's
    // bound assumes the clock ran on unbroken, so the sync is not judged against it.
    name: 'ntp: a sample that a clock stepped by hand cuts through is not judged',
    c: { algorithm: 'ntp', nodes: 3, seed: 0, flip: false, faults: [{ at: 304, type: 'offset', node: 2, offsetMs: -65 }], healAt: 6000 },
  },
  {
    // P1 (the first token's holder) crashed and recovered while its link to P2 was 2.28 s: it
    // waited a 69 s rejoin quiet armed for that link. The quiet was not among the token ring's
    // timeouts, so the run was judged before it ended and P1's request was "never granted"
    // (fuzz seed 1, with links no longer capped at 200 ms). It is listed and follows the network now.
    name: 'token-ring: a process recovering on a seconds-slow link waits a quiet the settling allows for',
    c: {
      algorithm: 'token-ring',
      nodes: 4,
      seed: 0,
      flip: false,
      faults: [
        { at: 0, type: 'link', from: 1, to: 2, patch: { latencyMs: 2280 } },
        { at: 0, type: 'crash', node: 1 },
        { at: 5763, type: 'recover', node: 1 },
      ],
      healAt: 6000,
    },
  },
];

describe('fuzzer regressions', () => {
  it.each(cases)('$name', ({ c }) => {
    expect(formatViolations(checkCase(c))).toBe('');
    const last = runCase(c).events.at(-1);
    expect(last).toBeDefined();
  });
});

describe('fuzzer regressions (registry algorithms)', () => {
  it.each(registryCases)('$name', ({ c }) => {
    expect(formatViolations(runRegistryCase(c).violations)).toBe('');
  });
});
