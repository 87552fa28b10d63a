// The running algorithm's latest round, live: its title comes from the core's definition,
// its body from the algorithm's own panel (an election, a Berkeley cycle, Cristian syncs...).

import { algorithmFor } from '../../core/index.ts';
import { useLab } from '../../store/context.tsx';
import { selectAlgorithm, selectNameOf, selectRound } from '../../store/selectors.ts';
import { viewsFor } from '../algorithms/registry.ts';

export function RoundPanel() {
  const algorithm = useLab(selectAlgorithm);
  const round = useLab(selectRound);
  const nameOf = useLab(selectNameOf);
  if (algorithm === null) return null;
  const { RoundPanel: Body } = viewsFor(algorithm);
  return (
    <section className="panel round-panel" aria-labelledby="round-heading">
      <h2 id="round-heading">{algorithmFor(algorithm).roundTitle}</h2>
      <Body round={round} nameOf={nameOf} />
    </section>
  );
}
