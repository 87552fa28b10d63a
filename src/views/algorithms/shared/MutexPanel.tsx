// The critical section as it stands: who is inside, who waits (in order of asking), the
// coordinator's grant and queue, the replies each process defers, where the token is; and
// how many entries there have been.

import type { MutexRound } from '../../../core/index.ts';
import type { NameOf } from '../definition.ts';

export function MutexPanel({ round, nameOf }: { round: MutexRound; nameOf: NameOf }) {
  const list = (ids: readonly number[]): string => (ids.length > 0 ? ids.map(nameOf).join(', ') : 'none');
  const deferred = Object.entries(round.deferred ?? {}).filter(([, owed]) => owed.length > 0);
  return (
    <div data-testid="mutex-summary" data-entries={round.entries} data-inside={round.inside.join(' ')}>
      <p className="round-headline">
        {round.inside.length > 0 ? (
          <>
            <strong>{list(round.inside)}</strong> in the critical section
          </>
        ) : (
          <>Nobody in the critical section</>
        )}
      </p>
      <dl className="facts">
        <dt>Waiting</dt>
        <dd data-testid="mutex-waiting">{list(round.waiting)}</dd>
        {round.queue && (
          <>
            <dt>Coordinator's grant</dt>
            <dd data-testid="mutex-holder">{round.queue.holder === null ? 'free' : `held by ${nameOf(round.queue.holder)}`}</dd>
            <dt>Coordinator's queue</dt>
            <dd data-testid="mutex-queue">[{round.queue.queued.map(nameOf).join(', ')}]</dd>
          </>
        )}
        {round.deferred && (
          <>
            <dt>Deferred replies</dt>
            <dd data-testid="mutex-deferred">
              {deferred.length > 0 ? deferred.map(([node, owed]) => `${nameOf(Number(node))} owes ${list(owed)}`).join('; ') : 'none'}
            </dd>
          </>
        )}
        {round.token && (
          <>
            <dt>Token</dt>
            <dd data-testid="mutex-token">
              {round.token.at === null ? 'travelling or lost' : `at ${nameOf(round.token.at)}`} (generation {round.token.generation})
            </dd>
          </>
        )}
        <dt>Entries</dt>
        <dd data-testid="mutex-entries">{round.entries}</dd>
      </dl>
    </div>
  );
}
