// What the mutex algorithms' pseudocode tests share: a run's events each map to a real line
// or to none, and which lines the run reached.

import type { Pseudocode } from '../../lesson/pseudocode.ts';
import { eventNode } from '../../lesson/pseudocode.ts';
import type { TraceEvent } from '../../trace.ts';

/** The lines a run reached; throws if an event maps to a line the code does not have, or to no node. */
export function linesReached(code: Pseudocode, events: readonly TraceEvent[]): Set<string> {
  const ids = new Set(code.lines.map((l) => l.id));
  const reached = new Set<string>();
  for (const e of events) {
    const line = code.lineOf(e);
    if (line === null) continue;
    if (!ids.has(line)) throw new Error(`event ${e.seq} maps to unknown line ${line}`);
    if (eventNode(e) === null) throw new Error(`event ${e.seq} maps to ${line} but happens at no node`);
    reached.add(line);
  }
  return reached;
}
