// NTP's panels: each node's latest sync (θ, δ, the clock filter, the bound), its metrics
// against 2 × samples per poll, and its message kinds' looks.

import { OKABE_ITO } from '../../stage/okabe-ito.ts';
import type { AlgorithmViews } from '../definition.ts';
import { NtpMetrics } from './NtpMetrics.tsx';
import { NtpPanel } from './NtpPanel.tsx';
import type { NtpRound } from './types.ts';

export const views: AlgorithmViews<NtpRound> = {
  id: 'ntp',
  RoundPanel: NtpPanel,
  MetricsPart: NtpMetrics,
  kinds: {
    REQUEST: { colour: OKABE_ITO.skyBlue, mark: 'RQ', shape: 'triangle' },
    RESPONSE: { colour: OKABE_ITO.vermillion, mark: 'RS', shape: 'diamond' },
  },
};
