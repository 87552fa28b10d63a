// Each NTP node's latest sync: the four timestamps, θ and δ worked out, the samples the clock
// filter chose from, and the error against the server and true time beside the bound δ/2 +
// drift allowance.

import { memo } from 'react';
import { formatMs, formatSeconds } from '../../stage/format.ts';
import type { NameOf } from '../definition.ts';
import type { NtpRound, NtpSync } from './types.ts';

const signed = (ms: number): string => `${ms < 0 ? '−' : '+'}${formatMs(Math.abs(ms))}`;

/** Memoised: the round changes with every NTP message (its fold's bookkeeping), a node's sync only when it syncs. */
const SyncCard = memo(function SyncCard({ s, nameOf }: { s: NtpSync; nameOf: NameOf }) {
  const kept = s.samples.length > 1;
  return (
    <div
      className="sync"
      data-testid={`sync-${s.client}`}
      data-offset-ms={s.offsetMs.toFixed(3)}
      data-delay-ms={s.delayMs.toFixed(3)}
      data-error-ms={s.errorMs.toFixed(3)}
      data-true-error-ms={s.trueErrorMs.toFixed(3)}
      data-bound-ms={s.boundMs.toFixed(3)}
      data-stratum={s.stratum}
      data-within={s.within}
    >
      <p className="round-headline">
        <strong>{nameOf(s.client)}</strong> (stratum {s.stratum}) poll {s.poll} to {nameOf(s.server)}:{' '}
        {s.within ? '✓ within bound' : '✗ outside bound'}
      </p>
      <dl className="facts">
        <dt>T1 / T2 / T3 / T4</dt>
        <dd>
          {formatSeconds(s.t1)} / {formatSeconds(s.t2)} / {formatSeconds(s.t3)} / {formatSeconds(s.t4)}
        </dd>
        <dt>θ offset</dt>
        <dd>((T2 − T1) + (T3 − T4))/2 = {signed(s.offsetMs)}</dd>
        <dt>δ delay</dt>
        <dd>(T4 − T1) − (T3 − T2) = {formatMs(s.delayMs)}</dd>
        {kept && (
          <>
            <dt>Samples δ</dt>
            <dd>
              {s.samples.map((x, i) => (
                <span key={x.sample}>
                  {i > 0 && ', '}
                  {x.sample === s.samples.reduce((b, y) => (y.delayMs < b.delayMs ? y : b)).sample ? (
                    <strong>{formatMs(x.delayMs)} kept</strong>
                  ) : (
                    formatMs(x.delayMs)
                  )}
                </span>
              ))}
            </dd>
          </>
        )}
        <dt>Bound</dt>
        <dd>
          δ/2 {formatMs(s.knownBoundMs)} + drift {formatMs(s.driftAllowanceMs)} = ±{formatMs(s.boundMs)}
        </dd>
        <dt>Error</dt>
        <dd>
          {signed(s.errorMs)} vs {nameOf(s.server)}, {signed(s.trueErrorMs)} vs true time
        </dd>
      </dl>
    </div>
  );
});

export function NtpPanel({ round, nameOf }: { round: NtpRound; nameOf: NameOf }) {
  const syncs = Object.values(round.latest);
  if (syncs.length === 0)
    return (
      <p className="hint">
        {round.failed > 0 ? `No sync yet: ${round.failed} poll(s) got no usable sample…` : 'Waiting for the first sync…'}
      </p>
    );
  return (
    <div className="syncs">
      {[...syncs]
        .sort((a, b) => a.stratum - b.stratum || a.client - b.client)
        .map((s) => (
          <SyncCard key={s.client} s={s} nameOf={nameOf} />
        ))}
    </div>
  );
}
