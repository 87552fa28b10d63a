// Berkeley's algorithm, driven through the real simulation on the inline host. The checks
// are outcomes: the spread of clocks after a cycle against the bound the RTTs allow, which
// readings the fault-tolerant average ignores, that adjustments are relative, and that the
// cycles stop with the master.

import { describe, expect, it } from 'vitest';
import { InlineHost, type InlineRun, runInline, simulateInline } from '../../../hosts/inline.ts';
import type { JsonValue, NodeContext } from '../../machine.ts';
import { DEFAULT_LINK, type LinkOverride, type LinkSettings } from '../../network.ts';
import type { NodeSpec, Scenario, UserAction } from '../../scenario.ts';
import { Simulation } from '../../simulation.ts';
import { localTime, type NodeId } from '../../time.ts';
import { ArraySink, type TraceEvent } from '../../trace.ts';
import { berkeleyBasic, berkeleyCanteen } from './presets.ts';
import { type BerkeleySettings, type BerkeleyState, berkeleyMachine, faultTolerantAverage } from './machine.ts';

const MASTER = 1;
const MIN_LATENCY = DEFAULT_LINK.latencyMs;

const BASE_SETTINGS: BerkeleySettings = {
  masterId: MASTER,
  periodMs: 5000,
  thresholdMs: 1000,
  mode: 'step',
  pollTimeoutMs: 500,
  firstCycleMs: 1000,
};

/** A master and four slaves with different offsets and drifts. */
const NODES: NodeSpec[] = [
  { id: MASTER, name: 'MASTER', clock: { offsetMs: 0, driftPpm: 0 } },
  { id: 2, name: 'KMC', clock: { offsetMs: 120, driftPpm: 50 } },
  { id: 3, name: 'MIT', clock: { offsetMs: -80, driftPpm: -30 } },
  { id: 4, name: 'TAPMI', clock: { offsetMs: 45, driftPpm: 0 } },
  { id: 5, name: 'SOLS', clock: { offsetMs: -30, driftPpm: 20 } },
];
/** Largest drift difference between any two of NODES, as a rate. */
const DRIFT_SPREAD = 80e-6;

interface Setup {
  settings?: Partial<BerkeleySettings>;
  nodes?: NodeSpec[];
  defaults?: Partial<LinkSettings>;
  links?: LinkOverride[];
  actions?: UserAction[];
}

function scenario(setup: Setup = {}): Scenario {
  return {
    id: 'berkeley-test',
    title: 'Berkeley test',
    summary: 'a master and four slaves',
    nodes: setup.nodes ?? NODES,
    algorithm: { id: 'berkeley', settings: { ...BASE_SETTINGS, ...setup.settings } },
    network: { defaults: { ...DEFAULT_LINK, ...setup.defaults }, links: setup.links ?? [] },
    slewRate: 0.05,
    actions: setup.actions ?? [],
    durationMs: 20_000,
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

interface Reading {
  node: NodeId;
  offsetMs: number;
  rttMs: number;
  ignored: boolean;
}

const notes = (events: TraceEvent[], topic: string, node?: NodeId): NoteEvent[] =>
  events.filter((e): e is NoteEvent => e.type === 'note' && e.topic === topic && (node === undefined || e.node === node));

const sends = (events: TraceEvent[], kind: string, node?: NodeId): SendEvent[] =>
  events.filter((e): e is SendEvent => e.type === 'send' && e.kind === kind && (node === undefined || e.node === node));

function field<T extends JsonValue>(note: NoteEvent, key: string): T {
  const v = note.data?.[key];
  if (v === undefined) throw new Error(`note ${note.topic} has no ${key}`);
  return v as T;
}
const readingsOf = (note: NoteEvent): Reading[] => field<JsonValue[]>(note, 'readings') as unknown as Reading[];
const adjustmentsOf = (note: NoteEvent): { node: NodeId; deltaMs: number }[] =>
  field<JsonValue[]>(note, 'adjustments') as unknown as { node: NodeId; deltaMs: number }[];

function clocks(sim: Simulation): number[] {
  return sim.nodeIds().map((id) => sim.localTimeOf(id));
}
const spread = (xs: number[]): number => Math.max(...xs) - Math.min(...xs);

/** Two estimates can err in opposite directions, each by at most RTT/2 − min. */
const spreadBound = (readings: Reading[]): number =>
  2 * Math.max(...readings.filter((r) => r.node !== MASTER && !r.ignored).map((r) => r.rttMs / 2 - MIN_LATENCY));

describe('berkeley: one cycle', () => {
  it('brings all clocks within 2 × max(RTT/2 − min) of each other (step mode)', () => {
    for (let seed = 1; seed <= 10; seed++) {
      const { sim, host, events } = start({}, seed);
      runInline(sim, host, 999);
      expect(spread(clocks(sim))).toBeGreaterThan(199);
      runInline(sim, host, 1500);
      const [cycle] = notes(events, 'berkeley-cycle', MASTER);
      expect(cycle).toBeDefined();
      const readings = readingsOf(cycle!);
      expect(readings).toHaveLength(5);
      expect(readings.every((r) => !r.ignored)).toBe(true);
      // Drift over the ~500 ms since the cycle.
      expect(spread(clocks(sim))).toBeLessThanOrEqual(spreadBound(readings) + DRIFT_SPREAD * 500 + 1e-6);
      expect(field<number>(cycle!, 'spreadBeforeMs')).toBeGreaterThan(190);
    }
  });

  it("estimates each node's offset to within RTT/2 − min of the truth", () => {
    const { events } = run({}, 1500, 3);
    const [cycle] = notes(events, 'berkeley-cycle', MASTER);
    for (const r of readingsOf(cycle!)) {
      const spec = NODES.find((n) => n.id === r.node)!;
      // True offset from the master around t = 1000 (the master's clock reads true time).
      const truth = spec.clock.offsetMs + spec.clock.driftPpm * 1e-6 * 1000;
      const bound = r.node === MASTER ? 0 : r.rttMs / 2 - MIN_LATENCY;
      expect(Math.abs(r.offsetMs - truth)).toBeLessThanOrEqual(bound + DRIFT_SPREAD * 100 + 1e-6);
    }
  });

  it('sends every node average − its offset, applies the average to the master, and reports it honestly', () => {
    const { events } = run({}, 1500, 2);
    const [cycle] = notes(events, 'berkeley-cycle', MASTER);
    const readings = readingsOf(cycle!);
    const average = field<number>(cycle!, 'averageMs');
    const mean = readings.reduce((s, r) => s + r.offsetMs, 0) / readings.length;
    expect(average).toBeCloseTo(mean, 9);
    for (const a of adjustmentsOf(cycle!)) {
      const r = readings.find((x) => x.node === a.node)!;
      expect(a.deltaMs).toBeCloseTo(average - r.offsetMs, 9);
    }
    for (const s of sends(events, 'ADJUST', MASTER)) {
      const a = adjustmentsOf(cycle!).find((x) => x.node === s.to)!;
      expect(s.msg).toEqual({ kind: 'ADJUST', cycle: 1, epoch: expect.any(Number), deltaMs: a.deltaMs });
    }
    const own = events.find((e) => e.type === 'adjust' && e.node === MASTER);
    expect(own).toMatchObject({ mode: 'step', deltaMs: average });
    expect(cycle!.text).toMatch(/^cycle 1: 4\/4 replied, average [+−]\d+\.\d ms, spread before \d+\.\d ms$/);
    // Every node, master included, notes the adjustment it applied.
    expect(new Set(notes(events, 'berkeley-adjust').map((n) => n.node))).toEqual(new Set([1, 2, 3, 4, 5]));
  });
});

describe('berkeley: fault-tolerant average', () => {
  const withOutlier: NodeSpec[] = NODES.map((n) => (n.id === 5 ? { ...n, clock: { offsetMs: 900, driftPpm: 0 } } : n));

  it('ignores an outlier beyond the threshold in the average but still corrects it', () => {
    for (let seed = 1; seed <= 5; seed++) {
      // The others' true offsets span 200 ms (−80 to +120): a threshold of 300 keeps them together.
      const { sim, events } = run({ nodes: withOutlier, settings: { thresholdMs: 300 } }, 1500, seed);
      const [cycle] = notes(events, 'berkeley-cycle', MASTER);
      const readings = readingsOf(cycle!);
      expect(readings.filter((r) => r.ignored).map((r) => r.node)).toEqual([5]);
      const kept = readings.filter((r) => !r.ignored);
      const average = field<number>(cycle!, 'averageMs');
      expect(average).toBeCloseTo(kept.reduce((s, r) => s + r.offsetMs, 0) / kept.length, 9);
      // The true offsets of the others are 0, 120, −80, 45: their mean is 21.25.
      expect(Math.abs(average - 21.25)).toBeLessThan(10);
      expect(cycle!.text).toMatch(/ignored SOLS \(\+[89]\d\d\.\d ms\)/);
      // Node 5 got its correction and sits with the others.
      const five = sends(events, 'ADJUST', MASTER).find((s) => s.to === 5)!;
      expect((five.msg as unknown as { deltaMs: number }).deltaMs).toBeLessThan(-850);
      expect(spread(clocks(sim))).toBeLessThanOrEqual(
        spreadBound(readings.map((r) => ({ ...r, ignored: false }))) + DRIFT_SPREAD * 500 + 1e-6,
      );
    }
  });

  it('averages the largest group of readings within the threshold of each other (Gusella & Zatti)', () => {
    expect(faultTolerantAverage([0, 10, 20, 1000], 100, 0)).toMatchObject({ averageMs: 10, ignored: [false, false, false, true] });
    expect(faultTolerantAverage([0, -5, 5], 100, 0)).toMatchObject({ averageMs: 0, ignored: [false, false, false] });
    // Median ± threshold would keep 0 and 190 (both within 100 of the median 95); they are 190 apart.
    expect(faultTolerantAverage([0, 95, 190], 100, 0).ignored).toEqual([false, false, true]);
    // Two runaway clocks that agree with each other tie with the healthy pair: the master's group wins.
    expect(faultTolerantAverage([0, 20, 2500, 2510], 100, 0)).toMatchObject({ averageMs: 10, ignored: [false, false, true, true] });
    // Two readings far apart: the master keeps its own.
    expect(faultTolerantAverage([0, 900], 100, 0)).toMatchObject({ averageMs: 0, ignored: [false, true] });
    expect(faultTolerantAverage([], 100)).toMatchObject({ averageMs: 0, ignored: [] });
  });

  it("the master's own reading can be the outlier", () => {
    const nodes: NodeSpec[] = [
      { id: MASTER, name: 'MASTER', clock: { offsetMs: 0, driftPpm: 0 } },
      { id: 2, name: 'A', clock: { offsetMs: 500, driftPpm: 0 } },
      { id: 3, name: 'B', clock: { offsetMs: 510, driftPpm: 0 } },
    ];
    const { sim, events } = run({ nodes, settings: { thresholdMs: 100 } }, 1500);
    const [cycle] = notes(events, 'berkeley-cycle', MASTER);
    expect(
      readingsOf(cycle!)
        .filter((r) => r.ignored)
        .map((r) => r.node),
    ).toEqual([MASTER]);
    expect(field<number>(cycle!, 'averageMs')).toBeGreaterThan(490);
    expect(spread(clocks(sim))).toBeLessThanOrEqual(spreadBound(readingsOf(cycle!).map((r) => ({ ...r, ignored: false }))) + 1e-6);
  });
});

describe('berkeley: relative adjustments', () => {
  it('a node whose clock runs on while a slow ADJUST is in flight still ends within the bound', () => {
    // Right after the POLLs go out, the master→3 link slows to 3 s: node 3's ADJUST arrives
    // about 3 s after its offset was measured. An absolute time would be 3 s stale by then.
    const actions: UserAction[] = [{ at: 1001, type: 'link', from: MASTER, to: 3, patch: { latencyMs: 3000 } }];
    const nodes = NODES.map((n) => (n.id === 3 ? { ...n, clock: { offsetMs: -80, driftPpm: 100 } } : n));
    for (let seed = 1; seed <= 5; seed++) {
      const { sim, events } = run({ nodes, actions }, 4500, seed);
      const [cycle] = notes(events, 'berkeley-cycle', MASTER);
      const adjust3 = sends(events, 'ADJUST', MASTER).find((s) => s.to === 3)!;
      expect(Object.keys(adjust3.msg).sort()).toEqual(['cycle', 'deltaMs', 'epoch', 'kind']);
      expect(adjust3.arrive - adjust3.t).toBeGreaterThanOrEqual(3000);
      const applied = events.find((e) => e.type === 'adjust' && e.node === 3)!;
      expect(applied.t).toBeGreaterThanOrEqual(4000);
      // Node 3 drifts 100 ppm (up to 120 ppm from the others) for ~3.5 s after being measured.
      expect(spread(clocks(sim))).toBeLessThanOrEqual(spreadBound(readingsOf(cycle!)) + 120e-6 * 3500 + 1e-6);
    }
  });

  it('applies a duplicated ADJUST once', () => {
    const { events } = run({ defaults: { duplicate: 1 } }, 1500);
    for (const id of [2, 3, 4, 5]) {
      expect(events.filter((e) => e.type === 'deliver' && e.node === id && e.kind === 'ADJUST')).toHaveLength(2);
      expect(events.filter((e) => e.type === 'adjust' && e.node === id)).toHaveLength(1);
    }
    const [cycle] = notes(events, 'berkeley-cycle', MASTER);
    expect(readingsOf(cycle!)).toHaveLength(5);
  });
});

describe('berkeley: slew', () => {
  it('never runs a clock backwards and converges once the slew is absorbed', () => {
    const { sim, host, events } = start({ settings: { mode: 'slew' } });
    let previous = clocks(sim);
    for (let t = 5; t <= 5900; t += 5) {
      runInline(sim, host, t);
      const now = clocks(sim);
      now.forEach((c, i) => expect(c).toBeGreaterThan(previous[i]!));
      previous = now;
    }
    const [cycle] = notes(events, 'berkeley-cycle', MASTER);
    // 120 ms at 5% takes 2.4 s; by 5.9 s every clock has absorbed its adjustment.
    expect(spread(clocks(sim))).toBeLessThanOrEqual(spreadBound(readingsOf(cycle!)) + DRIFT_SPREAD * 5000 + 1e-6);
  });
});

describe('berkeley: failures', () => {
  it('a crashed master stops the cycles; a recovered one starts again periodMs later', () => {
    const setup: Setup = {
      settings: { periodMs: 2000 },
      actions: [
        { at: 5000, type: 'crash', node: MASTER },
        { at: 8000, type: 'recover', node: MASTER },
      ],
    };
    const { sim, host, events } = start(setup);
    runInline(sim, host, 7999);
    const polls = sends(events, 'POLL', MASTER);
    expect(polls.length).toBe(2 * 4); // cycles at 1000 and about 3050
    expect(polls.every((s) => s.t < 5000)).toBe(true);
    expect(events.some((e) => e.type === 'send' && e.t >= 5000)).toBe(false);
    runInline(sim, host, 11_500);
    const later = sends(events, 'POLL', MASTER).filter((s) => s.t >= 5000);
    expect(later.length).toBe(4);
    expect(later[0]!.t).toBeCloseTo(10_000, 6);
    const cycles = notes(events, 'berkeley-cycle', MASTER);
    // The new incarnation counts its cycles from 1 again.
    expect(cycles.map((c) => field<number>(c, 'cycle'))).toEqual([1, 2, 1]);
  });

  it('a slave that does not answer is left out after pollTimeoutMs, and the rest still sync', () => {
    const { sim, events } = run({ actions: [{ at: 0, type: 'crash', node: 4 }] }, 2000);
    const [cycle] = notes(events, 'berkeley-cycle', MASTER);
    expect(cycle!.t).toBeCloseTo(1000 + BASE_SETTINGS.pollTimeoutMs, 6);
    expect(field<number[]>(cycle!, 'missing')).toEqual([4]);
    expect(readingsOf(cycle!).map((r) => r.node)).toEqual([1, 2, 3, 5]);
    expect(sends(events, 'ADJUST', MASTER).map((s) => s.to)).toEqual([2, 3, 5]);
    expect(cycle!.text).toContain('no reply from TAPMI');
    const alive = [1, 2, 3, 5].map((id) => sim.localTimeOf(id));
    expect(spread(alive)).toBeLessThanOrEqual(spreadBound(readingsOf(cycle!)) + DRIFT_SPREAD * 1000 + 1e-6);
  });
});

describe('berkeley: the machine itself', () => {
  function deepFreeze<T>(value: T): T {
    if (value !== null && typeof value === 'object') {
      for (const v of Object.values(value)) deepFreeze(v);
      Object.freeze(value);
    }
    return value;
  }
  const ctx = (self: NodeId, now: number): NodeContext<BerkeleySettings> => ({
    self,
    now: localTime(now),
    peers: [1, 2, 3].filter((p) => p !== self),
    config: BASE_SETTINGS,
    random: () => 0.5,
    nameOf: (id: number) => (id === 1 ? 'Testing lab' : `P${id}`),
  });

  it('returns new plain-JSON state, never mutates its input, and reports roles', () => {
    let state: BerkeleyState = deepFreeze(berkeleyMachine.init(ctx(MASTER, 0), false).state);
    let step = berkeleyMachine.onTimer(state, 'cycle', ctx(MASTER, 1000));
    expect(step.effects.filter((e) => e.type === 'send')).toHaveLength(2);
    state = deepFreeze(step.state);
    const epoch = state.epoch;
    step = berkeleyMachine.onMessage(state, 2, { kind: 'TIME', cycle: 1, epoch, clockMs: 1120 }, ctx(MASTER, 1040));
    state = deepFreeze(step.state);
    // A reply from an older epoch (before a crash) is ignored.
    expect(
      berkeleyMachine.onMessage(state, 3, { kind: 'TIME', cycle: 1, epoch: epoch + 1, clockMs: 0 }, ctx(MASTER, 1050)).effects,
    ).toEqual([]);
    step = berkeleyMachine.onMessage(state, 3, { kind: 'TIME', cycle: 1, epoch, clockMs: 1000 }, ctx(MASTER, 1060));
    // Offsets: node 2: 1120 + 20 − 1040 = +100; node 3: 1000 + 30 − 1060 = −30; master 0. Average +70/3.
    const sent = step.effects.filter((e) => e.type === 'send');
    expect(sent).toEqual([
      { type: 'send', to: 2, msg: { kind: 'ADJUST', cycle: 1, epoch, deltaMs: 70 / 3 - 100 } },
      { type: 'send', to: 3, msg: { kind: 'ADJUST', cycle: 1, epoch, deltaMs: 70 / 3 + 30 } },
    ]);
    expect(step.effects).toContainEqual({ type: 'adjust', mode: 'step', deltaMs: 70 / 3 });
    expect(JSON.parse(JSON.stringify(step.state))).toEqual(step.state);
    expect(berkeleyMachine.view(step.state, ctx(MASTER, 0))).toEqual({ role: 'master', leader: MASTER });

    const slave = deepFreeze(berkeleyMachine.init(ctx(2, 0), false).state);
    const answer = berkeleyMachine.onMessage(slave, MASTER, { kind: 'POLL', cycle: 4, epoch: 9 }, ctx(2, 777));
    expect(answer.effects).toContainEqual({ type: 'send', to: MASTER, msg: { kind: 'TIME', cycle: 4, epoch: 9, clockMs: 777 } });
    const adjusted = berkeleyMachine.onMessage(slave, MASTER, { kind: 'ADJUST', cycle: 4, epoch: 9, deltaMs: -12 }, ctx(2, 800));
    expect(adjusted.effects).toContainEqual({ type: 'adjust', mode: 'step', deltaMs: -12 });
    expect(berkeleyMachine.view(adjusted.state, ctx(2, 0))).toEqual({ role: 'slave', leader: MASTER });
    expect(berkeleyMachine.describe(adjusted.state, ctx(2, 0))).toBe('slave of Testing lab; last adjustment −12.0 ms (cycle 4)');
  });
});

describe('berkeley: issue 9 regressions', () => {
  it('issue 9 case 3: two runaway clocks never drag the healthy master and slave', () => {
    const runAway: UserAction[] = [
      { at: 2000, type: 'drift', node: 3, ppm: 500_000 },
      { at: 2000, type: 'drift', node: 4, ppm: 500_000 },
    ];
    for (let seed = 1; seed <= 3; seed++) {
      const calm = simulateInline(berkeleyBasic, seed);
      const wild = simulateInline(berkeleyBasic, seed, { actions: runAway });
      for (const id of [1, 2]) {
        const offset = (r: InlineRun): number => r.sim.localTimeOf(id) - r.sim.now;
        // The healthy pair keeps what it does without the runaways (Berkeley follows the group, not true time).
        expect(Math.abs(offset(wild) - offset(calm)), `seed ${seed} node ${id}`).toBeLessThan(150);
        expect(Math.abs(offset(wild))).toBeLessThan(600);
      }
      for (const cycle of notes(wild.events, 'berkeley-cycle').filter((c) => c.t > 8000)) {
        expect(
          readingsOf(cycle)
            .filter((r) => r.ignored)
            .map((r) => r.node),
        ).toEqual([3, 4]);
      }
    }
  });

  it('issue 9 case 3: a crashed master is replaced by the lowest-id live node and the cycles go on', () => {
    const setup: Setup = { settings: { periodMs: 2000 }, actions: [{ at: 5000, type: 'crash', node: MASTER }] };
    const { events, sim } = run(setup, 30_000);
    const takeover = notes(events, 'berkeley-master');
    expect(takeover[0]?.node).toBe(2);
    const later = notes(events, 'berkeley-cycle').filter((c) => c.t > 12_000);
    expect(later.length).toBeGreaterThanOrEqual(5);
    expect(later.every((c) => c.node === 2)).toBe(true);
    for (const id of [2, 3, 4, 5]) expect(sim.node(id)?.view).toEqual({ role: id === 2 ? 'master' : 'slave', leader: 2 });
    expect(spread([2, 3, 4, 5].map((id) => sim.localTimeOf(id)))).toBeLessThan(50);
  });

  it('a recovered configured master takes its place back', () => {
    const setup: Setup = {
      settings: { periodMs: 2000 },
      actions: [
        { at: 5000, type: 'crash', node: MASTER },
        { at: 20_000, type: 'recover', node: MASTER },
      ],
    };
    const { events, sim } = run(setup, 40_000);
    expect(notes(events, 'berkeley-master').some((n) => n.node === 2 && /steps down/.test(n.text))).toBe(true);
    expect(
      notes(events, 'berkeley-cycle')
        .filter((c) => c.t > 28_000)
        .every((c) => c.node === MASTER),
    ).toBe(true);
    for (const id of [1, 2, 3, 4, 5]) expect(sim.node(id)?.view?.leader).toBe(MASTER);
  });

  it('issue 9 case 5: a clock too fast for the slew is stepped, and the log says why', () => {
    const r = simulateInline(berkeleyCanteen, 1, { actions: [{ at: 0, type: 'drift', node: 3, ppm: 200_000 }] });
    const offsets = notes(r.events, 'berkeley-cycle')
      .slice(1)
      .map((c) => readingsOf(c).find((x) => x.node === 3)!.offsetMs - field<number>(c, 'averageMs'));
    // Each cycle MIT is 5 s × 20% = 1 s ahead again, never more: the correction keeps up.
    for (const o of offsets) expect(o).toBeLessThan(1200);
    const stepped = r.events.filter((e) => e.type === 'note' && e.topic === 'berkeley-adjust' && e.node === 3 && /stepped/.test(e.text));
    expect(stepped.length).toBeGreaterThanOrEqual(5);
    expect(
      r.events.filter((e) => e.type === 'adjust' && e.node === 3 && e.t > 6000).every((e) => e.type === 'adjust' && e.mode === 'step'),
    ).toBe(true);
  });
});
