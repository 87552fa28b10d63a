// Berkeley's panels: the master's latest cycle, and its message kinds' looks.

import type { BerkeleyCycle } from '../../../core/index.ts';
import { OKABE_ITO } from '../../stage/okabe-ito.ts';
import type { AlgorithmViews } from '../definition.ts';
import { BerkeleyPanel } from './BerkeleyPanel.tsx';

export const views: AlgorithmViews<BerkeleyCycle | null> = {
  id: 'berkeley',
  RoundPanel: BerkeleyPanel,
  kinds: {
    POLL: { colour: OKABE_ITO.skyBlue, shape: 'triangle' },
    TIME: { colour: OKABE_ITO.blue, shape: 'circle' },
    ADJUST: { colour: OKABE_ITO.orange, shape: 'diamond' },
  },
};
