// Random fault schedules for property tests and `npm run fuzz`. A case is a seed, a setup
// and a list of faults in a safety phase (crashes, recoveries, notices, partitions, loss,
// drift changes, concurrent initiators); then the faults stop, the network heals and the
// run must converge. `checkCase` runs one case on the inline host and returns every
// violated invariant. Cases are plain JSON, so a failing one prints and replays as is.

import fc from 'fast-check';
import { customScenario } from '../scenarios/custom.ts';
import {
  ArraySink,
  bullySettings,
  checkBerkeley,
  checkCristianBound,
  checkElectionConvergence,
  checkElectionSafety,
  checkMonotonicClocks,
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
import { InlineHost, runInline } from '../hosts/inline.ts';

export type FuzzAlgorithm = 'bully' | 'ring' | 'chang-roberts' | 'cristian' | 'berkeley';
export const FUZZ_ALGORITHMS: readonly FuzzAlgorithm[] = ['bully', 'ring', 'chang-roberts', 'cristian', 'berkeley'];

export interface FuzzCase {
  algorithm: FuzzAlgorithm;
  nodes: number;
  seed: number;
  heartbeat: boolean;
  slew: boolean;
  /** The safety phase: faults at true times before `healAt`. */
  faults: UserAction[];
  healAt: number;
}

const SAFETY_MS = 8000;
/** No fuzz case needs anywhere near this many node calls; more means messages multiply. */
const MAX_CALLS = 200_000;
const isElection = (a: FuzzAlgorithm): boolean => a === 'bully' || a === 'ring' || a === 'chang-roberts';

function faultArbitrary(algorithm: FuzzAlgorithm, n: number): fc.Arbitrary<UserAction> {
  const node = fc.integer({ min: 1, max: n });
  const at = fc.integer({ min: 0, max: SAFETY_MS - 1 });
  const faults: fc.Arbitrary<UserAction>[] = [
    fc.record({ at, type: fc.constant('crash' as const), node }),
    fc.record({ at, type: fc.constant('recover' as const), node }),
    fc.record({ at, type: fc.constant('drift' as const), node, ppm: fc.integer({ min: -20_000, max: 20_000 }) }),
    fc.record({ at, type: fc.constant('network' as const), patch: fc.record({ loss: fc.constantFrom(0, 0.1, 0.3) }) }),
    fc.record({
      at,
      type: fc.constant('partition' as const),
      groups: fc
        .subarray(
          Array.from({ length: n }, (_, i) => i + 1),
          { minLength: 1, maxLength: n - 1 },
        )
        .map((g) => [g]),
    }),
    fc.record({ at, type: fc.constant('heal' as const) }),
    // Slower (never faster than the base latency, which is every bound's `min`).
    fc.record({
      at,
      type: fc.constant('link' as const),
      from: node,
      to: node,
      patch: fc.record({ latencyMs: fc.integer({ min: LAN.latencyMs, max: 200 }) }),
    }),
  ];
  if (isElection(algorithm)) {
    faults.push(fc.record({ at, type: fc.constant('notice' as const), node }));
    // Concurrent initiators: several processes told at the same moment.
    faults.push(
      fc
        .tuple(at, fc.uniqueArray(node, { minLength: 2, maxLength: 3 }))
        .map(([t, nodes]) => ({ at: t, type: 'notice' as const, node: nodes[0] as number })),
    );
  }
  return fc.oneof(...faults).filter((a) => a.type !== 'link' || a.from !== a.to);
}

export function caseArbitrary(algorithm: FuzzAlgorithm): fc.Arbitrary<FuzzCase> {
  const size = isElection(algorithm) ? fc.integer({ min: 3, max: 9 }) : fc.integer({ min: 2, max: 6 });
  return size.chain((nodes) =>
    fc.record({
      algorithm: fc.constant(algorithm),
      nodes: fc.constant(nodes),
      seed: fc.integer({ min: 0, max: 0xffffffff }),
      heartbeat: fc.boolean(),
      slew: fc.boolean(),
      faults: fc.array(faultArbitrary(algorithm, nodes), { maxLength: 10 }).map((fs) => [...fs].sort((a, b) => a.at - b.at)),
      healAt: fc.constant(SAFETY_MS),
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
  const base = customScenario({ algorithm: c.algorithm === 'chang-roberts' ? 'ring' : c.algorithm, nodes: c.nodes });
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
      // Clock sync converges only with its server or master back: recover everyone.
      for (let id = 1; id <= c.nodes; id++) heal.push({ at: c.healAt, type: 'recover', node: id });
      break;
    }
  }
  // Links slowed in the safety phase get their speed back: a link slower than the timeouts
  // assume breaks the synchrony every one of these algorithms relies on.
  for (const f of c.faults)
    if (f.type === 'link') heal.push({ at: c.healAt, type: 'link', from: f.from, to: f.to, patch: { latencyMs: LAN.latencyMs } });
  const actions = [...c.faults, ...heal];
  if (isElection(c.algorithm)) {
    // Let elections under way finish, then one process notices (Bully: the lowest live one).
    const live = aliveAfter(c.nodes, c.faults);
    const noticer = live[0];
    const noticeAt = c.healAt + (c.algorithm === 'bully' ? 2000 : settle / 3);
    if (noticer !== undefined) actions.push({ at: noticeAt, type: 'notice', node: noticer });
  }
  return { scenario, actions, until: c.healAt + settle };
}

const safetyApplies = (c: FuzzCase): boolean =>
  !c.faults.some((f) => f.type === 'partition' || (f.type === 'network' && (f.patch.loss ?? 0) > 0) || f.type === 'link');

export interface CaseResult {
  violations: Violation[];
  events: TraceEvent[];
}

export function runCase(c: FuzzCase): CaseResult {
  const { scenario, actions, until } = buildRun(c);
  const sink = new ArraySink();
  const sim = new Simulation(scenario, { seed: c.seed, actions, trace: sink });
  const calls = runInline(sim, new InlineHost(scenario, c.seed), until, MAX_CALLS);
  const events = sink.events;
  const violations: Violation[] = [...checkMonotonicClocks(events)];
  if (calls >= MAX_CALLS)
    violations.push({ t: sim.now, invariant: 'bounded work', detail: `over ${MAX_CALLS} node calls before t=${until}: a message storm` });
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
      }
      violations.push(...checkElectionConvergence(events));
      break;
    }
    case 'cristian':
      violations.push(...checkCristianBound(events), ...convergedCristian(sim, c));
      break;
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
function convergedCristian(sim: Simulation, c: FuzzCase): Violation[] {
  const out: Violation[] = [];
  const t = sim.now;
  const server = sim.node(1);
  if (!server) return out;
  const events = (sim.trace as ArraySink).events;
  for (let id = 2; id <= c.nodes; id++) {
    let last: TraceEvent | undefined;
    for (const e of events) if (e.type === 'note' && e.node === id && e.topic === 'cristian-sync' && e.t > c.healAt) last = e;
    if (!last || last.type !== 'note' || !last.data) {
      out.push({ t, invariant: 'cristian converges', detail: `P${id} never synced after the network healed` });
      continue;
    }
    const client = sim.node(id);
    if (!client) continue;
    const error = readClock(client.clock, t) - readClock(server.clock, t);
    const elapsed = t - last.t;
    const drift = (Math.abs(client.clock.driftPpm) + Math.abs(server.clock.driftPpm)) * 1e-6 * (elapsed + 1000);
    const allowed =
      Number(last.data['boundMs']) +
      Math.abs(client.clock.slewLeftMs) +
      Math.abs(Number(last.data['deltaMs'])) * (c.slew ? 1 : 0) +
      drift +
      1e-6;
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
  const allowed = 2 * 200 + (Math.max(...drifts) - Math.min(...drifts)) * 1e-6 * 2 * period + 2 * slewLeft + 1;
  return spread > allowed
    ? [{ t, invariant: 'berkeley converges', detail: `spread ${spread.toFixed(2)} ms at the end (allowed ${allowed.toFixed(2)})` }]
    : [];
}

/** A failing case as a one-line JSON to paste into `npm run fuzz -- --replay '<json>'`. */
export const describeCase = (c: FuzzCase): string => JSON.stringify(c);
