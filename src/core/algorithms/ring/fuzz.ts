// How the first fuzzer (src/fuzz/cases.ts) runs Ring, its list variant as `ring` and
// Chang–Roberts as `chang-roberts`: 3 to 9 processes, heartbeats on or off, notices among the
// faults; three election timeouts to settle; an announcement may take the ring round 4 times.

import type { FaultCaseSpec } from '../definition.ts';
import { judgeElection, LAN_MAX_ONE_WAY_MS, noticeWithoutHeartbeats } from '../election-fuzz.ts';
import type { RingSettings } from './machine.ts';
import { ringSettings } from './settings.ts';

export const ringFaultCases: FaultCaseSpec<RingSettings> = {
  names: ['ring', 'chang-roberts'],
  minNodes: 3,
  maxNodes: 9,
  verbs: ['notice'],
  drawsClocks: false,
  recoverAtHeal: false,
  settings: (c) =>
    ringSettings(c.nodes, c.nodes, { heartbeat: c.heartbeat, variant: c.algorithm === 'chang-roberts' ? 'chang-roberts' : 'list' }),
  settleMs: (settings) => 3 * settings.electionTimeoutMs + 4000,
  closing: (c, { landed, settleMs }) => noticeWithoutHeartbeats(c, landed + settleMs / 3),
  judge: (run, settings) => judgeElection(run, 4 * run.c.nodes * (LAN_MAX_ONE_WAY_MS + settings.ackTimeoutMs)),
};
