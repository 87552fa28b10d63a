// The metrics panel: the run's numbers next to the theory's ("33 of 33 predicted"). The
// numbers come from the store (folded as the run grows); the tables show the latest rows
// only, so the panel's DOM stays the same size however long the run.

import { memo, useMemo } from 'react';
import { type AlgorithmSpec, formatSeconds, type NodeId, type TraceEvent } from '../../core/index.ts';
import { buildMetrics, METRICS_ROWS, type Metrics } from '../../store/metrics-model.ts';
import { viewsFor } from '../algorithms/registry.ts';

export interface MetricsPanelProps {
  metrics: Metrics;
  nameOf: (id: NodeId) => string;
  algorithm: AlgorithmSpec;
  nodeCount: number;
  /**
   * The trace up to the moment shown, for an algorithm's own part of the panel (its
   * definition's MetricsPart), which reads it whole; unused by the rest of the panel.
   */
  events: () => readonly TraceEvent[];
}

/** Rows shown per table: the latest (a long run keeps at least these, METRICS_ROWS). */
const ROWS = METRICS_ROWS;

const ms = (v: number): string => `${v >= 0 ? '+' : '−'}${Math.abs(v).toFixed(1)} ms`;
const kinds = (r: Record<string, number>): string =>
  Object.entries(r)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([k, n]) => `${n} ${k}`)
    .join(', ');

const electionCount = (m: Metrics): number => m.elections[m.elections.length - 1]?.index ?? 0;

/** Memoised: the page re-renders every frame, the panel only when the store's metrics change. */
export const MetricsPanel = memo(function MetricsPanel({ metrics: m, nameOf, algorithm, nodeCount, events }: MetricsPanelProps) {
  const cut = m.cutAt;
  const Part = viewsFor(algorithm.id).MetricsPart;
  const drops = Object.values(m.dropsByReason).reduce((a, b) => a + b, 0);
  return (
    <section className="metrics" data-testid="metrics" aria-label="Metrics">
      <h2>Metrics</h2>
      {Part && <Part events={events()} algorithm={algorithm} nodeCount={nodeCount} nameOf={nameOf} />}
      <p>
        Messages sent: {kinds(m.sentByKind) || 'none'}. Lost or dropped: {drops}
        {drops > 0 && ` (${kinds(m.dropsByReason)})`}.
      </p>
      {m.elections.length > 0 && (
        <table>
          {/* Numbered from the run's start: a long run keeps only its recent elections. */}
          <caption>Elections{electionCount(m) > ROWS && ` (last ${ROWS} of ${electionCount(m)})`}</caption>
          <thead>
            <tr>
              <th>#</th>
              <th>noticed by</th>
              <th>won by</th>
              <th>took</th>
              <th>messages</th>
              <th>predicted</th>
            </tr>
          </thead>
          <tbody>
            {m.elections.slice(-ROWS).map((e) =>
              cut !== null && e.endMs > cut ? (
                // Shown at a moment the election was still running: its outcome is not known yet.
                <tr key={e.index} data-election={e.index} data-running="true">
                  <td>{e.index}</td>
                  <td>{e.noticedBy === null ? '—' : nameOf(e.noticedBy)}</td>
                  <td colSpan={4}>running at this moment</td>
                </tr>
              ) : (
                <tr key={e.index} data-election={e.index} data-total={e.total} data-predicted={e.predicted ?? ''}>
                  <td>{e.index}</td>
                  <td>{e.noticedBy === null ? '—' : nameOf(e.noticedBy)}</td>
                  <td>{e.winner === null ? '—' : nameOf(e.winner)}</td>
                  <td>{formatSeconds(e.endMs - e.startMs)}</td>
                  <td>
                    {kinds(Object.fromEntries(Object.entries(e.byKind).filter(([k]) => k !== 'ACK')))}
                    {e.acks > 0 && ` (+${e.acks} ACK)`}
                  </td>
                  <td>
                    {e.predicted === null
                      ? 'no textbook case'
                      : `${e.total} of ${e.predicted} predicted${e.predictedByKind ? ` (${kinds(e.predictedByKind)})` : ''}`}
                  </td>
                </tr>
              ),
            )}
          </tbody>
        </table>
      )}
      {m.syncs.length > 0 && (
        <table>
          <caption>Cristian syncs (last {ROWS})</caption>
          <thead>
            <tr>
              <th>client</th>
              <th>at</th>
              <th>RTT</th>
              <th>error vs server</th>
              <th>bound</th>
              <th>error vs true time</th>
            </tr>
          </thead>
          <tbody>
            {m.syncs.slice(-ROWS).map((s) => (
              <tr key={`${s.client}-${s.t}`} data-within={s.within}>
                <td>{nameOf(s.client)}</td>
                <td>{formatSeconds(s.t)}</td>
                <td>{s.rttMs.toFixed(1)} ms</td>
                <td>{ms(s.errorMs)}</td>
                <td>
                  ±{s.boundMs.toFixed(1)} ms {s.within ? '✓' : '✗'}
                </td>
                <td>{ms(s.trueErrorMs)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {m.cycles.length > 0 && (
        <table>
          <caption>Berkeley cycles (last {ROWS})</caption>
          <thead>
            <tr>
              <th>cycle</th>
              <th>at</th>
              <th>spread before (estimated)</th>
              <th>spread after (true)</th>
              <th>average</th>
              <th>ignored</th>
            </tr>
          </thead>
          <tbody>
            {m.cycles.slice(-ROWS).map((c) => (
              <tr key={`${c.master}-${c.t}`}>
                <td>{c.cycle}</td>
                <td>{formatSeconds(c.t)}</td>
                <td>{c.spreadBeforeMs.toFixed(1)} ms</td>
                <td>{c.spreadAfterMs === null ? '…' : `${c.spreadAfterMs.toFixed(1)} ms`}</td>
                <td>{ms(c.averageMs)}</td>
                <td>{c.ignored.length}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
});

/** The metrics of a finished trace (the run report): derived once from the whole trace, not live. */
export function FinishedRunMetrics({
  events,
  algorithm,
  nodeCount,
  nameOf,
}: {
  events: readonly TraceEvent[];
  algorithm: AlgorithmSpec;
  nodeCount: number;
  nameOf: (id: NodeId) => string;
}) {
  const metrics = useMemo(() => buildMetrics(events, algorithm, nodeCount), [events, algorithm, nodeCount]);
  return <MetricsPanel metrics={metrics} nameOf={nameOf} algorithm={algorithm} nodeCount={nodeCount} events={() => events} />;
}
