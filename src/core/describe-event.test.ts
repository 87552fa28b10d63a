import { describe, expect, it } from 'vitest';
import { describeEvent, describeLinkPatch } from './describe-event.ts';
import { formatSeconds, formatSignedMs } from './format.ts';
import { localTime, trueTime } from './time.ts';
import type { TraceEvent } from './trace.ts';

const names: Record<number, string> = { 1: 'MIT', 5: 'P5', 6: 'P6', 9: 'P9', 10: 'P10' };
const nameOf = (id: number): string => names[id] ?? `#${id}`;
const at = (ms: number) => ({ seq: 0, t: trueTime(ms) });
const atNode = (ms: number, node: number) => ({ ...at(ms), node, local: localTime(ms + 3) });

describe('formatSeconds', () => {
  it('shows true milliseconds as seconds with three decimals', () => {
    expect(formatSeconds(0)).toBe('0.000 s');
    expect(formatSeconds(1204)).toBe('1.204 s');
    expect(formatSeconds(2010.4)).toBe('2.010 s');
    expect(formatSeconds(61_000)).toBe('61.000 s');
  });
});

describe('formatSignedMs', () => {
  it('always shows the sign and never prints a negative zero', () => {
    expect(formatSignedMs(12.34)).toBe('+12.3 ms');
    expect(formatSignedMs(-0.5)).toBe('-0.5 ms');
    expect(formatSignedMs(-0.01)).toBe('+0.0 ms');
    expect(formatSignedMs(0)).toBe('+0.0 ms');
  });
});

describe('describeEvent', () => {
  const cases: [string, TraceEvent, string][] = [
    [
      'send',
      { ...atNode(1204, 5), type: 'send', msgId: 1, to: 6, kind: 'ELECTION', msg: { kind: 'ELECTION' }, arrive: trueTime(1230) },
      '1.204 s  P5 → P6  ELECTION',
    ],
    ['deliver', { ...atNode(1230, 6), type: 'deliver', msgId: 1, from: 5, kind: 'ELECTION' }, '1.230 s  P6 got ELECTION from P5'],
    ['role coordinator', { ...atNode(2010, 9), type: 'role', role: 'coordinator', leader: 9 }, '2.010 s  P9 is now coordinator'],
    ['role follower', { ...atNode(2100, 5), type: 'role', role: 'follower', leader: 9 }, '2.100 s  P5 is now follower, leader P9'],
    [
      'role without leader',
      { ...atNode(1200, 5), type: 'role', role: 'candidate', leader: null },
      '1.200 s  P5 is now candidate, no leader known',
    ],
    [
      'step',
      { ...atNode(3100, 1), type: 'adjust', mode: 'step', deltaMs: 12.3, before: localTime(3090) },
      '3.100 s  MIT clock stepped +12.3 ms',
    ],
    [
      'slew',
      { ...atNode(3100, 1), type: 'adjust', mode: 'slew', deltaMs: -4.26, before: localTime(3090) },
      '3.100 s  MIT clock slewing -4.3 ms',
    ],
    ['crash', { ...atNode(500, 10), type: 'crash' }, '0.500 s  P10 crashed'],
    ['boot', { ...atNode(0, 5), type: 'boot', incarnation: 0, recovered: false }, '0.000 s  P5 booted'],
    ['recover', { ...atNode(9000, 10), type: 'boot', incarnation: 1, recovered: true }, '9.000 s  P10 recovered (incarnation 1)'],
    ['timer', { ...atNode(1500, 5), type: 'timer', key: 'ok-timeout' }, '1.500 s  P5 timer ok-timeout fired'],
    [
      'node',
      { ...atNode(0, 1), type: 'node', name: 'MIT', clock: { offsetMs: -250, driftPpm: 30_000 }, slewRate: 0.05 },
      '0.000 s  MIT starts with clock -250.0 ms, drift +30,000 ppm',
    ],
    [
      'duplicate',
      { ...at(800), type: 'duplicate', node: 5, msgId: 7, arrive: trueTime(845) },
      '0.800 s  message #7 from P5 duplicated, second copy due at 0.845 s',
    ],
    [
      'fault',
      { ...at(700), type: 'fault', node: 6, error: 'worker stopped' },
      '0.700 s  P6 failed in its host and is treated as crashed: worker stopped',
    ],
  ];
  it.each(cases)('describes %s', (_label, event, line) => {
    expect(describeEvent(event, nameOf)).toBe(line);
  });

  it('gives every drop its reason', () => {
    const drop = (reason: 'loss' | 'partition' | 'cut' | 'crashed'): TraceEvent => ({
      ...at(1250),
      type: 'drop',
      node: 10,
      msgId: 3,
      from: 5,
      kind: 'ELECTION',
      reason,
    });
    expect(describeEvent(drop('crashed'), nameOf)).toBe('1.250 s  P5 → P10  ELECTION dropped: the receiver is crashed');
    expect(describeEvent(drop('loss'), nameOf)).toBe('1.250 s  P5 → P10  ELECTION dropped: lost on the link');
    expect(describeEvent(drop('partition'), nameOf)).toBe('1.250 s  P5 → P10  ELECTION dropped: blocked by a partition');
    expect(describeEvent(drop('cut'), nameOf)).toBe('1.250 s  P5 → P10  ELECTION dropped: the link is cut');
  });

  it('uses a note’s own text, naming the node only when the text does not', () => {
    const note = (text: string): TraceEvent => ({ ...atNode(2010, 9), type: 'note', topic: 'elected', text, data: null });
    expect(describeEvent(note('P9 is the new coordinator'), nameOf)).toBe('2.010 s  P9 is the new coordinator');
    expect(describeEvent(note('RTT 24.0 ms, error bound ±4.0 ms'), nameOf)).toBe('2.010 s  P9: RTT 24.0 ms, error bound ±4.0 ms');
  });

  it('describes every kind of user action', () => {
    const action = (a: Extract<TraceEvent, { type: 'action' }>['action']): string =>
      describeEvent({ ...at(a.at), type: 'action', action: a }, nameOf);
    expect(action({ at: 500, type: 'crash', node: 10 })).toBe('0.500 s  user crashes P10');
    expect(action({ at: 500, type: 'recover', node: 10 })).toBe('0.500 s  user recovers P10');
    expect(action({ at: 1000, type: 'notice', node: 5 })).toBe('1.000 s  user tells P5 the coordinator has failed');
    expect(action({ at: 0, type: 'drift', node: 1, ppm: -50_000 })).toBe('0.000 s  user sets MIT drift to -50,000 ppm');
    expect(action({ at: 0, type: 'link', from: 5, to: 6, patch: { latencyMs: 100, loss: 0.1 } })).toBe(
      '0.000 s  user sets link P5 → P6: latency 100 ms, loss 10%',
    );
    expect(action({ at: 0, type: 'network', patch: { jitterMs: 5, jitter: 'normal', fifo: false } })).toBe(
      '0.000 s  user sets every link: jitter 5 ms normal, no FIFO order',
    );
    expect(action({ at: 0, type: 'partition', groups: [[5, 6], [9]] })).toBe('0.000 s  user partitions the network: {P5, P6} | {P9}');
    expect(action({ at: 0, type: 'heal' })).toBe('0.000 s  user heals the partition');
  });

  it('names unknown nodes through the caller’s nameOf', () => {
    expect(describeEvent({ ...atNode(0, 42), type: 'crash' }, nameOf)).toBe('0.000 s  #42 crashed');
  });
});

describe('describeLinkPatch', () => {
  it('says so when a patch changes nothing', () => {
    expect(describeLinkPatch({})).toBe('no change');
    expect(describeLinkPatch({ up: false, duplicate: 0.05 })).toBe('duplication 5%, link cut');
  });
});
