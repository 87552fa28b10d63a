// Cristian's panels: each client's latest sync, and its message kinds' looks.

import type { CristianRound } from '../../../core/index.ts';
import { OKABE_ITO } from '../../stage/okabe-ito.ts';
import type { AlgorithmViews } from '../definition.ts';
import { CristianPanel } from './CristianPanel.tsx';

export const views: AlgorithmViews<CristianRound> = {
  id: 'cristian',
  RoundPanel: CristianPanel,
  kinds: {
    REQUEST: { colour: OKABE_ITO.skyBlue, mark: 'RQ', shape: 'triangle' },
    REPLY: { colour: OKABE_ITO.blue, mark: 'RP', shape: 'circle' },
  },
};
