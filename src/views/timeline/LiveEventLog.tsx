// The live event log: the latest trace events as sentences, newest first, filterable by
// node and by kind (a message kind, or an event type such as role or adjust). While playing it
// moves on ten times a second (selectShownLog): nobody reads hundreds of lines a second.

import { useMemo } from 'react';
import { useLab, useLabStoreApi } from '../../store/context.tsx';
import { logicalLabel, useLogical } from '../../store/logical-view.ts';
import { selectKinds, selectLogFilter, selectNodeOrder, selectNodes, selectRunIndex, selectShownLog } from '../../store/selectors.ts';

const EVENT_TYPES = ['role', 'note', 'adjust', 'crash', 'boot', 'action', 'timer'];

export function LiveEventLog() {
  const store = useLabStoreApi();
  const log = useLab(selectShownLog);
  const filter = useLab(selectLogFilter);
  const order = useLab(selectNodeOrder);
  const nodes = useLab(selectNodes);
  const kinds = useLab(selectKinds);
  const lines = useMemo(
    () =>
      log
        .filter((l) => (filter.node === null || l.nodes.includes(filter.node)) && (filter.kind === null || l.kind === filter.kind))
        .reverse(),
    [log, filter],
  );
  // Each line's logical time (issue 11): an event's never changes, so it is read once per line list.
  const mode = useLogical((s) => s.mode);
  const index = useLab(selectRunIndex);
  const stamps = useMemo(
    () => (index && mode !== 'off' ? lines.map((l) => logicalLabel(index.logical, index.logical.indexOfSeq(l.seq), mode)) : null),
    [lines, index, mode],
  );
  return (
    <section className="panel log-panel" aria-labelledby="live-log-heading">
      <h2 id="live-log-heading">Event log</h2>
      <div className="log-filters">
        <label>
          Node
          <select
            data-testid="log-filter-node"
            value={filter.node ?? ''}
            onChange={(e) => store.getState().setLogFilter({ node: e.target.value === '' ? null : Number(e.target.value) })}
          >
            <option value="">all</option>
            {order.map((id) => (
              <option key={id} value={id}>
                {nodes?.[id]?.name ?? id}
              </option>
            ))}
          </select>
        </label>
        <label>
          Kind
          <select
            data-testid="log-filter-kind"
            value={filter.kind ?? ''}
            onChange={(e) => store.getState().setLogFilter({ kind: e.target.value === '' ? null : e.target.value })}
          >
            <option value="">all</option>
            {[...(kinds ?? []), ...EVENT_TYPES].map((k) => (
              <option key={k} value={k}>
                {k}
              </option>
            ))}
          </select>
        </label>
      </div>
      <ol className="live-log" data-testid="event-log" aria-label="Event log, newest first" tabIndex={0}>
        {lines.map((l, i) => {
          const stamp = stamps?.[i];
          return (
            <li key={l.seq}>
              {stamp && <span className="log-logical">{stamp} </span>}
              {l.text}
            </li>
          );
        })}
      </ol>
    </section>
  );
}
