// The latest election, as the lab printed it but live: who started it, the ring's list, the
// traffic by kind, the winner. Bully's and Ring's round panel.

import type { ElectionRound } from '../../../core/index.ts';
import { formatSeconds } from '../../stage/format.ts';
import type { NameOf } from '../definition.ts';

export function ElectionPanel({ round, nameOf }: { round: ElectionRound | null; nameOf: NameOf }) {
  if (!round) return <p className="hint">No election yet. Crash the coordinator and make a node notice.</p>;
  // Acknowledgements are counted apart, as the metrics and ARCHITECTURE.md §4 count them.
  const acks = round.messages['ACK'] ?? 0;
  const total = Object.values(round.messages).reduce((a, b) => a + b, 0) - acks;
  return (
    <div data-testid="election-summary" data-winner={round.winner ?? ''}>
      <p className="round-headline">
        {round.winner !== null ? (
          <>
            <strong>{nameOf(round.winner)}</strong> elected at {formatSeconds(round.electedAt ?? 0)}
          </>
        ) : (
          <>Election in progress…</>
        )}
      </p>
      <dl className="facts">
        <dt>Started by</dt>
        <dd>{round.starters.map(nameOf).join(', ') || '—'}</dd>
        <dt>Started at</dt>
        <dd>{formatSeconds(round.startedAt)}</dd>
        {round.ringIds && (
          <>
            <dt>Ring list</dt>
            <dd>[{round.ringIds.join(', ')}]</dd>
          </>
        )}
        <dt>Messages</dt>
        <dd data-testid="election-messages">
          {Object.entries(round.messages)
            .filter(([k]) => k !== 'ACK')
            .map(([k, n]) => `${k} ${n}`)
            .join(' · ')}{' '}
          (total {total}
          {acks > 0 && `, plus ${acks} ACK`})
        </dd>
      </dl>
    </div>
  );
}
