// `mutex-central`: five processes and a coordinator (P1). P2, P3 and P4 ask within 80 ms of
// each other and are served in order of arrival; P3 crashes while inside, so the coordinator
// takes its grant back when the lease runs out and serves P4, then P5 and P2's second
// request; P3 comes back and asks again.

import { threeAskOneCrashes } from '../mutex-common/presets.ts';
import { centralMutexDefaults } from './settings.ts';

export const mutexCentral = threeAskOneCrashes({
  id: 'mutex-central',
  title: 'Mutual exclusion: a central coordinator',
  summary:
    'P1 coordinates; P2, P3 and P4 ask at once and enter one at a time (REQUEST, GRANT, RELEASE: 3 messages each). P3 crashes inside; the coordinator takes its grant back when the lease runs out.',
  algorithm: { id: 'central-mutex', settings: centralMutexDefaults() },
  ask: [2, 3, 4],
  gapMs: 40,
  then: [
    { at: 2000, type: 'crash', node: 3 },
    { at: 2100, type: 'request', node: 5 },
    { at: 2300, type: 'request', node: 2 },
    { at: 6000, type: 'recover', node: 3 },
    { at: 6500, type: 'request', node: 3 },
  ],
  durationMs: 10_000,
});
