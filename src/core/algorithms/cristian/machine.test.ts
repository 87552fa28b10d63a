// Cristian's algorithm, driven through the real simulation on the inline host. Every check
// is an outcome read from the trace or the clocks: the error bound, the chosen probe, the
// shape of step and slew, what asymmetry does, and what happens when the server is gone.

import { describe, expect, it } from 'vitest';
import { InlineHost, type InlineRun, runInline, simulateInline } from '../../../hosts/inline.ts';
import { readClock } from '../../clock.ts';
import type { JsonValue, NodeContext } from '../../machine.ts';
import { DEFAULT_LINK, type LinkOverride, type LinkSettings } from '../../network.ts';
import type { NodeSpec, Scenario, UserAction } from '../../scenario.ts';
import { Simulation } from '../../simulation.ts';
import { localTime, trueTime, type NodeId } from '../../time.ts';
import { ArraySink, type TraceEvent } from '../../trace.ts';
import { type CristianSettings, type CristianState, cristianMachine } from './machine.ts';

const SERVER = 1;
const CLIENT = 2;

const BASE_SETTINGS: CristianSettings = {
  serverId: SERVER,
  probes: 1,
  periodMs: 1000,
  mode: 'step',
  minDelayMs: DEFAULT_LINK.latencyMs,
  requestTimeoutMs: 500,
  startDelayMs: 100,
};

interface Setup {
  settings?: Partial<CristianSettings>;
  nodes?: NodeSpec[];
  defaults?: Partial<LinkSettings>;
  links?: LinkOverride[];
  actions?: UserAction[];
  /** 'fixed' keeps requestTimeoutMs as set, for tests of the timeout path itself. */
  timeouts?: 'fixed';
}

function scenario(setup: Setup = {}): Scenario {
  return {
    id: 'cristian-test',
    title: 'Cristian test',
    summary: 'a server and a client',
    nodes: setup.nodes ?? [
      { id: SERVER, name: 'SERVER', clock: { offsetMs: 0, driftPpm: 0 } },
      { id: CLIENT, name: 'CLIENT', clock: { offsetMs: 1500, driftPpm: 0 } },
    ],
    algorithm: { id: 'cristian', settings: { ...BASE_SETTINGS, ...setup.settings } },
    network: { defaults: { ...DEFAULT_LINK, ...setup.defaults }, links: setup.links ?? [] },
    slewRate: 0.05,
    actions: setup.actions ?? [],
    durationMs: 20_000,
    ...(setup.timeouts ? { timeouts: setup.timeouts } : {}),
  };
}

function start(setup: Setup, seed = 1): { sim: Simulation; host: InlineHost; events: TraceEvent[] } {
  const sc = scenario(setup);
  const sim = new Simulation(sc, { seed });
  const host = new InlineHost(sc, seed);
  return { sim, host, events: (sim.trace as ArraySink).events };
}

const run = (setup: Setup, until: number, seed = 1): InlineRun => simulateInline(scenario(setup), seed, { until });

type NoteEvent = Extract<TraceEvent, { type: 'note' }>;
type SendEvent = Extract<TraceEvent, { type: 'send' }>;
type AdjustEvent = Extract<TraceEvent, { type: 'adjust' }>;

/** The client's clock adjustment made at true time t (any time when t is omitted). */
const adjustAt = (events: TraceEvent[], t?: number): AdjustEvent | undefined =>
  events.find((e): e is AdjustEvent => e.type === 'adjust' && e.node === CLIENT && (t === undefined || e.t === t));

const notes = (events: TraceEvent[], topic: string, node: NodeId = CLIENT): NoteEvent[] =>
  events.filter((e): e is NoteEvent => e.type === 'note' && e.topic === topic && e.node === node);

const sends = (events: TraceEvent[], kind: string, node?: NodeId): SendEvent[] =>
  events.filter((e): e is SendEvent => e.type === 'send' && e.kind === kind && (node === undefined || e.node === node));

function num(note: NoteEvent, key: string): number {
  const v: JsonValue | undefined = note.data?.[key];
  if (typeof v !== 'number') throw new Error(`note ${note.topic} has no number ${key}`);
  return v;
}

/** The server's clock at true time t (its clock is never adjusted, so the final state reads any t). */
const serverClockAt = (sim: Simulation, t: number): number => readClock(sim.node(SERVER)!.clock, trueTime(t));

describe('cristian: error bound', () => {
  it('after each sync the client is within RTT/2 − min of the server clock (plus drift over the exchange)', () => {
    const nodes: NodeSpec[] = [
      { id: SERVER, name: 'SERVER', clock: { offsetMs: 0, driftPpm: -40 } },
      { id: CLIENT, name: 'CLIENT', clock: { offsetMs: 1500, driftPpm: 200 } },
    ];
    let checked = 0;
    for (let seed = 1; seed <= 8; seed++) {
      const { sim, events } = run({ nodes }, 20_000, seed);
      const syncs = notes(events, 'cristian-sync');
      expect(syncs.length).toBeGreaterThanOrEqual(15);
      for (const sync of syncs) {
        const adjust = adjustAt(events, sync.t);
        expect(adjust).toBeDefined();
        const error = adjust!.local - serverClockAt(sim, sync.t);
        const rtt = num(sync, 'rtt');
        // Drift of both clocks (240 ppm apart) over the round trip and the wait before the adjustment.
        const allowance = 240e-6 * (rtt + (num(sync, 'before') - num(sync, 't1'))) + 1e-9;
        expect(num(sync, 'boundMs')).toBeCloseTo(rtt / 2 - BASE_SETTINGS.minDelayMs, 9);
        expect(Math.abs(error)).toBeLessThanOrEqual(num(sync, 'boundMs') + allowance);
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(100);
  });

  it('the note reports server time, RTT, the clock before and after and the bound', () => {
    const { events } = run({ settings: { periodMs: 0 } }, 2000);
    const [sync] = notes(events, 'cristian-sync');
    expect(sync).toBeDefined();
    expect(sync!.text).toMatch(
      /^server time \d+\.\d{3} s, RTT \d+\.\d ms, clock \d+\.\d{3} s → \d+\.\d{3} s \([+−]\d+\.\d ms, step\), bound ±\d+\.\d ms$/,
    );
    expect(num(sync!, 'after') - num(sync!, 'before')).toBeCloseTo(num(sync!, 'deltaMs'), 9);
    expect(num(sync!, 'rtt')).toBeCloseTo(num(sync!, 't1') - num(sync!, 't0'), 9);
    expect(sync!.data?.['server']).toBe(SERVER);
    // The client started 1.5 s ahead, so the correction is about −1.5 s.
    expect(num(sync!, 'deltaMs')).toBeGreaterThan(-1500 - 30);
    expect(num(sync!, 'deltaMs')).toBeLessThan(-1500 + 30);
    // period 0: one round only.
    expect(sends(events, 'REQUEST').length).toBe(1);
  });
});

describe('cristian: several probes', () => {
  it('keeps the probe with the smallest RTT', () => {
    const setup: Setup = {
      settings: { probes: 4, periodMs: 2000, requestTimeoutMs: 1000 },
      defaults: { jitter: 'exponential', jitterMs: 15 },
    };
    let bestNotFirst = 0;
    for (let seed = 1; seed <= 5; seed++) {
      const { events } = run(setup, 20_000, seed);
      // RTT of every probe, from the trace alone: REQUEST send (T0) → REPLY deliver (T1), both at the client.
      const t0ByProbe = new Map<number, number>();
      for (const s of sends(events, 'REQUEST', CLIENT)) t0ByProbe.set((s.msg as unknown as { probe: number }).probe, s.local);
      const probeByReplyId = new Map<number, number>();
      for (const s of sends(events, 'REPLY', SERVER)) probeByReplyId.set(s.msgId, (s.msg as unknown as { probe: number }).probe);
      const rttByProbe = new Map<number, number>();
      for (const e of events) {
        if (e.type !== 'deliver' || e.node !== CLIENT || e.kind !== 'REPLY') continue;
        const probe = probeByReplyId.get(e.msgId)!;
        rttByProbe.set(probe, e.local - t0ByProbe.get(probe)!);
      }
      const syncs = notes(events, 'cristian-sync');
      expect(syncs.length).toBeGreaterThanOrEqual(5);
      for (const sync of syncs) {
        const chosen = num(sync, 'probe');
        // The round's four probes are the four consecutive ids ending at the last one sent before the note.
        const sentBefore = sends(events, 'REQUEST', CLIENT).filter((s) => s.t <= sync.t);
        const last4 = sentBefore.slice(-4).map((s) => (s.msg as unknown as { probe: number }).probe);
        expect(last4).toHaveLength(4);
        expect(last4).toContain(chosen);
        const rtts = last4.map((p) => rttByProbe.get(p)!);
        expect(num(sync, 'rtt')).toBe(Math.min(...rtts));
        expect(num(sync, 'probes')).toBe(4);
        expect(num(sync, 'replies')).toBe(4);
        if (chosen !== last4[0]) bestNotFirst++;
      }
    }
    expect(bestNotFirst).toBeGreaterThan(0);
  });
});

describe('cristian: step and slew', () => {
  const ahead: NodeSpec[] = [
    { id: SERVER, name: 'SERVER', clock: { offsetMs: 0, driftPpm: 0 } },
    { id: CLIENT, name: 'CLIENT', clock: { offsetMs: 400, driftPpm: 0 } },
  ];
  const exactLinks: Partial<LinkSettings> = { jitter: 'none', jitterMs: 0 };

  function sample(mode: 'step' | 'slew', until: number, every: number): number[] {
    const { sim, host } = start({ nodes: ahead, defaults: exactLinks, settings: { mode, periodMs: 0 } });
    const readings: number[] = [];
    for (let t = 0; t <= until; t += every) {
      runInline(sim, host, t);
      readings.push(sim.localTimeOf(CLIENT));
    }
    return readings;
  }

  it('step sets the clock at once, backwards when the client was ahead', () => {
    const readings = sample('step', 400, 1);
    const drops = readings.slice(1).filter((r, i) => r < readings[i]!);
    expect(drops).toHaveLength(1);
    // After the sync the client reads the server's time exactly (symmetric, jitter-free links).
    expect(readings[readings.length - 1]).toBeCloseTo(400, 6);
  });

  it('slew never runs the clock backwards and still converges', () => {
    const readings = sample('slew', 10_000, 5);
    for (let i = 1; i < readings.length; i++) expect(readings[i]!).toBeGreaterThan(readings[i - 1]!);
    // 400 ms absorbed at 5% takes 8 s: by 10 s the client agrees with the server.
    expect(readings[readings.length - 1]).toBeCloseTo(10_000, 6);
  });

  it('a slew adjustment does not move the reading at the moment it is made', () => {
    const { events } = run({ nodes: ahead, defaults: exactLinks, settings: { mode: 'slew', periodMs: 0 } }, 1000);
    const adjust = adjustAt(events);
    expect(adjust?.mode).toBe('slew');
    expect(adjust!.local).toBe(adjust!.before);
    expect(adjust!.deltaMs).toBeCloseTo(-400, 6);
  });
});

describe('cristian: asymmetric links', () => {
  const exact = { jitter: 'none' as const, jitterMs: 0 };

  function firstSyncError(links: LinkOverride[], minDelayMs: number): { error: number; bound: number } {
    const { sim, events } = run({ links, settings: { periodMs: 0, minDelayMs } }, 3000);
    const [sync] = notes(events, 'cristian-sync');
    const adjust = adjustAt(events);
    return { error: adjust!.local - serverClockAt(sim, sync!.t), bound: num(sync!, 'boundMs') };
  }

  it('a slow server→client direction biases the result, but the bound with the true minimum still holds', () => {
    const symmetric = firstSyncError(
      [
        { from: SERVER, to: CLIENT, latencyMs: 20, ...exact },
        { from: CLIENT, to: SERVER, latencyMs: 20, ...exact },
      ],
      20,
    );
    expect(Math.abs(symmetric.error)).toBeLessThan(1e-6);

    const asymmetric = [
      { from: SERVER, to: CLIENT, latencyMs: 200, ...exact },
      { from: CLIENT, to: SERVER, latencyMs: 20, ...exact },
    ];
    // RTT 220: Ts + 110 while the reply really took 200, so the client ends 90 ms behind.
    const skewed = firstSyncError(asymmetric, 20);
    expect(skewed.error).toBeCloseTo(-90, 6);
    expect(Math.abs(skewed.error)).toBeGreaterThan(Math.abs(symmetric.error) + 80);
    // min = 20 is the true minimum of both directions: the bound RTT/2 − min = 90 is tight but holds.
    expect(skewed.bound).toBeCloseTo(90, 6);
    expect(Math.abs(skewed.error)).toBeLessThanOrEqual(skewed.bound + 1e-6);

    // Assuming the slow direction's minimum for both (min = 200) is false, and the bound it gives is broken.
    const wrong = firstSyncError(asymmetric, 200);
    expect(wrong.bound).toBe(0);
    expect(Math.abs(wrong.error)).toBeGreaterThan(wrong.bound + 80);
  });

  it('with jitter, every sync over an asymmetric link errs the same way and stays within the bound', () => {
    const links: LinkOverride[] = [
      { from: SERVER, to: CLIENT, latencyMs: 150, jitterMs: 20 },
      { from: CLIENT, to: SERVER, latencyMs: 10, jitterMs: 5 },
    ];
    for (let seed = 1; seed <= 5; seed++) {
      const { sim, events } = run({ links, settings: { minDelayMs: 10 } }, 10_000, seed);
      const syncs = notes(events, 'cristian-sync');
      expect(syncs.length).toBeGreaterThan(5);
      for (const sync of syncs) {
        const adjust = adjustAt(events, sync.t)!;
        const error = adjust.local - serverClockAt(sim, sync.t);
        // (d_request − d_reply)/2 with d_request ∈ [10, 15] and d_reply ∈ [150, 170].
        expect(error).toBeLessThan(-65);
        expect(error).toBeGreaterThan(-80 - 1e-6);
        expect(Math.abs(error)).toBeLessThanOrEqual(num(sync, 'boundMs') + 1e-6);
      }
    }
  });
});

describe('cristian: failures', () => {
  it('with the server crashed, probes time out, the clock is left alone, and the client keeps trying each period', () => {
    const setup: Setup = {
      settings: { probes: 2, requestTimeoutMs: 300, periodMs: 1000 },
      actions: [{ at: 50, type: 'crash', node: SERVER }],
    };
    const { events, sim } = run(setup, 5000);
    expect(events.some((e) => e.type === 'adjust')).toBe(false);
    expect(notes(events, 'cristian-sync')).toHaveLength(0);
    // Rounds start at 100, 1700, 3300, 4900 (each round: 2 probes × 300 ms, then the 1000 ms period).
    const requests = sends(events, 'REQUEST', CLIENT);
    expect(requests.map((s) => s.t)).toEqual([100, 400, 1700, 2000, 3300, 3600, 4900]);
    const drops = events.filter((e) => e.type === 'drop' && e.kind === 'REQUEST' && e.reason === 'crashed');
    expect(drops).toHaveLength(requests.length);
    expect(notes(events, 'cristian-timeout')).toHaveLength(6);
    expect(notes(events, 'cristian-failed')).toHaveLength(3);
    expect(sim.localTimeOf(CLIENT) - sim.localTimeOf(SERVER)).toBeCloseTo(1500, 6);
  });

  it('syncs again once the server recovers', () => {
    const setup: Setup = {
      settings: { probes: 2, requestTimeoutMs: 300, periodMs: 1000 },
      actions: [
        { at: 50, type: 'crash', node: SERVER },
        { at: 5000, type: 'recover', node: SERVER },
      ],
    };
    const { events } = run(setup, 8000);
    const syncs = notes(events, 'cristian-sync');
    expect(syncs.length).toBeGreaterThan(0);
    expect(syncs[0]!.t).toBeGreaterThan(5000);
  });

  it('waits for a reply on a link slower than its configured timeout: the timeout follows the network', () => {
    const links: LinkOverride[] = [{ from: SERVER, to: CLIENT, latencyMs: 400, jitter: 'none' }];
    const { events, host } = run({ links, settings: { requestTimeoutMs: 100 } }, 5000);
    expect(notes(events, 'cristian-timeout')).toHaveLength(0);
    expect((host.stateOf(CLIENT) as CristianState).syncs).toBeGreaterThan(0);
  });

  it('ignores a reply that arrives after its probe timed out', () => {
    const links: LinkOverride[] = [{ from: SERVER, to: CLIENT, latencyMs: 400, jitter: 'none' }];
    const { events, host } = run({ links, settings: { requestTimeoutMs: 100 }, timeouts: 'fixed' }, 5000);
    expect(events.filter((e) => e.type === 'deliver' && e.kind === 'REPLY').length).toBeGreaterThan(0);
    expect(events.some((e) => e.type === 'adjust')).toBe(false);
    const state = host.stateOf(CLIENT) as CristianState;
    expect(state.late).toBeGreaterThan(0);
    expect(state.syncs).toBe(0);
  });

  it('never uses a probe that timed out, even when its reply comes in later in the round', () => {
    const setup: Setup = {
      settings: { probes: 3, requestTimeoutMs: 55, periodMs: 500 },
      defaults: { jitter: 'exponential', jitterMs: 20 },
      timeouts: 'fixed',
    };
    let timeouts = 0;
    for (let seed = 1; seed <= 5; seed++) {
      const { events } = run(setup, 20_000, seed);
      const timedOut = new Set(notes(events, 'cristian-timeout').map((n) => num(n, 'probe')));
      timeouts += timedOut.size;
      for (const sync of notes(events, 'cristian-sync')) {
        expect(timedOut.has(num(sync, 'probe'))).toBe(false);
        expect(num(sync, 'rtt')).toBeLessThanOrEqual(55);
      }
    }
    expect(timeouts).toBeGreaterThan(0);
  });

  it('a recovered client starts syncing again startDelayMs after recovery', () => {
    const setup: Setup = {
      actions: [
        { at: 2050, type: 'crash', node: CLIENT },
        { at: 3000, type: 'recover', node: CLIENT },
      ],
    };
    const { events } = run(setup, 5000);
    const after = sends(events, 'REQUEST', CLIENT).filter((s) => s.t >= 2050);
    expect(after[0]?.t).toBeCloseTo(3000 + BASE_SETTINGS.startDelayMs, 6);
    expect(notes(events, 'cristian-sync').some((n) => n.t > 3000)).toBe(true);
  });
});

describe('cristian: the machine itself', () => {
  function deepFreeze<T>(value: T): T {
    if (value !== null && typeof value === 'object') {
      for (const v of Object.values(value)) deepFreeze(v);
      Object.freeze(value);
    }
    return value;
  }
  const ctx = (self: NodeId, now: number): NodeContext<CristianSettings> => ({
    self,
    now: localTime(now),
    peers: self === SERVER ? [CLIENT] : [SERVER],
    config: { ...BASE_SETTINGS, probes: 2 },
    random: () => 0.25,
    nameOf: (id: number) => `P${id}`,
  });

  it('returns new plain-JSON state and never mutates its input', () => {
    let state = deepFreeze(cristianMachine.init(ctx(CLIENT, 0), false).state);
    let step = cristianMachine.onTimer(state, 'sync', ctx(CLIENT, 100));
    const request = step.effects.find((e) => e.type === 'send');
    expect(request).toEqual({ type: 'send', to: SERVER, msg: { kind: 'REQUEST', probe: state.nextProbe } });
    state = deepFreeze(step.state);

    const server = cristianMachine.init(ctx(SERVER, 0), false).state;
    const reply = cristianMachine.onMessage(deepFreeze(server), CLIENT, { kind: 'REQUEST', probe: 7 }, ctx(SERVER, 1234.5));
    expect(reply.effects).toEqual([{ type: 'send', to: CLIENT, msg: { kind: 'REPLY', probe: 7, ts: 1234.5 } }]);
    expect(cristianMachine.view(reply.state, ctx(SERVER, 0))).toEqual({ role: 'server', leader: SERVER });

    const probe = state.outstanding!.probe;
    step = cristianMachine.onMessage(state, SERVER, { kind: 'REPLY', probe, ts: 50 }, ctx(CLIENT, 140));
    state = deepFreeze(step.state);
    step = cristianMachine.onMessage(state, SERVER, { kind: 'REPLY', probe: probe + 1, ts: 70 }, ctx(CLIENT, 190));
    // Probe RTTs 40 and 50: the first wins. Server time then 50 + 20 plus the 50 ms since.
    const adjust = step.effects.find((e) => e.type === 'adjust');
    expect(adjust).toEqual({ type: 'adjust', mode: 'step', deltaMs: 50 + 20 + 50 - 190 });
    expect(JSON.parse(JSON.stringify(step.state))).toEqual(step.state);
    expect(cristianMachine.view(step.state, ctx(CLIENT, 0))).toEqual({ role: 'client', leader: SERVER });
    expect(cristianMachine.describe(step.state, ctx(CLIENT, 0))).toContain('last sync');
  });
});
