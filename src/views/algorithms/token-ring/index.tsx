// The token ring's panels: the critical section and where the token is, each entry's wait in
// token hops against 0 to n, and its message kinds' looks (the token a star, so it stands
// out on the ring; claims as elections; acknowledgements small and grey).

import { OKABE_ITO } from '../../stage/okabe-ito.ts';
import type { AlgorithmViews } from '../definition.ts';
import { TokenRingMetrics } from './TokenRingMetrics.tsx';
import { type TokenRound, TokenRingPanel } from './TokenRingPanel.tsx';

export const views: AlgorithmViews<TokenRound> = {
  id: 'token-ring',
  RoundPanel: TokenRingPanel,
  MetricsPart: TokenRingMetrics,
  kinds: {
    TOKEN: { colour: OKABE_ITO.vermillion, mark: 'T', shape: 'star' },
    CLAIM: { colour: OKABE_ITO.skyBlue, mark: 'CL', shape: 'triangle' },
    ACK: { colour: OKABE_ITO.grey, shape: 'circle' },
    JOIN: { colour: OKABE_ITO.green, mark: 'J', shape: 'diamond' },
  },
};
