// Each client's latest Cristian sync, as the lab printed it but live: T0, Ts, T1, the RTT,
// the new clock, the error against the server and true time, and its bound.

import type { CristianRound } from '../../../core/index.ts';
import { formatSeconds, formatMs } from '../../stage/format.ts';
import type { NameOf } from '../definition.ts';

export function CristianPanel({ round, nameOf }: { round: CristianRound; nameOf: NameOf }) {
  const syncs = Object.values(round);
  if (syncs.length === 0) return <p className="hint">Waiting for the first sync…</p>;
  return (
    <div className="syncs">
      {syncs.map((s) => {
        const within = s.within;
        return (
          <div
            key={s.client}
            className="sync"
            data-testid={`sync-${s.client}`}
            data-error-ms={s.errorMs.toFixed(3)}
            data-bound-ms={s.boundMs.toFixed(3)}
            data-within={within}
          >
            <p className="round-headline">
              <strong>{nameOf(s.client)}</strong> sync {s.round}: {within ? '✓ within bound' : '✗ outside bound'}
            </p>
            <dl className="facts">
              <dt>T0 / Ts / T1</dt>
              <dd>
                {formatSeconds(s.t0)} / {formatSeconds(s.ts)} / {formatSeconds(s.t1)}
              </dd>
              <dt>RTT</dt>
              <dd>{formatMs(s.rttMs)}</dd>
              <dt>Clock</dt>
              <dd>
                {formatSeconds(s.beforeMs)} → {formatSeconds(s.afterMs)}
              </dd>
              <dt>Error</dt>
              <dd>
                {formatMs(s.errorMs)} vs server, {formatMs(s.trueErrorMs)} vs true time; bound ±{formatMs(s.boundMs)}
                {Math.abs(s.boundMs - s.knownBoundMs) >= 0.05 && ` (RTT/2 − min ±${formatMs(s.knownBoundMs)} with drift)`}
              </dd>
            </dl>
          </div>
        );
      })}
    </div>
  );
}
