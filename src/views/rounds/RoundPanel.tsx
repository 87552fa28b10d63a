// The latest election round, Berkeley cycle or Cristian syncs, as the lab printed them but
// live: who started and the traffic by kind; each reading, the ignored ones, the average and
// each adjustment; T0, Ts, T1, RTT, the new clock, the error and its bound.

import type { NodeId } from '../../core/time.ts';
import { useLab } from '../../store/context.tsx';
import { selectAlgorithm, selectBerkeley, selectCristian, selectElection, selectNodes } from '../../store/selectors.ts';
import type { BerkeleyCycle, CristianSyncView, ElectionRound } from '../../store/trace-view.ts';
import { formatClock, formatMs } from '../stage/format.ts';

type NameOf = (id: NodeId) => string;

function useNameOf(): NameOf {
  const nodes = useLab(selectNodes);
  return (id) => nodes?.[id]?.name ?? `node ${id}`;
}

function Election({ round, nameOf }: { round: ElectionRound | null; nameOf: NameOf }) {
  if (!round) return <p className="hint">No election yet. Crash the coordinator and make a node notice.</p>;
  const total = Object.values(round.messages).reduce((a, b) => a + b, 0);
  return (
    <div data-testid="election-summary" data-winner={round.winner ?? ''}>
      <p className="round-headline">
        {round.winner !== null ? (
          <>
            <strong>{nameOf(round.winner)}</strong> elected at {formatClock(round.electedAt ?? 0)}
          </>
        ) : (
          <>Election in progress…</>
        )}
      </p>
      <dl className="facts">
        <dt>Started by</dt>
        <dd>{round.starters.map(nameOf).join(', ') || '—'}</dd>
        <dt>Started at</dt>
        <dd>{formatClock(round.startedAt)}</dd>
        {round.ringIds && (
          <>
            <dt>Ring list</dt>
            <dd>[{round.ringIds.join(', ')}]</dd>
          </>
        )}
        <dt>Messages</dt>
        <dd data-testid="election-messages">
          {Object.entries(round.messages)
            .map(([k, n]) => `${k} ${n}`)
            .join(' · ')}{' '}
          (total {total})
        </dd>
      </dl>
    </div>
  );
}

function Berkeley({ cycle, nameOf }: { cycle: BerkeleyCycle | null; nameOf: NameOf }) {
  if (!cycle) return <p className="hint">Waiting for the master's first cycle…</p>;
  return (
    <div data-testid="berkeley-summary" data-cycle={cycle.cycle} data-spread-before-ms={Math.round(cycle.spreadBeforeMs)}>
      <p className="round-headline">
        Cycle {cycle.cycle} at {formatClock(cycle.t)}: average {formatMs(cycle.averageMs)}
      </p>
      <table className="readings">
        <thead>
          <tr>
            <th scope="col">Node</th>
            <th scope="col">Offset read</th>
            <th scope="col">Adjust</th>
          </tr>
        </thead>
        <tbody>
          {cycle.readings.map((r) => (
            <tr key={r.node} className={r.ignored ? 'ignored' : undefined}>
              <th scope="row">{nameOf(r.node)}</th>
              <td>
                {/* Only the reading is struck out: an ignored node still gets the correction. */}
                <span className="reading">{formatMs(r.offsetMs)}</span>
                {r.ignored ? ' (ignored)' : ''}
              </td>
              <td>{r.adjustmentMs === null ? '—' : formatMs(r.adjustmentMs)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <p className="fineprint">
        Spread before {formatMs(cycle.spreadBeforeMs)}; threshold {formatMs(cycle.thresholdMs)}; {cycle.mode}
        {cycle.missing.length > 0 ? `; no reply from ${cycle.missing.map(nameOf).join(', ')}` : ''}
      </p>
    </div>
  );
}

function Cristian({ syncs, nameOf }: { syncs: readonly CristianSyncView[]; nameOf: NameOf }) {
  if (syncs.length === 0) return <p className="hint">Waiting for the first sync…</p>;
  return (
    <div className="syncs">
      {syncs.map((s) => {
        const within = Math.abs(s.errorVsServerMs) <= s.boundMs + s.slackMs;
        return (
          <div
            key={s.client}
            className="sync"
            data-testid={`sync-${s.client}`}
            data-error-ms={s.errorVsServerMs.toFixed(3)}
            data-bound-ms={(s.boundMs + s.slackMs).toFixed(3)}
            data-within={within}
          >
            <p className="round-headline">
              <strong>{nameOf(s.client)}</strong> sync {s.round}: {within ? '✓ within bound' : '✗ outside bound'}
            </p>
            <dl className="facts">
              <dt>T0 / Ts / T1</dt>
              <dd>
                {formatClock(s.t0)} / {formatClock(s.ts)} / {formatClock(s.t1)}
              </dd>
              <dt>RTT</dt>
              <dd>{formatMs(s.rttMs)}</dd>
              <dt>Clock</dt>
              <dd>
                {formatClock(s.beforeMs)} → {formatClock(s.afterMs)}
              </dd>
              <dt>Error</dt>
              <dd>
                {formatMs(s.errorVsServerMs)} vs server, {formatMs(s.errorVsTrueMs)} vs true time; bound ±{formatMs(s.boundMs)}
              </dd>
            </dl>
          </div>
        );
      })}
    </div>
  );
}

export function RoundPanel() {
  const algorithm = useLab(selectAlgorithm);
  const election = useLab(selectElection);
  const berkeley = useLab(selectBerkeley);
  const cristian = useLab(selectCristian);
  const nameOf = useNameOf();
  const title = algorithm === 'berkeley' ? 'Berkeley cycle' : algorithm === 'cristian' ? 'Cristian syncs' : 'Election round';
  return (
    <section className="panel round-panel" aria-labelledby="round-heading">
      <h2 id="round-heading">{title}</h2>
      {algorithm === 'berkeley' && <Berkeley cycle={berkeley} nameOf={nameOf} />}
      {algorithm === 'cristian' && <Cristian syncs={Object.values(cristian ?? {})} nameOf={nameOf} />}
      {(algorithm === 'bully' || algorithm === 'ring') && <Election round={election} nameOf={nameOf} />}
    </section>
  );
}
