// The readable trace: one line per event, in order. A scrollable, focusable region so a
// keyboard user can scroll it too.

import { formatCount } from '../stage/format.ts';

export function EventLog({ lines }: { lines: readonly string[] }) {
  return (
    <section className="panel log-panel" aria-labelledby="log-heading">
      <h2 id="log-heading">
        Event log <span className="count">({formatCount(lines.length)} events)</span>
      </h2>
      <ol className="event-log" data-testid="event-log" aria-labelledby="log-heading" tabIndex={0}>
        {lines.map((line, i) => (
          <li key={i}>{line}</li>
        ))}
      </ol>
    </section>
  );
}
