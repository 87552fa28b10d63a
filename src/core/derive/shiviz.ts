// Export to ShiViz (Beschastnikh et al.), which draws space-time diagrams from logs with
// vector timestamps. Each event is two lines: a description, then the host and its vector
// clock as JSON keyed by host name. The file starts as ShiViz's "Choose file" upload wants it:
// the parser regular expression on the first line, the (empty: one run) delimiter for several
// executions on the second, then the log. Pasting works too: the header matches no entry.

import { emptyCounts } from '../counts.ts';
import { describeEvent } from '../describe-event.ts';
import type { TraceEvent } from '../trace.ts';
import type { NodeId } from '../time.ts';
import { VectorStamper, vectorClocks } from './vector-clocks.ts';

/** The parser regular expression to give ShiViz (named groups: event, host, clock). */
export const SHIVIZ_REGEX = '(?<event>.*)\\n(?<host>\\S*) (?<clock>{.*})';

/** Host names must be single tokens: spaces and anything unusual become underscores. */
export const shivizHost = (name: string): string => name.replace(/[^A-Za-z0-9_.:-]/g, '_') || '_';

export function toShiviz(events: readonly TraceEvent[], nameOf: (id: NodeId) => string): string {
  const lines: string[] = [];
  for (const { event, node, clock } of vectorClocks(events)) {
    const vector = emptyCounts();
    for (const [id, count] of Object.entries(clock)) vector[shivizHost(nameOf(Number(id)))] = count;
    lines.push(describeEvent(event, nameOf).replace(/\s+/g, ' ').trim(), `${shivizHost(nameOf(node))} ${JSON.stringify(vector)}`);
  }
  return [SHIVIZ_REGEX, '', ...lines].join('\n');
}

/**
 * The same file in pieces, from the events in batches (a long run's export, re-simulated as
 * it is written): the pieces join to exactly what toShiviz returns for all the events.
 */
export function* shivizParts(batches: Iterable<readonly TraceEvent[]>, nameOf: (id: NodeId) => string): Generator<string> {
  yield `${SHIVIZ_REGEX}\n`;
  const stamper = new VectorStamper();
  for (const batch of batches) {
    const lines: string[] = [];
    for (const e of batch) {
      const stamped = stamper.stamp(e);
      if (!stamped) continue;
      const vector = emptyCounts();
      for (const [id, count] of Object.entries(stamped.clock)) vector[shivizHost(nameOf(Number(id)))] = count;
      lines.push(describeEvent(e, nameOf).replace(/\s+/g, ' ').trim(), `${shivizHost(nameOf(stamped.node))} ${JSON.stringify(vector)}`);
    }
    if (lines.length > 0) yield `\n${lines.join('\n')}`;
  }
}
