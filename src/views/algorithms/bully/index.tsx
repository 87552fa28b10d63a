// Bully's panels: the election round, and its message kinds' looks.

import { OKABE_ITO } from '../../stage/okabe-ito.ts';
import type { AlgorithmViews } from '../definition.ts';
import { ElectionPanel } from '../shared/ElectionPanel.tsx';
import { COORDINATOR, ELECTION, HEARTBEAT } from '../shared/election-kinds.ts';
import type { ElectionRound } from '../../../core/index.ts';

export const views: AlgorithmViews<ElectionRound | null> = {
  id: 'bully',
  RoundPanel: ElectionPanel,
  kinds: { ELECTION, OK: { colour: OKABE_ITO.green, shape: 'circle' }, COORDINATOR, HEARTBEAT },
};
