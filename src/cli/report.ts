// What the CLI prints about a finished run: the JSON report of ARCHITECTURE.md §5 and the readable summary. Pure.
// Both read the simulation as it stands at `until`; the summary also reads the tail of the log
// (notes and user actions) that a LogTailSink kept, or that a full trace holds.

import {
  algorithmFor,
  describeEvent,
  emptyCounts,
  formatSeconds,
  namer,
  type NodeId,
  nodeOutcome,
  type NodeRole,
  type Simulation,
  type TraceEvent,
  type TraceSink,
  type CristianSyncOutcome,
  type CycleOutcome,
  type ElectionOutcome,
  type RunDerivation,
  type Violation,
} from '../core/index.ts';

/** A node in the JSON report: the shared outcome, with `coordinator` for its leader (ARCHITECTURE.md §5) and clocks to the microsecond. */
export interface NodeReport {
  id: NodeId;
  name: string;
  status: 'alive' | 'crashed';
  /** The node's own view of its role; 'crashed' when crashed. */
  role: NodeRole;
  /** The node it believes leads (coordinator, master or time server), or null. */
  coordinator: NodeId | null;
  /** Its local clock at `until`. */
  clockMs: number;
  /** clockMs minus true time. */
  offsetMs: number;
}

export interface RunReport {
  scenario: string;
  seed: number;
  until: number;
  nodes: NodeReport[];
  messages: { sent: number; delivered: number; dropped: number; byKind: Record<string, number> };
  /** The run's outcome, derived as the page derives it (ARCHITECTURE.md §6); empty arrays when none. */
  elections: ReportElection[];
  cycles: ReportCycle[];
  syncs: ReportSync[];
  violations: Violation[];
  /** Arrays the algorithm's definition adds (criticalSections...), when it has a trace to read. */
  [outcome: string]: unknown;
}

/** The JSON report's outcome rows are the core's derivation (ARCHITECTURE.md §6), less what only the page draws. */
export type ReportElection = Omit<ElectionOutcome, 'ringIds'>;
export type ReportCycle = Omit<CycleOutcome, 'thresholdMs' | 'mode'>;
export type ReportSync = Pick<
  CristianSyncOutcome,
  'client' | 'server' | 't' | 'round' | 't0' | 'ts' | 't1' | 'rttMs' | 'boundMs' | 'errorMs' | 'trueErrorMs' | 'within'
>;

/** How many log lines the readable summary ends with. */
export const LOG_TAIL = 15;

/** Rounds to a microsecond: enough for any offset the lab shows, and free of float noise like 0.30000000000000004. */
const micro = (ms: number): number => {
  const rounded = Math.round(ms * 1000) / 1000;
  return rounded === 0 ? 0 : rounded;
};

/** The events a student reads to see what happened: what the nodes noted and what the user did. */
export const isLogEvent = (e: TraceEvent): boolean => e.type === 'note' || e.type === 'action' || e.type === 'fault';

export interface LogTail {
  /** The last log events, oldest first. */
  events: TraceEvent[];
  /** How many log events the run had in all. */
  total: number;
}

/** A trace sink that keeps only the last few log events, so a long run without --trace stays small. */
export class LogTailSink implements TraceSink {
  private readonly kept: TraceEvent[] = [];
  private total = 0;
  constructor(private readonly limit = LOG_TAIL) {}
  push(event: TraceEvent): void {
    if (!isLogEvent(event)) return;
    this.total++;
    this.kept.push(event);
    if (this.kept.length > this.limit) this.kept.shift();
  }
  tail(): LogTail {
    return { events: [...this.kept], total: this.total };
  }
}

/** The log tail of a full trace. */
export function logTailOf(events: readonly TraceEvent[], limit = LOG_TAIL): LogTail {
  const log = events.filter(isLogEvent);
  return { events: log.slice(Math.max(0, log.length - limit)), total: log.length };
}

/** The JSON report (ARCHITECTURE.md §5) of a simulation that has been run to `until`; with its trace, the algorithm's own outcome arrays too. */
export function buildReport(sim: Simulation, until: number, derived?: RunDerivation, events?: readonly TraceEvent[]): RunReport {
  const nodes = sim.scenario.nodes.map((spec): NodeReport => {
    const record = sim.node(spec.id);
    if (!record) throw new Error(`the simulation has no node ${spec.id}`);
    const { leader, clockMs, offsetMs, ...rest } = nodeOutcome(record, record, until);
    return { ...rest, coordinator: leader, clockMs: micro(clockMs), offsetMs: micro(offsetMs) };
  });
  const byKind = emptyCounts();
  for (const kind of Object.keys(sim.stats.byKind).sort()) byKind[kind] = sim.stats.byKind[kind] ?? 0;
  const { sent, delivered, dropped } = sim.stats;
  const d = derived ?? { elections: [], cycles: [], syncs: [], violations: [] };
  const outcomes = events ? (algorithmFor(sim.scenario.algorithm.id).outcomes?.(events, sim.scenario) ?? {}) : {};
  return {
    scenario: sim.scenario.id,
    seed: sim.seed,
    until,
    nodes,
    messages: { sent, delivered, dropped, byKind },
    elections: d.elections.map((e) => ({
      index: e.index,
      ep: e.ep,
      noticedBy: e.noticedBy,
      initiators: e.initiators,
      winner: e.winner,
      byKind: e.byKind,
      total: e.total,
      acks: e.acks,
      predicted: e.predicted,
      predictedByKind: e.predictedByKind,
      startMs: micro(e.startMs),
      endMs: micro(e.endMs),
    })),
    cycles: d.cycles.map((c) => ({
      cycle: c.cycle,
      master: c.master,
      t: micro(c.t),
      readings: c.readings.map((r) => ({ node: r.node, offsetMs: micro(r.offsetMs), rttMs: micro(r.rttMs), ignored: r.ignored })),
      ignored: c.ignored,
      missing: c.missing,
      averageMs: micro(c.averageMs),
      adjustments: c.adjustments.map((a) => ({ node: a.node, deltaMs: micro(a.deltaMs), mode: a.mode })),
      spreadBeforeMs: micro(c.spreadBeforeMs),
      spreadAfterMs: c.spreadAfterMs === null ? null : micro(c.spreadAfterMs),
    })),
    syncs: d.syncs.map((s) => ({
      client: s.client,
      server: s.server,
      t: micro(s.t),
      round: s.round,
      t0: micro(s.t0),
      ts: micro(s.ts),
      t1: micro(s.t1),
      rttMs: micro(s.rttMs),
      boundMs: micro(s.boundMs),
      errorMs: micro(s.errorMs),
      trueErrorMs: micro(s.trueErrorMs),
      within: s.within,
    })),
    violations: d.violations.map((v) => ({ ...v, t: micro(v.t) })),
    ...outcomes,
  };
}

const signed = (ms: number, digits: number): string => `${ms < 0 ? '-' : '+'}${Math.abs(ms).toFixed(digits)}`;

/** Lays rows out in columns; numeric columns (named in `right`) are right-aligned. */
function table(header: string[], rows: string[][], right: ReadonlySet<number>): string[] {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: string[]): string =>
    cells
      .map((c, i) => (right.has(i) ? c.padStart(widths[i] ?? 0) : c.padEnd(widths[i] ?? 0)))
      .join('  ')
      .trimEnd();
  return [line(header), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)];
}

/** The readable summary: what ran, where every node ended up, the message counts, and how it got there. */
export function formatSummary(sim: Simulation, until: number, log: LogTail): string {
  const report = buildReport(sim, until);
  const nameOf = namer(report.nodes);

  const rows = report.nodes.map((n) => [
    String(n.id),
    n.name,
    n.status,
    n.status === 'crashed' ? '-' : n.role,
    n.coordinator === null ? '-' : n.coordinator === n.id ? `${n.id} (itself)` : `${n.coordinator} (${nameOf(n.coordinator)})`,
    n.clockMs.toFixed(3),
    signed(n.offsetMs, 3),
  ]);
  const { sent, delivered, dropped, byKind } = report.messages;
  const kinds = Object.entries(byKind).map(([kind, n]) => `${kind} ${n}`);

  const lines = [
    `${sim.scenario.title} (${sim.scenario.id})`,
    sim.scenario.summary,
    `seed ${report.seed}, run until ${until} ms (${formatSeconds(until)} of true time)`,
    '',
    ...table(['id', 'name', 'status', 'role', 'coordinator', 'clock (ms)', 'offset (ms)'], rows, new Set([0, 5, 6])),
    '',
    `Messages: ${sent} sent, ${delivered} delivered, ${dropped} dropped`,
    `  sent by kind: ${kinds.length > 0 ? kinds.join(', ') : 'none'}`,
    '',
  ];
  if (log.total === 0) lines.push('Log: no notes or user actions.');
  else {
    const shown = log.events.length < log.total ? `last ${log.events.length} of ${log.total}` : `all ${log.total}`;
    lines.push(`Log (${shown} notes and user actions):`);
    for (const e of log.events) lines.push(`  ${describeEvent(e, nameOf)}`);
  }
  return lines.join('\n');
}
