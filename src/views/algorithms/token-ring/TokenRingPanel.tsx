// The critical section and the token: who is inside and who waits (the shared mutex panel),
// then where the token is (held, or in flight to whom), the ring it goes round and how often
// it was regenerated.

import type { MutexRound, NodeId } from '../../../core/index.ts';
import type { NameOf } from '../definition.ts';
import { MutexPanel } from '../shared/MutexPanel.tsx';

/** The token ring's round (core/algorithms/token-ring/tokens.ts): the mutex round and the token's way. */
export type TokenRound = MutexRound & { readonly to: NodeId | null; readonly ring: readonly NodeId[]; readonly regenerations: number };

export function TokenRingPanel({ round, nameOf }: { round: TokenRound; nameOf: NameOf }) {
  const at = round.token?.at ?? null;
  const where = at !== null ? `held by ${nameOf(at)}` : round.to !== null ? `in flight to ${nameOf(round.to)}` : 'lost (or not yet seen)';
  return (
    <>
      <MutexPanel round={round} nameOf={nameOf} />
      <dl
        className="facts"
        data-testid="token-where"
        data-at={at ?? ''}
        data-to={round.to ?? ''}
        data-generation={round.token?.generation ?? ''}
      >
        <dt>Token now</dt>
        <dd>{where}</dd>
        <dt>Ring</dt>
        <dd data-testid="token-ring-members">{round.ring.length > 0 ? round.ring.map(nameOf).join(' → ') : 'not yet seen'}</dd>
        <dt>Regenerated</dt>
        <dd data-testid="token-regenerations">{round.regenerations === 0 ? 'never' : `${round.regenerations}×`}</dd>
      </dl>
    </>
  );
}
