// The metrics panel: the run's numbers next to the theory's ("33 of 33 predicted").

import { memo, useMemo } from 'react';
import { type AlgorithmSpec, formatSeconds, type NodeId, type TraceEvent } from '../../core/index.ts';
import { viewsFor } from '../algorithms/registry.ts';
import { buildMetrics } from './metrics-model.ts';

export interface MetricsPanelProps {
  events: readonly TraceEvent[];
  algorithm: AlgorithmSpec;
  nodeCount: number;
  nameOf: (id: NodeId) => string;
}

const ms = (v: number): string => `${v >= 0 ? '+' : '−'}${Math.abs(v).toFixed(1)} ms`;
const kinds = (r: Record<string, number>): string =>
  Object.entries(r)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([k, n]) => `${n} ${k}`)
    .join(', ');

/** Memoised: the page re-renders every frame, the panel only when its trace snapshot changes. */
export const MetricsPanel = memo(function MetricsPanel({ events, algorithm, nodeCount, nameOf }: MetricsPanelProps) {
  const m = useMemo(() => buildMetrics(events, algorithm, nodeCount), [events, algorithm, nodeCount]);
  const drops = Object.values(m.dropsByReason).reduce((a, b) => a + b, 0);
  const Part = viewsFor(algorithm.id).MetricsPart;
  return (
    <section className="metrics" data-testid="metrics" aria-label="Metrics">
      <h2>Metrics</h2>
      {Part && <Part events={events} algorithm={algorithm} nodeCount={nodeCount} nameOf={nameOf} />}
      <p>
        Messages sent: {kinds(m.sentByKind) || 'none'}. Lost or dropped: {drops}
        {drops > 0 && ` (${kinds(m.dropsByReason)})`}.
      </p>
      {m.elections.length > 0 && (
        <table>
          <caption>Elections</caption>
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
            {m.elections.map((e) => (
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
            ))}
          </tbody>
        </table>
      )}
      {m.syncs.length > 0 && (
        <table>
          <caption>Cristian syncs (last 8)</caption>
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
            {m.syncs.slice(-8).map((s) => (
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
          <caption>Berkeley cycles (last 8)</caption>
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
            {m.cycles.slice(-8).map((c) => (
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
