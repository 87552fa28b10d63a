// NTP against theory: messages per poll beside the definition's 2 × samples, and the last syncs
// with θ, δ, the bound and the true errors (the same judged syncs as the rounds panel and the CLI).

import { algorithmFor, type AlgorithmId, ClockReplay, type TraceEvent } from '../../../core/index.ts';
import { formatSeconds } from '../../stage/format.ts';
import type { MetricsPartProps } from '../definition.ts';
import type { NtpRound } from './types.ts';

const ROWS = 8;
const ms = (v: number): string => `${v < 0 ? '−' : '+'}${Math.abs(v).toFixed(1)}`;

interface Folded {
  algorithm: string;
  /** How many events are folded, and the last of them (a new array that starts with the same events continues the fold). */
  count: number;
  last: TraceEvent | undefined;
  replay: ClockReplay;
  round: NtpRound;
  polls: number;
  sent: number;
}

/** The last fold, continued as the trace grows: the panel re-renders every frame of a live run. */
let cache: Folded | null = null;

function fold(events: readonly TraceEvent[], algorithm: AlgorithmId): Folded {
  const definition = algorithmFor(algorithm);
  const reusable =
    cache !== null && cache.algorithm === algorithm && cache.count <= events.length && events[cache.count - 1] === cache.last;
  const f: Folded =
    reusable && cache !== null
      ? cache
      : { algorithm, count: 0, last: undefined, replay: new ClockReplay(), round: definition.round.initial as NtpRound, polls: 0, sent: 0 };
  for (let i = f.count; i < events.length; i++) {
    const e = events[i] as TraceEvent;
    f.replay.apply(e);
    f.round = definition.round.apply(f.round, e, (n) => f.replay.clock(n)) as NtpRound;
    if (e.type === 'timer' && e.key === 'poll') f.polls++;
    if (e.type === 'send') f.sent++;
  }
  f.count = events.length;
  f.last = events[events.length - 1];
  cache = f;
  return f;
}

export function NtpMetrics({ events, algorithm, nodeCount, nameOf }: MetricsPartProps) {
  const definition = algorithmFor(algorithm.id);
  const { round, polls, sent } = fold(events, algorithm.id);
  if (polls === 0) return null;
  const per = definition.predictedCost({ initiators: [], winners: [] }, algorithm.settings, nodeCount);
  const predicted = per === null ? null : Object.values(per).reduce((a, b) => a + b, 0);
  const worst = round.history.reduce((w, s) => Math.max(w, Math.abs(s.errorMs) / s.boundMs), 0);
  return (
    <>
      <p data-testid="ntp-cost" data-sent={sent} data-polls={polls} data-predicted={predicted ?? ''}>
        {polls} polls, {sent} messages: {(sent / polls).toFixed(1)} per poll
        {predicted !== null && ` (theory: ${predicted}, a REQUEST and a RESPONSE per sample)`}.
        {round.history.length > 0 && ` Worst error used ${(100 * worst).toFixed(0)}% of its bound.`}
      </p>
      {round.history.length > 0 && (
        <table data-testid="ntp-syncs">
          <caption>NTP syncs (last {Math.min(ROWS, round.history.length)})</caption>
          <thead>
            <tr>
              <th scope="col">node</th>
              <th scope="col">at</th>
              <th scope="col">θ ms</th>
              <th scope="col">δ ms</th>
              <th scope="col">error ms</th>
              <th scope="col">bound ±ms</th>
              <th scope="col">vs true ms</th>
            </tr>
          </thead>
          <tbody>
            {round.history.slice(-ROWS).map((s) => (
              <tr key={`${s.client}-${s.t}`} data-node={s.client} data-within={s.within}>
                <td>{nameOf(s.client)}</td>
                <td>{formatSeconds(s.t)}</td>
                <td>{ms(s.offsetMs)}</td>
                <td>{s.delayMs.toFixed(1)}</td>
                <td>{ms(s.errorMs)}</td>
                <td>{s.boundMs.toFixed(1)}</td>
                <td>{ms(s.trueErrorMs)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </>
  );
}
