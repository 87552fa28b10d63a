// Berkeley's algorithm in textbook pseudocode (Gusella & Zatti 1989; Tanenbaum & van Steen
// ch. 6; Coulouris §14.3.3), each line tied to the trace events that show a node running it.

import type { Pseudocode } from '../../lesson/pseudocode.ts';

export const berkeleyPseudocode: Pseudocode = {
  title: "Berkeley's algorithm",
  source: 'Gusella & Zatti 1989; Tanenbaum & van Steen ch. 6; Coulouris §14.3.3',
  lines: [
    { id: 'cycle', text: 'master, every period:', indent: 0 },
    { id: 'poll', text: 'T0 := clock(); send POLL to every slave', indent: 1 },
    { id: 'on-poll', text: 'slave on POLL:', indent: 0 },
    { id: 'time', text: 'send TIME(Tn := clock()) to the master', indent: 1 },
    { id: 'on-time', text: 'master on TIME(Tn) from n:', indent: 0 },
    { id: 'offset', text: 'T1 := clock(); offset[n] := Tn + (T1 − T0)/2 − T1', indent: 1 },
    { id: 'average', text: 'when all replied (or at the timeout): avg := fault-tolerant average of offsets, own 0 included', indent: 1 },
    { id: 'send-adjust', text: 'for each slave n: send ADJUST(avg − offset[n])', indent: 2 },
    { id: 'own-adjust', text: 'clock := clock + avg (slew or step)', indent: 2 },
    { id: 'on-adjust', text: 'slave on ADJUST(δ): clock := clock + δ (slew or step)', indent: 0 },
  ],
  lineOf(e) {
    switch (e.type) {
      case 'timer':
        if (e.key === 'cycle') return 'poll';
        if (e.key === 'poll-timeout') return 'average';
        return null;
      case 'send':
        if (e.kind === 'POLL') return 'poll';
        if (e.kind === 'TIME') return 'time';
        if (e.kind === 'ADJUST') return 'send-adjust';
        return null;
      case 'deliver':
        if (e.kind === 'POLL') return 'on-poll';
        if (e.kind === 'TIME') return 'offset';
        if (e.kind === 'ADJUST') return 'on-adjust';
        return null;
      case 'note':
        if (e.topic === 'berkeley-cycle') return 'average';
        if (e.topic === 'berkeley-adjust') return e.node === Number(e.data?.['master']) ? 'own-adjust' : 'on-adjust';
        return null;
      default:
        return null;
    }
  },
};
