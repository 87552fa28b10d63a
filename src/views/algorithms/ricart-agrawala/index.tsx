// Ricart–Agrawala's panels: the critical section and the replies each process defers, each
// entry against 2(n−1), and its message kinds' looks (as Cristian's REQUEST and REPLY).

import type { MutexRound } from '../../../core/index.ts';
import { OKABE_ITO } from '../../stage/okabe-ito.ts';
import type { AlgorithmViews } from '../definition.ts';
import { MutexMetrics } from '../shared/MutexMetrics.tsx';
import { MutexPanel } from '../shared/MutexPanel.tsx';

export const views: AlgorithmViews<MutexRound> = {
  id: 'ricart-agrawala',
  RoundPanel: MutexPanel,
  MetricsPart: MutexMetrics,
  kinds: { REQUEST: { colour: OKABE_ITO.skyBlue, mark: 'RQ' }, REPLY: { colour: OKABE_ITO.blue, mark: 'RP' } },
};
