// Random fault schedules for property tests and `npm run fuzz`. A case is a seed, a setup
// and a list of faults in a safety phase (crashes, recoveries, notices, partitions, loss,
// slow and cut links, drift changes and clock steps, concurrent initiators); then the faults stop, the network heals and the
// run must converge. `checkCase` runs one case on the inline host and returns every
// violated invariant. Cases are plain JSON, so a failing one prints and replays as is.

import fc from 'fast-check';
import { customScenario } from '../scenarios/custom.ts';
import {
  bullySettings,
  checkBerkeley,
  type ClockInit,
  CristianBoundChecker,
  type CristianSyncOutcome,
  SplitBrainMonitor,
  checkElectionConvergence,
  checkElectionSafety,
  jitterBound,
  LAN,
  readClock,
  ringSettings,
  type Scenario,
  Simulation,
  type TraceEvent,
  type TrueTime,
  type UserAction,
  type Violation,
} from '../core/index.ts';
import { runBounded } from './run-bounded.ts';
import {
  linkHeals,
  linkPatchArbitrary,
  longestScaledTimeout,
  offsetArbitrary,
  ppmArbitrary,
  severalAtOnceArbitrary,
  slowestLink,
  slowestRate,
  userFaultArbitraries,
} from './arbitraries.ts';

export type FuzzAlgorithm = 'bully' | 'ring' | 'chang-roberts' | 'cristian' | 'berkeley';
export const FUZZ_ALGORITHMS: readonly FuzzAlgorithm[] = ['bully', 'ring', 'chang-roberts', 'cristian', 'berkeley'];

export interface FuzzCase {
  algorithm: FuzzAlgorithm;
  nodes: number;
  seed: number;
  heartbeat: boolean;
  slew: boolean;
  /** Initial clocks by node (index 0 is node 1); absent: the custom setup's. */
  clocks?: ClockInit[];
  /** The safety phase: faults at true times before `healAt`. */
  faults: UserAction[];
  healAt: number;
}

const SAFETY_MS = 8000;
const isElection = (a: FuzzAlgorithm): boolean => a === 'bully' || a === 'ring' || a === 'chang-roberts';

/**
 * When faults happen: any instant of the safety phase, and often just where it hurts most —
 * right after a notice (mid-election: presets and fuzz cases notice around 1.5 s) or around
 * the first Berkeley cycle and Cristian round (custom setups start them at 1-5 s).
 */
const atArbitrary = fc.oneof(
  { weight: 3, arbitrary: fc.integer({ min: 0, max: SAFETY_MS - 1 }) },
  { weight: 1, arbitrary: fc.integer({ min: 1450, max: 1750 }) },
  { weight: 1, arbitrary: fc.integer({ min: 4950, max: 5250 }) },
);

/** One thing a user does, or a few at once (several nodes told together, a crash in the middle of what a notice started). */
function faultArbitrary(algorithm: FuzzAlgorithm, n: number): fc.Arbitrary<UserAction[]> {
  // The master / time server is node 1: crash it more often than chance would.
  const node = fc.oneof({ weight: 3, arbitrary: fc.integer({ min: 1, max: n }) }, { weight: 1, arbitrary: fc.constant(1) });
  const at = atArbitrary;
  const one = (a: fc.Arbitrary<UserAction>): fc.Arbitrary<UserAction[]> => a.map((x) => [x]);
  // Slower links up to the page's maximum, lossy ones, cut ones: three draws of them.
  const faults = userFaultArbitraries(n, at, node, linkPatchArbitrary, 3);
  if (isElection(algorithm)) {
    faults.push(one(fc.record({ at, type: fc.constant('notice' as const), node })));
    // Several processes told at the same moment, and a crash while their elections run.
    faults.push(severalAtOnceArbitrary(n, at, node, 'notice'));
  }
  return fc.oneof(...faults);
}

const clockArbitrary = fc.record({ offsetMs: offsetArbitrary, driftPpm: ppmArbitrary });

export function caseArbitrary(algorithm: FuzzAlgorithm): fc.Arbitrary<FuzzCase> {
  const size = isElection(algorithm) ? fc.integer({ min: 3, max: 9 }) : fc.integer({ min: 2, max: 6 });
  const clocksFor = (n: number): fc.Arbitrary<ClockInit[] | undefined> =>
    isElection(algorithm)
      ? fc.constant(undefined)
      : fc.option(fc.array(clockArbitrary, { minLength: n, maxLength: n }), { nil: undefined });
  return size.chain((nodes) =>
    fc
      .record({
        algorithm: fc.constant(algorithm),
        nodes: fc.constant(nodes),
        seed: fc.integer({ min: 0, max: 0xffffffff }),
        heartbeat: fc.boolean(),
        slew: fc.boolean(),
        clocks: clocksFor(nodes),
        faults: fc.array(faultArbitrary(algorithm, nodes), { maxLength: 8 }).map((fs) =>
          fs
            .flat()
            .filter((a) => a.at < SAFETY_MS)
            .sort((a, b) => a.at - b.at),
        ),
        healAt: fc.constant(SAFETY_MS),
      })
      .map((c) => {
        if (c.clocks !== undefined) return c;
        const { clocks: _unused, ...rest } = c;
        return rest;
      }),
  );
}

export interface FuzzRun {
  scenario: Scenario;
  actions: UserAction[];
  until: number;
}

/** Which nodes are alive after a list of crash/recover actions (all start alive). */
function aliveAfter(n: number, actions: readonly UserAction[]): number[] {
  const alive = new Set(Array.from({ length: n }, (_, i) => i + 1));
  for (const a of actions) {
    if (a.type === 'crash') alive.delete(a.node);
    if (a.type === 'recover') alive.add(a.node);
  }
  return [...alive].sort((a, b) => a - b);
}

export function buildRun(c: FuzzCase): FuzzRun {
  const custom = customScenario({ algorithm: c.algorithm === 'chang-roberts' ? 'ring' : c.algorithm, nodes: c.nodes });
  const base: Scenario = c.clocks
    ? { ...custom, nodes: custom.nodes.map((spec, i) => ({ ...spec, clock: c.clocks?.[i] ?? spec.clock })) }
    : custom;
  let scenario: Scenario = base;
  let settle = 30_000;
  const heal: UserAction[] = [
    { at: c.healAt, type: 'heal' },
    { at: c.healAt, type: 'network', patch: { loss: 0 } },
  ];
  switch (c.algorithm) {
    case 'bully':
      scenario = { ...base, algorithm: { id: 'bully', settings: bullySettings(c.nodes, { heartbeat: c.heartbeat }) } };
      settle = 6000;
      break;
    case 'ring':
    case 'chang-roberts': {
      const settings = ringSettings(c.nodes, c.nodes, {
        heartbeat: c.heartbeat,
        variant: c.algorithm === 'ring' ? 'list' : 'chang-roberts',
      });
      scenario = { ...base, algorithm: { id: 'ring', settings } };
      settle = 3 * settings.electionTimeoutMs + 4000;
      break;
    }
    case 'cristian':
    case 'berkeley': {
      const spec = base.algorithm;
      if (spec.id === 'cristian')
        scenario = { ...base, algorithm: { id: 'cristian', settings: { ...spec.settings, mode: c.slew ? 'slew' : 'step' } } };
      if (spec.id === 'berkeley')
        scenario = { ...base, algorithm: { id: 'berkeley', settings: { ...spec.settings, mode: c.slew ? 'slew' : 'step' } } };
      // Cristian converges only with its server back: recover everyone. Berkeley replaces a
      // dead master itself (two silent periods, then a cycle or two), so it is given longer.
      if (c.algorithm === 'cristian') for (let id = 1; id <= c.nodes; id++) heal.push({ at: c.healAt, type: 'recover', node: id });
      else settle = 45_000;
      break;
    }
  }
  // Links changed in the safety phase get their speed back, and come back up: a link slower
  // than the timeouts assume breaks the synchrony every one of these algorithms relies on.
  heal.push(...linkHeals(c.faults, c.healAt));
  const slowest = slowestLink(c.faults);
  // Timers run on local clocks: on a clock slowed to rate r every wait lasts 1/r as long in
  // true time, so the settling times below stretch by the slowest rate a case gives a clock.
  const stretch =
    1 /
    slowestRate(
      c.faults,
      scenario.nodes.map((n) => n.clock),
    );
  // Messages already on a slowed link still take that long, and timeouts armed (or running)
  // while it was slow are as long as it made them (timeouts.ts): the run settles after both have passed.
  const landed = c.healAt + slowest + longestScaledTimeout(scenario, slowest) * stretch;
  // A Berkeley slave that armed its master watch while a link was slow waits two scaled cycles
  // plus its stagger before it takes over (machine.ts watchMs): the settling time counts that too.
  if (scenario.algorithm.id === 'berkeley' && slowest > 0) {
    const poll = longestScaledTimeout(scenario, slowest);
    settle += 2 * (scenario.algorithm.settings.periodMs + poll) + c.nodes * poll;
  }
  settle *= stretch;
  const actions = [...c.faults, ...heal];
  if (isElection(c.algorithm) && !c.heartbeat) {
    // Without heartbeats nobody notices by itself: let elections under way finish, then one
    // process is told (Bully: the lowest live one). With heartbeats the run must converge on its own.
    const live = aliveAfter(c.nodes, c.faults);
    const noticer = live[0];
    const noticeAt = landed + (c.algorithm === 'bully' ? 2000 : settle / 3);
    if (noticer !== undefined) actions.push({ at: noticeAt, type: 'notice', node: noticer });
  }
  return { scenario, actions, until: landed + settle };
}

/** Safety is promised only on a reliable, synchronous network: no partitions, no loss, no link changes. */
const safetyApplies = (c: FuzzCase): boolean =>
  !c.faults.some((f) => f.type === 'partition' || (f.type === 'network' && (f.patch.loss ?? 0) > 0) || f.type === 'link');

export interface CaseResult {
  violations: Violation[];
  events: TraceEvent[];
}

export function runCase(c: FuzzCase): CaseResult {
  const { scenario, actions, until } = buildRun(c);
  const { sim, events, violations } = runBounded(scenario, c.seed, actions, until);
  const maxOneWay = LAN.latencyMs + jitterBound(LAN.jitter, LAN.jitterMs);
  switch (c.algorithm) {
    case 'bully':
    case 'ring':
    case 'chang-roberts': {
      if (safetyApplies(c)) {
        const spec = scenario.algorithm;
        const ack = spec.id === 'ring' ? spec.settings.ackTimeoutMs : 0;
        const maxOverlapMs = c.algorithm === 'bully' ? 2 * maxOneWay : 4 * c.nodes * (maxOneWay + ack);
        // A process that recovers mid-election can be missed by it, so "the highest leads" is
        // promised only without recoveries; "one coordinator at a time" always.
        const highestLeads = !c.faults.some((f) => f.type === 'recover');
        violations.push(...checkElectionSafety(events, { maxOverlapMs, highestLeads }));
        const split = new SplitBrainMonitor();
        for (const e of events) violations.push(...split.push(e));
        violations.push(...split.flush());
      }
      violations.push(...checkElectionConvergence(events));
      break;
    }
    case 'cristian': {
      const checker = new CristianBoundChecker();
      for (const e of events) violations.push(...checker.push(e));
      violations.push(...convergedCristian(sim, c, checker.syncs));
      break;
    }
    case 'berkeley':
      violations.push(...checkBerkeley(events), ...convergedBerkeley(sim, c, events));
      break;
  }
  return { violations, events };
}

export function checkCase(c: FuzzCase): Violation[] {
  return runCase(c).violations;
}

/** After the heal every client synced again, and ends within its last bound (plus drift since, plus any unabsorbed slew). */
function convergedCristian(sim: Simulation, c: FuzzCase, syncs: readonly CristianSyncOutcome[]): Violation[] {
  const out: Violation[] = [];
  const t = sim.now;
  const server = sim.node(1);
  if (!server) return out;
  for (let id = 2; id <= c.nodes; id++) {
    let last: CristianSyncOutcome | undefined;
    for (const s of syncs) if (s.client === id && s.t > c.healAt) last = s;
    if (!last) {
      out.push({ t, invariant: 'cristian converges', detail: `P${id} never synced after the network healed` });
      continue;
    }
    const client = sim.node(id);
    if (!client) continue;
    const error = readClock(client.clock, t) - readClock(server.clock, t);
    const elapsed = t - last.t;
    const drift = (Math.abs(client.clock.driftPpm) + Math.abs(server.clock.driftPpm)) * 1e-6 * (elapsed + 1000);
    // Cristian's bound at the last sync (the same function the checker and the page use), then drift since, and any slew left.
    const allowed =
      last.boundMs + Math.abs(client.clock.slewLeftMs) + Math.abs(last.afterMs - last.beforeMs) * (c.slew ? 1 : 0) + drift + 1e-6;
    if (Math.abs(error) > allowed)
      out.push({
        t,
        invariant: 'cristian converges',
        detail: `P${id} ends ${error.toFixed(2)} ms from the server (allowed ${allowed.toFixed(2)})`,
      });
  }
  return out;
}

/** After the heal, a few fault-free cycles bring every clock close: within 2 × the worst one-way delay plus what drift adds in a cycle. */
function convergedBerkeley(sim: Simulation, c: FuzzCase, events: readonly TraceEvent[]): Violation[] {
  const t = sim.now;
  // A lone survivor (or none) has no one to agree with.
  if (sim.nodeIds().filter((id) => sim.node(id)?.alive).length < 2) return [];
  const cycles = events.filter((e) => e.type === 'note' && e.topic === 'berkeley-cycle' && e.t > c.healAt + 1000);
  if (cycles.length < 2) return [{ t, invariant: 'berkeley converges', detail: `only ${cycles.length} cycles after the heal` }];
  const clocks = sim
    .nodeIds()
    .map((id) => sim.node(id))
    .filter((n) => n?.alive);
  const readings = clocks.map((n) => readClock(n!.clock, t as TrueTime));
  const drifts = clocks.map((n) => n!.clock.driftPpm);
  const spread = Math.max(...readings) - Math.min(...readings);
  const spec = sim.scenario.algorithm;
  const period = spec.id === 'berkeley' ? spec.settings.periodMs + spec.settings.pollTimeoutMs : 6000;
  const slewLeft = Math.max(...clocks.map((n) => Math.abs(n!.clock.slewLeftMs)));
  // The master times its period on its own clock: at −50% drift a 6 s period lasts 12 s of true time.
  const slowestRate = Math.max(0.5, 1 + Math.min(...drifts) * 1e-6);
  const allowed = 2 * 200 + ((Math.max(...drifts) - Math.min(...drifts)) * 1e-6 * 2 * period) / slowestRate + 2 * slewLeft + 1;
  return spread > allowed
    ? [{ t, invariant: 'berkeley converges', detail: `spread ${spread.toFixed(2)} ms at the end (allowed ${allowed.toFixed(2)})` }]
    : [];
}

/** A failing case as a one-line JSON to paste into `npm run fuzz -- --replay '<json>'`. */
export const describeCase = (c: FuzzCase): string => JSON.stringify(c);
