// Ring's panels: the election round (with the ring's list), and its message kinds' looks.

import { OKABE_ITO } from '../../stage/okabe-ito.ts';
import type { AlgorithmViews } from '../definition.ts';
import { ElectionPanel } from '../shared/ElectionPanel.tsx';
import { COORDINATOR, ELECTION, HEARTBEAT } from '../shared/election-kinds.ts';
import type { ElectionRound } from '../../../core/index.ts';

export const views: AlgorithmViews<ElectionRound | null> = {
  id: 'ring',
  RoundPanel: ElectionPanel,
  kinds: {
    ELECTION,
    COORDINATOR,
    ELECTED: { colour: OKABE_ITO.vermillion, mark: 'W', shape: 'star' },
    ACK: { colour: OKABE_ITO.grey, shape: 'circle' },
    HEARTBEAT,
  },
};
