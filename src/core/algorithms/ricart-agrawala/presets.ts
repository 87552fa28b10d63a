// `ricart-agrawala`: five processes, no coordinator. P2, P4 and P3 ask within 60 ms of each
// other: each REQUEST carries a Lamport timestamp, the earliest (timestamp, id) goes first and
// the others defer their replies to it. Then P5 crashes, and P1's request waits for P5's reply
// until P5 comes back and answers P1's repeated REQUEST: every process is a point of failure.

import { threeAskOneCrashes } from '../mutex-common/presets.ts';
import { ricartAgrawalaDefaults } from './settings.ts';

export const ricartAgrawalaPreset = threeAskOneCrashes({
  id: 'ricart-agrawala',
  title: 'Mutual exclusion: Ricart–Agrawala',
  summary:
    'P2, P4 and P3 ask at nearly the same time; the earliest Lamport timestamp enters first and the others defer their replies (2(n−1) = 8 messages per entry). P5 crashes, and P1 waits for its reply until it recovers.',
  algorithm: { id: 'ricart-agrawala', settings: ricartAgrawalaDefaults() },
  ask: [2, 4, 3],
  gapMs: 30,
  then: [
    { at: 3500, type: 'crash', node: 5 },
    { at: 3800, type: 'request', node: 1 },
    { at: 6000, type: 'recover', node: 5 },
  ],
  durationMs: 12_000,
});
