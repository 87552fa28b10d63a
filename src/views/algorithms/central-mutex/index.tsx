// The central coordinator's panels: the critical section and the coordinator's queue, each
// entry against theory, and its message kinds' looks.

import type { MutexRound } from '../../../core/index.ts';
import { OKABE_ITO } from '../../stage/okabe-ito.ts';
import type { AlgorithmViews } from '../definition.ts';
import { MutexMetrics } from '../shared/MutexMetrics.tsx';
import { MutexPanel } from '../shared/MutexPanel.tsx';

export const views: AlgorithmViews<MutexRound> = {
  id: 'central-mutex',
  RoundPanel: MutexPanel,
  MetricsPart: MutexMetrics,
  kinds: {
    REQUEST: { colour: OKABE_ITO.skyBlue, mark: 'RQ' },
    GRANT: { colour: OKABE_ITO.green },
    RELEASE: { colour: OKABE_ITO.orange, mark: 'L' },
  },
};
