// The round panel of an algorithm whose folder has no panels of its own: its latest round as JSON.

import type { AlgorithmViews } from '../definition.ts';

export const fallbackViews: AlgorithmViews = {
  id: '',
  RoundPanel: ({ round }) =>
    round === null || round === undefined ? (
      <p className="hint">Nothing yet.</p>
    ) : (
      <pre className="fineprint">{JSON.stringify(round, null, 1)}</pre>
    ),
  kinds: {},
};
