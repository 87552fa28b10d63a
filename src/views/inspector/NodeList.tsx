// Where every node ended up: alive or crashed, its role, whom it believes leads, and how
// far its clock is from true time. Each card carries the test ids of ARCHITECTURE.md §5.

import type { CSSProperties } from 'react';
import type { NodeId, NodeOutcome } from '../../core/index.ts';
import { formatCount } from '../stage/format.ts';

export interface NodeListProps {
  nodes: readonly NodeOutcome[];
  nameOf: (id: NodeId) => string;
  /** When given, each card gets a crash (alive) or recover (crashed) button. */
  onCrash?: (id: NodeId) => void;
  onRecover?: (id: NodeId) => void;
}

export function formatOffset(offsetMs: number): string {
  if (offsetMs === 0) return '±0 ms';
  return `${offsetMs > 0 ? '+' : '−'}${formatCount(Math.abs(offsetMs))} ms`;
}

/** Cards are as narrow as the longest name allows, so ten "P1"s fit in a row and "Time server :8011" does not wrap. */
function cardMinWidth(nodes: readonly NodeOutcome[]): string {
  const longest = Math.max(0, ...nodes.map((n) => n.name.length));
  return `${Math.min(14, Math.max(8, 4.5 + 0.55 * longest)).toFixed(1)}rem`;
}

export function NodeList({ nodes, nameOf, onCrash, onRecover }: NodeListProps) {
  return (
    <section className="panel nodes-panel" aria-labelledby="nodes-heading">
      <h2 id="nodes-heading">Nodes</h2>
      <ul className="node-list" style={{ '--card-min': cardMinWidth(nodes) } as CSSProperties}>
        {nodes.map((node) => {
          // A crashed node is nobody's leader: a node still following one has not noticed yet.
          const leaderDown = node.leader !== null && nodes.some((n) => n.id === node.leader && n.status !== 'alive');
          const leader =
            node.leader === null
              ? 'none'
              : node.leader === node.id
                ? 'itself'
                : leaderDown
                  ? `none (${nameOf(node.leader)} is down)`
                  : nameOf(node.leader);
          return (
            <li
              key={node.id}
              className={`node-card role-${node.role}`}
              data-testid={`node-${node.id}`}
              data-status={node.status}
              data-role={node.role}
              data-offset-ms={node.offsetMs}
              aria-label={`${node.name}: ${node.role}, leader ${leader}, clock offset ${formatOffset(node.offsetMs)}`}
            >
              <span className="node-name">{node.name}</span>
              <span className="node-role">{node.role}</span>
              <dl className="node-facts">
                <dt>Leader</dt>
                <dd>{node.status === 'crashed' ? '—' : leader}</dd>
                <dt>Offset</dt>
                <dd className="offset">{formatOffset(node.offsetMs)}</dd>
              </dl>
              {node.status === 'alive' && onCrash && (
                <button
                  type="button"
                  className="node-action"
                  data-testid={`node-${node.id}-crash`}
                  aria-label={`Crash ${node.name}`}
                  onClick={() => onCrash(node.id)}
                >
                  Crash
                </button>
              )}
              {node.status === 'crashed' && onRecover && (
                <button
                  type="button"
                  className="node-action"
                  data-testid={`node-${node.id}-recover`}
                  aria-label={`Recover ${node.name}`}
                  onClick={() => onRecover(node.id)}
                >
                  Recover
                </button>
              )}
            </li>
          );
        })}
      </ul>
    </section>
  );
}
