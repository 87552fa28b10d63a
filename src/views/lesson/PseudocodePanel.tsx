// The running algorithm's textbook pseudocode, with the line the selected node (or, with none
// selected, the node that acted last) is executing marked as the current step. The line is
// read from the trace up to the moment shown (time travel included), never guessed.

import { algorithmFor, currentLine } from '../../core/index.ts';
import { useLab, useLabStoreApi } from '../../store/context.tsx';
import { selectAlgorithm, selectCursor, selectNameOf, selectSelected, selectTraceVersion } from '../../store/selectors.ts';
import './lesson.css';

export function PseudocodePanel() {
  const store = useLabStoreApi();
  const algorithm = useLab(selectAlgorithm);
  const selected = useLab(selectSelected);
  const cursor = useLab(selectCursor);
  const nameOf = useLab(selectNameOf);
  // Re-read the trace as it is folded: up to what the page has folded (an imported trace is folded a slice at a time).
  const folded = useLab(selectTraceVersion);
  const code = algorithm === null ? undefined : algorithmFor(algorithm)?.pseudocode;
  if (!code) return null;
  const runner = store.getState().runner;
  const events = runner?.trace() ?? [];
  // A long run keeps its recent events only: the cursor and what is folded count from the run's start.
  const start = runner?.traceStart?.() ?? 0;
  const end = Math.max(0, (cursor ? cursor.index : Math.min(folded, start + events.length)) - start);
  const at = currentLine(code, events, end, selected);
  return (
    <section className="panel pseudocode" data-testid="pseudocode" aria-labelledby="pseudocode-heading">
      <h2 id="pseudocode-heading">{code.title}</h2>
      <p className="pseudocode-who" aria-live="off">
        {at
          ? `${nameOf(at.node)} is here${selected === null ? ' (acted last; click a node to follow it)' : ''}`
          : selected !== null
            ? `${nameOf(selected)} is idle`
            : 'Nothing has run yet'}
      </p>
      <ol className="pseudocode-lines">
        {code.lines.map((line) => (
          <li
            key={line.id}
            data-line={line.id}
            style={{ paddingLeft: `${line.indent * 1.2}em` }}
            aria-current={at?.line === line.id ? 'step' : undefined}
          >
            <code>{line.text}</code>
          </li>
        ))}
      </ol>
      <p className="pseudocode-source">{code.source}</p>
    </section>
  );
}
