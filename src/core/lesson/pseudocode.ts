// Textbook pseudocode for an algorithm, and which line a node is executing, read from the
// trace: each line names the trace events that show a node running it (a note, a send of a
// kind, a delivery, a timer), so the highlight follows what the run did, not a guess.

import type { NodeId } from '../time.ts';
import type { TraceEvent } from '../trace.ts';

export interface PseudocodeLine {
  readonly id: string;
  readonly text: string;
  /** Nesting depth (0 = a handler's heading). */
  readonly indent: number;
}

export interface Pseudocode {
  readonly title: string;
  /** Where it follows (book and section). */
  readonly source: string;
  readonly lines: readonly PseudocodeLine[];
  /** The line an event shows its node executing, or null if it shows none. */
  lineOf(e: TraceEvent): string | null;
}

/** The node an event happens at (a user action at a node counts as that node's). */
export function eventNode(e: TraceEvent): NodeId | null {
  if (e.type === 'action') return 'node' in e.action ? e.action.node : null;
  return 'node' in e ? e.node : null;
}

export interface CurrentLine {
  readonly node: NodeId;
  readonly line: string;
  /** Index of the event that put it there. */
  readonly index: number;
}

/**
 * The line `node` is executing after the first `end` events: the line of its latest event
 * that maps to one. Without a node, the node that acted last. Looks back at most `window`
 * events (a node that has done nothing for that long shows none).
 */
export function currentLine(
  code: Pseudocode,
  events: readonly TraceEvent[],
  end: number,
  node: NodeId | null,
  window = 20_000,
): CurrentLine | null {
  const stop = Math.max(0, Math.min(end, events.length) - window);
  for (let i = Math.min(end, events.length) - 1; i >= stop; i--) {
    const e = events[i] as TraceEvent;
    const at = eventNode(e);
    if (at === null || (node !== null && at !== node)) continue;
    if (e.type === 'crash' && node !== null) return null; // a crashed node executes nothing
    const line = code.lineOf(e);
    if (line !== null) return { node: at, line, index: i };
  }
  return null;
}
