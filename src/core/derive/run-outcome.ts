// One derivation of what a run achieved (ARCHITECTURE.md §6), read by the page's rounds panel and
// metrics, the run report and the CLI's --json: every election (who noticed, who won, the
// messages by kind, what theory predicts), every Berkeley cycle (readings, ignored ones,
// adjustments, the spread before as the master estimated it and after as it truly was),
// every Cristian sync (T0, Ts, T1, RTT, Cristian's bound with drift, the error against the
// server and against true time), and the violations the live monitors found. Incremental:
// feed it events as they come (it is a trace sink), read `outcome()` at any time.

import { algorithmFor } from '../algorithms/registry.ts';
import { type ElectionRound, episodeOf, foldEpisode, isElectionEvent, openEpisode } from '../algorithms/election-round.ts';
import type { CristianSyncOutcome } from '../algorithms/cristian/bound.ts';
import { RunMonitor } from '../check/monitor.ts';
import { ClockReplay } from '../check/clock-replay.ts';
import type { Violation } from '../check/violations.ts';
import type { JsonValue } from '../machine.ts';
import type { AlgorithmSpec } from '../scenario.ts';
import type { TraceEvent, TraceSink } from '../trace.ts';
import type { NodeId, TrueTime } from '../time.ts';

export interface ElectionOutcome {
  index: number;
  ep: string | null;
  startMs: number;
  endMs: number;
  /** The process that noticed (or recovered, or timed out) and opened the episode. */
  noticedBy: NodeId | null;
  /** Every process that held an election in it, the noticing one first. */
  initiators: NodeId[];
  winner: NodeId | null;
  /** Messages of this episode, by kind, acknowledgements included. */
  byKind: Record<string, number>;
  /** Messages counted against theory (the algorithm's acknowledgements left out, as ARCHITECTURE.md §4 counts). */
  total: number;
  /** Acknowledgements, counted apart. */
  acks: number;
  /** Theory's count for the textbook case this episode is, or null when none applies. */
  predicted: number | null;
  predictedByKind: Record<string, number> | null;
  ringIds: NodeId[] | null;
}

export interface CycleReading {
  node: NodeId;
  offsetMs: number;
  rttMs: number;
  ignored: boolean;
}

export interface CycleAdjustment {
  node: NodeId;
  deltaMs: number;
  /** How it was applied: a slew-mode adjustment too big to slew within a period is stepped. */
  mode: string;
}

export interface CycleOutcome {
  cycle: number;
  master: NodeId;
  t: number;
  readings: CycleReading[];
  ignored: NodeId[];
  missing: NodeId[];
  averageMs: number;
  thresholdMs: number;
  adjustments: CycleAdjustment[];
  mode: string;
  /** As the master estimated it from its readings. */
  spreadBeforeMs: number;
  /** The true spread of the nodes that replied just before the master's next poll (or at the end); null while unknown. */
  spreadAfterMs: number | null;
}

export interface RunDerivation {
  elections: ElectionOutcome[];
  cycles: CycleOutcome[];
  syncs: CristianSyncOutcome[];
  violations: Violation[];
}

const num = (v: JsonValue | undefined): number => (typeof v === 'number' ? v : NaN);
const objects = (v: JsonValue | undefined): { [key: string]: JsonValue }[] =>
  Array.isArray(v) ? v.filter((o): o is { [key: string]: JsonValue } => o !== null && typeof o === 'object' && !Array.isArray(o)) : [];

/** Episodes folded as they come; the round panel's latest episode is the last one here. */
export class EpisodeLog {
  readonly folds: ElectionRound[] = [];
  private readonly byEp = new Map<string, number>();

  push(e: TraceEvent): void {
    if (!isElectionEvent(e)) return;
    const key = episodeOf(e);
    if (key === null) return; // traces from before episode ids: see electionFolds
    let i = this.byEp.get(key.ep);
    if (i === undefined || key.opens) {
      i = this.folds.length;
      this.folds.push(openEpisode(e, key.ep));
      this.byEp.set(key.ep, i);
    }
    this.folds[i] = foldEpisode(this.folds[i] as ElectionRound, e);
  }
}

export class OutcomeDeriver implements TraceSink {
  readonly monitor = new RunMonitor();
  private readonly episodes = new EpisodeLog();
  private readonly cycles: CycleOutcome[] = [];
  private readonly replay = new ClockReplay();
  /** Each master's last cycle still waiting for its "after" spread. */
  private readonly open = new Map<NodeId, CycleOutcome>();
  private lastT = 0;

  constructor(
    private readonly algorithm: AlgorithmSpec,
    private readonly nodeCount: number,
  ) {}

  push(e: TraceEvent): void {
    if (e.type === 'send' && e.kind === 'POLL') {
      const open = this.open.get(e.node);
      if (open) {
        open.spreadAfterMs = this.spreadOf(open, e.t);
        this.open.delete(e.node);
      }
    }
    this.lastT = e.t;
    this.replay.apply(e);
    this.monitor.push(e);
    this.episodes.push(e);
    if (e.type === 'note' && e.topic === 'berkeley-cycle' && e.data) {
      const cycle = readCycle(e.node, e.t, e.data);
      this.cycles.push(cycle);
      this.open.set(e.node, cycle);
    }
  }

  private spreadOf(c: CycleOutcome, t: number): number | null {
    const readings = c.readings.map((r) => this.replay.read(r.node, t as TrueTime)).filter((r): r is NonNullable<typeof r> => r !== null);
    return readings.length < 2 ? null : Math.max(...readings) - Math.min(...readings);
  }

  outcome(): RunDerivation {
    this.monitor.flush();
    const definition = algorithmFor(this.algorithm.id);
    const uncounted = new Set(definition.uncountedKinds);
    const counted = (kinds: Record<string, number>): number =>
      Object.entries(kinds).reduce((s, [k, n]) => s + (uncounted.has(k) ? 0 : n), 0);
    const elections = this.episodes.folds.map((f, i): ElectionOutcome => {
      const initiators = [...f.starters];
      const winners = f.winner === null ? [] : [f.winner];
      const predictedByKind = definition.predictedCost({ initiators, winners }, this.algorithm.settings, this.nodeCount);
      const byKind = Object.fromEntries(Object.entries(f.messages));
      return {
        index: i + 1,
        ep: f.ep,
        startMs: f.startedAt,
        endMs: f.lastAt,
        noticedBy: initiators[0] ?? null,
        initiators,
        winner: f.winner,
        byKind,
        total: counted(byKind),
        acks: Object.entries(byKind).reduce((s, [k, n]) => s + (uncounted.has(k) ? n : 0), 0),
        predicted: predictedByKind ? counted(predictedByKind) : null,
        predictedByKind,
        ringIds: f.ringIds ? [...f.ringIds] : null,
      };
    });
    // Cycles still open get their spread at the end of what has been fed.
    const cycles = this.cycles.map((c) =>
      this.open.get(c.master) === c && this.lastT > c.t ? { ...c, spreadAfterMs: this.spreadOf(c, this.lastT) } : { ...c },
    );
    return { elections, cycles, syncs: [...this.monitor.cristian.syncs], violations: [...this.monitor.violations] };
  }
}

function readCycle(master: NodeId, t: number, data: { [key: string]: JsonValue }): CycleOutcome {
  const readings = objects(data['readings']).map((r): CycleReading => ({
    node: num(r['node']),
    offsetMs: num(r['offsetMs']),
    rttMs: num(r['rttMs']),
    ignored: r['ignored'] === true,
  }));
  const missing = Array.isArray(data['missing']) ? data['missing'].filter((n): n is number => typeof n === 'number') : [];
  return {
    cycle: num(data['cycle']),
    master,
    t,
    readings,
    ignored: readings.filter((r) => r.ignored).map((r) => r.node),
    missing,
    averageMs: num(data['averageMs']),
    thresholdMs: num(data['thresholdMs']),
    adjustments: objects(data['adjustments']).map((a) => ({
      node: num(a['node']),
      deltaMs: num(a['deltaMs']),
      mode: typeof a['mode'] === 'string' ? a['mode'] : String(data['mode'] ?? ''),
    })),
    mode: typeof data['mode'] === 'string' ? data['mode'] : '',
    spreadBeforeMs: num(data['spreadBeforeMs']),
    spreadAfterMs: null,
  };
}

/** The derivation of a whole trace. */
export function deriveOutcome(events: readonly TraceEvent[], algorithm: AlgorithmSpec, nodeCount: number): RunDerivation {
  const d = new OutcomeDeriver(algorithm, nodeCount);
  for (const e of events) d.push(e);
  return d.outcome();
}
