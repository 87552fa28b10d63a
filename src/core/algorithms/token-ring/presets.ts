// `token-ring`: five processes on a ring, P1 starts with the token. P2, P4 and P3 ask within
// 60 ms of each other and enter in the token's order round the ring, not in the order they
// asked. Then P3 crashes: the token is lost at it (held, or passed to it while it is down).
// A process that has not held it for a full circulation claims a new generation; the claim
// skips P3, comes back past a majority, waits its fence and becomes the new token, going round
// P1, P2, P4, P5; P5 and P1, who asked meanwhile, enter. P3 recovers, waits out its quiet,
// asks its predecessor to let it back into the ring (JOIN), and enters.

import { threeAskOneCrashes } from '../mutex-common/presets.ts';
import { tokenRingDefaults } from './settings.ts';

export const tokenRingPreset = threeAskOneCrashes({
  id: 'token-ring',
  title: 'Mutual exclusion: a token ring',
  summary:
    'The token goes round P1…P5; P2, P4 and P3 ask at once and enter as it reaches them (0 to 5 messages each). P3 crashes and the token is lost with it: after a full circulation without it a claim goes round, skips P3 and makes generation 2.',
  algorithm: { id: 'token-ring', settings: tokenRingDefaults(5) },
  ask: [2, 4, 3],
  gapMs: 30,
  then: [
    { at: 4000, type: 'crash', node: 3 },
    { at: 4500, type: 'request', node: 5 },
    { at: 4600, type: 'request', node: 1 },
    { at: 10_000, type: 'recover', node: 3 },
    { at: 22_500, type: 'request', node: 3 },
  ],
  durationMs: 27_000,
});
