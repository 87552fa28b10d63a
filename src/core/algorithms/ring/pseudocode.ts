// The Ring election in textbook pseudocode (Tanenbaum & van Steen §6.4.1; Chang & Roberts 1979
// as the variant), each line tied to the trace events that show a process running it.

import type { Pseudocode } from '../../lesson/pseudocode.ts';
import { msgIds } from '../../lesson/read.ts';

export const ringPseudocode: Pseudocode = {
  title: 'Ring election (process p)',
  source: 'Tanenbaum & van Steen §6.4.1; Chang & Roberts 1979',
  lines: [
    { id: 'notice', text: 'on noticing the coordinator is gone:', indent: 0 },
    { id: 'start', text: 'send ELECTION[p] to successor', indent: 1 },
    { id: 'on-election', text: 'on ELECTION[list] from predecessor:', indent: 0 },
    { id: 'ack', text: 'send ACK to predecessor', indent: 1 },
    { id: 'complete', text: 'if p in list: coordinator := max(list)', indent: 1 },
    { id: 'announce', text: 'send COORDINATOR(coordinator) to successor', indent: 2 },
    { id: 'forward', text: 'else send ELECTION[list + p] to successor', indent: 1 },
    { id: 'skip', text: 'on no ACK from successor s in time: send to the one after s', indent: 0 },
    { id: 'on-coordinator', text: 'on COORDINATOR(c): coordinator := c', indent: 0 },
    { id: 'pass', text: 'pass it on unless it has been all the way round', indent: 1 },
    { id: 'heartbeat', text: 'coordinator, every period: send HEARTBEAT to all', indent: 0 },
  ],
  lineOf(e) {
    switch (e.type) {
      case 'action':
        return e.action.type === 'notice' ? 'notice' : null;
      case 'boot':
        return e.recovered ? 'notice' : null;
      case 'timer':
        return e.key === 'heartbeat-watch' ? 'notice' : null;
      case 'note':
        if (e.topic === 'election-start') return 'start';
        if (e.topic === 'ring-complete') return 'complete';
        if (e.topic === 'ring-skip') return 'skip';
        return null;
      case 'send':
        if (e.kind === 'ELECTION') return msgIds(e.msg, 'ids').length === 1 && msgIds(e.msg, 'ids')[0] === e.node ? 'start' : 'forward';
        if (e.kind === 'ACK') return 'ack';
        if (e.kind === 'COORDINATOR' || e.kind === 'ELECTED') {
          const visited = msgIds(e.msg, 'visited');
          return visited.length === 1 && visited[0] === e.node ? 'announce' : 'pass';
        }
        if (e.kind === 'HEARTBEAT') return 'heartbeat';
        return null;
      case 'deliver':
        if (e.kind === 'ELECTION') return 'on-election';
        if (e.kind === 'COORDINATOR' || e.kind === 'ELECTED') return 'on-coordinator';
        return null;
      default:
        return null;
    }
  },
};
