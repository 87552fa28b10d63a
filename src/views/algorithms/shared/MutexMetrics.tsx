// Mutual exclusion against theory: the messages sent per entry beside what the algorithm's
// definition predicts for those entries, and each critical section (asked, entered, left).

import { algorithmFor, criticalSections } from '../../../core/index.ts';
import { formatSeconds } from '../../stage/format.ts';
import type { MetricsPartProps } from '../definition.ts';

const sum = (xs: readonly number[]): number => xs.reduce((a, b) => a + b, 0);

export function MutexMetrics({ events, algorithm, nodeCount, nameOf }: MetricsPartProps) {
  const sections = criticalSections(events);
  if (sections.length === 0) return null;
  const definition = algorithmFor(algorithm.id);
  const uncounted = new Set(definition.uncountedKinds);
  const sent = events.filter((e) => e.type === 'send' && !uncounted.has(e.kind)).length;
  // Theory per entry (the process that entered is the episode's initiator); null when no formula applies.
  const per = sections.map((cs) => definition.predictedCost({ initiators: [cs.node], winners: [] }, algorithm.settings, nodeCount));
  const predicted = per.every((p) => p !== null) ? sum(per.map((p) => sum(Object.values(p ?? {})))) : null;
  const perEntry = (n: number): string => (n / sections.length).toFixed(1);
  return (
    <>
      <p data-testid="mutex-cost" data-sent={sent} data-predicted={predicted ?? ''}>
        {sections.length} {sections.length === 1 ? 'entry' : 'entries'}, {sent} messages: {perEntry(sent)} per entry
        {predicted !== null ? ` (theory: ${predicted}, ${perEntry(predicted)} per entry)` : ''}.
      </p>
      <table data-testid="critical-sections">
        <caption>Critical sections</caption>
        <thead>
          <tr>
            <th scope="col">process</th>
            <th scope="col">asked</th>
            <th scope="col">entered</th>
            <th scope="col">left</th>
          </tr>
        </thead>
        <tbody>
          {sections.map((cs) => (
            <tr key={`${cs.node}-${cs.enterMs}`} data-node={cs.node}>
              <td>{nameOf(cs.node)}</td>
              <td>{formatSeconds(cs.requestMs)}</td>
              <td>{formatSeconds(cs.enterMs)}</td>
              <td>{cs.exitMs === null ? 'crashed inside or still in' : formatSeconds(cs.exitMs)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}
