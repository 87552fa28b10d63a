// Token ring mutual exclusion in textbook pseudocode (Tanenbaum & van Steen §6.3; Coulouris
// §15.2), with the lost token's detection and regeneration this machine adds (a claim round
// backed by a majority), each line tied to the trace events that show a process running it.

import type { Pseudocode } from '../../lesson/pseudocode.ts';

export const tokenRingPseudocode: Pseudocode = {
  title: 'Token ring (process p)',
  source: 'Tanenbaum & van Steen §6.3; Coulouris §15.2; the lost token’s regeneration is this lab’s (machine.ts)',
  lines: [
    { id: 'request', text: 'to enter: want := true; wait for the TOKEN', indent: 0 },
    { id: 'on-token', text: 'on TOKEN(gen) from predecessor:', indent: 0 },
    { id: 'refuse', text: 'if it is older than the newest held here, or a claim I back: discard it', indent: 1 },
    { id: 'enter', text: 'if want: enter the critical section', indent: 1 },
    { id: 'keep', text: 'else keep it a moment', indent: 1 },
    { id: 'exit', text: 'on leaving: want := false', indent: 0 },
    { id: 'pass', text: 'send TOKEN to successor', indent: 1 },
    { id: 'lost', text: 'on no TOKEN for a full circulation:', indent: 0 },
    { id: 'claim', text: 'send CLAIM(gen + 1, p) round the ring, skipping who does not ACK', indent: 1 },
    { id: 'on-claim', text: 'on CLAIM(g, q): send ACK', indent: 0 },
    { id: 'join', text: 'if I hold the TOKEN: the claim ends, and q joins the ring', indent: 1 },
    { id: 'forward', text: 'else pass it on: beaten if I know newer; backed if I back no other', indent: 1 },
    { id: 'back', text: 'on my CLAIM back: if beaten or not backed by a majority, WITHDRAW it and retry later', indent: 0 },
    { id: 'fence', text: 'else, if someone did not back it: wait a hop per such process', indent: 1 },
    { id: 'regenerate', text: 'make TOKEN(g) going round everyone it found awake', indent: 1 },
    { id: 'recover', text: 'on recovery: take no TOKEN for a while, then send JOIN to predecessor', indent: 0 },
    { id: 'on-join', text: 'on JOIN from q: q joins the ring when the TOKEN is next here', indent: 0 },
  ],
  lineOf(e) {
    switch (e.type) {
      case 'boot':
        return e.recovered ? 'recover' : null;
      case 'deliver':
        if (e.kind === 'TOKEN') return 'on-token';
        if (e.kind === 'CLAIM') return 'on-claim';
        if (e.kind === 'JOIN') return 'on-join';
        return null;
      case 'send':
        if (e.kind === 'TOKEN') return 'pass';
        if (e.kind === 'CLAIM') return (e.msg as { id?: unknown }).id === e.node ? 'claim' : 'forward';
        return null;
      case 'note':
        switch (e.topic) {
          case 'cs-request':
            return 'request';
          case 'cs-enter':
            return 'enter';
          case 'cs-exit':
            return 'exit';
          case 'token':
            return e.data?.['at'] === e.node ? 'keep' : null;
          case 'token-discarded':
            return 'refuse';
          case 'token-lost':
            return 'lost';
          case 'token-join':
            return 'join';
          case 'token-rejoin':
            return 'recover';
          case 'token-fence':
            return 'fence';
          case 'token-regenerated':
            return 'regenerate';
          case 'claim-skip':
            return 'claim';
          case 'claim-failed':
            return 'back';
          default:
            return null;
        }
      default:
        return null;
    }
  },
};
