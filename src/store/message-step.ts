// The sentence the teaching step ("next message") says about the one message event it
// showed: who sent what to whom, with the message's contents where they matter, and when it
// arrives; or who received it; or why it was dropped.

import { describeEvent, formatSeconds, type NodeId, type TraceEvent } from '../core/index.ts';
import { messageContents } from './message-contents.ts';

export function describeMessageStep(e: TraceEvent, nameOf: (id: NodeId) => string): string {
  switch (e.type) {
    case 'send': {
      const contents = messageContents(e.msg, nameOf);
      const what = contents ? `${e.kind} ${contents}` : e.kind;
      return `${formatSeconds(e.t)}  ${nameOf(e.node)} sends ${what} to ${nameOf(e.to)}; it arrives in ${(e.arrive - e.t).toFixed(1)} ms`;
    }
    case 'deliver':
      return `${formatSeconds(e.t)}  ${nameOf(e.node)} receives ${e.kind} from ${nameOf(e.from)}`;
    default:
      return describeEvent(e, nameOf);
  }
}
