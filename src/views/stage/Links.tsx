// The links between nodes, faint, drawn while there are few enough to read: the ring's
// edges for a ring algorithm (its definition says), every pair otherwise; a link the user changed is drawn whatever the count.
// Links a partition or the user cut are dashed and red; slow ones thicker and orange, lossy
// ones dotted. Each link has a wide invisible hit line: clicking it opens the link panel.
// A ring's links carry an arrowhead halfway along, pointing from each process to its
// successor: the way its messages go round.
// The links are one stop in the Tab order: the arrow keys move between them (roving focus)
// and Enter or Space opens the focused one's panel, so a link can be cut without a mouse.

import { type KeyboardEvent, memo, useRef, useState } from 'react';
import { algorithmFor, type AlgorithmId, type LinkSettings, type NodeId } from '../../core/index.ts';
import { useLab, useLabStoreApi } from '../../store/context.tsx';
import { selectLinks, selectNameOf, selectPartition, selectScenario, selectSelectedLink } from '../../store/selectors.ts';
import { linkKey } from '../../store/trace-view.ts';
import type { Point, StageLayout } from './layout.ts';

const PAIR_LIMIT = 16;

export type LinkLook = 'plain' | 'cut' | 'slow' | 'lossy' | 'slow lossy';

/** How the link between a and b looks, from the patches on its two directions and the default latency. */
export function linkLook(
  links: Readonly<Record<string, Partial<LinkSettings>>> | undefined,
  a: NodeId,
  b: NodeId,
  defaultLatencyMs: number,
): LinkLook {
  const ab = links?.[linkKey(a, b)];
  const ba = links?.[linkKey(b, a)];
  if (ab?.up === false || ba?.up === false) return 'cut';
  const slow = [ab, ba].some((p) => p?.latencyMs !== undefined && p.latencyMs > defaultLatencyMs);
  const lossy = [ab, ba].some((p) => p?.loss !== undefined && p.loss > 0);
  return slow && lossy ? 'slow lossy' : slow ? 'slow' : lossy ? 'lossy' : 'plain';
}

/**
 * Where along the link from p to q its arrowhead goes (0 at p, 1 at q): halfway between the
 * bottom of the upper node's text and the top of the lower node's, so no text covers it.
 */
export function arrowAt(p: Point, q: Point, layout: Pick<StageLayout, 'above' | 'below'>): number {
  const dy = q.y - p.y;
  if (Math.abs(dy) < 1) return 0.5;
  const [upper, lower] = dy > 0 ? [p, q] : [q, p];
  const clear = (upper.y + layout.below + lower.y - layout.above) / 2;
  return Math.min(0.75, Math.max(0.25, (clear - p.y) / dy));
}

export const Links = memo(function Links({
  order,
  layout,
  algorithm,
}: {
  order: readonly NodeId[];
  layout: StageLayout;
  algorithm: AlgorithmId | null;
}) {
  const store = useLabStoreApi();
  const partition = useLab(selectPartition);
  const links = useLab(selectLinks);
  const scenario = useLab(selectScenario);
  const selectedLink = useLab(selectSelectedLink);
  const defaultLatency = scenario?.network.defaults.latencyMs ?? 20;
  const nameOf = useLab(selectNameOf);
  const groupOf = new Map<NodeId, number>();
  partition?.forEach((g, i) => g.forEach((id) => groupOf.set(id, i)));
  const parted = (a: NodeId, b: NodeId): boolean => partition !== null && groupOf.get(a) !== groupOf.get(b);

  const pairs: [NodeId, NodeId][] = [];
  const seen = new Set<string>();
  const add = (x: NodeId, y: NodeId): void => {
    const [a, b] = x < y ? [x, y] : [y, x];
    const key = `${a}-${b}`;
    if (a === b || seen.has(key)) return;
    seen.add(key);
    pairs.push([a, b]);
  };
  const ring = algorithm !== null && algorithmFor(algorithm).topology === 'ring';
  if (ring) {
    order.forEach((id, i) => add(id, order[(i + 1) % order.length] as NodeId));
  } else if (order.length <= PAIR_LIMIT) {
    for (let i = 0; i < order.length; i++) for (let j = i + 1; j < order.length; j++) add(order[i] as NodeId, order[j] as NodeId);
  }
  for (const key of Object.keys(links ?? {})) {
    const [from, to] = key.split('>').map(Number) as [NodeId, NodeId];
    if (layout.positions.has(from) && layout.positions.has(to)) add(from, to);
  }
  // Hooks stay above the early return below.
  const [active, setActive] = useState(0);
  const hits = useRef<(SVGLineElement | null)[]>([]);
  if (pairs.length === 0) return null;
  const current = Math.min(active, pairs.length - 1);
  const arrow = layout.presenter ? 13 : 18;

  const onKeyDown = (event: KeyboardEvent<SVGLineElement>, i: number, a: NodeId, b: NodeId): void => {
    const move = (to: number): void => {
      const next = (to + pairs.length) % pairs.length;
      setActive(next);
      hits.current[next]?.focus();
    };
    switch (event.key) {
      case 'Enter':
      case ' ':
        store.getState().selectLink({ a, b });
        break;
      case 'ArrowRight':
      case 'ArrowDown':
        move(i + 1);
        break;
      case 'ArrowLeft':
      case 'ArrowUp':
        move(i - 1);
        break;
      case 'Home':
        move(0);
        break;
      case 'End':
        move(pairs.length - 1);
        break;
      default:
        return;
    }
    // These keys are the links' while one has focus (Space and → are otherwise play and step).
    event.preventDefault();
    event.stopPropagation();
  };

  return (
    <g className={ring ? 'links ring' : 'links mesh'} role="group" aria-label="Links: arrow keys move between them, Enter opens one">
      {pairs.map(([a, b], i) => {
        const p = layout.positions.get(a);
        const q = layout.positions.get(b);
        if (!p || !q) return null;
        const look = parted(a, b) ? 'cut' : linkLook(links, a, b, defaultLatency);
        const chosen =
          selectedLink !== null && Math.min(selectedLink.a, selectedLink.b) === a && Math.max(selectedLink.a, selectedLink.b) === b;
        const label = `Link ${nameOf(a)} – ${nameOf(b)}${look === 'plain' ? '' : ` (${look})`}`;
        return (
          <g key={`${a}-${b}`} className={`link-pair look-${look.replace(' ', '-')}${chosen ? ' chosen' : ''}`} data-look={look}>
            <line className={`link ${look}`} x1={p.x} y1={p.y} x2={q.x} y2={q.y} aria-hidden="true" />
            <line
              className="link-hit"
              data-testid={`link-${a}-${b}`}
              x1={p.x}
              y1={p.y}
              x2={q.x}
              y2={q.y}
              role="button"
              tabIndex={i === current ? 0 : -1}
              aria-label={label}
              ref={(el) => {
                hits.current[i] = el;
              }}
              onFocus={() => setActive(i)}
              onKeyDown={(event) => onKeyDown(event, i, a, b)}
              onClick={() => store.getState().selectLink({ a, b })}
            >
              <title>{label}</title>
            </line>
          </g>
        );
      })}
      {ring &&
        order.length >= 3 &&
        order.map((id, i) => {
          const p = layout.positions.get(id);
          const q = layout.positions.get(order[(i + 1) % order.length] as NodeId);
          if (!p || !q) return null;
          const f = arrowAt(p, q, layout);
          const angle = (Math.atan2(q.y - p.y, q.x - p.x) * 180) / Math.PI;
          const mid = `translate(${(p.x + (q.x - p.x) * f).toFixed(1)} ${(p.y + (q.y - p.y) * f).toFixed(1)}) rotate(${angle.toFixed(1)})`;
          return (
            <path
              key={`arrow-${id}`}
              className="ring-arrow"
              data-testid="ring-arrow"
              transform={mid}
              d={`M${arrow},0 L${-arrow * 0.7},${-arrow * 0.8} L${-arrow * 0.3},0 L${-arrow * 0.7},${arrow * 0.8} Z`}
              aria-hidden="true"
            />
          );
        })}
    </g>
  );
});
