// The part of a message a student needs to see, in a few characters, for the label on its
// arrow, its log line and the teaching step: the ring's list of ids so far, the leader an
// announcement names, Cristian's server time Ts, a Lamport timestamp T, a Berkeley reading or adjustment. Read from
// the message's own fields (the same names across algorithms), so nothing here switches on
// an algorithm; a message with none of them (OK, ACK, HEARTBEAT...) has no contents to show.

import { formatSignedMs, type NodeId } from '../core/index.ts';

const seconds = (ms: number): string => `${(ms / 1000).toFixed(3)} s`;
const isIds = (x: unknown): x is number[] => Array.isArray(x) && x.every((i) => typeof i === 'number');

/** A short text for what the message carries, or '' when it carries nothing worth showing. */
export function messageContents(msg: unknown, nameOf: (id: NodeId) => string): string {
  if (typeof msg !== 'object' || msg === null) return '';
  const m = msg as Record<string, unknown>;
  if (isIds(m['ids'])) return `[${m['ids'].join(', ')}]`;
  if (typeof m['leader'] === 'number') return nameOf(m['leader']);
  // A Lamport timestamp (Ricart–Agrawala's REQUEST and REPLY carry their sender's life beside
  // it), not a server's clock reading in ms.
  if (typeof m['ts'] === 'number' && typeof m['life'] === 'number') return `T = ${m['ts']}`;
  if (typeof m['ts'] === 'number') return `Ts = ${seconds(m['ts'])}`;
  if (typeof m['clockMs'] === 'number') return seconds(m['clockMs']);
  if (typeof m['deltaMs'] === 'number') return formatSignedMs(m['deltaMs']);
  return '';
}
