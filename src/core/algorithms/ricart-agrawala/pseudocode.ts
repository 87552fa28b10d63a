// Ricart–Agrawala in textbook pseudocode (Ricart & Agrawala 1981; Tanenbaum & van Steen
// §6.3.2; Coulouris §15.2), with the repeat this machine adds, each line tied to the trace
// events that show a process running it (machine.ts's notes, sends and timers).

import type { Pseudocode } from '../../lesson/pseudocode.ts';

export const ricartAgrawalaPseudocode: Pseudocode = {
  title: 'Ricart–Agrawala (process p)',
  source: 'Ricart & Agrawala 1981; Tanenbaum & van Steen §6.3.2; Coulouris §15.2',
  lines: [
    { id: 'request', text: 'to enter: T := clock + 1; send REQUEST(T, p) to every other process', indent: 0 },
    { id: 'retry', text: 'if some REPLY is missing after a while: send REQUEST again to those', indent: 1 },
    { id: 'on-reply', text: 'on REPLY: count it', indent: 0 },
    { id: 'enter', text: 'when all n − 1 have replied: enter the critical section', indent: 1 },
    { id: 'on-request', text: 'on REQUEST(Tq, q): clock := max(clock, Tq) + 1', indent: 0 },
    { id: 'defer', text: 'if inside, or wanting with (T, p) < (Tq, q): defer the reply to q', indent: 1 },
    { id: 'reply', text: 'else send REPLY to q', indent: 1 },
    { id: 'exit', text: 'on leaving: send REPLY to every deferred q', indent: 0 },
  ],
  lineOf(e) {
    switch (e.type) {
      case 'timer':
        return e.key === 'retry' ? 'retry' : null;
      case 'deliver':
        if (e.kind === 'REPLY') return 'on-reply';
        if (e.kind === 'REQUEST') return 'on-request';
        return null;
      case 'send':
        if (e.kind === 'REQUEST') return 'request';
        if (e.kind === 'REPLY') return 'reply';
        return null;
      case 'note':
        switch (e.topic) {
          case 'cs-request':
            return 'request';
          case 'cs-enter':
            return 'enter';
          case 'cs-exit':
            return 'exit';
          case 'mutex-deferred':
            // "Owes no reply" comes after the deferred replies are sent, on leaving.
            return Array.isArray(e.data?.['deferred']) && e.data['deferred'].length > 0 ? 'defer' : 'exit';
          default:
            return null;
        }
      default:
        return null;
    }
  },
};
